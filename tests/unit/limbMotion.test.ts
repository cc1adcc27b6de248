import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData } from '../../src/content/index.ts';
import type { Position, Step } from '../../src/content/schema.ts';
import type { BodyData, Side, Vec3 } from '../../src/domain/body.ts';
import {
  cyclePhase,
  LIMB_MOTIONS,
  limbMotionOf,
  limbPeriodS,
  limbPoseAt,
  loopValue,
  type LimbMotionDef,
} from '../../src/domain/limbMotion.ts';
import {
  animatePosed,
  legPoseFor,
  posePoint,
  segmentMatrices,
  skinInto,
  SEGMENT_COUNT,
  sparseWeights,
  vertexWeights,
  type PosedRig,
  type Rig,
} from '../../src/domain/limbPose.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const bodies = new Map<'adult' | 'child', BodyData>();
let content: ContentData;

beforeAll(async () => {
  content = loadContent(await readContentFiles(ROOT)).data;
  for (const kind of ['adult', 'child'] as const)
    bodies.set(kind, await readBodyFile(resolve(ROOT, `models/body-${kind}.glb`)));
});

function bodyOf(kind: 'adult' | 'child'): BodyData {
  const b = bodies.get(kind);
  if (!b) throw new Error('no body');
  return b;
}

function lmOf(body: BodyData, key: string): Vec3 {
  const l = body.landmarks.get(key);
  if (!l) throw new Error(`no landmark ${key}`);
  return l.position;
}

function def(movement: NonNullable<Step['movement']>): LimbMotionDef {
  const d = LIMB_MOTIONS[movement];
  if (!d) throw new Error(`no motion for ${movement}`);
  return d;
}

/** A landmark where the body shows it at `t` (the scene's root offset added). */
function at(rig: Rig, posed: PosedRig, p: Vec3): Vec3 {
  const q = posePoint(rig, posed, p);
  const o = posed.offset ?? [0, 0, 0];
  return [q[0] + o[0], q[1] + o[1], q[2] + o[2]];
}

/** The content's step that does a movement, with its position. */
function stepWith(movement: string): { step: Step; position: Position } {
  for (const { protocol } of content.protocols)
    for (const step of protocol.steps)
      if (step.movement === movement) return { step, position: step.position ?? protocol.position };
  throw new Error(`no step does ${movement}`);
}

const moderate = { word: 'moderate' } as const;

