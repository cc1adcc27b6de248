/**
 * Sitting poses: the legs bent at the hips and knees, posed from the step's content (`position`,
 * `movement`, `equipment`) rather than per step. Pure maths on the model's own landmarks: a rig of
 * three segments per leg (trunk, thigh, shank with the foot), each a rigid transform, blended
 * smoothly across the hip and the knee (linear blend skinning with weights from position). The
 * scene bends its meshes with `deformInto`; the camera and the props use the same functions.
 *
 * Model space: standing, facing +Z, the body's left at +X, Y up, the floor at y = 0.
 */
import type { Position, Step } from '../content/schema.ts';
import type { BodyData, Side, Vec3 } from './body.ts';

/** How the legs are placed for a step. `standing` and `lying` leave the body as modelled. */
export type LegLayout =
  | 'as_modelled'
  /** On a chair, both feet flat on the floor (soaks, toe exercises). */
  | 'chair_feet_floor'
  /** On a chair, the worked foot raised onto a ball or a roller. */
  | 'chair_foot_raised'
  /** On a chair, the worked foot across the other knee (self-massage). */
  | 'chair_foot_on_knee'
  /** On the floor, legs out in front. */
  | 'floor_legs_out'
  /** On the floor, cross-legged. */
  | 'floor_cross_legged';

type StepLike = Pick<Step, 'movement' | 'equipment' | 'morph'>;

const RAISED_BY: ReadonlySet<string> = new Set(['tennis_ball', 'needle_roller', 'small_ball']);

/** The leg layout for a step from its position, movement and equipment. */
export function legLayout(position: Position, step: StepLike): LegLayout {
  if (position.pose !== 'seated') return 'as_modelled';
  if (position.props.includes('floor')) {
    return step.movement === 'sit_cross_legged' ? 'floor_cross_legged' : 'floor_legs_out';
  }
  if (step.movement === 'ball_roll' || step.movement === 'roller_roll') return 'chair_foot_raised';
  if (step.movement === 'soak') return 'chair_feet_floor';
  // Gripping a ball or marbles with the toes is done with the foot on the floor.
  if (step.equipment?.some((e) => e === 'small_ball' || e === 'marbles' || e === 'toy'))
    return 'chair_feet_floor';
  if (step.morph) return 'chair_feet_floor';
  if (position.props.includes('foot_on_opposite_knee')) return 'chair_foot_on_knee';
  return 'chair_feet_floor';
}

/** Does the layout put the body on a chair (drawn as a prop)? */
export function onChair(layout: LegLayout): boolean {
  return layout.startsWith('chair_');
}

// ---------------------------------------------------------------------------------------------
// Rig
// ---------------------------------------------------------------------------------------------

export interface LegRig {
  readonly hip: Vec3;
  readonly knee: Vec3;
  readonly ankle: Vec3;
}

export interface Rig {
  /** Body size relative to the adult (from the leg length). */
  readonly scale: number;
  readonly legs: Readonly<Record<Side, LegRig>>;
  /** Shoulder pivot of each arm, and the height where the arm's zone starts. */
  readonly shoulders: Readonly<Record<Side, Vec3>>;
  readonly armTop: number;
  /** Points under each foot (heel, ball, toe tips, outer edge): what stands on the floor. */
  readonly soles: Readonly<Record<Side, readonly Vec3[]>>;
}

const SOLE_POINTS = [
  'heel_bottom',
  'heel_back',
  'metatarsal_heads',
  'foot_outer_mid',
  'toe1_tip',
  'toe2_tip',
  'toe3_tip',
  'toe5_tip',
];

function lm(body: Pick<BodyData, 'landmarks'>, key: string): Vec3 {
  const l = body.landmarks.get(key);
  if (!l) throw new Error(`the model has no landmark ${key}`);
  return l.position;
}

const mid = (a: Vec3, b: Vec3): Vec3 => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];

