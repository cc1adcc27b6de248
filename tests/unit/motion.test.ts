import { describe, expect, it } from 'vitest';
import { TECHNIQUES } from '../../src/content/schema.ts';
import type { BodyData, Vec3 } from '../../src/domain/body.ts';
import {
  MOTION_PRIMITIVES,
  TECHNIQUE_PRIMITIVES,
  choosePrimitive,
  createMotionSample,
  createPathTrail,
  isMotionPrimitive,
  motionParamsForStep,
  passTime,
  planMotion,
  projectStrokes,
  sampleMotion,
  sampleMotionAt,
  samplePathTrail,
  type MotionParams,
  type MotionPlan,
  type MotionPrimitive,
  type MotionSample,
} from '../../src/domain/motion/index.ts';
import type { Stroke } from '../../src/domain/paths.ts';
import { createSkinProjector } from '../../src/domain/projectToSkin.ts';

// ---------------------------------------------------------------------------------------------
// A synthetic skin: a capsule lying along Z (a foot-sized "limb": toes at +Z, heel at −Z) with an
// avoid patch ("bunion") on its upper outer side, built as BodyData so the real projector
// (three-mesh-bvh closest point) runs on it.
// ---------------------------------------------------------------------------------------------

const R = 0.03; // radius
const H = 0.08; // half length of the straight part
const AROUND = 72;
const BUNION_CENTER: Vec3 = [R * Math.sin(Math.PI / 3), R * Math.cos(Math.PI / 3), 0];
const BUNION_RADIUS = 0.012;

/** Exact distance from p to the capsule's surface (independent of the mesh and the BVH). */
function capsuleDistance(p: Vec3): number {
  const z = Math.min(Math.max(p[2], -H), H);
  return Math.abs(Math.hypot(p[0], p[1], p[2] - z) - R);
}

function buildCapsule(): BodyData {
  const rings: [z: number, r: number][] = [];
  const capSteps = 10;
  for (let j = 1; j <= capSteps; j++) {
    const phi = -Math.PI / 2 + (j * Math.PI) / 2 / capSteps;
    rings.push([-H + R * Math.sin(phi), R * Math.cos(phi)]);
  }
  const bodySteps = 48;
  for (let j = 1; j <= bodySteps; j++) rings.push([-H + (2 * H * j) / bodySteps, R]);
  for (let j = 1; j < capSteps; j++) {
    const phi = (j * Math.PI) / 2 / capSteps;
    rings.push([H + R * Math.sin(phi), R * Math.cos(phi)]);
  }
  const positions: number[] = [0, 0, -H - R];
  for (const [z, r] of rings) {
    for (let k = 0; k < AROUND; k++) {
      const th = (2 * Math.PI * k) / AROUND;
      positions.push(r * Math.cos(th), r * Math.sin(th), z);
    }
  }
  const top = positions.length / 3;
  positions.push(0, 0, H + R);
  const ring = (i: number, k: number) => 1 + i * AROUND + (k % AROUND);
  const tris: number[] = [];
  for (let k = 0; k < AROUND; k++) tris.push(0, ring(0, k), ring(0, k + 1));
  for (let i = 0; i + 1 < rings.length; i++) {
    for (let k = 0; k < AROUND; k++) {
      tris.push(
        ring(i, k),
        ring(i, k + 1),
        ring(i + 1, k + 1),
        ring(i, k),
        ring(i + 1, k + 1),
        ring(i + 1, k),
      );
    }
  }
  const last = rings.length - 1;
  for (let k = 0; k < AROUND; k++) tris.push(ring(last, k), top, ring(last, k + 1));

  // Outward winding everywhere (flip any triangle whose normal points at the axis).
  const at = (i: number): Vec3 => [
    positions[i * 3] ?? 0,
    positions[i * 3 + 1] ?? 0,
    positions[i * 3 + 2] ?? 0,
  ];
  const triangleParts: number[] = [];
  for (let t = 0; t < tris.length / 3; t++) {
    const [a, b, c] = [at(tris[t * 3] ?? 0), at(tris[t * 3 + 1] ?? 0), at(tris[t * 3 + 2] ?? 0)];
    const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    const v = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
    const n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    const centroid: Vec3 = [
      (a[0] + b[0] + c[0]) / 3,
      (a[1] + b[1] + c[1]) / 3,
      (a[2] + b[2] + c[2]) / 3,
    ];
    const zc = Math.min(Math.max(centroid[2], -H), H);
    const out = [centroid[0], centroid[1], centroid[2] - zc];
    if (n[0] * out[0] + n[1] * out[1] + n[2] * out[2] < 0) {
      const tmp = tris[t * 3 + 1];
      tris[t * 3 + 1] = tris[t * 3 + 2];
      tris[t * 3 + 2] = tmp;
    }
    triangleParts.push(dist(centroid, BUNION_CENTER) < BUNION_RADIUS ? 1 : 0);
  }
  return {
    positions: Float32Array.from(positions),
    indices: Uint32Array.from(tris),
    triangleParts: Uint16Array.from(triangleParts),
    parts: [
      { node: 'sole.L', zone: 'sole', side: 'L' },
      { node: 'bunion.L', zone: 'bunion', side: 'L' },
    ],
    landmarks: new Map(),
    morphDeltas: {},
  };
}