describe('exercise movements over time (pure)', () => {
  it('every exercise movement in the content has one, and its period is the tempo', () => {
    let seen = 0;
    for (const { protocol } of content.protocols)
      for (const step of protocol.steps) {
        const m = step.movement;
        if (!m || m === 'soak' || m === 'ball_roll' || m === 'roller_roll') continue;
        if (m === 'sit_cross_legged' || m === 'swimming') continue;
        expect(limbMotionOf(step), `${protocol.id} ${step.id}`).not.toBeNull();
        seen++;
      }
    expect(seen).toBeGreaterThanOrEqual(7);
    const d = def('ankle_circles');
    expect(limbPeriodS(d, { word: 'slow' })).toBeGreaterThan(limbPeriodS(d, moderate));
    expect(limbPeriodS(d, { word: 'brisk' })).toBeLessThan(limbPeriodS(d, moderate));
    // A stated rate wins: 30 a minute is one circle every 2 s.
    expect(limbPeriodS(d, { word: 'moderate', perMinute: 30 })).toBeCloseTo(2, 9);
    for (const [name, m] of Object.entries(LIMB_MOTIONS)) {
      const P = limbPeriodS(m, moderate);
      for (const t of [0.1, 0.7, 1.3]) {
        const a = limbPoseAt(m, moderate, t);
        const b = limbPoseAt(m, moderate, t + P);
        expect(b.legs.L.hipFlex, name).toBeCloseTo(a.legs.L.hipFlex, 9);
        expect(b.legs.R.ankleFlex, name).toBeCloseTo(a.legs.R.ankleFlex, 9);
        expect(b.lift, name).toBeCloseTo(a.lift, 9);
      }
    }
  });

  it('the loop passes through its keys and is smooth across the seam', () => {
    const keys = [0, 10, 30, 5];
    keys.forEach((k, i) => expect(loopValue(keys, i / keys.length)).toBeCloseTo(k, 9));
    expect(loopValue(keys, 1 - 1e-6)).toBeCloseTo(loopValue(keys, 1e-6), 3);
  });

  it('ankle circles: the foot goes up and down, in and out, half a circle apart', () => {
    const d = def('ankle_circles');
    const P = limbPeriodS(d, moderate);
    const a = limbPoseAt(d, moderate, 0);
    const b = limbPoseAt(d, moderate, P / 2);
    expect(Math.sign(a.legs.L.ankleFlex)).toBe(-Math.sign(b.legs.L.ankleFlex));
    expect(Math.abs(a.legs.L.ankleFlex)).toBeGreaterThan(0.3);
    const c = limbPoseAt(d, moderate, P / 4);
    const e = limbPoseAt(d, moderate, (3 * P) / 4);
    expect(Math.sign(c.legs.L.ankleTurn)).toBe(-Math.sign(e.legs.L.ankleTurn));
    expect(Math.abs(c.legs.L.ankleTurn)).toBeGreaterThan(0.3);
    // Both feet circle the same way round: turning out on one is turning in on the other.
    expect(c.legs.R.ankleTurn).toBeCloseTo(-c.legs.L.ankleTurn, 9);
    expect(c.legs.R.ankleFlex).toBeCloseTo(c.legs.L.ankleFlex, 9);
  });

  it('ankle circles: ten one way, then ten the other, without a jump where they turn', () => {
    const d = def('ankle_circles');
    const P = limbPeriodS(d, moderate);
    // Which way the foot goes round at t: the sign of the turn of (flex, turn) over a short dt.
    const sense = (t: number) => {
      const a = limbPoseAt(d, moderate, t).legs.L;
      const b = limbPoseAt(d, moderate, t + P / 50).legs.L;
      return Math.sign(a.ankleFlex * b.ankleTurn - a.ankleTurn * b.ankleFlex);
    };
    const first = [0.1, 2.3, 5.6, 9.4].map((c) => sense(c * P));
    const second = [10.1, 12.3, 15.6, 19.4].map((c) => sense(c * P));
    const third = [20.2, 25.5].map((c) => sense(c * P));
    expect(new Set(first).size).toBe(1);
    expect(first[0]).not.toBe(0);
    expect(second).toEqual(first.map((s) => -s));
    expect(third).toEqual([first[0], first[0]]);
    const before = limbPoseAt(d, moderate, 10 * P - 1e-4).legs.L;
    const after = limbPoseAt(d, moderate, 10 * P + 1e-4).legs.L;
    expect(Math.abs(before.ankleFlex - after.ankleFlex)).toBeLessThan(1e-3);
    expect(Math.abs(before.ankleTurn - after.ankleTurn)).toBeLessThan(1e-3);
    // Movements that go one way only are untouched.
    expect(cyclePhase({}, 13.25)).toBe(13.25);
  });

  it('walking and cycling alternate the legs; squats move both together', () => {
    for (const m of ['mat_walk', 'cycling'] as const) {
      const d = def(m);
      const P = limbPeriodS(d, moderate);
      for (const t of [0, 0.3, 0.9]) {
        const a = limbPoseAt(d, moderate, t);
        const b = limbPoseAt(d, moderate, t + P / 2);
        expect(a.legs.R.hipFlex, m).toBeCloseTo(b.legs.L.hipFlex, 9);
        expect(a.legs.R.kneeFlex, m).toBeCloseTo(b.legs.L.kneeFlex, 9);
      }
      const a = limbPoseAt(d, moderate, 0);
      expect(Math.abs(a.legs.L.hipFlex - a.legs.R.hipFlex), m).toBeGreaterThan(0.3);
    }
    const s = def('squat');
    const down = limbPoseAt(s, moderate, limbPeriodS(s, moderate) / 2);
    expect(down.legs.L.kneeFlex).toBeGreaterThan(1.5);
    expect(down.legs.R.kneeFlex).toBeCloseTo(down.legs.L.kneeFlex, 9);
  });
});