/** The joints of both legs from the model's landmarks. */
export function rigOf(body: BodyData): Rig {
  const leg = (s: Side): LegRig => {
    const knee = mid(lm(body, `knee_medial.${s}`), lm(body, `knee_lateral.${s}`));
    const ankle = mid(lm(body, `malleolus_medial.${s}`), lm(body, `malleolus_lateral.${s}`));
    const high = lm(body, `thigh_front_high.${s}`);
    const buttock = lm(body, `buttock_center.${s}`);
    const hip: Vec3 = [high[0], (high[1] + buttock[1]) / 2, 0];
    return { hip, knee, ankle };
  };
  const L = leg('L');
  const scale = (L.hip[1] - L.ankle[1]) / 0.77;
  let armTop = -Infinity;
  const arm = new Set(body.parts.flatMap((p, i) => (p.zone === 'arm' ? [i] : [])));
  for (let t = 0; t < body.triangleParts.length; t++) {
    if (!arm.has(body.triangleParts[t] ?? -1)) continue;
    const v = body.indices[t * 3] ?? 0;
    armTop = Math.max(armTop, body.positions[v * 3 + 1] ?? 0);
  }
  const shoulder = (s: Side): Vec3 => {
    const a = lm(body, `armpit.${s}`);
    return [a[0], armTop + 0.03 * scale, a[2]];
  };
  return {
    scale,
    legs: { L, R: leg('R') },
    shoulders: { L: shoulder('L'), R: shoulder('R') },
    armTop,
    soles: {
      L: SOLE_POINTS.flatMap((k): Vec3[] => {
        const l = body.landmarks.get(`${k}.L`);
        return l ? [l.position] : [];
      }),
      R: SOLE_POINTS.flatMap((k): Vec3[] => {
        const l = body.landmarks.get(`${k}.R`);
        return l ? [l.position] : [];
      }),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Rigid transforms
// ---------------------------------------------------------------------------------------------

/** Row-major 3×3 rotation and a translation: p' = R p + t. */
export interface Rigid {
  readonly r: readonly number[];
  readonly t: Vec3;
}

export const IDENTITY: Rigid = { r: [1, 0, 0, 0, 1, 0, 0, 0, 1], t: [0, 0, 0] };

export function rotate(r: readonly number[], v: Vec3): Vec3 {
  return [
    (r[0] ?? 0) * v[0] + (r[1] ?? 0) * v[1] + (r[2] ?? 0) * v[2],
    (r[3] ?? 0) * v[0] + (r[4] ?? 0) * v[1] + (r[5] ?? 0) * v[2],
    (r[6] ?? 0) * v[0] + (r[7] ?? 0) * v[1] + (r[8] ?? 0) * v[2],
  ];
}

export function applyRigid(m: Rigid, p: Vec3): Vec3 {
  const q = rotate(m.r, p);
  return [q[0] + m.t[0], q[1] + m.t[1], q[2] + m.t[2]];
}

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const scale3 = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const unit = (a: Vec3): Vec3 => scale3(a, 1 / (Math.hypot(...a) || 1));
const len = (a: Vec3) => Math.hypot(...a);

/** Orthonormal frame (columns a, f, a × f) from an axis and a forward hint. */
function frame(axis: Vec3, forward: Vec3): [Vec3, Vec3, Vec3] {
  const a = unit(axis);
  const f = unit(sub(forward, scale3(a, dot(forward, a))));
  return [a, f, cross(a, f)];
}

/** The rotation taking frame (a0, f0) onto frame (a1, f1). */
function rotationBetween(a0: Vec3, f0: Vec3, a1: Vec3, f1: Vec3): number[] {
  const from = frame(a0, f0);
  const to = frame(a1, f1);
  const r: number[] = [];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += (to[k]?.[i] ?? 0) * (from[k]?.[j] ?? 0);
      r.push(s);
    }
  return r;
}

/** A rigid transform with rotation r that moves `pivot` to `to`. */
function about(r: readonly number[], pivot: Vec3, to: Vec3): Rigid {
  return { r, t: sub(to, rotate(r, pivot)) };
}

export interface LegSegments {
  readonly thigh: Rigid;
  readonly shank: Rigid;
  /** The foot below the ankle: moves with the shank but in exercises (ankle circles). */
  readonly foot: Rigid;
}

/** The posed rig: a transform per segment. */
export interface PosedRig {
  readonly layout: LegLayout;
  readonly trunk: Rigid;
  readonly legs: Readonly<Record<Side, LegSegments>>;
  /** The arms swung forward about the shoulders, hands toward the knees. */
  readonly arms: Readonly<Record<Side, Rigid>>;
  /** Seat top (chair) or floor under the pelvis, metres. */
  readonly seatY: number;
  /** How far the worked foot is raised off the floor (ball, roller), metres. */
  readonly raisedBy: number;
  /**
   * The whole body moved (squats, bounces keep the feet on the floor): applied to the model's
   * root by the scene, not by `posePoint`. Absent: none.
   */
  readonly offset?: Vec3;
  /** Moved by an exercise (`animatePosed`): not the model as it stands even when standing. */
  readonly animated?: boolean;
}

/** The body as modelled: nothing to bend. */
function atRest(posed: PosedRig): boolean {
  return posed.layout === 'as_modelled' && posed.animated !== true;
}

/** Height of a tennis ball or needle roller under the sole (adult; scaled with the body). */
export function raiseFor(step: StepLike, scale: number): number {
  const item = step.equipment?.find((e) => RAISED_BY.has(e));
  const d = item === 'needle_roller' ? 0.05 : item === 'small_ball' ? 0.04 : 0.065;
  return d * Math.max(0.6, scale);
}

/** The point of two spheres' intersection circle nearest to `prefer` (a direction). */
function kneeBetween(hip: Vec3, lt: number, ankle: Vec3, ls: number, prefer: Vec3): Vec3 {
  const d = sub(ankle, hip);
  const dl = len(d);
  const u = unit(d);
  const a = Math.min(lt, Math.max(-lt, (dl * dl + lt * lt - ls * ls) / (2 * dl)));
  const r = Math.sqrt(Math.max(0, lt * lt - a * a));
  const centre = add(hip, scale3(u, a));
  const p = unit(sub(prefer, scale3(u, dot(prefer, u))));
  return add(centre, scale3(p, r));
}

const DOWN: Vec3 = [0, -1, 0];
const FORWARD: Vec3 = [0, 0, 1];

/**
 * The segment transforms for a layout, with the pelvis still at an arbitrary height (`hipY`):
 * `poseRig` then sets it on the seat or the floor.
 */
function segments(
  rig: Rig,
  layout: LegLayout,
  worked: Side,
  hipY: number,
  raise: number,
): { trunk: Rigid; legs: Record<Side, LegSegments>; arms: Record<Side, Rigid> } {
  const s = rig.scale;
  const trunkT: Vec3 = [0, hipY - rig.legs.L.hip[1], 0];
  const trunk: Rigid = { r: IDENTITY.r, t: trunkT };
  const legs = {} as Record<Side, LegSegments>;
  for (const side of ['L', 'R'] as const) {
    const leg = rig.legs[side];
    const sx = side === 'L' ? 1 : -1;
    const lt = len(sub(leg.knee, leg.hip));
    const ls = len(sub(leg.ankle, leg.knee));
    const thighAxis = sub(leg.knee, leg.hip);
    const shankAxis = sub(leg.ankle, leg.knee);
    const hip = add(leg.hip, trunkT);
    let thighDir: Vec3 = FORWARD;
    let shankDir: Vec3 = DOWN;
    let toes: Vec3 = FORWARD;
    if (layout === 'chair_foot_raised' && side === worked) {
      const lift = Math.asin(Math.min(0.9, raise / lt));
      thighDir = [0, Math.sin(lift), Math.cos(lift)];
    } else if (layout === 'chair_foot_on_knee' && side === worked) {
      // The ankle rests on top of the other thigh, just behind its knee.
      const other = rig.legs[side === 'L' ? 'R' : 'L'];
      const otherKnee: Vec3 = [other.knee[0], hipY, other.hip[2] + len(sub(other.knee, other.hip))];
      const ankle: Vec3 = [otherKnee[0] + sx * 0.03 * s, hipY + 0.13 * s, otherKnee[2] - 0.1 * s];
      const knee = kneeBetween(hip, lt, ankle, ls, [sx, -0.35, 0.5]);
      thighDir = sub(knee, hip);
      shankDir = sub(ankle, knee);
      toes = [0, 0.35, 1];
    } else if (layout === 'floor_legs_out') {
      thighDir = [sx * 0.12, 0, 1];
      shankDir = thighDir;
      toes = [0, 1, 0.15];
    } else if (layout === 'floor_cross_legged') {
      thighDir = [sx * 0.72, -0.08, 0.66];
      // The left shin in front of the right one.
      shankDir = [-sx * 0.93, 0, side === 'L' ? 0.12 : -0.3];
      toes = [sx * 0.2, 0.2, 1];
    }
    // The thigh's front faces up once the hip is flexed (or, abducted, up and out).
    const thigh = about(rotationBetween(thighAxis, FORWARD, thighDir, [0, 1, 0]), leg.hip, hip);
    const knee = applyRigid(thigh, leg.knee);
    const shank = about(rotationBetween(shankAxis, FORWARD, shankDir, toes), leg.knee, knee);
    legs[side] = { thigh, shank, foot: shank };
  }
  // Hands forward over the thighs rather than hanging into the seat or the floor.
  const swing = layout.startsWith('floor_') ? 0.95 : 0.8;
  const c = Math.cos(swing);
  const sn = Math.sin(swing);
  const armR = [1, 0, 0, 0, c, sn, 0, -sn, c];
  // With a foot across the knee, the hand of the other side would rest on that knee, over the
  // worked foot's toes: it hangs by the side instead, out past the seat and a little back.
  const aside = (side: Side) => {
    const sx = side === 'L' ? 1 : -1;
    const a = -0.45;
    const ca = Math.cos(0.3);
    const sa = Math.sin(0.3);
    const out = [ca, -sx * sa, 0, sx * sa, ca, 0, 0, 0, 1];
    const fwd = [1, 0, 0, 0, Math.cos(a), Math.sin(a), 0, -Math.sin(a), Math.cos(a)];
    return compose({ r: out, t: [0, 0, 0] }, { r: fwd, t: [0, 0, 0] }).r;
  };
  const armOf = (side: Side) =>
    layout === 'chair_foot_on_knee' && side !== worked ? aside(side) : armR;
  const arms = {
    L: about(armOf('L'), rig.shoulders.L, add(rig.shoulders.L, trunkT)),
    R: about(armOf('R'), rig.shoulders.R, add(rig.shoulders.R, trunkT)),
  };
  return { trunk, legs, arms };
}

/** Blend weights of a point: [trunk, thigh, shank, foot, arm] of the limbs on its side. */
export function weightsAt(
  rig: Rig,
  p: Vec3,
  zone: string,
): { side: Side; w: readonly [number, number, number, number, number] } {
  const side: Side = p[0] >= 0 ? 'L' : 'R';
  const s = rig.scale;
  const smooth = (e0: number, e1: number, x: number) => {
    const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
    return t * t * (3 - 2 * t);
  };
  if (zone === 'arm') {
    // Bent smoothly from where the arm's zone meets the shoulder.
    const wArm = smooth(rig.armTop, rig.armTop - 0.12 * s, p[1]);
    return { side, w: [1 - wArm, 0, 0, 0, wArm] };
  }
  const leg = rig.legs[side];
  // Below the hip, the thigh; below the knee, the shank.
  const hipBand = 0.07 * s;
  const wLeg = smooth(leg.hip[1] + hipBand * 0.6, leg.hip[1] - hipBand, p[1]);
  const kneeBand = 0.05 * s;
  const wShank = smooth(leg.knee[1] + kneeBand, leg.knee[1] - kneeBand, p[1]);
  // Below the ankle, the foot (the heel and the sole are all below the malleoli).
  const ankleBand = 0.025 * s;
  const wFoot = smooth(leg.ankle[1] + ankleBand, leg.ankle[1] - ankleBand, p[1]);
  return {
    side,
    w: [1 - wLeg, wLeg * (1 - wShank), wLeg * wShank * (1 - wFoot), wLeg * wShank * wFoot, 0],
  };
}

/** Share of the left leg's transforms at a point: the crotch blends both thighs across x = 0. */
function leftShare(rig: Rig, p: Vec3, zone: string): number {
  if (zone === 'arm') return p[0] >= 0 ? 1 : 0;
  const b = 0.04 * rig.scale;
  const t = Math.min(1, Math.max(0, (p[0] + b) / (2 * b)));
  return t * t * (3 - 2 * t);
}

/** A point or direction after the pose, blended across the midline. */
function posed3(
  rig: Rig,
  posed: PosedRig,
  p: Vec3,
  d: Vec3,
  zone: string,
  direction: boolean,
): Vec3 {
  const l = leftShare(rig, p, zone);
  const one = (side: Side) => {
    const { w } = weightsAt(
      rig,
      [side === 'L' ? Math.abs(p[0]) : -Math.abs(p[0]), p[1], p[2]],
      zone,
    );
    return blend(posed, side, w, d, direction);
  };
  if (l >= 1) return one('L');
  if (l <= 0) return one('R');
  const a = one('L');
  const b = one('R');
  return [a[0] * l + b[0] * (1 - l), a[1] * l + b[1] * (1 - l), a[2] * l + b[2] * (1 - l)];
}

function blend(
  posed: PosedRig,
  side: Side,
  w: readonly number[],
  p: Vec3,
  direction: boolean,
): Vec3 {
  const leg = posed.legs[side];
  const segs = [posed.trunk, leg.thigh, leg.shank, leg.foot, posed.arms[side]];
  const out: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 5; i++) {
    const wi = w[i] ?? 0;
    const seg = segs[i];
    if (wi === 0 || !seg) continue;
    const q = direction ? rotate(seg.r, p) : applyRigid(seg, p);
    out[0] += q[0] * wi;
    out[1] += q[1] * wi;
    out[2] += q[2] * wi;
  }
  return out;
}

/** A model-space point after the pose (`zone` of the part it lies on). */
export function posePoint(rig: Rig, posed: PosedRig, p: Vec3, zone = ''): Vec3 {
  if (atRest(posed)) return p;
  return posed3(rig, posed, p, p, zone, false);
}

/** A model-space direction at a point after the pose (unit). */
export function poseDirection(rig: Rig, posed: PosedRig, p: Vec3, d: Vec3, zone = ''): Vec3 {
  if (atRest(posed)) return d;
  return unit(posed3(rig, posed, p, d, zone, true));
}

/** The segment a point moves with most (the path on a foot moves with the shank). */
export function segmentAt(rig: Rig, posed: PosedRig, p: Vec3, zone = ''): Rigid {
  if (atRest(posed)) return IDENTITY;
  const { side, w } = weightsAt(rig, p, zone);
  const leg = posed.legs[side];
  const best = w.slice(0, 4).reduce((b, wi, i) => (wi > (w[b] ?? 0) ? i : b), 0);
  return best === 0 ? posed.trunk : best === 1 ? leg.thigh : best === 2 ? leg.shank : leg.foot;
}

const SEAT_ZONES: ReadonlySet<string> = new Set(['buttock', 'thigh_back']);

/**
 * Pose the rig for a layout: on a chair the knees are at their standing height so the feet
 * stand on the floor (the seat is then where the buttocks end up); on the floor the lowest
 * point of the buttocks and the backs of the thighs rests on y = 0.
 */
export function poseRig(
  rig: Rig,
  body: BodyData,
  layout: LegLayout,
  worked: Side,
  raise = 0,
): PosedRig {
  const none = {
    arms: { L: IDENTITY, R: IDENTITY },
    trunk: IDENTITY,
    legs: {
      L: { thigh: IDENTITY, shank: IDENTITY, foot: IDENTITY },
      R: { thigh: IDENTITY, shank: IDENTITY, foot: IDENTITY },
    },
  };
  if (layout === 'as_modelled') return { layout, ...none, seatY: 0, raisedBy: 0 };
  const kneeY = rig.legs.L.knee[1];
  const trial: PosedRig = {
    layout,
    ...segments(rig, layout, worked, kneeY, raise),
    seatY: 0,
    raisedBy: raise,
  };
  const seat = lowestOf(rig, trial, body, SEAT_ZONES);
  if (onChair(layout)) return { ...trial, seatY: seat };
  const hipY = kneeY - seat;
  return { layout, ...segments(rig, layout, worked, hipY, raise), seatY: 0, raisedBy: 0 };
}

/** Lowest posed y over the parts of some zones (both sides). */
export function lowestOf(
  rig: Rig,
  posed: PosedRig,
  body: BodyData,
  zones: ReadonlySet<string>,
): number {
  let low = Infinity;
  const pos = body.positions;
  const seen = new Uint8Array(pos.length / 3);
  for (let t = 0; t < body.triangleParts.length; t++) {
    const part = body.parts[body.triangleParts[t] ?? 0];
    if (!part || !zones.has(part.zone)) continue;
    for (let j = 0; j < 3; j++) {
      const v = body.indices[t * 3 + j] ?? 0;
      if (seen[v]) continue;
      seen[v] = 1;
      const p = posePoint(rig, posed, [pos[v * 3] ?? 0, pos[v * 3 + 1] ?? 0, pos[v * 3 + 2] ?? 0]);
      if (p[1] < low) low = p[1];
    }
  }
  return low;
}

/**
 * Bends a mesh's positions (and normals) into `out*` from the standing `src*`: the scene's
 * side of `posePoint` for a whole zone mesh at once.
 */
export function deformInto(
  rig: Rig,
  posed: PosedRig,
  zone: string,
  srcPos: ArrayLike<number>,
  outPos: Float32Array,
  srcNormal: ArrayLike<number> | null,
  outNormal: Float32Array | null,
): void {
  for (let i = 0; i < outPos.length; i += 3) {
    const p: Vec3 = [srcPos[i] ?? 0, srcPos[i + 1] ?? 0, srcPos[i + 2] ?? 0];
    const q = atRest(posed) ? p : posed3(rig, posed, p, p, zone, false);
    outPos[i] = q[0];
    outPos[i + 1] = q[1];
    outPos[i + 2] = q[2];
    if (srcNormal && outNormal) {
      const n: Vec3 = [srcNormal[i] ?? 0, srcNormal[i + 1] ?? 0, srcNormal[i + 2] ?? 0];
      const m = atRest(posed) ? n : unit(posed3(rig, posed, p, n, zone, true));
      outNormal[i] = m[0];
      outNormal[i + 1] = m[1];
      outNormal[i + 2] = m[2];
    }
  }
}

/** Rotates per-vertex offsets (morph deltas) at `srcPos` by the pose, into `out`. */
export function rotateDeltasInto(
  rig: Rig,
  posed: PosedRig,
  zone: string,
  srcPos: ArrayLike<number>,
  srcDelta: ArrayLike<number>,
  out: Float32Array,
): void {
  for (let i = 0; i < out.length; i += 3) {
    const d: Vec3 = [srcDelta[i] ?? 0, srcDelta[i + 1] ?? 0, srcDelta[i + 2] ?? 0];
    if (atRest(posed) || (d[0] === 0 && d[1] === 0 && d[2] === 0)) {
      out[i] = d[0];
      out[i + 1] = d[1];
      out[i + 2] = d[2];
      continue;
    }
    const p: Vec3 = [srcPos[i] ?? 0, srcPos[i + 1] ?? 0, srcPos[i + 2] ?? 0];
    const q = posed3(rig, posed, p, d, zone, true);
    out[i] = q[0];
    out[i + 1] = q[1];
    out[i + 2] = q[2];
  }
}

/** The rig and its pose for a step on a side (the worked leg is `side`). */
export function legPoseFor(
  body: BodyData,
  position: Position,
  step: StepLike,
  side: Side,
): { rig: Rig; posed: PosedRig } {
  const rig = rigOf(body);
  const layout = legLayout(position, step);
  return { rig, posed: poseRig(rig, body, layout, side, raiseFor(step, rig.scale)) };
}

/** The posed triangles of the given zones on one side, 9 numbers each (a, b, c). */
export function posedTriangles(
  body: BodyData,
  rig: Rig,
  posed: PosedRig,
  zones: ReadonlySet<string>,
  side: Side,
): Float64Array {
  const out: number[] = [];
  for (let t = 0; t < body.triangleParts.length; t++) {
    const part = body.parts[body.triangleParts[t] ?? 0];
    if (!part || part.side !== side || !zones.has(part.zone)) continue;
    for (let k = 0; k < 3; k++) {
      const v = body.indices[t * 3 + k] ?? 0;
      out.push(
        ...posePoint(rig, posed, [
          body.positions[v * 3] ?? 0,
          body.positions[v * 3 + 1] ?? 0,
          body.positions[v * 3 + 2] ?? 0,
        ]),
      );
    }
  }
  return Float64Array.from(out);
}

/**
 * Lowest height at which the vertical line through (x, z) meets the posed surface of some
 * zones on one side (the sole over a ball), or null where it misses them.
 */
export function surfaceAbove(
  body: BodyData,
  rig: Rig,
  posed: PosedRig,
  zones: ReadonlySet<string>,
  side: Side,
  x: number,
  z: number,
): number | null {
  let low = Infinity;
  const tris = posedTriangles(body, rig, posed, zones, side);
  for (let o = 0; o < tris.length; o += 9) {
    const a: Vec3 = [tris[o] ?? 0, tris[o + 1] ?? 0, tris[o + 2] ?? 0];
    const b: Vec3 = [tris[o + 3] ?? 0, tris[o + 4] ?? 0, tris[o + 5] ?? 0];
    const c: Vec3 = [tris[o + 6] ?? 0, tris[o + 7] ?? 0, tris[o + 8] ?? 0];
    // Barycentric coordinates of (x, z) in the triangle's ground projection.
    const d = (b[2] - c[2]) * (a[0] - c[0]) + (c[0] - b[0]) * (a[2] - c[2]);
    if (Math.abs(d) < 1e-12) continue;
    const u = ((b[2] - c[2]) * (x - c[0]) + (c[0] - b[0]) * (z - c[2])) / d;
    const v = ((c[2] - a[2]) * (x - c[0]) + (a[0] - c[0]) * (z - c[2])) / d;
    if (u < 0 || v < 0 || u + v > 1) continue;
    low = Math.min(low, u * a[1] + v * b[1] + (1 - u - v) * c[1]);
  }
  return Number.isFinite(low) ? low : null;
}

// ---------------------------------------------------------------------------------------------
// Exercises: joint rotations on top of the pose
// ---------------------------------------------------------------------------------------------

/** a ∘ b */
function compose(a: Rigid, b: Rigid): Rigid {
  const r: number[] = [];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let v = 0;
      for (let k = 0; k < 3; k++) v += (a.r[i * 3 + k] ?? 0) * (b.r[k * 3 + j] ?? 0);
      r.push(v);
    }
  return { r, t: add(rotate(a.r, b.t), a.t) };
}