function dist(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

const body = buildCapsule();
const skin = createSkinProjector(body);

/** A point on the capsule's straight part at angle `deg` from the top (+Y) toward +X. */
function onTop(deg: number, z: number): Vec3 {
  const a = (deg * Math.PI) / 180;
  return [R * Math.sin(a), R * Math.cos(a), z];
}

// "Toes to heel": a glide from the +Z end to the −Z end, 20° off the top, beside the bunion patch
// (its edge is ≈ 9 mm away over the skin).
const TOE: Vec3 = onTop(20, 0.075);
const HEEL: Vec3 = onTop(20, -0.075);
const toesToHeel: Stroke[] = [{ contact: 'glide', points: [TOE, HEEL] }];
const skinPath = projectStrokes(toesToHeel, skin);
const AVOID = new Set(['bunion']);

/** Samples of one pass at n evenly spaced times. */
function samplePass(plan: MotionPlan, n = 600): MotionSample[] {
  const out: MotionSample[] = [];
  for (let i = 0; i < n; i++) {
    const s = sampleMotion(plan, i / n);
    out.push({ ...s, position: [...s.position], normal: [...s.normal], tangent: [...s.tangent] });
  }
  return out;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function params(primitive: MotionPrimitive, extra: Partial<MotionParams> = {}): MotionParams {
  return {
    primitive,
    intensity: 'moderate',
    tempo: { word: 'moderate' },
    handPart: 'palm',
    ...extra,
  };
}

/** Primitives that swing off the path far enough (palm-sized) to reach the patch unless kept out. */
const SWINGING: readonly MotionPrimitive[] = [
  'circles',
  'spiral',
  'figure_eight',
  'zigzag',
  'kneading',
  'shaking',
];

// ---------------------------------------------------------------------------------------------

describe('synthetic skin (test fixture)', () => {
  it('is a closed capsule whose projector answers on the surface with outward normals', () => {
    for (const p of [
      [0.1, 0.02, 0.01],
      [0, -0.05, -0.1],
      [0.001, 0.002, 0.2],
    ] as Vec3[]) {
      const hit = skin.project(p);
      expect(hit).not.toBeNull();
      if (!hit) continue;
      expect(capsuleDistance(hit.point)).toBeLessThan(0.0005);
      const z = Math.min(Math.max(hit.point[2], -H), H);
      const radial = [hit.point[0], hit.point[1], hit.point[2] - z];
      const len = Math.hypot(radial[0], radial[1], radial[2]);
      expect(
        (hit.normal[0] * radial[0] + hit.normal[1] * radial[1] + hit.normal[2] * radial[2]) / len,
      ).toBeGreaterThan(0.95);
    }
    expect(skin.project(BUNION_CENTER)?.zone).toBe('bunion');
    expect(skin.project(TOE)?.zone).toBe('sole');
  });
});

describe('projectStrokes', () => {
  it('puts a glide on the skin as a dense polyline with its arc length', () => {
    expect(skinPath.strokes).toHaveLength(1);
    const stroke = skinPath.strokes[0];
    expect(stroke.contact).toBe('glide');
    expect(stroke.count).toBeGreaterThan(40);
    for (let i = 0; i < stroke.count; i++) {
      expect(
        capsuleDistance([stroke.points[i * 3], stroke.points[i * 3 + 1], stroke.points[i * 3 + 2]]),
      ).toBeLessThan(0.001);
    }
    expect(stroke.length).toBeCloseTo(0.15, 3);
    expect(skinPath.length).toBeCloseTo(stroke.length, 9);
    // Tangents point from toes to heel (−Z).
    expect(stroke.tangents[2]).toBeLessThan(-0.99);
  });

  it('follows the skin round a curve instead of cutting through the body', () => {
    const over = projectStrokes(
      [{ contact: 'glide', points: [onTop(-60, 0), onTop(60, 0)] }],
      skin,
      { spacingM: 0.002 },
    );
    const stroke = over.strokes[0];
    // The chord is 2·R·sin 60° ≈ 52 mm; over the skin the arc is R·2π/3 ≈ 62.8 mm.
    expect(stroke.length).toBeGreaterThan(0.062);
    expect(stroke.length).toBeLessThan(0.0635);
    for (let i = 0; i < stroke.count; i++) {
      expect(
        capsuleDistance([stroke.points[i * 3], stroke.points[i * 3 + 1], stroke.points[i * 3 + 2]]),
      ).toBeLessThan(0.0005);
    }
  });

  it('bridges a chord that cuts through the body over the outside instead of jumping across', () => {
    // Nearly opposite points: the chord passes close to the axis, where closest points flip sides.
    const a: Vec3 = [R, 0, -0.02];
    const b: Vec3 = [-R * Math.cos(Math.PI / 18), R * Math.sin(Math.PI / 18), 0.02];
    const gapsOf = (pts: Vec3[]) => pts.slice(1).map((p, i) => dist(p, pts[i]));
    // Projecting the chord samples one by one jumps across the body (what the bridging fixes).
    const raw: Vec3[] = [];
    for (let k = 0; k <= 50; k++) {
      const t = k / 50;
      const hit = skin.project([
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
      ]);
      if (hit) raw.push(hit.point);
    }
    expect(Math.max(...gapsOf(raw))).toBeGreaterThan(0.01);
    const stroke = projectStrokes([{ contact: 'glide', points: [a, b] }], skin).strokes[0];
    const pts: Vec3[] = [];
    for (let i = 0; i < stroke.count; i++)
      pts.push([stroke.points[i * 3], stroke.points[i * 3 + 1], stroke.points[i * 3 + 2]]);
    expect(Math.max(...gapsOf(pts))).toBeLessThan(0.005);
    for (const p of pts) expect(capsuleDistance(p)).toBeLessThan(0.001);
    // Over the top (+Y side, where the two normals lean), not underneath.
    expect(Math.min(...pts.map((p) => p[1]))).toBeGreaterThan(-0.001);
    expect(stroke.length).toBeGreaterThan(0.09);
  });

  it('keeps a press as one point and turns a glide that collapses to a point into a press', () => {
    const path = projectStrokes(
      [
        { contact: 'press', points: [onTop(0, 0.05)] },
        { contact: 'glide', points: [onTop(0, 0), onTop(0, 0)] },
      ],
      skin,
    );
    expect(path.strokes.map((s) => [s.contact, s.count])).toEqual([
      ['press', 1],
      ['press', 1],
    ]);
    expect(path.length).toBe(0);
  });
});

describe('technique → primitive table', () => {
  it('covers every technique of the content schema with a known primitive or none', () => {
    for (const technique of TECHNIQUES) {
      const primitive = TECHNIQUE_PRIMITIVES[technique];
      expect(primitive === null || isMotionPrimitive(primitive), technique).toBe(true);
    }
    expect(TECHNIQUE_PRIMITIVES.active_exercise).toBeNull();
    expect(TECHNIQUE_PRIMITIVES.stroking).toBe('line');
    expect(isMotionPrimitive('wiggle')).toBe(false);
  });

  it('lets rubbing follow a path that is already circles or a zigzag', () => {
    expect(choosePrimitive('rubbing', 'line')).toBe('circles');
    expect(choosePrimitive('rubbing', 'circles')).toBe('line');
    expect(choosePrimitive('rubbing', 'zigzag')).toBe('line');
    expect(choosePrimitive('kneading', 'circles')).toBe('kneading');
    expect(choosePrimitive('care')).toBeNull();
  });
});

describe('motionParamsForStep', () => {
  it('takes primitive, hand, intensity ramp, tempo and turn sense from a content step', () => {
    const p = motionParamsForStep(
      {
        technique: 'kneading',
        handPart: 'fingertips',
        intensity: 'light',
        intensityTo: 'moderate',
        tempo: { word: 'slow', perMinute: 30 },
        path: {
          kind: 'circles',
          center: 'first_mtp_center',
          radiusMm: 10,
          turns: 3,
          clockwise: true,
        },
      },
      { avoidZones: AVOID, bodyScale: 0.6 },
    );
    expect(p).toEqual({
      primitive: 'kneading',
      handPart: 'fingertips',
      intensity: 'light',
      intensityTo: 'moderate',
      tempo: { word: 'slow', perMinute: 30 },
      clockwise: true,
      avoidZones: AVOID,
      avoidMarginM: undefined,
      bodyScale: 0.6,
    });
    const rub = motionParamsForStep({
      technique: 'rubbing',
      handPart: 'palm',
      intensity: 'moderate',
      tempo: { word: 'brisk' },
      path: { kind: 'zigzag', along: ['a', 'b'], widthMm: 20, segments: 6 },
    });
    expect(rub?.primitive).toBe('line');
    expect(rub?.clockwise).toBe(false);
    expect(
      motionParamsForStep({
        technique: 'active_exercise',
        handPart: 'none',
        intensity: 'light',
        tempo: { word: 'slow' },
      }),
    ).toBeNull();
  });
});

describe.each(MOTION_PRIMITIVES.map((p) => [p]))(
  'primitive %s on a toes-to-heel line',
  (primitive) => {
    const plan = planMotion(skinPath, skin, params(primitive, { avoidZones: AVOID }));
    const samples = samplePass(plan);

    it('keeps every sample on the skin (< 1 mm) with an outward normal and its zone', () => {
      let worst = 0;
      for (const s of samples) worst = Math.max(worst, capsuleDistance(s.position));
      expect(worst).toBeLessThan(0.001);
      for (const s of samples) expect(skin.project(s.position)?.zone).toBe(s.zone);
      for (const s of samples) {
        expect(Math.hypot(...s.normal)).toBeCloseTo(1, 6);
        expect(Math.hypot(...s.tangent)).toBeCloseTo(1, 6);
        // Tangent lies in the tangent plane.
        expect(
          Math.abs(
            s.tangent[0] * s.normal[0] + s.tangent[1] * s.normal[1] + s.tangent[2] * s.normal[2],
          ),
        ).toBeLessThan(1e-6);
      }
    });

    it('advances from the toes toward the heel', () => {
      const q = samples.length / 4;
      const toHeel = samples.map((s) => dist(s.position, HEEL));
      const first = mean(toHeel.slice(0, q));
      const last = mean(toHeel.slice(3 * q));
      expect(first - last).toBeGreaterThan(0.5 * skinPath.length);
      // It starts at the toes and ends at the heel.
      expect(dist(samples[0].position, TOE)).toBeLessThan(0.004);
      expect(dist(samples[samples.length - 1].position, HEEL)).toBeLessThan(0.006);
    });

    it('never lands on the avoid zone beside the path', () => {
      const landed = samples.filter(
        (s) => s.zone === 'bunion' || dist(s.position, BUNION_CENTER) < BUNION_RADIUS - 0.002,
      );
      expect(landed).toHaveLength(0);
      expect(samples.every((s) => !s.inAvoidZone)).toBe(true);
    });

    it('keeps contact and pressure in range and pressure = intensity × contact', () => {
      for (const s of samples) {
        expect(s.contact).toBeGreaterThanOrEqual(0);
        expect(s.contact).toBeLessThanOrEqual(1);
        expect(s.pressure).toBeCloseTo(0.65 * s.contact, 9);
        expect(s.spread).toBeGreaterThanOrEqual(0);
        expect(s.spread).toBeLessThanOrEqual(1);
      }
      expect(Math.max(...samples.map((s) => s.contact))).toBeGreaterThan(0.95);
    });

    it('has a positive pass duration at every tempo and goes faster when brisk', () => {
      const slow = planMotion(skinPath, skin, params(primitive, { tempo: { word: 'slow' } }));
      const brisk = planMotion(skinPath, skin, params(primitive, { tempo: { word: 'brisk' } }));
      expect(slow.passDurationS).toBeGreaterThan(0);
      const rate = (p: MotionPlan) => p.segments[0].cycles / p.passDurationS;
      expect(rate(brisk)).toBeGreaterThan(rate(slow));
    });
  },
);

describe('avoid zones', () => {
  it('is a real test: palm-sized swings do reach the patch when nothing keeps them out', () => {
    for (const primitive of SWINGING) {
      const free = samplePass(planMotion(skinPath, skin, params(primitive)));
      expect(
        free.some((s) => s.zone === 'bunion'),
        primitive,
      ).toBe(true);
    }
  });

  it('also keeps a margin around the zone when asked', () => {
    const margin = 0.003;
    for (const primitive of SWINGING) {
      const plan = planMotion(
        skinPath,
        skin,
        params(primitive, { avoidZones: AVOID, avoidMarginM: margin }),
      );
      for (const s of samplePass(plan, 300)) {
        expect(skin.nearestOfZones(s.position, AVOID, margin * 0.99), primitive).toBeNull();
      }
    }
  });

  it('flags samples when the path itself runs through the zone', () => {
    const through = projectStrokes(
      [{ contact: 'glide', points: [onTop(60, 0.05), onTop(60, -0.05)] }],
      skin,
    );
    const samples = samplePass(
      planMotion(through, skin, params('circles', { avoidZones: AVOID })),
      200,
    );
    expect(samples.some((s) => s.inAvoidZone)).toBe(true);
  });
});

describe('primitive shapes', () => {
  const normalOf = (s: MotionSample) => s.normal;

  it('glides with a heading toward the heel all the way (line)', () => {
    const samples = samplePass(planMotion(skinPath, skin, params('line')));
    for (const s of samples) expect(s.tangent[2]).toBeLessThan(-0.95);
    // Monotonic progress.
    const d = samples.map((s) => dist(s.position, HEEL));
    for (let i = 1; i < d.length; i++) expect(d[i]).toBeLessThanOrEqual(d[i - 1] + 1e-6);
  });

  /** Signed turning of the heading, as seen from outside (positive = counter-clockwise). */
  function turning(samples: MotionSample[]): number {
    let sum = 0;
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1].tangent;
      const b = samples[i].tangent;
      const n = normalOf(samples[i]);
      const c = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
      sum += Math.asin(Math.max(-1, Math.min(1, c[0] * n[0] + c[1] * n[1] + c[2] * n[2])));
    }
    return sum;
  }

  it('draws circles counter-clockwise by default and clockwise when asked', () => {
    const ccw = planMotion(skinPath, skin, params('circles', { handPart: 'thumb_pad' }));
    const cw = planMotion(
      skinPath,
      skin,
      params('circles', { handPart: 'thumb_pad', clockwise: true }),
    );
    const cycles = ccw.segments[0].cycles;
    expect(cycles).toBeGreaterThan(5);
    expect(turning(samplePass(ccw, 4000))).toBeGreaterThan(2 * Math.PI * (cycles - 2));
    expect(turning(samplePass(cw, 4000))).toBeLessThan(-2 * Math.PI * (cycles - 2));
  });

  it('spirals with fewer, longer loops than circles', () => {
    const circles = planMotion(skinPath, skin, params('circles'));
    const spiral = planMotion(skinPath, skin, params('spiral'));
    expect(spiral.segments[0].cycles).toBeLessThan(circles.segments[0].cycles);
    expect(spiral.segments[0].cycles).toBeGreaterThan(1);
  });

  /** Signed lateral offset from the path (the plane x·cos20° − y·sin20° = 0 holds the path). */
  const lateral = (p: readonly number[]) =>
    p[0] * Math.cos(Math.PI / 9) - p[1] * Math.sin(Math.PI / 9);

  it('rubs back and forth across the path (zigzag, shaking, vibration) with the expected swing', () => {
    const swing = (
      primitive: MotionPrimitive,
      handPart: MotionParams['handPart'] = 'thumb_pad',
    ) => {
      const plan = planMotion(skinPath, skin, params(primitive, { handPart }));
      const mid = samplePass(plan, 2000)
        .slice(600, 1400)
        .map((s) => lateral(s.position));
      return {
        plan,
        min: Math.min(...mid),
        max: Math.max(...mid),
        crossings: mid.filter((x, i) => i > 0 && Math.sign(x) !== Math.sign(mid[i - 1])).length,
      };
    };
    const zig = swing('zigzag');
    expect(zig.max).toBeGreaterThan(0.006);
    expect(zig.min).toBeLessThan(-0.006);
    expect(zig.crossings).toBeGreaterThan(4);
    const vib = swing('vibration');
    expect(vib.max).toBeLessThan(0.003);
    expect(vib.max).toBeGreaterThan(0.0008);
    const shake = swing('shaking', 'palm');
    expect(shake.max).toBeGreaterThan(vib.max * 4);
    // Shaking is slower than vibration.
    const rate = (p: MotionPlan) => p.segments[0].cycles / p.passDurationS;
    expect(rate(shake.plan)).toBeLessThan(rate(vib.plan));
  });

  it('taps in pulses: contact drops to 0 between taps, once per cycle (tapping, hacking)', () => {
    for (const primitive of ['tapping', 'hacking'] as const) {
      const plan = planMotion(skinPath, skin, params(primitive));
      const samples = samplePass(plan, 6000);
      let pulses = 0;
      for (let i = 1; i < samples.length; i++)
        if (samples[i - 1].contact < 0.5 && samples[i].contact >= 0.5) pulses++;
      expect(pulses, primitive).toBe(plan.segments[0].cycles);
      expect(
        samples.filter((s) => s.contact === 0).length / samples.length,
        primitive,
      ).toBeGreaterThan(0.5);
    }
  });

  it('alternates the two hands of hacking from one side of the path to the other', () => {
    const plan = planMotion(skinPath, skin, params('hacking'));
    const strikes: number[] = [];
    const samples = samplePass(plan, 6000);
    for (let i = 1; i + 1 < samples.length; i++) {
      const c = samples[i].contact;
      if (c > samples[i - 1].contact && c >= samples[i + 1].contact && c > 0.9)
        strikes.push(lateral(samples[i].position));
    }
    const middle = strikes.slice(2, -2);
    expect(middle.length).toBeGreaterThan(4);
    for (let i = 1; i < middle.length; i++)
      expect(Math.sign(middle[i])).toBe(-Math.sign(middle[i - 1]));
  });

  it('presses, holds still, then releases at each station (pressing)', () => {
    const plan = planMotion(skinPath, skin, params('pressing'));
    const stations = plan.segments[0].cycles;
    expect(stations).toBeGreaterThan(3);
    const samples = samplePass(plan, 4000);
    const holds = samples.filter((s) => s.contact > 0.999);
    expect(holds.length).toBeGreaterThan(samples.length * 0.3);
    // While fully pressed the glyph does not slide: held positions cluster at the stations.
    const distinct: Vec3[] = [];
    for (const s of holds)
      if (!distinct.some((p) => dist(p, s.position) < 0.001)) distinct.push(s.position);
    expect(distinct).toHaveLength(stations);
    // It lifts completely between presses.
    expect(samples.some((s) => s.contact === 0)).toBe(true);
  });

  it('grasps and releases (pinching): the grip closes while in contact and opens when lifted', () => {
    const samples = samplePass(planMotion(skinPath, skin, params('pinching')), 3000);
    for (const s of samples) expect(s.spread + s.contact).toBeCloseTo(1, 9);
    expect(samples.some((s) => s.contact > 0.999)).toBe(true);
    expect(samples.some((s) => s.spread > 0.999)).toBe(true);
  });

  it('kneads slowly with the pressure easing off on each circle (kneading)', () => {
    const knead = planMotion(skinPath, skin, params('kneading'));
    const circles = planMotion(skinPath, skin, params('circles'));
    expect(knead.segments[0].cycles / knead.passDurationS).toBeLessThan(
      circles.segments[0].cycles / circles.passDurationS,
    );
    const mid = samplePass(knead, 3000).slice(600, 2400);
    expect(Math.min(...mid.map((s) => s.contact))).toBeLessThan(0.3);
    expect(Math.max(...mid.map((s) => s.contact))).toBeGreaterThan(0.95);
  });

  it('pulls slowly, holds at the end, then lets go (stretching)', () => {
    const plan = planMotion(skinPath, skin, params('stretching'));
    const samples = samplePass(plan, 1000);
    const atEnd = samples.filter((s) => dist(s.position, HEEL) < 0.001);
    expect(atEnd.length).toBeGreaterThan(250); // hold ≥ a quarter of the pass
    expect(atEnd.some((s) => s.contact > 0.999)).toBe(true);
    expect(samples[samples.length - 1].contact).toBeLessThan(0.05);
    // Pull speed: slower than a brisk glide over the same path.
    expect(plan.passDurationS).toBeGreaterThan(
      planMotion(skinPath, skin, params('line')).passDurationS,
    );
  });
});

