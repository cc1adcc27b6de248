import { describe, expect, it } from 'vitest';
import { indexZoneUsage, type UsageProtocol } from '../../src/domain/zoneUsage.ts';

const t = (en: string) => ({ en });
const protocols: UsageProtocol[] = [
  {
    id: 'p1',
    title: t('First'),
    steps: [
      {
        id: 'a',
        title: t('Circle the joint'),
        zones: ['first_mtp_joint', 'hallux'],
        source: '000_x.txt',
      },
      {
        id: 'b',
        title: t('Press the toes'),
        zones: ['hallux', 'hallux', 'toe2'],
        source: '000_x.txt',
      },
    ],
  },
  {
    id: 'p2',
    title: t('Second'),
    steps: [{ id: 'c', title: t('Rub the heel'), zones: ['heel'], source: '002_y.txt' }],
  },
];

describe('zone usage index', () => {
  const index = indexZoneUsage(protocols);

  it('lists every step that names a zone, once per step, in order', () => {
    expect(index.get('hallux')?.map((u) => `${u.protocolId}/${u.stepId}`)).toEqual([
      'p1/a',
      'p1/b',
    ]);
    expect(index.get('heel')?.[0]).toEqual({
      protocolId: 'p2',
      protocolTitle: t('Second'),
      stepId: 'c',
      stepTitle: t('Rub the heel'),
      source: '002_y.txt',
    });
  });

  it('has no entry for a zone no step names', () => {
    expect(index.has('bunion')).toBe(false);
  });
});