function inverse(a: Rigid): Rigid {
  const rt = [0, 3, 6, 1, 4, 7, 2, 5, 8].map((i) => a.r[i] ?? 0);
  return { r: rt, t: scale3(rotate(rt, a.t), -1) };
}

const rotX = (a: number) => [1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)];
const rotY = (a: number) => [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)];
const rotZ = (a: number) => [Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1];
const mul = (a: readonly number[], b: readonly number[]) =>
  compose({ r: a, t: [0, 0, 0] }, { r: b, t: [0, 0, 0] }).r;

/** Rotation by `angle` about the unit axis `u` (Rodrigues), row-major. */
export function rotAxis(u: Vec3, angle: number): number[] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const k = 1 - c;
  const [x, y, z] = u;
  return [
    c + x * x * k,
    x * y * k - z * s,
    x * z * k + y * s,
    y * x * k + z * s,
    c + y * y * k,
    y * z * k - x * s,
    z * x * k - y * s,
    z * y * k + x * s,
    c + z * z * k,
  ];
}

/** Joint angles of one leg, radians (see `LegAngles` in limbMotion). */
export interface JointAngles {
  readonly hipFlex: number;
  readonly hipAbduct: number;
  readonly kneeFlex: number;
  readonly ankleFlex: number;
  readonly ankleTurn: number;
  readonly ankleInvert: number;
  readonly kneeOut: number;
}