describe('timing and pressure', () => {
  it('follows perMinute over the tempo word', () => {
    const plan = planMotion(
      skinPath,
      skin,
      params('tapping', { tempo: { word: 'slow', perMinute: 240 } }),
    );
    expect(plan.segments[0].cycles / plan.passDurationS).toBeCloseTo(4, 9);
    const line = planMotion(
      skinPath,
      skin,
      params('line', { tempo: { word: 'slow', perMinute: 20 } }),
    );
    expect(line.passDurationS).toBeCloseTo(3, 9);
  });

  it('ramps pressure from intensity to intensityTo over the step', () => {
    const plan = planMotion(
      skinPath,
      skin,
      params('line', { intensity: 'light', intensityTo: 'vigorous' }),
    );
    expect(sampleMotion(plan, 0.5, createMotionSample(), 0).pressure).toBeCloseTo(0.35, 6);
    expect(sampleMotion(plan, 0.5, createMotionSample(), 1).pressure).toBeCloseTo(1, 6);
  });

  it('maps seconds to pass time, wrapping', () => {
    const plan = planMotion(skinPath, skin, params('line'));
    expect(passTime(plan, 0)).toBe(0);
    expect(passTime(plan, plan.passDurationS * 2.25)).toBeCloseTo(0.25, 9);
    expect(passTime(plan, -plan.passDurationS * 0.25)).toBeCloseTo(0.75, 9);
    expect(passTime(plan, Number.NaN)).toBe(0);
    const inSeconds = sampleMotionAt(plan, plan.passDurationS * 3.4);
    expect(inSeconds.position).toEqual(
      sampleMotion(plan, passTime(plan, plan.passDurationS * 3.4)).position,
    );
  });

  it('wraps times outside one pass', () => {
    const plan = planMotion(skinPath, skin, params('circles'));
    const at = (t: number) => [...sampleMotion(plan, t).position];
    expect(at(1.25)).toEqual(at(0.25));
    expect(at(-0.75)).toEqual(at(0.25));
    expect(at(Number.NaN)).toEqual(at(0));
  });

  it('writes into the output object it is given', () => {
    const plan = planMotion(skinPath, skin, params('circles'));
    const out = createMotionSample();
    const position = out.position;
    expect(sampleMotion(plan, 0.3, out)).toBe(out);
    expect(out.position).toBe(position);
    const before = [...out.position];
    sampleMotion(plan, 0.6, out);
    expect(out.position).not.toEqual(before);
  });

  it('scales swings with the hand part and the body', () => {
    const thumb = planMotion(skinPath, skin, params('circles', { handPart: 'thumb_pad' }));
    const palm = planMotion(skinPath, skin, params('circles', { handPart: 'palm' }));
    const child = planMotion(
      skinPath,
      skin,
      params('circles', { handPart: 'palm', bodyScale: 0.5 }),
    );
    expect(palm.amplitudeM).toBeGreaterThan(thumb.amplitudeM);
    expect(child.amplitudeM).toBeCloseTo(palm.amplitudeM / 2, 9);
  });

  it('answers a lifted glyph for an empty path', () => {
    const plan = planMotion({ strokes: [], length: 0 }, skin, params('line'));
    const s = sampleMotion(plan, 0.5);
    expect(s.contact).toBe(0);
    expect(s.pressure).toBe(0);
  });
});

