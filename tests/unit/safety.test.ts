import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { loadContent, type ContentData, type Protocol } from '../../src/content/index.ts';
import {
  applicableSafety,
  evaluateSafety,
  itemKey,
  listApplies,
  type ApplicableItem,
} from '../../src/domain/safety.ts';

let data: ContentData;
let avoid: ReadonlySet<string>;

beforeAll(async () => {
  const result = loadContent(await readContentFiles(resolve(import.meta.dirname, '../..')));
  expect(result.problems).toEqual([]);
  data = result.data;
  avoid = new Set([...data.zones.values()].filter((z) => z.avoid !== null).map((z) => z.id));
});

function protocol(id: string): Protocol {
  const p = data.protocols.find((l) => l.protocol.id === id)?.protocol;
  if (!p) throw new Error(`no protocol ${id}`);
  return p;
}

const keys = (items: readonly ApplicableItem[]) => items.map((e) => e.key);
const verdict = (id: string, ...ticked: string[]) =>
  evaluateSafety(protocol(id), data.contraindications, avoid, new Set(ticked));

describe('which contraindications apply', () => {
  it('takes the lists that name the protocol or that the protocol names', () => {
    const p1 = protocol('p1-hallux-valgus-adult-self');
    const applying = data.contraindications.filter((l) => listApplies(l, p1)).map((l) => l.id);
    expect(applying).toEqual(['c000-plano-valgus', 'avoid-areas']);
    // A list named only by the protocol still applies.
    const named = { id: 'clinic-own', contraindications: ['c002-acupressure'] };
    expect(data.contraindications.filter((l) => listApplies(l, named)).map((l) => l.id)).toEqual([
      'c002-acupressure',
    ]);
  });

  it('sorts the items: conditions to tick, zones always avoided, risks to keep in mind', () => {
    const s = applicableSafety(
      protocol('p1-hallux-valgus-adult-self'),
      data.contraindications,
      avoid,
    );
    expect(keys(s.checklist)).toEqual([
      'c000-plano-valgus/lower_leg_disease_flare',
      'c000-plano-valgus/systemic_fatigue',
      'c000-plano-valgus/malignant_neoplasm',
      'c000-plano-valgus/cardiovascular_problems',
      'c000-plano-valgus/varicose_veins',
      'c000-plano-valgus/unstable_blood_pressure',
      'c000-plano-valgus/weak_vessels',
      'avoid-areas/heel_open_wounds',
      'avoid-areas/legs_varicose',
    ]);
    expect(keys(s.always)).toEqual([
      'avoid-areas/bunion',
      'avoid-areas/vertebrae',
      'avoid-areas/knee',
      'avoid-areas/patella',
    ]);
    expect(s.notes).toEqual([]);
    const p4 = applicableSafety(protocol('p4-classic-lower-limb'), data.contraindications, avoid);
    expect(keys(p4.notes)).toEqual(['c002-heels/joint_ligament_damage']);
    expect(keys(p4.checklist)).toContain('c002-heels/thrombophlebitis_clot');
  });

  it('gives every protocol a checklist, with unique keys', () => {
    for (const { protocol: p } of data.protocols) {
      const s = applicableSafety(p, data.contraindications, avoid);
      expect(s.checklist.length, p.id).toBeGreaterThan(0);
      const all = keys([...s.checklist, ...s.always, ...s.notes]);
      expect(new Set(all).size, p.id).toBe(all.length);
    }
  });
});