/**
 * The pose with the legs moved by an exercise: each joint turns about its own standing axis
 * (hip, knee, ankle), on top of how the step's pose already bends it; standing exercises move
 * the whole body (`offset`) so the foot that bears the weight stays on the floor where it stood.
 */
export function animatePosed(
  rig: Rig,
  base: PosedRig,
  angles: { legs: Readonly<Record<Side, JointAngles>>; lift: number; grounded: boolean },
): PosedRig {
  const legs = {} as Record<Side, LegSegments>;
  let stance: { low: number; restLow: number; dz: number } | null = null;
  for (const side of ['L', 'R'] as const) {
    const a = angles.legs[side];
    const sx = side === 'L' ? 1 : -1;
    const leg = rig.legs[side];
    const b = base.legs[side];
    const H = about(mul(rotX(-a.hipFlex), rotZ(sx * a.hipAbduct)), leg.hip, leg.hip);
    const K = about(rotX(a.kneeFlex), leg.knee, leg.knee);
    const A = about(
      mul(rotY(sx * a.ankleTurn), mul(rotX(-a.ankleFlex), rotZ(-sx * a.ankleInvert))),
      leg.ankle,
      leg.ankle,
    );
    const kneeBase = compose(inverse(b.thigh), b.shank);
    const footBase = compose(inverse(b.shank), b.foot);
    let thigh = compose(b.thigh, H);
    let shank = compose(compose(thigh, kneeBase), K);
    const foot = compose(compose(shank, footBase), A);
    if (a.kneeOut !== 0) {
      // The knee swings out about the line from the hip to the ankle: the foot stays put.
      const hip = applyRigid(thigh, leg.hip);
      const ankle = applyRigid(shank, leg.ankle);
      const u = unit(sub(ankle, hip));
      const knee = applyRigid(thigh, leg.knee);
      const turn = (angle: number) => about(rotAxis(u, angle), hip, hip);
      const out = applyRigid(turn(a.kneeOut), knee)[0] * sx > knee[0] * sx ? 1 : -1;
      const T = turn(out * a.kneeOut);
      thigh = compose(T, thigh);
      shank = compose(T, shank);
    }
    legs[side] = { thigh, shank, foot };
    if (angles.grounded) {
      const low = Math.min(...rig.soles[side].map((p) => applyRigid(foot, p)[1]));
      const restLow = Math.min(...rig.soles[side].map((p) => applyRigid(b.foot, p)[1]));
      const dz = applyRigid(b.foot, leg.ankle)[2] - applyRigid(foot, leg.ankle)[2];
      if (!stance || low - restLow < stance.low - stance.restLow) stance = { low, restLow, dz };
    }
  }
  const offset: Vec3 = stance
    ? [0, stance.restLow - stance.low + angles.lift * rig.scale, stance.dz]
    : [0, angles.lift * rig.scale, 0];
  return { ...base, legs, offset, animated: true };
}

