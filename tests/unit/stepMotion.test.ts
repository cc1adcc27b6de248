import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import type { BodyData } from '../../src/domain/body.ts';
import {
  applyMorphs,
  createSkinProjector,
  type SkinProjector,
} from '../../src/domain/projectToSkin.ts';
import { buildStepMotion } from '../../src/domain/stepMotion.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AVOID = new Set(['bunion', 'knee', 'patella', 'vertebrae']);

let content: ContentData;
const bodies = new Map<string, { body: BodyData; skin: SkinProjector }>();

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
  for (const kind of ['adult', 'child'] as const) {
    const body = applyMorphs(await readBodyFile(resolve(ROOT, `models/body-${kind}.glb`)), {
      hallux_valgus: 0.5,
    });
    bodies.set(kind, { body, skin: createSkinProjector(body) });
  }
});

function motionsOf(catalogueId: string) {
  const loaded = content.protocols.find((p) => p.protocol.catalogueId === catalogueId);
  if (!loaded) throw new Error(`no protocol ${catalogueId}`);
  const { body, skin } = bodies.get(loaded.protocol.body) ?? {};
  if (!body || !skin) throw new Error('no body');
  const isBilateral = (name: string) => content.landmarks.get(name)?.bilateral ?? false;
  return loaded.protocol.steps.map((step) => {
    const result = buildStepMotion({
      step,
      side: 'L',
      body,
      skin,
      isBilateral,
      avoidZones: AVOID,
      bodyScale: loaded.protocol.body === 'child' ? 0.56 : 1,
    });
    return { step, result };
  });
}

describe('step motion on the real models', () => {
  it('plans every hands-on step of the adult hallux valgus protocol and warns of the bunion around the joint', () => {
    const steps = motionsOf('P1');
    for (const { step, result } of steps) {
      expect(result.ok, `${step.id}: ${result.ok ? '' : result.reason}`).toBe(true);
    }
    const aroundJoint = steps.filter(
      ({ step, result }) =>
        step.zones.includes('first_mtp_joint') && result.ok && result.motion !== null,
    );
    expect(aroundJoint.length).toBeGreaterThan(0);
    for (const { step, result } of aroundJoint) {
      const near = result.ok ? (result.motion?.nearAvoid ?? []) : [];
      expect(
        near.map((z) => `${z.zone}.${String(z.side)}`),
        step.id,
      ).toContain('bunion.L');
    }
    // Non-touch steps (foot bath, exercises) have no motion.
    const bath = steps.find(({ step }) => step.technique === 'preparation');
    expect(bath?.result).toEqual({ ok: true, motion: null });
  });

  it('warns of the vertebrae on the child back steps and of the knee on the child thigh steps', () => {
    const steps = motionsOf('P2');
    const zonesNear = (pred: (zones: readonly string[]) => boolean) =>
      steps
        .filter(({ step }) => pred(step.zones))
        .flatMap(({ result }) =>
          (result.ok ? (result.motion?.nearAvoid ?? []) : []).map((z) => z.zone),
        );
    expect(zonesNear((z) => z.includes('upper_back') || z.includes('lower_back'))).toContain(
      'vertebrae',
    );
    expect(zonesNear((z) => z.includes('thigh_back') || z.includes('thigh_front'))).toContain(
      'knee',
    );
  });

  it('looks at the sole from below and at the back from behind', () => {
    const p2 = motionsOf('P2');
    const back = p2.find(({ step }) => step.zones.includes('upper_back'))?.result;
    expect(back?.ok && back.motion ? back.motion.normal[2] : 0).toBeLessThan(-0.5);
    const p9 = motionsOf('P9');
    const sole = p9.find(({ step }) => step.zones.includes('sole') && step.path)?.result;
    expect(sole?.ok && sole.motion ? sole.motion.normal[1] : 0).toBeLessThan(-0.3);
  });
});

describe('avoid warning anchors', () => {
  it('pins the warning on the nearest anchor landmark of the zone part', async () => {
    const { avoidAnchor } = await import('../../src/domain/stepMotion.ts');
    const adult = bodies.get('adult')?.body;
    if (!adult) throw new Error('no body');
    const bunion = adult.landmarks.get('bunion_apex.L')?.position;
    expect(avoidAnchor({ zone: 'bunion', side: 'L' }, [0, 0, 0], adult.landmarks)).toEqual(bunion);
    const low = adult.landmarks.get('spine_low')?.position;
    const nearLow: [number, number, number] = [0, (low?.[1] ?? 0) - 0.01, (low?.[2] ?? 0) - 0.02];
    expect(avoidAnchor({ zone: 'vertebrae', side: null }, nearLow, adult.landmarks)).toEqual(low);
    expect(avoidAnchor({ zone: 'heel', side: 'L' }, [0, 0, 0], adult.landmarks)).toBeNull();
  });
});