describe('what a ticked item changes', () => {
  it('nothing ticked: nothing blocked', () => {
    const v = verdict('p2-hallux-valgus-child');
    expect(v).toMatchObject({ blockedBy: [], skip: [], avoidZones: [], warnings: [] });
    expect(v.stepBlocks.size).toBe(0);
  });

  it('a "no massage" item blocks the whole protocol, naming the item', () => {
    const v = verdict(
      'p1-hallux-valgus-adult-self',
      itemKey('c000-plano-valgus', 'malignant_neoplasm'),
    );
    expect(v.blockedBy.map((e) => e.item.plain.en)).toEqual(['Cancer.']);
    expect(v.skip).toEqual(protocol('p1-hallux-valgus-adult-self').steps.map((_, i) => i));
  });

  it('a "specialist only" item blocks a child protocol', () => {
    const v = verdict('p2-hallux-valgus-child', 'c002-children/pediatric_indication');
    expect(keys(v.blockedBy)).toEqual(['c002-children/pediatric_indication']);
    expect(v.skip).toHaveLength(protocol('p2-hallux-valgus-child').steps.length);
  });

  it('heel wounds skip exactly the steps on the heel and make the heel an avoid zone', () => {
    const v = verdict('p8-heel-spur-self', 'c002-heels/heel_wounds');
    expect(v.blockedBy).toEqual([]);
    expect(v.skip).toEqual([0, 1, 2, 4, 5, 6]);
    expect(keys(v.stepBlocks.get(2) ?? [])).toEqual(['c002-heels/heel_wounds']);
    expect(v.stepBlocks.has(3)).toBe(false);
    expect(v.avoidZones).toEqual(['heel']);
    expect(keys(v.avoidReasons.get('heel') ?? [])).toEqual(['c002-heels/heel_wounds']);
  });

  it('varicose veins skip the leg steps of the child protocol and keep the foot and back ones', () => {
    const p2 = protocol('p2-hallux-valgus-child');
    const v = verdict('p2-hallux-valgus-child', 'c000-plano-valgus/varicose_veins');
    const legs = new Set([
      'calf',
      'shin',
      'lateral_lower_leg',
      'popliteal_fossa',
      'thigh_back',
      'thigh_front',
      'thigh_inner',
      'thigh_outer',
    ]);
    expect(v.avoidZones).toEqual([...legs].sort());
    expect(v.skip).toEqual([2, 3, 8, 9, 15, 16]);
    for (const [i, step] of p2.steps.entries()) {
      expect(v.skip.includes(i), `${step.id} ${step.zones.join(',')}`).toBe(
        step.zones.some((z) => legs.has(z)),
      );
    }
  });

  it('two items on the same zones are both named as reasons', () => {
    const v = verdict(
      'p2-hallux-valgus-child',
      'c000-plano-valgus/varicose_veins',
      'avoid-areas/legs_varicose',
    );
    expect(keys(v.stepBlocks.get(2) ?? [])).toEqual([
      'c000-plano-valgus/varicose_veins',
      'avoid-areas/legs_varicose',
    ]);
    expect(v.avoidReasons.get('calf')).toHaveLength(2);
  });

  it('a technique limit skips the steps using those techniques', () => {
    const v = verdict('p4-classic-lower-limb', 'c002-pregnancy/no_vibration_energetic');
    // Step 9 taps, step 10 vibrates (1-based).
    expect(v.skip).toEqual([8, 9]);
    expect(v.avoidZones).toEqual([]);
  });

  it('a caution item warns and blocks nothing', () => {
    const v = verdict('p1-hallux-valgus-adult-self', 'c000-plano-valgus/unstable_blood_pressure');
    expect(keys(v.warnings)).toEqual(['c000-plano-valgus/unstable_blood_pressure']);
    expect(v.skip).toEqual([]);
    expect(v.blockedBy).toEqual([]);
  });

  it('ignores ticks of items that do not apply to the protocol, and always-avoided items', () => {
    const v = verdict(
      'p1-hallux-valgus-adult-self',
      'c002-acupressure/acupressure_elderly',
      'avoid-areas/bunion',
    );
    expect(v.blockedBy).toEqual([]);
    expect(v.skip).toEqual([]);
    expect(v.avoidZones).toEqual([]);
  });

  it('for every protocol and item: a protocol blocker skips all, a zone limit skips exactly its zone steps', () => {
    for (const { protocol: p } of data.protocols) {
      for (const e of applicableSafety(p, data.contraindications, avoid).checklist) {
        const v = evaluateSafety(p, data.contraindications, avoid, new Set([e.key]));
        const label = `${p.id} ${e.key}`;
        if (e.item.effect === 'no_massage' || e.item.effect === 'specialist_only') {
          expect(v.skip, label).toHaveLength(p.steps.length);
          expect(v.blockedBy, label).toEqual([e]);
        } else if (e.item.effect === 'avoid_zones') {
          const expected = p.steps.flatMap((s, i) =>
            s.zones.some((z) => e.item.zones.includes(z)) ? [i] : [],
          );
          expect(v.skip, label).toEqual(expected);
        } else if (e.item.effect === 'warn') {
          expect(v.skip, label).toEqual([]);
        }
      }
    }
  });
});