/** Segments a vertex blends: trunk; thigh, shank, foot of the left, then the right leg; arms. */
export const SEGMENT_COUNT = 9;

/**
 * Per-vertex weights of the segments (`SEGMENT_COUNT` per vertex) of a mesh of `zone`, from
 * its standing model-space positions: what `posePoint` blends, laid out for `skinInto`.
 */
export function vertexWeights(rig: Rig, zone: string, src: ArrayLike<number>): Float32Array {
  const n = Math.floor(src.length / 3);
  const out = new Float32Array(n * SEGMENT_COUNT);
  for (let i = 0; i < n; i++) {
    const p: Vec3 = [src[i * 3] ?? 0, src[i * 3 + 1] ?? 0, src[i * 3 + 2] ?? 0];
    const l = leftShare(rig, p, zone);
    const x = Math.abs(p[0]);
    const wl = weightsAt(rig, [x, p[1], p[2]], zone).w;
    const wr = weightsAt(rig, [-x, p[1], p[2]], zone).w;
    const o = i * SEGMENT_COUNT;
    out[o] = l * wl[0] + (1 - l) * wr[0];
    out[o + 1] = l * wl[1];
    out[o + 2] = l * wl[2];
    out[o + 3] = l * wl[3];
    out[o + 4] = (1 - l) * wr[1];
    out[o + 5] = (1 - l) * wr[2];
    out[o + 6] = (1 - l) * wr[3];
    out[o + 7] = l * wl[4];
    out[o + 8] = (1 - l) * wr[4];
  }
  return out;
}