describe('several strokes in one pass', () => {
  // A fan: from one hub on the top out to three ends, then presses on three points.
  const hub = onTop(0, 0.06);
  const ends = [onTop(-25, -0.04), onTop(0, -0.05), onTop(25, -0.04)];
  const fan = projectStrokes(
    ends.map((e) => ({ contact: 'glide' as const, points: [hub, e] })),
    skin,
  );
  const points = projectStrokes(
    [onTop(0, 0.06), onTop(0, 0), onTop(0, -0.06)].map((p) => ({
      contact: 'press' as const,
      points: [p],
    })),
    skin,
  );

  it('does the strokes in order and travels lifted between them', () => {
    const plan = planMotion(fan, skin, params('line'));
    expect(plan.segments.map((s) => s.kind)).toEqual([
      'stroke',
      'transfer',
      'stroke',
      'transfer',
      'stroke',
    ]);
    const samples = samplePass(plan, 900);
    const order = samples.filter((s) => !s.transfer).map((s) => s.stroke);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order)).toEqual(new Set([0, 1, 2]));
    const transfers = samples.filter((s) => s.transfer);
    expect(transfers.length).toBeGreaterThan(0);
    for (const s of transfers) expect(s.contact).toBe(0);
    for (const s of samples) expect(capsuleDistance(s.position)).toBeLessThan(0.001);
    // Each glide ends at its own end point.
    for (let k = 0; k < 3; k++) {
      const seg = plan.segments[k * 2];
      const end = sampleMotion(plan, seg.t1 - 1e-9);
      expect(dist(end.position, ends[k])).toBeLessThan(0.004);
    }
  });

  it('never shows the lifted glyph over an avoid zone between two strokes either', () => {
    // Two presses on either side of the patch: the straight transfer between them crosses it.
    const sides = projectStrokes(
      [onTop(60, 0.025), onTop(60, -0.025)].map((p) => ({
        contact: 'press' as const,
        points: [p],
      })),
      skin,
    );
    const free = samplePass(planMotion(sides, skin, params('tapping')), 2000);
    expect(free.some((s) => s.transfer && s.zone === 'bunion')).toBe(true);
    const kept = samplePass(
      planMotion(sides, skin, params('tapping', { avoidZones: AVOID })),
      2000,
    );
    expect(kept.some((s) => s.transfer)).toBe(true);
    for (const s of kept) {
      expect(s.zone).not.toBe('bunion');
      expect(skin.project(s.position)?.zone).toBe(s.zone);
    }
  });

  it('presses each point in turn, holding still on it', () => {
    const plan = planMotion(points, skin, params('pressing'));
    const strokes = plan.segments.filter((s) => s.kind === 'stroke');
    expect(strokes).toHaveLength(3);
    for (const seg of strokes) {
      const hold = sampleMotion(plan, (seg.t0 + seg.t1) / 2 + 0.1 * (seg.t1 - seg.t0));
      expect(hold.contact).toBeCloseTo(1, 6);
      const p = points.strokes[seg.stroke].points;
      expect(dist(hold.position, [p[0], p[1], p[2]])).toBeLessThan(1e-6);
    }
  });

  it('circles in place on a point', () => {
    const plan = planMotion(points, skin, params('circles', { handPart: 'thumb_pad' }));
    const seg = plan.segments[0];
    expect(seg.cycles).toBe(3);
    const center = points.strokes[0].points;
    let far = 0;
    for (let i = 0; i < 200; i++) {
      const s = sampleMotion(plan, seg.t0 + ((seg.t1 - seg.t0) * i) / 200);
      far = Math.max(far, dist(s.position, [center[0], center[1], center[2]]));
      expect(capsuleDistance(s.position)).toBeLessThan(0.001);
    }
    expect(far).toBeGreaterThan(0.006);
    expect(far).toBeLessThan(0.0085);
  });
});

