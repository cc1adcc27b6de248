/**
 * Path sampling (src/domain/paths.ts) on a flat frame: skin is the plane y = 0 with normal +Y, so
 * every shape can be checked exactly.
 */
import { describe, expect, it } from 'vitest';
import type { PathSpec } from '../../src/content/schema.ts';
import type { BodyLandmark, Vec3 } from '../../src/domain/body.ts';
import {
  bodyPathFrame,
  landmarkKeyFor,
  resamplePolyline,
  samplePath,
  sidesOf,
  tangentToward,
  type PathFrame,
  type Stroke,
} from '../../src/domain/paths.ts';
import { cross, distance, dot, sub } from '../../src/domain/vec3.ts';

const UP: Vec3 = [0, 1, 0];
const LANDMARKS: Record<string, Vec3> = {
  a: [0, 0, 0],
  b: [0.1, 0, 0],
  c: [0.1, 0, 0.1],
  d: [0, 0, 0.1],
};
for (let n = 1; n <= 5; n++) {
  LANDMARKS[`toe${n}_base`] = [n * 0.02, 0, 0.1];
  LANDMARKS[`toe${n}_tip`] = [n * 0.02, 0, 0.14];
}
const FLAT: PathFrame = { landmark: (name) => LANDMARKS[name], normalAt: () => UP };

function strokes(path: PathSpec, spacingM = 0.005): readonly Stroke[] {
  const r = samplePath(path, FLAT, { spacingM });
  if (!r.ok) throw new Error(`missing ${r.missing.join(', ')}`);
  return r.strokes;
}
const only = (s: readonly Stroke[]): readonly Vec3[] => {
  expect(s).toHaveLength(1);
  return s[0]?.points ?? [];
};
const maxGap = (points: readonly Vec3[]) =>
  Math.max(...points.slice(1).map((p, i) => distance(p, points[i] ?? p)));
/** Component-wise closeness (also treats −0 and +0 alike). */
const expectNear = (actual: Vec3 | undefined, expected: Vec3, digits = 9) =>
  expected.forEach((v, i) => expect(actual?.[i]).toBeCloseTo(v, digits));
/** Signed turn of consecutive points around `center`, seen from +Y (positive = counter-clockwise). */
const turnSign = (center: Vec3, p: Vec3, q: Vec3) => dot(cross(sub(p, center), sub(q, center)), UP);

describe('vector helpers', () => {
  it('finds a tangent toward a hint, or any tangent when the hint is parallel', () => {
    expect(tangentToward(UP, [1, 1, 0])).toEqual([1, 0, 0]);
    const t = tangentToward(UP, UP);
    expect(Math.abs(dot(t, UP))).toBeLessThan(1e-9);
    expect(Math.hypot(...t)).toBeCloseTo(1, 9);
  });

  it('resamples a polyline evenly by arc length', () => {
    const pts = resamplePolyline(
      [
        [0, 0, 0],
        [0.1, 0, 0],
        [0.1, 0, 0.1],
      ],
      0.01,
    );
    expect(pts).toHaveLength(21);
    expect(pts[10]).toEqual([0.1, 0, 0]);
    for (let i = 1; i < pts.length; i++)
      expect(distance(pts[i] ?? UP, pts[i - 1] ?? UP)).toBeCloseTo(0.01, 9);
    expect(resamplePolyline([[1, 2, 3]], 0.01)).toEqual([[1, 2, 3]]);
  });
});