/** Bit `i` set: some vertex moves with segment `i`. */
export function segmentMask(weights: Float32Array): number {
  let mask = 0;
  for (let i = 0; i < weights.length; i++)
    if ((weights[i] ?? 0) > 0) mask |= 1 << (i % SEGMENT_COUNT);
  return mask;
}

/** The segments an exercise's joints move (bits as in `vertexWeights`). */
export function movingSegments(moves: { hip: boolean; knee: boolean; ankle: boolean }): number {
  const leg = moves.hip ? 0b111 : moves.knee ? 0b110 : moves.ankle ? 0b100 : 0;
  return (leg << 1) | (leg << 4);
}

/**
 * The segments' transforms (row-major 3×4 each), optionally after `pre` (model space → a mesh's
 * own space, as 3×4).
 */
export function segmentMatrices(posed: PosedRig, out: Float32Array, pre?: ArrayLike<number>): void {
  const segs = [
    posed.trunk,
    posed.legs.L.thigh,
    posed.legs.L.shank,
    posed.legs.L.foot,
    posed.legs.R.thigh,
    posed.legs.R.shank,
    posed.legs.R.foot,
    posed.arms.L,
    posed.arms.R,
  ];
  segs.forEach((m, k) => {
    const o = k * 12;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 4; j++) {
        const own = (row: number) => (j < 3 ? (m.r[row * 3 + j] ?? 0) : (m.t[row] ?? 0));
        let v = 0;
        if (pre) {
          for (let q = 0; q < 3; q++) v += (pre[i * 4 + q] ?? 0) * own(q);
          if (j === 3) v += pre[i * 4 + 3] ?? 0;
        } else v = own(i);
        out[o + i * 4 + j] = v;
      }
    }
  });
}

