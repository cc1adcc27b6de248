/**
 * Trace input (src/domain/traceInput.ts): pointer hits in world space become trace points in the
 * body's frame (through the posed body's inverse matrix), strokes and spacing. One test runs the
 * whole chain on the real model: a trace taken from the step's own path, posed on the table,
 * scores high, and reversed low.
 */
import { resolve } from 'node:path';
import { Euler, Matrix4, Vector3 } from 'three';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import { AVOID_ZONES } from '../../src/content/zoneCatalogue.ts';
import type { BodyData, Vec3 } from '../../src/domain/body.ts';
import { applyPose, poseTransform } from '../../src/domain/pose.ts';
import { createSkinProjector, type SkinProjector } from '../../src/domain/projectToSkin.ts';
import { buildStepMotion } from '../../src/domain/stepMotion.ts';
import {
  invertAffine,
  MAX_TRACE_POINTS,
  stepsWithPath,
  TraceRecorder,
  transformPoint,
  type TraceHit,
} from '../../src/domain/traceInput.ts';
import { scoreTrace } from '../../src/domain/traceScore.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AVOID = AVOID_ZONES;

/** A posed body's world matrix as three.js builds it: translation, then rotation about X. */
function poseMatrix(rotationX: number, position: Vec3): number[] {
  return new Matrix4()
    .makeRotationX(rotationX)
    .setPosition(new Vector3(...position))
    .toArray();
}

function close(a: Vec3, b: Vec3, eps = 1e-9): boolean {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) < eps;
}