describe('samplePathTrail', () => {
  const plan = planMotion(skinPath, skin, params('line'));

  it('gives the path line on the skin from start to end', () => {
    const trail = samplePathTrail(plan, 0, { pointCount: 50 });
    expect(trail.pointCount).toBe(50);
    expect(Array.from(trail.strokeCount.slice(0, 1))).toEqual([50]);
    const first: Vec3 = [trail.points[0], trail.points[1], trail.points[2]];
    const lastAt = (trail.pointCount - 1) * 3;
    const last: Vec3 = [trail.points[lastAt], trail.points[lastAt + 1], trail.points[lastAt + 2]];
    expect(dist(first, TOE)).toBeLessThan(0.003);
    expect(dist(last, HEEL)).toBeLessThan(0.003);
    for (let i = 0; i < trail.pointCount; i++) {
      expect(
        capsuleDistance([trail.points[i * 3], trail.points[i * 3 + 1], trail.points[i * 3 + 2]]),
      ).toBeLessThan(0.001);
    }
  });

  it('flows arrowheads toward the heel at the plan speed and wraps seamlessly', () => {
    const a = samplePathTrail(plan, 0, { arrowSpacingM: 0.025 });
    const count = a.arrowCount;
    expect(count).toBe(6);
    const zs = (t: ReturnType<typeof createPathTrail>) =>
      Array.from({ length: t.arrowCount }, (_, i) => t.arrows[i * 3 + 2]).sort((x, y) => x - y);
    const z0 = zs(a);
    for (let i = 0; i < count; i++) expect(a.arrowDirections[i * 3 + 2]).toBeLessThan(-0.99);
    const dt = 0.05;
    const b = samplePathTrail(plan, dt, { arrowSpacingM: 0.025 });
    const z1 = zs(b);
    // Every arrow moved toward −Z by speed × dt (none wrapped in this short time).
    for (let i = 0; i < count; i++) expect(z1[i] - z0[i]).toBeCloseTo(-plan.flowSpeedMps * dt, 4);
    // One spacing of travel later the picture is the same.
    const spacing = skinPath.length / count;
    const half = zs(
      samplePathTrail(plan, (0.5 * spacing) / plan.flowSpeedMps, { arrowSpacingM: 0.025 }),
    );
    const later = zs(
      samplePathTrail(plan, (1.5 * spacing) / plan.flowSpeedMps, { arrowSpacingM: 0.025 }),
    );
    expect(half[0] - z0[0]).toBeCloseTo(-spacing / 2, 4);
    for (let i = 0; i < count; i++) expect(later[i]).toBeCloseTo(half[i], 4);
  });

  it('reuses the buffers it is given and lists press strokes as single points without arrows', () => {
    const out = createPathTrail();
    samplePathTrail(plan, 0, {}, out);
    const buffer = out.points;
    samplePathTrail(plan, 1, {}, out);
    expect(out.points).toBe(buffer);
    const presses = projectStrokes([{ contact: 'press', points: [onTop(0, 0)] }], skin);
    const trail = samplePathTrail(planMotion(presses, skin, params('pressing')), 0);
    expect(trail.pointCount).toBe(1);
    expect(trail.arrowCount).toBe(0);
  });
});