/** Up to `SLOTS` segments per vertex: their indices and weights (0 in unused slots). */
export interface SparseWeights {
  readonly segments: Uint8Array;
  readonly weights: Float32Array;
}
const SLOTS = 4;

/** The dense weights of `vertexWeights` as the few segments each vertex blends. */
export function sparseWeights(dense: Float32Array): SparseWeights {
  const n = Math.floor(dense.length / SEGMENT_COUNT);
  const segments = new Uint8Array(n * SLOTS);
  const weights = new Float32Array(n * SLOTS);
  const order = Array.from({ length: SEGMENT_COUNT }, (_, i) => i);
  for (let v = 0; v < n; v++) {
    const o = v * SEGMENT_COUNT;
    order.sort((a, b) => (dense[o + b] ?? 0) - (dense[o + a] ?? 0));
    let sum = 0;
    for (let k = 0; k < SLOTS; k++) sum += dense[o + (order[k] ?? 0)] ?? 0;
    for (let k = 0; k < SLOTS; k++) {
      const seg = order[k] ?? 0;
      segments[v * SLOTS + k] = seg;
      weights[v * SLOTS + k] = sum > 0 ? (dense[o + seg] ?? 0) / sum : 0;
    }
  }
  return { segments, weights };
}

/**
 * Linear blend skinning without allocation: positions (and normals, unit length) of `src*`
 * through the weighted `matrices` into `out*`.
 */