describe('world → body frame', () => {
  it('inverts an affine matrix the way three.js does', () => {
    const m = new Matrix4()
      .makeRotationFromEuler(new Euler(0.3, -1.1, 2.0))
      .scale(new Vector3(1.5, 0.5, 2))
      .setPosition(0.2, -3, 7);
    const mine = invertAffine(m.elements);
    expect(mine).not.toBeNull();
    const theirs = m.clone().invert().elements;
    for (const [i, v] of theirs.entries()) expect(mine?.[i]).toBeCloseTo(v, 10);
  });

  it('refuses a singular matrix', () => {
    expect(invertAffine([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toBeNull();
    expect(invertAffine([Number.NaN, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toBeNull();
  });

  it('takes a point of the prone body on the table back to where it is on the standing model', () => {
    const bounds = { min: [-0.3, 0, -0.15] as Vec3, max: [0.3, 1.75, 0.2] as Vec3 };
    const pose = poseTransform('prone', bounds);
    const model: Vec3 = [0.1, 0.4, -0.05];
    const world = applyPose(pose, model);
    const inverse = invertAffine(poseMatrix(pose.rotationX, pose.position));
    expect(inverse).not.toBeNull();
    if (!inverse) return;
    expect(close(transformPoint(inverse, world), model)).toBe(true);
  });
});

describe('TraceRecorder', () => {
  const hit = (x: number, zone = 'calf'): TraceHit => ({ point: [x, 0, 0], zone, side: 'L' });

  it('keeps points in the body frame, spaced, and marks a new stroke after the pointer leaves the body', () => {
    const r = new TraceRecorder({ minSpacing: 0.002 });
    // The body moved 1 m along +x: world x = 1 + model x.
    expect(r.begin([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1])).toBe(true);
    expect(r.add(hit(1.0))?.point).toEqual([0, 0, 0]);
    expect(r.add(hit(1.001))).toBeNull(); // closer than the spacing
    expect(r.add(hit(1.003))?.newStroke).toBe(false);
    expect(r.add(null)).toBeNull(); // off the body
    const back = r.add(hit(1.0031));
    expect(back?.newStroke).toBe(true); // a new stroke is kept even close to the last point
    const points = r.points();
    expect(points.map((p) => p.point[0])).toEqual([
      0,
      expect.closeTo(0.003, 12),
      expect.closeTo(0.0031, 12),
    ]);
    expect(points.map((p) => p.newStroke)).toEqual([false, false, true]);
    expect(points[0]?.zone).toBe('calf');
  });

  it('starts empty on each begin, adds nothing before it or with a singular matrix, and caps the length', () => {
    const r = new TraceRecorder({ minSpacing: 0, maxPoints: 3 });
    expect(r.add(hit(0))).toBeNull();
    expect(r.begin([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])).toBe(false);
    expect(r.add(hit(0))).toBeNull();
    const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    r.begin(identity);
    for (let i = 0; i < 5; i++) r.add(hit(i));
    expect(r.length).toBe(3);
    r.begin(identity);
    expect(r.length).toBe(0);
    expect(r.add({ point: [Number.NaN, 0, 0], zone: 'calf', side: null })).toBeNull();
    expect(MAX_TRACE_POINTS).toBeGreaterThan(100);
  });
});

describe('stepsWithPath', () => {
  it('lists the steps done on the body', () => {
    expect(
      stepsWithPath([
        {},
        { path: { kind: 'line' } },
        { path: undefined },
        { path: { kind: 'points' } },
      ]),
    ).toEqual([1, 3]);
  });
});

describe('a trace on the real model', () => {
  let content: ContentData;
  let body: BodyData;
  let skin: SkinProjector;
  beforeAll(async () => {
    content = loadContent(await readContentFiles(ROOT)).data;
    body = await readBodyFile(resolve(ROOT, 'models/body-adult.glb'));
    skin = createSkinProjector(body);
  });

  it('scores the stroke traced on the posed body high, and the same trace reversed low', () => {
    const loaded = content.protocols.find((p) => p.protocol.id === 'p4-classic-lower-limb');
    const step = loaded?.protocol.steps.find((s) => s.id === 'stroke-lower-leg');
    if (!step) throw new Error('no step');
    const result = buildStepMotion({
      step,
      side: 'L',
      body,
      skin,
      isBilateral: (name) => content.landmarks.get(name)?.bilateral ?? false,
      avoidZones: AVOID,
      bodyScale: 1,
    });
    if (!result.ok || !result.motion) throw new Error('no motion');
    const reference = result.motion.plan.path;

    // What the pointer gives: world points on the prone body (the path's own skin points).
    const bounds = { min: [-0.3, 0, -0.15] as Vec3, max: [0.3, 1.75, 0.2] as Vec3 };
    const pose = poseTransform('prone', bounds);
    const hits: TraceHit[] = [];
    for (const stroke of reference.strokes) {
      for (let i = 0; i < stroke.count; i++) {
        const p: Vec3 = [
          stroke.points[i * 3] ?? 0,
          stroke.points[i * 3 + 1] ?? 0,
          stroke.points[i * 3 + 2] ?? 0,
        ];
        const under = skin.project(p);
        hits.push({
          point: applyPose(pose, p),
          zone: under?.zone ?? 'body',
          side: under?.side ?? null,
        });
      }
    }
    const record = (list: readonly TraceHit[]) => {
      const r = new TraceRecorder();
      r.begin(poseMatrix(pose.rotationX, pose.position));
      for (const h of list) r.add(h);
      return r.points();
    };
    const input = { reference, stepZones: step.zones, avoidZones: AVOID, side: 'L' as const };
    const forward = scoreTrace({ ...input, trace: record(hits) });
    const reversed = scoreTrace({ ...input, trace: record([...hits].reverse()) });
    expect(forward.total).toBeGreaterThanOrEqual(90);
    expect(forward.passed).toBe(true);
    expect(forward.direction).toBeGreaterThan(0.9);
    expect(reversed.total).toBeLessThan(forward.total - 40);
    expect(reversed.feedback).toContain('reversed');
    // Without the inverse pose the points would be a metre away: nothing would score.
    const unposed = scoreTrace({
      ...input,
      trace: hits.map((h) => ({ point: h.point, zone: h.zone, side: h.side })),
    });
    expect(unposed.total).toBeLessThan(30);
  });
});
