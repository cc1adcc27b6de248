/**
 * Motion primitives on the real adult model: a "toes to heel" glide on the sole and circles around
 * the first MTP joint right beside the bunion, for every primitive.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import type { PathSpec } from '../../src/content/schema.ts';
import type { BodyData, Side, Vec3 } from '../../src/domain/body.ts';
import {
  MOTION_PRIMITIVES,
  planMotion,
  projectStrokes,
  sampleMotion,
  type MotionPrimitive,
  type SkinPath,
} from '../../src/domain/motion/index.ts';
import { bodyPathFrame, samplePath } from '../../src/domain/paths.ts';
import { createSkinProjector, type SkinProjector } from '../../src/domain/projectToSkin.ts';

const root = resolve(import.meta.dirname, '../..');
const AVOID = new Set(['bunion']);
const PASS_SAMPLES = 400;

/** Bilateral landmark names from the catalogue. */
function bilateralNames(): Set<string> {
  const raw: unknown = JSON.parse(readFileSync(resolve(root, 'content/landmarks.json'), 'utf8'));
  const list =
    typeof raw === 'object' && raw !== null && 'landmarks' in raw && Array.isArray(raw.landmarks)
      ? (raw.landmarks as unknown[])
      : [];
  const names = new Set<string>();
  for (const lm of list) {
    if (
      typeof lm === 'object' &&
      lm !== null &&
      'name' in lm &&
      'bilateral' in lm &&
      lm.bilateral === true &&
      typeof lm.name === 'string'
    )
      names.add(lm.name);
  }
  return names;
}

let body: BodyData;
let skin: SkinProjector;
let bilateral: Set<string>;

beforeAll(async () => {
  body = await readBodyFile(resolve(root, 'models/body-adult.glb'));
  skin = createSkinProjector(body);
  bilateral = bilateralNames();
});

function skinPathFor(spec: PathSpec, side: Side): SkinPath {
  const frame = bodyPathFrame(
    body.landmarks,
    side,
    (n) => bilateral.has(n),
    (p) => skin.normalAt(p),
  );
  const result = samplePath(spec, frame);
  if (!result.ok) throw new Error(`missing landmarks: ${result.missing.join(', ')}`);
  return projectStrokes(result.strokes, skin);
}

interface Sampled {
  readonly position: Vec3;
  readonly zone: string;
  readonly inAvoidZone: boolean;
}

function samplePass(path: SkinPath, primitive: MotionPrimitive, avoid: boolean): Sampled[] {
  const plan = planMotion(path, skin, {
    primitive,
    intensity: 'moderate',
    tempo: { word: 'moderate' },
    handPart: 'palm',
    avoidZones: avoid ? AVOID : undefined,
  });
  const out: Sampled[] = [];
  for (let i = 0; i < PASS_SAMPLES; i++) {
    const s = sampleMotion(plan, i / PASS_SAMPLES);
    out.push({ position: [...s.position], zone: s.zone, inAvoidZone: s.inAvoidZone });
  }
  return out;
}

const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Distance from a point to the nearest triangle of the model. */
function distanceToSkin(p: Vec3): number {
  const hit = skin.project(p);
  if (!hit) throw new Error('empty model');
  return hit.distance;
}

describe.each([['L'], ['R']] as const)(
  'toes to heel on the sole of the real model, side %s',
  (side) => {
    const toesToHeel: PathSpec = { kind: 'line', from: 'metatarsal_heads', to: 'heel_bottom' };

    it('has the landmarks and a sole path of a plausible length', () => {
      const path = skinPathFor(toesToHeel, side);
      expect(body.landmarks.has(`heel_bottom.${side}`)).toBe(true);
      expect(path.strokes).toHaveLength(1);
      expect(path.length).toBeGreaterThan(0.1);
      expect(path.length).toBeLessThan(0.25);
    });

    it.each(MOTION_PRIMITIVES.map((p) => [p]))(
      '%s: on the skin, toward lm:heel_bottom, never on the bunion',
      (primitive) => {
        const path = skinPathFor(toesToHeel, side);
        const heel = body.landmarks.get(`heel_bottom.${side}`)?.position;
        expect(heel).toBeDefined();
        if (!heel) return;
        const samples = samplePass(path, primitive, true);
        const worst = Math.max(...samples.map((s) => distanceToSkin(s.position)));
        expect(worst).toBeLessThan(0.001);
        const toHeel = samples.map((s) => dist(s.position, heel));
        const q = PASS_SAMPLES / 4;
        expect(mean(toHeel.slice(0, q)) - mean(toHeel.slice(3 * q))).toBeGreaterThan(
          0.5 * path.length,
        );
        expect(samples.filter((s) => s.zone === 'bunion')).toHaveLength(0);
        // The sole glide ends on the heel.
        expect(samples.some((s) => s.zone === 'heel')).toBe(true);
      },
    );
  },
);

describe('circles around the first MTP joint, beside the bunion (real model, side L)', () => {
  const ring: PathSpec = {
    kind: 'circles',
    center: 'first_mtp_dorsal',
    radiusMm: 8,
    turns: 2,
    clockwise: false,
  };

  it('is a path that itself stays off the bunion', () => {
    const path = skinPathFor(ring, 'L');
    for (const stroke of path.strokes) {
      for (let i = 0; i < stroke.count; i++) {
        const hit = skin.project([
          stroke.points[i * 3],
          stroke.points[i * 3 + 1],
          stroke.points[i * 3 + 2],
        ]);
        expect(hit?.zone).not.toBe('bunion');
      }
    }
  });

  it('would put palm-sized swings on the bunion if nothing kept them out (the test can fail)', () => {
    const path = skinPathFor(ring, 'L');
    for (const primitive of ['circles', 'kneading', 'zigzag'] as const) {
      expect(
        samplePass(path, primitive, false).some((s) => s.zone === 'bunion'),
        primitive,
      ).toBe(true);
    }
  });

  it.each(MOTION_PRIMITIVES.map((p) => [p]))(
    '%s: never lands on the bunion and stays on the skin',
    (primitive) => {
      const path = skinPathFor(ring, 'L');
      const samples = samplePass(path, primitive, true);
      expect(samples.filter((s) => s.zone === 'bunion' || s.inAvoidZone)).toHaveLength(0);
      expect(Math.max(...samples.map((s) => distanceToSkin(s.position)))).toBeLessThan(0.001);
    },
  );
});