export function skinInto(
  sparse: SparseWeights,
  matrices: Float32Array,
  srcPos: Float32Array,
  outPos: Float32Array,
  srcNormal: Float32Array | null,
  outNormal: Float32Array | null,
): void {
  const { segments, weights } = sparse;
  const n = Math.floor(outPos.length / 3);
  for (let v = 0; v < n; v++) {
    const x = srcPos[v * 3] ?? 0;
    const y = srcPos[v * 3 + 1] ?? 0;
    const z = srcPos[v * 3 + 2] ?? 0;
    let px = 0;
    let py = 0;
    let pz = 0;
    let qx = 0;
    let qy = 0;
    let qz = 0;
    const nx = srcNormal ? (srcNormal[v * 3] ?? 0) : 0;
    const ny = srcNormal ? (srcNormal[v * 3 + 1] ?? 0) : 0;
    const nz = srcNormal ? (srcNormal[v * 3 + 2] ?? 0) : 0;
    for (let k = 0; k < SLOTS; k++) {
      const w = weights[v * SLOTS + k] ?? 0;
      if (w === 0) break;
      const o = (segments[v * SLOTS + k] ?? 0) * 12;
      const m0 = matrices[o] ?? 0;
      const m1 = matrices[o + 1] ?? 0;
      const m2 = matrices[o + 2] ?? 0;
      const m4 = matrices[o + 4] ?? 0;
      const m5 = matrices[o + 5] ?? 0;
      const m6 = matrices[o + 6] ?? 0;
      const m8 = matrices[o + 8] ?? 0;
      const m9 = matrices[o + 9] ?? 0;
      const m10 = matrices[o + 10] ?? 0;
      px += w * (m0 * x + m1 * y + m2 * z + (matrices[o + 3] ?? 0));
      py += w * (m4 * x + m5 * y + m6 * z + (matrices[o + 7] ?? 0));
      pz += w * (m8 * x + m9 * y + m10 * z + (matrices[o + 11] ?? 0));
      qx += w * (m0 * nx + m1 * ny + m2 * nz);
      qy += w * (m4 * nx + m5 * ny + m6 * nz);
      qz += w * (m8 * nx + m9 * ny + m10 * nz);
    }
    outPos[v * 3] = px;
    outPos[v * 3 + 1] = py;
    outPos[v * 3 + 2] = pz;
    if (outNormal) {
      const l = Math.sqrt(qx * qx + qy * qy + qz * qz) || 1;
      outNormal[v * 3] = qx / l;
      outNormal[v * 3 + 1] = qy / l;
      outNormal[v * 3 + 2] = qz / l;
    }
  }
}