describe('samplePath', () => {
  it('line: from → via → to, evenly spaced', () => {
    const pts = only(strokes({ kind: 'line', from: 'a', to: 'c', via: ['b'] }));
    expect(pts[0]).toEqual(LANDMARKS.a);
    expect(pts[pts.length - 1]).toEqual(LANDMARKS.c);
    expect(pts).toContainEqual(LANDMARKS.b);
    expect(maxGap(pts)).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it('circles: radius in mm around the centre, turns and sense as seen from outside', () => {
    const center: Vec3 = [0.1, 0, 0.1]; // landmark c
    for (const clockwise of [true, false]) {
      const pts = only(
        strokes({ kind: 'circles', center: 'c', radiusMm: 20, turns: 2, clockwise }, 0.002),
      );
      for (const p of pts) expect(distance(p, center)).toBeCloseTo(0.02, 9);
      expectNear(pts[0], pts[pts.length - 1] ?? UP);
      const signs = pts.slice(1).map((p, i) => Math.sign(turnSign(center, pts[i] ?? p, p)));
      expect(new Set(signs)).toEqual(new Set([clockwise ? -1 : 1]));
      // Total angle swept = 2 turns.
      const swept = pts.slice(1).reduce((s, p, i) => {
        const a = sub(pts[i] ?? p, center);
        const b = sub(p, center);
        return s + Math.atan2(dot(cross(a, b), UP), dot(a, b));
      }, 0);
      expect(Math.abs(swept)).toBeCloseTo(4 * Math.PI, 6);
    }
  });

  it('spiral: circles whose centre travels along[0] → along[1]', () => {
    const pts = only(
      strokes(
        { kind: 'spiral', along: ['a', 'b'], radiusMm: 10, turns: 3, clockwise: true },
        0.002,
      ),
    );
    // Start and end one radius ahead of the ends, in the travel direction.
    expectNear(pts[0], [0.01, 0, 0]);
    expectNear(pts[pts.length - 1], [0.11, 0, 0]);
    for (const p of pts) {
      expect(Math.abs(p[1])).toBeLessThan(1e-12);
      expect(Math.abs(p[2])).toBeLessThanOrEqual(0.01 + 1e-9);
    }
    // Clockwise seen from +Y: at a quarter turn the hand is on the −Z side... of the travelling centre.
    const quarter = pts[Math.round((pts.length - 1) / 12)] ?? UP;
    expect(quarter[2]).toBeGreaterThan(0.009);
  });

  it('zigzag: width in mm either side of the centre line, segment count', () => {
    const pts = only(
      strokes({ kind: 'zigzag', along: ['a', 'b'], widthMm: 20, segments: 4 }, 0.001),
    );
    const offsets = pts.map((p) => p[2]);
    expect(Math.max(...offsets)).toBeCloseTo(0.01, 3);
    expect(Math.min(...offsets)).toBeCloseTo(-0.01, 3);
    // Slopes of the lateral offset change sign at each corner (flat steps are skipped).
    const slopes = offsets
      .slice(1)
      .map((o, i) => Math.sign(o - (offsets[i] ?? 0)))
      .filter((s) => s !== 0);
    const corners = slopes.slice(1).filter((s, i) => s !== slopes[i]).length;
    expect(corners).toBe(3); // 4 straight segments meet at 3 corners
  });

  it('figure_eight: lobes reach a and b, crossing at the midpoint', () => {
    const pts = only(
      strokes({ kind: 'figure_eight', a: 'a', b: 'b', widthMm: 30, loops: 1 }, 0.001),
    );
    const xs = pts.map((p) => p[0]);
    expect(Math.min(...xs)).toBeCloseTo(0, 4);
    expect(Math.max(...xs)).toBeCloseTo(0.1, 4);
    expect(Math.max(...pts.map((p) => Math.abs(p[2])))).toBeCloseTo(0.015, 4);
    expect(pts[0]?.[0]).toBeCloseTo(0.05, 9);
    const middle = pts[Math.round((pts.length - 1) / 2)] ?? UP;
    expect(middle[0]).toBeCloseTo(0.05, 2);
    expect(middle[2]).toBeCloseTo(0, 2);
  });

  it('points: one press per landmark, in order', () => {
    const s = strokes({ kind: 'points', at: ['a', 'c', 'b'] });
    expect(s).toEqual([
      { contact: 'press', points: [LANDMARKS.a] },
      { contact: 'press', points: [LANDMARKS.c] },
      { contact: 'press', points: [LANDMARKS.b] },
    ]);
  });

  it('each_toe: presses or glides on each toe in the given order', () => {
    const bases = strokes({ kind: 'each_toe', order: 'little_to_big', segment: 'base' });
    expect(bases.map((s) => s.points[0])).toEqual(
      [5, 4, 3, 2, 1].map((n) => LANDMARKS[`toe${n}_base`]),
    );
    const tips = strokes({ kind: 'each_toe', order: 'big_to_little', segment: 'tip' });
    expect(tips.map((s) => s.points[0])).toEqual(
      [1, 2, 3, 4, 5].map((n) => LANDMARKS[`toe${n}_tip`]),
    );
    const glides = strokes({ kind: 'each_toe', order: 'big_to_little', segment: 'base_to_tip' });
    expect(glides.map((s) => s.contact)).toEqual(Array<string>(5).fill('glide'));
    expect(glides[2]?.points[0]).toEqual(LANDMARKS.toe3_base);
    expect(glides[2]?.points.at(-1)).toEqual(LANDMARKS.toe3_tip);
  });

  it('fan: a glide from the hub to each target', () => {
    const s = strokes({ kind: 'fan', from: 'a', to: ['b', 'c', 'd'] });
    expect(s).toHaveLength(3);
    for (const [i, name] of ['b', 'c', 'd'].entries()) {
      expect(s[i]?.points[0]).toEqual(LANDMARKS.a);
      expect(s[i]?.points.at(-1)).toEqual(LANDMARKS[name]);
    }
  });

  it('lists every landmark the frame cannot resolve', () => {
    expect(
      samplePath({ kind: 'line', from: 'a', to: 'nope', via: ['gone', 'nope'] }, FLAT),
    ).toEqual({ ok: false, missing: ['gone', 'nope'] });
    expect(
      samplePath({ kind: 'circles', center: 'x', radiusMm: 5, turns: 1, clockwise: true }, FLAT),
    ).toEqual({ ok: false, missing: ['x'] });
  });
});

describe('sides and landmark keys', () => {
  it('maps step sides to model sides', () => {
    expect(sidesOf('left')).toEqual(['L']);
    expect(sidesOf('right')).toEqual(['R']);
    expect(sidesOf('both')).toEqual(['L', 'R']);
    expect(sidesOf('chosen')).toEqual(['L', 'R']);
  });

  it('suffixes bilateral landmarks only', () => {
    const bilateral = (n: string) => n !== 'sacrum_center';
    expect(landmarkKeyFor('first_mtp_center', 'R', bilateral)).toBe('first_mtp_center.R');
    expect(landmarkKeyFor('sacrum_center', 'L', bilateral)).toBe('sacrum_center');
  });

  it('builds a frame over model landmarks for one side', () => {
    const lm = (key: string, position: Vec3): [string, BodyLandmark] => [
      key,
      { key, name: key.split('.')[0] ?? key, side: null, position, morphs: {} },
    ];
    const map = new Map([
      lm('heel_bottom.L', [1, 0, 0]),
      lm('heel_bottom.R', [-1, 0, 0]),
      lm('sacrum_center', [0, 1, 0]),
    ]);
    const frame = bodyPathFrame(
      map,
      'R',
      (n) => n !== 'sacrum_center',
      () => UP,
    );
    expect(frame.landmark('heel_bottom')).toEqual([-1, 0, 0]);
    expect(frame.landmark('sacrum_center')).toEqual([0, 1, 0]);
    expect(frame.landmark('toe1_tip')).toBeUndefined();
  });
});