describe('exercise movements on the real models', () => {
  it('ankle circles (child, sitting on the floor): the toes go round, the ankle stays', () => {
    const body = bodyOf('child');
    const { step, position } = stepWith('ankle_circles');
    const d = def('ankle_circles');
    const P = limbPeriodS(d, step.tempo);
    for (const side of ['L', 'R'] as const) {
      const { rig, posed } = legPoseFor(body, position, step, side);
      const toe = lmOf(body, `toe2_tip.${side}`);
      const ankle = lmOf(body, `ankle_front.${side}`);
      const shot = (t: number) => animatePosed(rig, posed, limbPoseAt(d, step.tempo, t));
      const a = shot(0);
      const b = shot(P / 2);
      const c = shot(P / 4);
      const e = shot((3 * P) / 4);
      const ta = at(rig, a, toe);
      const tb = at(rig, b, toe);
      const tc = at(rig, c, toe);
      const te = at(rig, e, toe);
      // Up then down, in then out: the tip of the second toe moves several centimetres.
      expect(Math.hypot(ta[0] - tb[0], ta[1] - tb[1], ta[2] - tb[2])).toBeGreaterThan(0.03);
      expect(Math.abs(tc[0] - te[0])).toBeGreaterThan(0.03);
      // Clockwise as the child sees it: at a quarter circle the toes point to the child's right.
      expect(tc[0]).toBeLessThan(te[0]);
      for (const s of [a, b, c, e]) {
        const p = at(rig, s, ankle);
        const q = at(rig, posed, ankle);
        expect(Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])).toBeLessThan(0.012);
        // The pelvis stays on the floor: a foot circle moves no more than the foot.
        expect(s.offset?.[1] ?? 0).toBe(0);
      }
    }
  });

  it('squats (child, standing): the hips go down, the feet stay where they stood, knees apart', () => {
    const body = bodyOf('child');
    const { step, position } = stepWith('squat');
    const d = def('squat');
    const { rig, posed } = legPoseFor(body, position, step, 'L');
    const down = animatePosed(
      rig,
      posed,
      limbPoseAt(d, step.tempo, limbPeriodS(d, step.tempo) / 2),
    );
    const hip = lmOf(body, 'buttock_center.L');
    expect(at(rig, posed, hip)[1] - at(rig, down, hip)[1]).toBeGreaterThan(0.15 * rig.scale);
    for (const side of ['L', 'R'] as const) {
      for (const key of ['heel_bottom', 'metatarsal_heads']) {
        const p = lmOf(body, `${key}.${side}`);
        const q = at(rig, down, p);
        expect(Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]), key).toBeLessThan(0.02);
      }
      const knee = lmOf(body, `patella_center.${side}`);
      expect(Math.abs(at(rig, down, knee)[0])).toBeGreaterThan(Math.abs(knee[0]) + 0.02);
    }
  });

  it('walking in place: one foot lifted while the other stands on the floor', () => {
    const body = bodyOf('adult');
    const d = def('barefoot_walk');
    const { step, position } = stepWith('barefoot_walk');
    const { rig, posed } = legPoseFor(body, position, step, 'L');
    const P = limbPeriodS(d, step.tempo);
    const heel = (s: PosedRig, side: Side) => at(rig, s, lmOf(body, `heel_bottom.${side}`))[1];
    const rest = heel(posed, 'L');
    const a = animatePosed(rig, posed, limbPoseAt(d, step.tempo, 0));
    const b = animatePosed(rig, posed, limbPoseAt(d, step.tempo, P / 2));
    expect(heel(a, 'L') - rest).toBeGreaterThan(0.1);
    expect(Math.abs(heel(a, 'R') - rest)).toBeLessThan(0.01);
    expect(heel(b, 'R') - rest).toBeGreaterThan(0.1);
    expect(Math.abs(heel(b, 'L') - rest)).toBeLessThan(0.01);
  });

  it('cycling (child on a chair): the feet go round off the floor, the knees in turn', () => {
    const body = bodyOf('child');
    const { step, position } = stepWith('cycling');
    expect(position.pose).toBe('seated');
    const d = def('cycling');
    const { rig, posed } = legPoseFor(body, position, step, 'L');
    const P = limbPeriodS(d, step.tempo);
    const knees: number[] = [];
    for (let i = 0; i < 16; i++) {
      const s = animatePosed(rig, posed, limbPoseAt(d, step.tempo, (i / 16) * P));
      for (const side of ['L', 'R'] as const)
        for (const p of rig.soles[side]) expect(at(rig, s, p)[1]).toBeGreaterThan(-0.005);
      knees.push(
        at(rig, s, lmOf(body, 'patella_center.L'))[1] -
          at(rig, s, lmOf(body, 'patella_center.R'))[1],
      );
    }
    // Each knee is the higher one for part of the cycle.
    expect(Math.max(...knees)).toBeGreaterThan(0.03);
    expect(Math.min(...knees)).toBeLessThan(-0.03);
  });

  it('the scene’s skinning of a mesh equals the pose of its points', () => {
    const body = bodyOf('adult');
    const { step, position } = stepWith('squat');
    const { rig, posed } = legPoseFor(body, position, step, 'L');
    const s = animatePosed(rig, posed, limbPoseAt(def('squat'), step.tempo, 1));
    const idx: number[] = [];
    for (let v = 0; v < body.positions.length / 3; v += 97) idx.push(v);
    const src = new Float32Array(
      idx.flatMap((v) => [0, 1, 2].map((k) => body.positions[v * 3 + k] ?? 0)),
    );
    const w = vertexWeights(rig, 'shin', src);
    expect(w.length).toBe(idx.length * SEGMENT_COUNT);
    const m = new Float32Array(SEGMENT_COUNT * 12);
    segmentMatrices(s, m);
    const out = new Float32Array(src.length);
    skinInto(sparseWeights(w), m, src, out, null, null);
    for (let i = 0; i < idx.length; i++) {
      const p: Vec3 = [src[i * 3] ?? 0, src[i * 3 + 1] ?? 0, src[i * 3 + 2] ?? 0];
      const q = posePoint(rig, s, p, 'shin');
      expect(
        Math.hypot(
          (out[i * 3] ?? 0) - q[0],
          (out[i * 3 + 1] ?? 0) - q[1],
          (out[i * 3 + 2] ?? 0) - q[2],
        ),
      ).toBeLessThan(1e-5);
    }
  });
});
