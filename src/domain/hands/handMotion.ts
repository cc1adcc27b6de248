/**
 * The hands on the skin: where each hand is and how it is posed at every instant of a step.
 *
 * Input: the step's motion plan (`planMotion`), the grip of its hand part and technique
 * (`gripFor`), the skin (projector) and the avoid zones. Output per hand: the root transform
 * (the wrist, in the body's model space), the bones' local rotations, the world point of the
 * touching part, visibility and pressure.
 *
 * 1. `planHands`, once per step, samples one pass of the motion: the travel heading (smoothed,
 *    held through lifted transfers), and for each hand a correction found against the skin —
 *    how far its fingers close onto the skin (`conform`) and, if the plain placement would put
 *    any part of the hand into the body or within `AVOID_CLEARANCE_M` of an avoid zone, the
 *    smallest tilt about the contact point (or last, a lift) that keeps it out. The hand is
 *    checked as spheres (`probes.ts`).
 * 2. `sampleHands`, every frame, takes the motion sample at that time (the contact point on the
 *    path and its skin normal), interpolates the corrections and poses and places the hands:
 *    the touching part at the sample (pressed in by a millimetre or so with intensity, lifted
 *    when the motion lifts), its pressing direction into the skin, its heading along the
 *    travel. Two-hand grips put one hand on each side of the limb (walking over the skin from
 *    the path), the hands alternating or mirroring each other.
 */
import type { Side } from '../body.ts';
import {
  createMotionSample,
  passTime,
  sampleMotion,
  type MotionPlan,
  type MotionSample,
} from '../motion/index.ts';
import type { Pose } from '../pose.ts';
import type { SkinProjector } from '../projectToSkin.ts';
import { caregiverDirection } from './approach.ts';
import { GRIPS, type BoneVector, type GripId, type GripSpec } from './grips.ts';
import {
  addPose,
  blendTrack,
  clampToLimits,
  keyTrack,
  poseDegrees,
  type KeyTrack,
} from './pose.ts';
import { createHandProbes, skinningMatrices, skinVertex, type HandProbes } from './probes.ts';
import {
  createJointAngles,
  forwardKinematics,
  localRotations,
  quatFromBasis,
  transformDirection,
  transformPoint,
  type HandMeshData,
  type JointAngles,
  type Quat,
} from './rig.ts';
import { BONE_COUNT, BONE_INDEX, type HandBone, type HandSide } from './skeleton.ts';
import type { SkinField } from './skinField.ts';

/** How far every part of a hand stays from an avoid zone, metres. */
export const AVOID_CLEARANCE_M = 0.008;
/**
 * How deep the touching part may press into the skin, metres: a rigid model hand on a curved
 * limb, where skin and hand would both give.
 */
export const CONTACT_SINK_M = 0.003;
/** Tolerance for the other parts of the hand, metres. */
const FREE_SINK_M = 0.0005;

export type HandSkin = Pick<SkinProjector, 'project'>;

export interface HandsPlanInput {
  readonly plan: MotionPlan;
  readonly grip: GripId;
  readonly skin: HandSkin;
  /** The skin as a fast distance field (`createSkinField` of the same body). */
  readonly field: SkinField | null;
  /** The hand model (both hands), for checking the real skin of the hand against the body. */
  readonly hands: Readonly<Record<HandSide, HandMeshData>>;
  readonly avoidZones: ReadonlySet<string>;
  /** The hand that works alone in one-hand grips (the user's dominant hand). */
  readonly working?: HandSide;
  /** Body size relative to the adult: scales how far two hands sit apart. */
  readonly bodyScale?: number;
  /** How the body lies (where the massaging person stands); default standing. */
  readonly pose?: Pose;
  /** The worked side (which side of the table the person stands at). */
  readonly side?: Side;
  /** The step's path kind: lines lead the hand, circles and points let it face its person. */
  readonly pathKind?: string;
  /** Table samples over one pass (default: by the pass's length). */
  readonly samples?: number;
}

const LEADING_PATHS: ReadonlySet<string> = new Set(['line', 'fan', 'zigzag', 'each_toe']);
const SHAPED_PATHS: ReadonlySet<string> = new Set(['spiral', 'zigzag', 'circles', 'figure_eight']);

function isFree(spec: GripSpec, pathKind: string | undefined): boolean {
  if (spec.lead === 'always') return false;
  if (spec.lead === 'never') return true;
  return pathKind === undefined || !LEADING_PATHS.has(pathKind);
}

/**
 * Numbers per correction key: pitch, roll, yaw (radians), lift (m), conform closure, extra wrist
 * extension (radians), shift of the target along the heading and to its left (m), hidden.
 */
const SLOTS = 9;
const PITCH = 0;
const ROLL = 1;
const YAW = 2;
const LIFT = 3;
const CLOSE = 4;
const WRIST = 5;
const SHIFT_T = 6;
const SHIFT_B = 7;
/** 1 where no correction keeps the hand clear: it is not drawn there. */
const HIDE = 8;
/** The most the plan lifts a hand off its target before it rather hides it, metres. */
const MAX_LIFT_M = 0.025;

/** Corrections of one hand at sorted pass times, interpolated in between (and across the loop). */
export interface CorrectionTrack {
  readonly t: number[];
  /** SLOTS numbers per key. */
  readonly v: number[];
}

export interface HandsPlan {
  readonly plan: MotionPlan;
  readonly grip: GripId;
  readonly spec: GripSpec;
  readonly skin: HandSkin;
  /** Only while planning (a plan rebuilt from tables has none). */
  readonly field: SkinField | null;
  readonly probes: Readonly<Record<HandSide, HandProbes>>;
  readonly avoidZones: ReadonlySet<string>;
  readonly working: HandSide;
  readonly bodyScale: number;
  /** Heading samples over the pass (uniform). */
  readonly samples: number;
  /** Unit heading per sample (xyz). */
  readonly headings: Float64Array;
  /** Each hand's corrections. */
  readonly corrections: Readonly<Record<HandSide, CorrectionTrack>>;
  /** Samples where no tilt kept the hand clear and it was lifted instead. */
  readonly lifted: number;
  /** Samples where the hand could not keep its clearance from an avoid zone. */
  readonly avoidUnresolved: number;
  /** Private prepared data. */
  readonly prep: Prepared;
}

interface Prepared {
  readonly track: KeyTrack;
  readonly pressure: Float64Array | null;
  readonly conform: Float64Array | null;
  /** Bones the conform pose moves (their probes decide how far it closes). */
  readonly conformBones: ReadonlySet<number>;
  /** Bones that carry the contact points (allowed to sink a little). */
  readonly contactBones: ReadonlySet<number>;
  readonly basePlan: MotionPlan;
  /** The hand direction that follows the table's heading. */
  readonly heading: BoneVector;
  /** True when the heading is the way to the massaging person rather than the travel. */
  readonly free: boolean;
  /** The path winds (spiral, zigzag, circles, figure eight): lead along each stroke's chord. */
  readonly shaped: boolean;
  readonly pose: Pose;
  readonly side: Side;
  /** Each hand's touching skin, for finding the part's lowest point (`lowerToSupport`). */
  readonly support: Readonly<Record<HandSide, HandSupport>>;
}

export type HandPhase = 'contact' | 'lift' | 'aside';

/** How close the touching part is to its target in a contact frame, metres. */
export const ON_TARGET_M = 0.002;
/**
 * Above this the touching part counts as lifted off the skin, metres (with the press depth it
 * stays within `ON_TARGET_M` of its target below it).
 */
export const TOUCH_LIFT_M = 0.0015;

export interface HandState {
  visible: boolean;
  /** The wrist joint (hand-space origin) in model space. */
  readonly rootPosition: [number, number, number];
  readonly rootQuaternion: Quat;
  /** Local rotation of every bone, BONE_COUNT × 4 ([x, y, z, w]). */
  readonly rotations: Float64Array;
  /** World point of the touching part. */
  readonly contactPoint: [number, number, number];
  /** The skin point it aims at (on the path for one hand; beside it for two). */
  readonly target: [number, number, number];
  readonly targetNormal: [number, number, number];
  /**
   * What the hand does in this frame. `contact`: the touching part is on the skin at its target
   * (the path sample, or for two hands each hand's point beside it), within `ON_TARGET_M`.
   * `lift`: the hand is off the skin, lifted between passes or strokes by the motion, or by the
   * plan where the hand could not otherwise stay clear of the body. `aside`: on the skin, but
   * moved off the path to keep clear of an avoid zone.
   */
  phase: HandPhase;
  /** 0 lifted … 1 touching (0 in lift frames). */
  contact: number;
  /** Intensity × contact (0..1): colour cue. */
  pressure: number;
  /** Extra lift the plan needed here to keep the hand out of the body, metres. */
  planLift: number;
  /** How far the plan moved the target away from an avoid zone, metres. */
  planShift: number;
}

export interface HandsFrame {
  readonly L: HandState;
  readonly R: HandState;
  /** The motion sample this frame was placed from. */
  readonly sample: MotionSample;
}

function createHandState(): HandState {
  return {
    visible: false,
    rootPosition: [0, 0, 0],
    rootQuaternion: [0, 0, 0, 1],
    rotations: new Float64Array(BONE_COUNT * 4),
    contactPoint: [0, 0, 0],
    target: [0, 0, 0],
    targetNormal: [0, 0, 1],
    phase: 'lift',
    contact: 0,
    pressure: 0,
    planLift: 0,
    planShift: 0,
  };
}

export function createHandsFrame(): HandsFrame {
  return { L: createHandState(), R: createHandState(), sample: createMotionSample() };
}

// ---------------------------------------------------------------------------------------------
// Vector scratch helpers
// ---------------------------------------------------------------------------------------------

type V = [number, number, number];
const v3 = (): V => [0, 0, 0];
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  (a[0] ?? 0) * (b[0] ?? 0) + (a[1] ?? 0) * (b[1] ?? 0) + (a[2] ?? 0) * (b[2] ?? 0);
function set(o: V, x: number, y: number, z: number): V {
  o[0] = x;
  o[1] = y;
  o[2] = z;
  return o;
}
function copy(o: V, a: ArrayLike<number>): V {
  return set(o, a[0] ?? 0, a[1] ?? 0, a[2] ?? 0);
}
function normalize(o: V, fx = 1, fy = 0, fz = 0): V {
  const l = Math.hypot(o[0], o[1], o[2]);
  if (l > 1e-12) return set(o, o[0] / l, o[1] / l, o[2] / l);
  return set(o, fx, fy, fz);
}
function crossTo(o: V, a: ArrayLike<number>, b: ArrayLike<number>): V {
  const ax = a[0] ?? 0;
  const ay = a[1] ?? 0;
  const az = a[2] ?? 0;
  const bx = b[0] ?? 0;
  const by = b[1] ?? 0;
  const bz = b[2] ?? 0;
  return set(o, ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx);
}
/** o = a - (a·n) n, normalised (fallback: some perpendicular of n). */
function tangentOf(o: V, a: ArrayLike<number>, n: ArrayLike<number>): V {
  const d = dot(a, n);
  set(
    o,
    (a[0] ?? 0) - d * (n[0] ?? 0),
    (a[1] ?? 0) - d * (n[1] ?? 0),
    (a[2] ?? 0) - d * (n[2] ?? 0),
  );
  if (Math.hypot(o[0], o[1], o[2]) > 1e-9) return normalize(o);
  // Any perpendicular.
  const ax = Math.abs(n[0] ?? 0) < 0.9 ? 1 : 0;
  set(o, ax, 1 - ax, 0);
  const e = dot(o, n);
  set(o, o[0] - e * (n[0] ?? 0), o[1] - e * (n[1] ?? 0), o[2] - e * (n[2] ?? 0));
  return normalize(o);
}
/** Rotates v about unit axis k by angle (Rodrigues), in place. */
function rotateAbout(v: V, k: ArrayLike<number>, angle: number): V {
  if (angle === 0) return v;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const kx = k[0] ?? 0;
  const ky = k[1] ?? 0;
  const kz = k[2] ?? 0;
  const d = kx * v[0] + ky * v[1] + kz * v[2];
  const cx = ky * v[2] - kz * v[1];
  const cy = kz * v[0] - kx * v[2];
  const cz = kx * v[1] - ky * v[0];
  return set(
    v,
    v[0] * c + cx * s + kx * d * (1 - c),
    v[1] * c + cy * s + ky * d * (1 - c),
    v[2] * c + cz * s + kz * d * (1 - c),
  );
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const DEG = Math.PI / 180;

// ---------------------------------------------------------------------------------------------
// Placing one hand
// ---------------------------------------------------------------------------------------------

/** Scratch for one hand's pose and placement (module level: JS runs one call at a time). */
const angles: JointAngles = createJointAngles();
const rot = new Float64Array(BONE_COUNT * 4);
const handSpace = new Float64Array(BONE_COUNT * 16);
const cH = v3();
const pH = v3();
const hH = v3();
const a2 = v3();
const a3 = v3();
const w1 = v3();
const w2 = v3();
const w3 = v3();
const tmp2 = v3();
/** Rotation hand space → world as three columns. */
const R0 = v3();
const R1 = v3();
const R2 = v3();
const origin = v3();

function mirrorLocal(v: ArrayLike<number>, side: HandSide, o: V): V {
  return set(o, side === 'L' ? -(v[0] ?? 0) : (v[0] ?? 0), v[1] ?? 0, v[2] ?? 0);
}

/** Mean of bone-local points (or directions) in hand space at the current pose. */
function meanInHand(vs: readonly BoneVector[], side: HandSide, asPoint: boolean, o: V): V {
  set(o, 0, 0, 0);
  for (const bv of vs) {
    mirrorLocal(bv.v, side, tmp2);
    const at = BONE_INDEX[bv.bone] * 16;
    const w = asPoint
      ? transformPoint(handSpace, at, tmp2)
      : transformDirection(handSpace, at, tmp2);
    o[0] += w[0] / vs.length;
    o[1] += w[1] / vs.length;
    o[2] += w[2] / vs.length;
  }
  return o;
}

/** Poses the hand (angles → hand-space bone matrices) for one side. */
function poseHand(side: HandSide): void {
  clampToLimits(angles);
  localRotations(angles, side, rot);
  forwardKinematics(side, rot, [0, 0, 0], [0, 0, 0, 1], handSpace);
}

/**
 * The touching part's own skin near its contact point: probe vertices of the contact bones (and
 * the bones that touch with them) that lie within `SUPPORT_RADIUS_M` of it across the press.
 */
interface HandSupport {
  readonly mesh: HandMeshData;
  readonly vertices: Int32Array;
}
const SUPPORT_RADIUS_M = 0.05;
const supportV: V = [0, 0, 0];

/**
 * Moves the contact point along the press direction to the part's lowest skin there: the
 * point that meets the skin first. (The grips name a point on the bone, a tip or a pad centre;
 * a curled fingertip or a heel of the palm reaches further along the press than that point,
 * and without this the part would sink into the skin and the plan would lift the whole hand.)
 */
function lowerToSupport(support: HandSupport, c: V, press: V): void {
  if (support.vertices.length === 0) return;
  const m = skinningMatrices(support.mesh, handSpace);
  let deepest = 0;
  for (const v of support.vertices) {
    skinVertex(support.mesh, m, v, supportV);
    const dx = supportV[0] - c[0];
    const dy = supportV[1] - c[1];
    const dz = supportV[2] - c[2];
    const along = dx * press[0] + dy * press[1] + dz * press[2];
    if (along <= deepest) continue;
    const across2 = dx * dx + dy * dy + dz * dz - along * along;
    if (across2 <= SUPPORT_RADIUS_M * SUPPORT_RADIUS_M) deepest = along;
  }
  c[0] += press[0] * deepest;
  c[1] += press[1] * deepest;
  c[2] += press[2] * deepest;
}

function supportOf(probes: HandProbes, bones: ReadonlySet<number>): HandSupport {
  const list: number[] = [];
  for (const g of probes.groups) if (bones.has(g.boneIndex)) list.push(...g.vertices);
  return { mesh: probes.mesh, vertices: Int32Array.from(list) };
}

interface Placement {
  /** Where the touching part goes (skin target, already lifted / pressed along the normal). */
  readonly point: ArrayLike<number>;
  readonly normal: ArrayLike<number>;
  /** Travel heading in the tangent plane. */
  readonly heading: ArrayLike<number>;
  readonly yaw: number;
  readonly pitch: number;
  readonly roll: number;
}

/**
 * Turns and places the posed hand so the grip's contact sits at `point`, its press direction
 * into the skin (-normal), its heading along `heading` turned by `yaw`, then tilted by `pitch`
 * (about the lateral axis) and `roll` (about the heading) around the contact point. Writes the
 * rotation columns R0..R2 and the wrist position `origin`.
 */
function placeHand(
  spec: GripSpec,
  side: HandSide,
  pl: Placement,
  free: boolean,
  support: HandSupport,
): void {
  meanInHand(spec.contact, side, true, cH);
  normalize(meanInHand(spec.press, side, false, pH), 0, -1, 0);
  lowerToSupport(support, cH, pH);
  const headingVector = free ? FOREARM_AWAY : spec.heading;
  mirrorLocal(headingVector.v, side, tmp2);
  copy(hH, transformDirection(handSpace, BONE_INDEX[headingVector.bone] * 16, tmp2));
  tangentOf(a2, hH, pH);
  crossTo(a3, pH, a2);
  // World frame: press → -normal, heading → the travel heading turned by yaw.
  set(w1, -(pl.normal[0] ?? 0), -(pl.normal[1] ?? 0), -(pl.normal[2] ?? 0));
  copy(w2, pl.heading);
  rotateAbout(w2, pl.normal, pl.yaw);
  tangentOf(w2, w2, w1);
  crossTo(w3, w1, w2);
  // Tilts about the contact point.
  if (pl.pitch !== 0) {
    rotateAbout(w1, w3, pl.pitch);
    rotateAbout(w2, w3, pl.pitch);
  }
  if (pl.roll !== 0) {
    rotateAbout(w1, w2, pl.roll);
    rotateAbout(w3, w2, pl.roll);
  }
  // R = W · Aᵀ: columns R e_k = Σ_i w_i (a_i)_k.
  for (let k = 0; k < 3; k++) {
    const col = k === 0 ? R0 : k === 1 ? R1 : R2;
    set(
      col,
      w1[0] * (pH[k] ?? 0) + w2[0] * (a2[k] ?? 0) + w3[0] * (a3[k] ?? 0),
      w1[1] * (pH[k] ?? 0) + w2[1] * (a2[k] ?? 0) + w3[1] * (a3[k] ?? 0),
      w1[2] * (pH[k] ?? 0) + w2[2] * (a2[k] ?? 0) + w3[2] * (a3[k] ?? 0),
    );
  }
  set(
    origin,
    (pl.point[0] ?? 0) - (R0[0] * cH[0] + R1[0] * cH[1] + R2[0] * cH[2]),
    (pl.point[1] ?? 0) - (R0[1] * cH[0] + R1[1] * cH[1] + R2[1] * cH[2]),
    (pl.point[2] ?? 0) - (R0[2] * cH[0] + R1[2] * cH[1] + R2[2] * cH[2]),
  );
}

/** In the free heading mode the fingers point away from the massaging person. */
const FOREARM_AWAY: BoneVector = { bone: 'palm', v: [0, 0, 1] };

/** A hand-space point → world with the current placement. */
function toWorld(p: ArrayLike<number>, o: V): V {
  const x = p[0] ?? 0;
  const y = p[1] ?? 0;
  const z = p[2] ?? 0;
  return set(
    o,
    R0[0] * x + R1[0] * y + R2[0] * z + origin[0],
    R0[1] * x + R1[1] * y + R2[1] * z + origin[1],
    R0[2] * x + R1[2] * y + R2[2] * z + origin[2],
  );
}

// ---------------------------------------------------------------------------------------------
// Collision of the placed hand with the skin
// ---------------------------------------------------------------------------------------------

const probeW = v3();

interface Clearance {
  /** Deepest sinking of a sphere beyond its allowance, metres (≤ 0: clear). */
  sink: number;
  /** True when some sphere comes within the clearance of an avoid zone. */
  avoid: boolean;
}
const clearance: Clearance = { sink: 0, avoid: false };

/** Vertex distances overestimate the distance to the triangles by up to about half an edge. */
const VERTEX_SLACK_M = 0.0015;
/** How far from the skin a probe vertex is looked at (probes are ≈ 6 mm apart). */
const PROBE_REACH_M = 0.006;
/** How deep a probe counts when it is beyond measuring, inside the body. */
const DEEP_SINK_M = 0.012;

const skinned: V = v3();

/**
 * Checks the placed hand's probe vertices (of `only` bones, or all) against the skin and the
 * avoid zones; writes `clearance`.
 */
function checkHand(
  hp: Pick<HandsPlan, 'field' | 'avoidZones' | 'probes'>,
  prep: Pick<Prepared, 'contactBones'>,
  side: HandSide,
  only: ReadonlySet<number> | null,
): Clearance {
  clearance.sink = -Infinity;
  clearance.avoid = false;
  stats.checks++;
  const field = hp.field;
  if (!field) throw new Error('hands: checking needs the skin field (planning only)');
  const probes = hp.probes[side];
  const avoid = hp.avoidZones.size > 0;
  const reachAvoid = AVOID_CLEARANCE_M + VERTEX_SLACK_M;
  const m = skinningMatrices(probes.mesh, handSpace);
  for (const group of probes.groups) {
    if (only && !only.has(group.boneIndex)) continue;
    toWorld(transformPoint(handSpace, group.boneIndex * 16, group.centre), probeW);
    const nearSkin = field.mayBeNear(probeW[0], probeW[1], probeW[2], group.radius + PROBE_REACH_M);
    const nearAvoid =
      avoid &&
      field.mayBeNearZones(
        probeW[0],
        probeW[1],
        probeW[2],
        hp.avoidZones,
        group.radius + reachAvoid,
      );
    if (!nearSkin && !nearAvoid) {
      // Far from any skin vertex: outside, or the whole bone buried deep in the body.
      if (field.isDeepInside(probeW[0], probeW[1], probeW[2]))
        clearance.sink = Math.max(clearance.sink, DEEP_SINK_M);
      continue;
    }
    const allowance = prep.contactBones.has(group.boneIndex) ? CONTACT_SINK_M : FREE_SINK_M;
    for (const v of group.vertices) {
      skinVertex(probes.mesh, m, v, skinned);
      toWorld(skinned, probeW);
      if (nearSkin) {
        const sd = field.signedDistance(probeW[0], probeW[1], probeW[2], PROBE_REACH_M);
        if (Number.isFinite(sd)) clearance.sink = Math.max(clearance.sink, -sd - allowance);
        else if (field.isDeepInside(probeW[0], probeW[1], probeW[2])) {
          clearance.sink = Math.max(clearance.sink, DEEP_SINK_M);
        }
      }
      if (nearAvoid && !clearance.avoid) {
        clearance.avoid = Number.isFinite(
          field.zoneDistance(probeW[0], probeW[1], probeW[2], hp.avoidZones, reachAvoid),
        );
      }
    }
  }
  return clearance;
}

// ---------------------------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------------------------

/**
 * Corrections tried in order when the plain placement is not clear: extra wrist extension
 * (lifts the forearm), then tilts about the contact point (pitch about the lateral axis, roll
 * about the heading) and turns about the normal (yaw), degrees.
 */
const CANDIDATES: readonly (readonly [wrist: number, pitch: number, roll: number, yaw: number])[] =
  [
    [0, 0, 0, 0],
    [15, 0, 0, 0],
    [30, 0, 0, 0],
    [45, 0, 0, 0],
    [15, 12, 0, 0],
    [15, -12, 0, 0],
    [15, 0, 12, 0],
    [15, 0, -12, 0],
    [15, 25, 0, 0],
    [15, -25, 0, 0],
    [15, 0, 25, 0],
    [15, 0, -25, 0],
    [15, 20, 20, 0],
    [15, 20, -20, 0],
    [15, -20, 20, 0],
    [15, -20, -20, 0],
    [15, 0, 0, 30],
    [15, 0, 0, -30],
    [30, 15, 0, 30],
    [30, 15, 0, -30],
    [30, 40, 0, 0],
    [30, 0, 40, 0],
    [30, 0, -40, 0],
    [15, 0, 0, 60],
    [15, 0, 0, -60],
    [15, 0, 0, 90],
    [15, 0, 0, -90],
    [30, 20, 0, 90],
    [30, 20, 0, -90],
    [15, 0, 0, 180],
  ];

function sampleCount(plan: MotionPlan, wanted?: number): number {
  if (wanted !== undefined && wanted > 1) return Math.floor(wanted);
  // Enough to follow fast cycles (taps, strikes) as well as long glides.
  const cycles = plan.segments.reduce((n, s) => n + s.cycles, 0);
  return Math.max(48, Math.min(320, Math.round(Math.max(plan.passDurationS * 8, cycles * 10))));
}

const sampleScratch = createMotionSample();
const baseScratch = createMotionSample();

/** Which hands a grip uses at all. */
function handsOf(spec: GripSpec, working: HandSide): readonly HandSide[] {
  return spec.hands === 'one' ? [working] : ['L', 'R'];
}

/** Bones a pose moves (flexion or abduction set), with the outer phalanges they carry. */
function movedBones(deg: Float64Array): Set<number> {
  const moved = new Set<number>();
  for (let b = 0; b < BONE_COUNT; b++) {
    if ((deg[b * 3] ?? 0) !== 0 || (deg[b * 3 + 1] ?? 0) !== 0) moved.add(b);
  }
  for (const b of [...moved]) {
    const name = BONE_NAMES[b] ?? '';
    const digit = name.replace(/\d$/, '');
    const seg = Number(name.slice(-1));
    if (!/\d$/.test(name)) continue;
    for (let k = seg + 1; k <= 3; k++) {
      const outer = BONE_INDEX[`${digit}${String(k)}` as HandBone];
      moved.add(outer);
    }
  }
  return moved;
}
const BONE_NAMES: readonly string[] = Object.entries(BONE_INDEX)
  .sort((a, b) => a[1] - b[1])
  .map(([n]) => n);

/** How far a conforming grip may open (negative closure: the fingers lift off a hollow). */
const CONFORM_OPEN = -0.6;
const CONFORM_STEP = 0.4;
/** Corrections tried at one key before moving or lifting the hand. */
const MAX_TRIES = 10;

const probeCache = new WeakMap<HandMeshData, HandProbes>();
function probesFor(mesh: HandMeshData): HandProbes {
  let p = probeCache.get(mesh);
  if (!p) {
    p = createHandProbes(mesh);
    probeCache.set(mesh, p);
  }
  return p;
}

/** Sets up a plan: prepared grip data, empty corrections (see `planHands`). */
function preparePlan(input: HandsPlanInput): HandsPlan {
  const spec = GRIPS[input.grip];
  const working = input.working ?? 'R';
  const samples = sampleCount(input.plan, input.samples);
  const conformDeg = spec.conform ? poseDegrees(spec.conform) : null;
  const probes = { L: probesFor(input.hands.L), R: probesFor(input.hands.R) };
  const contactBones = new Set(
    [...spec.contact.map((c) => c.bone), ...(spec.touching ?? [])].map((b) => BONE_INDEX[b]),
  );
  const prep: Prepared = {
    track: keyTrack(spec.keys),
    pressure: spec.pressure ? poseDegrees(spec.pressure) : null,
    conform: conformDeg,
    conformBones: conformDeg ? movedBones(conformDeg) : new Set(),
    contactBones,
    basePlan: { ...input.plan, amplitudeM: 0 },
    heading: spec.heading,
    free: isFree(spec, input.pathKind),
    shaped: SHAPED_PATHS.has(input.pathKind ?? ''),
    pose: input.pose ?? 'standing',
    side: input.side ?? 'L',
    support: { L: supportOf(probes.L, contactBones), R: supportOf(probes.R, contactBones) },
  };
  return {
    plan: input.plan,
    grip: input.grip,
    spec,
    skin: input.skin,
    field: input.field,
    probes,
    avoidZones: input.avoidZones,
    working,
    bodyScale: input.bodyScale ?? 1,
    samples,
    headings: new Float64Array(samples * 3),
    corrections: { L: { t: [], v: [] }, R: { t: [], v: [] } },
    lifted: 0,
    avoidUnresolved: 0,
    prep,
  };
}

/** The whole planning, yielding after each solved or checked key. */
function* planningSteps(
  hp: HandsPlan,
  counts: { lifted: number; unresolved: number },
): Generator<void, void, void> {
  planHeadings(hp);
  yield;
  for (const side of handsOf(hp.spec, hp.working)) yield* planSide(hp, side, counts);
}

/** Plans the hands for one step (see the module comment). Blocking; see `createHandsPlanner`. */
export function planHands(input: HandsPlanInput): HandsPlan {
  const hp = preparePlan(input);
  const counts = { lifted: 0, unresolved: 0 };
  const steps = planningSteps(hp, counts);
  while (steps.next().done !== true) {
    // Runs to the end.
  }
  return { ...hp, lifted: counts.lifted, avoidUnresolved: counts.unresolved };
}

/** What planning produces, as plain data (it can cross to and from a worker). */
export interface HandsTables {
  readonly headings: Float64Array;
  readonly corrections: Readonly<Record<HandSide, { readonly t: number[]; readonly v: number[] }>>;
  readonly lifted: number;
  readonly avoidUnresolved: number;
}

export function tablesOf(hp: HandsPlan): HandsTables {
  return {
    headings: hp.headings,
    corrections: hp.corrections,
    lifted: hp.lifted,
    avoidUnresolved: hp.avoidUnresolved,
  };
}

/**
 * A plan from tables planned elsewhere (a worker) for the same motion plan and grip: it samples
 * exactly like the original. `field` may be null: the plan is not checked again.
 */
export function handsPlanFromTables(
  input: Omit<HandsPlanInput, 'field'> & { readonly field?: SkinField | null },
  tables: HandsTables,
): HandsPlan {
  const hp = preparePlan({ ...input, field: input.field ?? null });
  if (tables.headings.length !== hp.headings.length)
    throw new Error('hands: the tables were planned for another pass');
  hp.headings.set(tables.headings);
  return {
    ...hp,
    corrections: {
      L: { t: [...tables.corrections.L.t], v: [...tables.corrections.L.v] },
      R: { t: [...tables.corrections.R.t], v: [...tables.corrections.R.v] },
    },
    lifted: tables.lifted,
    avoidUnresolved: tables.avoidUnresolved,
  };
}

export interface HandsPlanner {
  /**
   * Works for about `budgetMs` and returns the plan once it is complete (null before), so the
   * planning can be spread over idle moments or frames without stalling them.
   */
  advance(budgetMs: number): HandsPlan | null;
}

export function createHandsPlanner(input: HandsPlanInput): HandsPlanner {
  const hp = preparePlan(input);
  const counts = { lifted: 0, unresolved: 0 };
  const steps = planningSteps(hp, counts);
  let done: HandsPlan | null = null;
  return {
    advance(budgetMs) {
      if (done) return done;
      const until = performance.now() + budgetMs;
      for (;;) {
        if (steps.next().done) {
          done = { ...hp, lifted: counts.lifted, avoidUnresolved: counts.unresolved };
          return done;
        }
        if (performance.now() >= until) return null;
      }
    },
  };
}

/**
 * The travel heading per sample: the path's direction (the motion with its swing taken out),
 * held through lifted transfers and smoothed over about a second.
 */
function planHeadings(hp: HandsPlan): void {
  const { samples, prep } = hp;
  const raw = new Float64Array(samples * 3);
  const weight = new Float64Array(samples);
  const footHeight = 0.1 * hp.bodyScale;
  for (let i = 0; i < samples; i++) {
    sampleMotion(prep.basePlan, i / samples, baseScratch, 0.5);
    if (prep.free) {
      // The forearm toward the massaging person: the hand heads the other way.
      const g = caregiverDirection(
        prep.pose,
        baseScratch.position,
        baseScratch.normal,
        prep.side,
        footHeight,
      );
      // A touch of the travel direction keeps it defined where the person faces the skin.
      const d = dot(g, baseScratch.normal);
      raw[i * 3] = -(g[0] - d * baseScratch.normal[0]) + 0.15 * baseScratch.tangent[0];
      raw[i * 3 + 1] = -(g[1] - d * baseScratch.normal[1]) + 0.15 * baseScratch.tangent[1];
      raw[i * 3 + 2] = -(g[2] - d * baseScratch.normal[2]) + 0.15 * baseScratch.tangent[2];
      weight[i] = 1;
    } else if (prep.shaped) {
      // A spiral, zigzag or circle winds about its way: head along the stroke as a whole.
      const stroke = hp.plan.path.strokes[baseScratch.stroke];
      const c = stroke ? stroke.count - 1 : 0;
      if (stroke && c > 0) {
        raw[i * 3] = (stroke.points[c * 3] ?? 0) - (stroke.points[0] ?? 0);
        raw[i * 3 + 1] = (stroke.points[c * 3 + 1] ?? 0) - (stroke.points[1] ?? 0);
        raw[i * 3 + 2] = (stroke.points[c * 3 + 2] ?? 0) - (stroke.points[2] ?? 0);
      } else raw.set(baseScratch.tangent, i * 3);
      weight[i] = baseScratch.transfer ? 0 : 1;
    } else {
      raw.set(baseScratch.tangent, i * 3);
      weight[i] = baseScratch.transfer ? 0 : 1;
    }
  }
  const halfWindow = Math.max(1, Math.round((0.6 / hp.plan.passDurationS) * samples));
  const heading = v3();
  for (let i = 0; i < samples; i++) {
    let reach = halfWindow;
    for (let attempt = 0; attempt < 8; attempt++) {
      set(heading, 0, 0, 0);
      for (let j = -reach; j <= reach; j++) {
        const k = (((i + j) % samples) + samples) % samples;
        const w = (weight[k] ?? 0) * (1 - Math.abs(j) / (reach + 1));
        heading[0] += (raw[k * 3] ?? 0) * w;
        heading[1] += (raw[k * 3 + 1] ?? 0) * w;
        heading[2] += (raw[k * 3 + 2] ?? 0) * w;
      }
      if (Math.hypot(heading[0], heading[1], heading[2]) > 1e-6) break;
      reach *= 2;
    }
    normalize(heading, raw[i * 3] ?? 1, raw[i * 3 + 1] ?? 0, raw[i * 3 + 2] ?? 0);
    hp.headings.set(heading, i * 3);
  }
}

const planTargets = { L: createTarget(), R: createTarget() };
const solved = new Float64Array(SLOTS);

/** Corrections for one hand over the pass (see the module comment). */
function* planSide(
  hp: HandsPlan,
  side: HandSide,
  counts: { lifted: number; unresolved: number },
): Generator<void, void, void> {
  const track = hp.corrections[side];
  const keys = Math.max(16, Math.round(hp.samples / 4));
  let last = 0;
  for (let i = 0; i < keys; i++) {
    const t = i / keys;
    last = solveAt(hp, side, t, last, counts);
    track.t.push(t);
    track.v.push(...solved);
    yield;
  }
  // Between keys the corrections are interpolated: where the blend of two neighbours is not
  // clear, solve the middle too, down to a few milliseconds of the pass.
  // At most two halvings of the key spacing.
  const minGap = 0.3 / keys;
  let k = 0;
  while (k < track.t.length && track.t.length < 3 * keys) {
    const t0 = track.t[k] ?? 0;
    const t1 = k + 1 < track.t.length ? (track.t[k + 1] ?? 1) : 1 + (track.t[0] ?? 0);
    // The worst of three points inside the interval.
    let worstT = -1;
    let worst = 0;
    if (t1 - t0 > minGap) {
      for (const f of [0.25, 0.5, 0.75]) {
        const tm = t0 + (t1 - t0) * f;
        const sink = checkAt(hp, side, tm % 1);
        if (sink > worst) {
          worst = sink;
          worstT = tm % 1;
        }
      }
    }
    yield;
    if (worstT >= 0) {
      solveAt(hp, side, worstT, 0, counts);
      insertKey(track, worstT, solved);
      yield;
      continue;
    }
    k++;
  }
  // Where even that leaves a blend unclear, lift both neighbours a little more.
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (let j = 0; j < track.t.length; j++) {
      const t0 = track.t[j] ?? 0;
      const t1 = j + 1 < track.t.length ? (track.t[j + 1] ?? 1) : 1 + (track.t[0] ?? 0);
      let sink = 0;
      for (const f of [0.25, 0.5, 0.75])
        sink = Math.max(sink, checkAt(hp, side, (t0 + (t1 - t0) * f) % 1));
      if (j % 4 === 3) yield;
      if (sink <= 0) continue;
      const add = Math.min(0.01, sink + 0.0005);
      const jn = (j + 1) % track.t.length;
      for (const at of [j, jn]) {
        const lifted = (track.v[at * SLOTS + LIFT] ?? 0) + add;
        if (lifted > MAX_LIFT_M) track.v[at * SLOTS + HIDE] = 1;
        else track.v[at * SLOTS + LIFT] = lifted;
      }
      changed = true;
    }
    if (!changed) break;
  }
  // Last, a closer look between every two keys: where the hand is still not clear, it is not
  // drawn there (the path and its arrows still are).
  for (let j = 0; j < track.t.length; j++) {
    const t0 = track.t[j] ?? 0;
    const t1 = j + 1 < track.t.length ? (track.t[j + 1] ?? 1) : 1 + (track.t[0] ?? 0);
    let unclear = false;
    for (let f = 1; f <= VERIFY_POINTS && !unclear; f++) {
      unclear = checkAt(hp, side, (t0 + ((t1 - t0) * f) / (VERIFY_POINTS + 1)) % 1) > 0;
    }
    if (j % 3 === 2) yield;
    if (!unclear) continue;
    track.v[j * SLOTS + HIDE] = 1;
    track.v[((j + 1) % track.t.length) * SLOTS + HIDE] = 1;
    counts.unresolved++;
  }
}

/** Points checked between two keys in the final look. */
const VERIFY_POINTS = 6;

function insertKey(track: CorrectionTrack, t: number, values: Float64Array): void {
  let at = track.t.length;
  for (let i = 0; i < track.t.length; i++) {
    if ((track.t[i] ?? 0) > t) {
      at = i;
      break;
    }
  }
  track.t.splice(at, 0, t);
  track.v.splice(at * SLOTS, 0, ...values);
}

/**
 * The smallest correction that keeps the hand clear at pass time t, into `solved`; returns the
 * candidate used (tried first at the next key, for continuity).
 */
function solveAt(
  hp: HandsPlan,
  side: HandSide,
  t: number,
  prefer: number,
  counts: { lifted: number; unresolved: number },
): number {
  sampleMotion(hp.plan, t, sampleScratch, 0.5);
  sampleMotion(hp.prep.basePlan, t, baseScratch, 0.5);
  solved.fill(0);
  targetsBeforeShift(hp, sampleScratch, baseScratch, t * hp.samples, planTargets);
  const target = planTargets[side];
  if (!target.active) return 0;
  // A hand that leads along its stroke only turns a little; one facing its person may turn.
  const maxYaw = hp.prep.free ? 180 : 30;
  const order = prefer > 0 ? [0, prefer] : [0];
  for (let c = 1; c < CANDIDATES.length; c++) {
    if (c !== prefer && Math.abs(CANDIDATES[c]?.[3] ?? 0) <= maxYaw) order.push(c);
  }
  if (order.length > MAX_TRIES) order.length = MAX_TRIES;
  let bestIndex = 0;
  let bestScore = Infinity;
  let bestS = 0;
  for (const c of order) {
    const cand = CANDIDATES[c] ?? [0, 0, 0, 0];
    const r = tryCandidate(hp, side, target, cand, 0, null);
    if (r.sink <= 0 && !r.avoid) {
      writeCorrection(solved, cand, 0, r.s);
      return c;
    }
    const score = Math.max(0, r.sink) + (r.avoid ? 0.02 : 0);
    if (score < bestScore) {
      bestScore = score;
      bestIndex = c;
      bestS = r.s;
    }
  }
  if (hp.avoidZones.size > 0 && shiftAway(hp, side, target)) return 0;
  const cand = CANDIDATES[bestIndex] ?? [0, 0, 0, 0];
  // Lift until clear; where even a lift of MAX_LIFT_M does not clear it, the hand is hidden.
  let lift = 0.0005;
  let clear = false;
  for (let k = 0; k < 12 && !clear && lift <= MAX_LIFT_M; k++) {
    const r = tryCandidate(hp, side, target, cand, lift, bestS);
    clear = r.sink <= 0 && !r.avoid;
    if (!clear) lift += Math.max(0.001, Math.min(0.008, r.sink));
  }
  writeCorrection(solved, cand, Math.min(lift, MAX_LIFT_M), bestS);
  counts.lifted++;
  if (!clear) {
    solved[HIDE] = 1;
    counts.unresolved++;
  }
  return bestIndex;
}

const avoidPoint = v3();
const shifted = createTarget();
const shiftDir = v3();
const leftOf = v3();

/**
 * Near an avoid zone the hand part itself would come within the clearance: move the target over
 * the skin straight away from the zone, as little as clears it. Writes the correction and the
 * shift (along the heading and to its left) into `solved`; false if nothing up to 30 mm helps.
 */
function shiftAway(hp: HandsPlan, side: HandSide, target: Target): boolean {
  if (
    !hp.field?.nearestZonePoint(
      target.point[0],
      target.point[1],
      target.point[2],
      hp.avoidZones,
      0.06,
      avoidPoint,
    )
  ) {
    return false;
  }
  set(
    shiftDir,
    target.point[0] - avoidPoint[0],
    target.point[1] - avoidPoint[1],
    target.point[2] - avoidPoint[2],
  );
  tangentOf(shiftDir, shiftDir, target.normal);
  crossTo(leftOf, target.normal, target.heading);
  const dir = v3();
  for (const d of [0.005, 0.011, 0.019, 0.03]) {
    copyTarget(shifted, target);
    copy(dir, shiftDir);
    walkOver(hp.skin, shifted.point, shifted.normal, dir, d);
    for (let c = 0; c < Math.min(CANDIDATES.length, 5); c++) {
      const cand = CANDIDATES[c] ?? [0, 0, 0, 0];
      const r = tryCandidate(hp, side, shifted, cand, 0, null);
      if (r.sink > 0 || r.avoid) continue;
      writeCorrection(solved, cand, 0, r.s);
      const dx = shifted.point[0] - target.point[0];
      const dy = shifted.point[1] - target.point[1];
      const dz = shifted.point[2] - target.point[2];
      solved[SHIFT_T] = dx * target.heading[0] + dy * target.heading[1] + dz * target.heading[2];
      solved[SHIFT_B] = dx * leftOf[0] + dy * leftOf[1] + dz * leftOf[2];
      return true;
    }
  }
  return false;
}

function copyTarget(o: Target, t: Target): void {
  o.active = t.active;
  copy(o.point, t.point);
  copy(o.normal, t.normal);
  copy(o.heading, t.heading);
  o.contact = t.contact;
  o.drive = t.drive;
  o.yaw = t.yaw;
}

function writeCorrection(
  out: Float64Array,
  cand: readonly [number, number, number, number],
  lift: number,
  s: number,
): void {
  out.fill(0);
  out[PITCH] = cand[1] * DEG;
  out[ROLL] = cand[2] * DEG;
  out[YAW] = cand[3] * DEG;
  out[LIFT] = lift;
  out[CLOSE] = s;
  out[WRIST] = cand[0] * DEG;
}

/** A hand's corrections at pass time t (interpolated between keys, across the loop). */
function correctionAt(track: CorrectionTrack, t: number, out: Float64Array): void {
  const n = track.t.length;
  if (n === 0) {
    out.fill(0);
    return;
  }
  // Last key at or before t (binary search); before the first key, the last of the loop.
  let lo = 0;
  let hi = n - 1;
  if (t < (track.t[0] ?? 0)) lo = n - 1;
  else {
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((track.t[mid] ?? 0) <= t) lo = mid;
      else hi = mid - 1;
    }
  }
  const j = (lo + 1) % n;
  const ta = track.t[lo] ?? 0;
  let tb = track.t[j] ?? 0;
  let tt = t;
  if (j <= lo) {
    tb += 1;
    if (tt < ta) tt += 1;
  }
  const f = tb > ta ? Math.min(1, Math.max(0, (tt - ta) / (tb - ta))) : 0;
  for (let k = 0; k < SLOTS; k++) {
    out[k] = (track.v[lo * SLOTS + k] ?? 0) * (1 - f) + (track.v[j * SLOTS + k] ?? 0) * f;
  }
}

const midFrame = (): HandsFrame => createHandsFrame();
let checkFrame: HandsFrame | null = null;

/** How far the hand sinks (beyond its allowance) when sampled per frame at pass time t. */
function checkAt(hp: HandsPlan, side: HandSide, t: number): number {
  const c = handClearanceAt(hp, side, t);
  return c.avoid ? Math.max(c.sink, 0.001) : c.sink;
}

/**
 * The planner's own check of a hand as sampled per frame at pass time t: how deep its spheres
 * sink beyond their allowance (≤ 0: clear) and whether any comes near an avoid zone.
 */
export function handClearanceAt(
  hp: HandsPlan,
  side: HandSide,
  t: number,
): { sink: number; avoid: boolean } {
  checkFrame ??= midFrame();
  sampleHandsAtPass(hp, t, 0.5, checkFrame);
  if (!checkFrame[side].visible) return { sink: -Infinity, avoid: false };
  // The scratch pose and placement hold the last hand placed: place this one again.
  placeFromState(checkFrame[side], side);
  const c = checkHand(hp, hp.prep, side, null);
  return { sink: c.sink, avoid: c.avoid };
}

/** Restores the scratch pose and placement from a sampled hand state. */
function placeFromState(state: HandState, side: HandSide): void {
  rot.set(state.rotations);
  forwardKinematics(side, rot, [0, 0, 0], [0, 0, 0, 1], handSpace);
  const q = state.rootQuaternion;
  const x = q[0];
  const y = q[1];
  const z = q[2];
  const w = q[3];
  set(R0, 1 - 2 * (y * y + z * z), 2 * (x * y + w * z), 2 * (x * z - w * y));
  set(R1, 2 * (x * y - w * z), 1 - 2 * (x * x + z * z), 2 * (y * z + w * x));
  set(R2, 2 * (x * z + w * y), 2 * (y * z - w * x), 1 - 2 * (x * x + y * y));
  copy(origin, state.rootPosition);
}

interface Target {
  active: boolean;
  readonly point: V;
  readonly normal: V;
  readonly heading: V;
  contact: number;
  drive: number;
  /** Yaw of this hand (two-hand grips turn the hands toward their sides). */
  yaw: number;
}
function createTarget(): Target {
  return {
    active: false,
    point: v3(),
    normal: [0, 0, 1],
    heading: [1, 0, 0],
    contact: 0,
    drive: 0,
    yaw: 0,
  };
}

const result = { sink: 0, avoid: false, s: 0 };
export const stats = { tries: 0, checks: 0 };

/**
 * Poses and places a hand with a correction; a conforming grip closes (or opens) its fingers
 * as far as they go without sinking into the skin, unless `fixedS` gives the closure.
 */
function tryCandidate(
  hp: HandsPlan,
  side: HandSide,
  target: Target,
  cand: readonly [number, number, number, number],
  lift: number,
  fixedS: number | null,
): typeof result {
  const { prep } = hp;
  stats.tries++;
  const wristExtra = cand[0] * DEG;
  buildAngles(hp, target, 0, wristExtra, 0.5);
  poseHand(side);
  placeHand(
    hp.spec,
    side,
    placementFor(hp, target, cand[1] * DEG, cand[2] * DEG, cand[3] * DEG, lift, 0.5),
    prep.free,
    prep.support[side],
  );
  let s = fixedS ?? 0;
  if (prep.conform && fixedS === null) {
    // Close from fully open in small steps and stop before the fingers reach the skin. (Small
    // steps: a finger that jumped right through a thin part would look clear from inside.)
    s = CONFORM_OPEN;
    for (let next = CONFORM_OPEN + CONFORM_STEP; next <= 1 + 1e-9; next += CONFORM_STEP) {
      buildAngles(hp, target, next, wristExtra, 0.5);
      poseHand(side);
      const c = checkHand(hp, prep, side, prep.conformBones);
      if (c.sink > -0.0003 || c.avoid) break;
      s = next;
    }
  }
  buildAngles(hp, target, s, wristExtra, 0.5);
  poseHand(side);
  // Placed again for the final pose (its lowest point may have moved as the fingers closed).
  placeHand(
    hp.spec,
    side,
    placementFor(hp, target, cand[1] * DEG, cand[2] * DEG, cand[3] * DEG, lift, 0.5),
    prep.free,
    prep.support[side],
  );
  const c = checkHand(hp, prep, side, null);
  result.sink = c.sink;
  result.avoid = c.avoid;
  result.s = s;
  return result;
}

const plScratch = {
  point: v3(),
  normal: v3(),
  heading: v3(),
  /** How far the touching part is placed off the skin (negative: pressed in), metres. */
  lift: 0,
  yaw: 0,
  pitch: 0,
  roll: 0,
};

/** Pressing depth of the touching part by intensity (negative: resting just on the skin). */
export function contactDepthM(intensity: number, contact: number): number {
  return contact * (-0.0004 + 0.0015 * intensity);
}

/** Where the touching part goes: the target, lifted when not in contact, pressed in with it. */
function placementFor(
  hp: HandsPlan,
  target: Target,
  pitch: number,
  roll: number,
  yaw: number,
  extraLift: number,
  progress: number,
): Placement {
  const intensity = intensityNow(hp.plan, progress);
  const lift =
    (1 - target.contact) * hp.spec.liftM * (0.7 + 0.6 * intensity) +
    extraLift -
    contactDepthM(intensity, target.contact);
  copy(plScratch.normal, target.normal);
  set(
    plScratch.point,
    target.point[0] + target.normal[0] * lift,
    target.point[1] + target.normal[1] * lift,
    target.point[2] + target.normal[2] * lift,
  );
  copy(plScratch.heading, target.heading);
  plScratch.lift = lift;
  plScratch.yaw = target.yaw + yaw;
  plScratch.pitch = pitch;
  plScratch.roll = roll;
  return plScratch;
}

function intensityNow(plan: MotionPlan, progress: number): number {
  return plan.pressureFrom + (plan.pressureTo - plan.pressureFrom) * clamp01(progress);
}

const FOREARM = BONE_INDEX.forearm * 3;

/** Joint angles of a hand: keyframes by the driver, pressure, closure `s`, wrist correction. */
function buildAngles(
  hp: HandsPlan,
  target: Target,
  s: number,
  wristExtra: number,
  progress: number,
): void {
  const { prep } = hp;
  blendTrack(prep.track, target.drive, angles);
  if (prep.pressure)
    addPose(angles, prep.pressure, intensityNow(hp.plan, progress) * target.contact);
  if (prep.conform && s !== 0) addPose(angles, prep.conform, s);
  angles[FOREARM] = (angles[FOREARM] ?? 0) + wristExtra;
}

const walkP = v3();
const walkN = v3();
const walkB = v3();
const walkDir = v3();
const walkT = v3();
const swing = v3();
const hereHeading = v3();

/**
 * Each hand's target for a motion sample (and the path's base sample without swing): the
 * sample itself for one hand, the striking side for alternating hands, both sides of the limb
 * for two hands.
 */
function computeTargets(
  hp: HandsPlan,
  sample: MotionSample,
  base: MotionSample,
  rowFloat: number,
  out: Record<HandSide, Target>,
): void {
  targetsBeforeShift(hp, sample, base, rowFloat, out);
  // Targets moved away from avoid zones by the plan.
  const t = rowFloat / hp.samples;
  for (const side of ['L', 'R'] as const) {
    const target = out[side];
    if (!target.active) continue;
    correctionAt(hp.corrections[side], t, shiftScratch);
    const sT = shiftScratch[SHIFT_T] ?? 0;
    const sB = shiftScratch[SHIFT_B] ?? 0;
    if (sT === 0 && sB === 0) continue;
    crossTo(leftOf, target.normal, target.heading);
    set(
      walkP,
      target.point[0] + target.heading[0] * sT + leftOf[0] * sB,
      target.point[1] + target.heading[1] * sT + leftOf[1] * sB,
      target.point[2] + target.heading[2] * sT + leftOf[2] * sB,
    );
    const hit = hp.skin.project(walkP);
    if (!hit) continue;
    copy(target.point, hit.point);
    copy(target.normal, hit.normal);
  }
}
const shiftScratch = new Float64Array(SLOTS);

function targetsBeforeShift(
  hp: HandsPlan,
  sample: MotionSample,
  base: MotionSample,
  rowFloat: number,
  out: Record<HandSide, Target>,
): void {
  const spec = hp.spec;
  for (const side of ['L', 'R'] as const) out[side].active = false;
  if (spec.hands === 'one') {
    const t = out[hp.working];
    t.active = true;
    copy(t.point, sample.position);
    copy(t.normal, sample.normal);
    headingAt(hp, rowFloat, sample.normal, hereHeading);
    copy(t.heading, hereHeading);
    t.contact = sample.contact;
    t.drive =
      spec.driver === 'contact' ? sample.contact : spec.driver === 'spread' ? sample.spread : 0;
    t.yaw = spec.yawDeg * DEG;
    return;
  }
  // Lateral direction at the path: B = N × heading (to the left of travel).
  headingAt(hp, rowFloat, base.normal, walkB);
  crossTo(walkB, base.normal, walkB);
  normalize(walkB);
  set(
    swing,
    sample.position[0] - base.position[0],
    sample.position[1] - base.position[1],
    sample.position[2] - base.position[2],
  );
  if (spec.hands === 'alternate') {
    const strikeLeft = dot(swing, walkB) >= 0;
    for (const side of ['L', 'R'] as const) {
      const t = out[side];
      const striking = (side === 'L') === strikeLeft;
      t.active = true;
      if (striking) {
        copy(t.point, sample.position);
        copy(t.normal, sample.normal);
        t.contact = sample.contact;
      } else {
        set(
          walkP,
          base.position[0] - swing[0],
          base.position[1] - swing[1],
          base.position[2] - swing[2],
        );
        const hit = hp.skin.project(walkP);
        copy(t.point, hit ? hit.point : walkP);
        copy(t.normal, hit ? hit.normal : base.normal);
        t.contact = 0;
      }
      headingAt(hp, rowFloat, t.normal, t.heading);
      t.drive = t.contact;
      t.yaw = (side === 'L' ? 1 : -1) * spec.yawDeg * DEG;
    }
    return;
  }
  // Two hands, each on its own side of the limb (and staggered along it): walk over the skin
  // from the (swung) path point.
  const size = Math.sqrt(hp.bodyScale);
  const offset = (spec.sideOffsetM ?? 0.03) * size;
  const along = (spec.alongOffsetM ?? 0) * size;
  headingAt(hp, rowFloat, base.normal, walkT);
  for (const side of ['L', 'R'] as const) {
    const t = out[side];
    const sgn = side === 'L' ? 1 : -1;
    const swingSign = side === 'L' || !spec.opposite ? 1 : -1;
    set(
      walkP,
      base.position[0] + swing[0] * swingSign,
      base.position[1] + swing[1] * swingSign,
      base.position[2] + swing[2] * swingSign,
    );
    copy(walkN, base.normal);
    if (along > 0) {
      set(walkDir, walkT[0] * sgn, walkT[1] * sgn, walkT[2] * sgn);
      walkOver(hp.skin, walkP, walkN, walkDir, along);
    }
    set(walkDir, walkB[0] * sgn, walkB[1] * sgn, walkB[2] * sgn);
    walkOver(hp.skin, walkP, walkN, walkDir, offset);
    t.active = true;
    copy(t.point, walkP);
    copy(t.normal, walkN);
    headingAt(hp, rowFloat, walkN, t.heading);
    t.contact = sample.contact;
    const spread = side === 'L' || !spec.opposite ? sample.spread : 1 - sample.spread;
    t.drive = spec.driver === 'spread' ? spread : spec.driver === 'contact' ? sample.contact : 0;
    t.yaw = sgn * spec.yawDeg * DEG;
  }
}

/** Walks `distance` over the skin from p along dir (kept in the tangent plane); updates p, n. */
function walkOver(skin: HandSkin, p: V, n: V, dir: V, distance: number): void {
  const steps = Math.max(1, Math.ceil(distance / 0.006));
  const step = distance / steps;
  for (let k = 0; k < steps; k++) {
    tangentOf(dir, dir, n);
    set(p, p[0] + dir[0] * step, p[1] + dir[1] * step, p[2] + dir[2] * step);
    const hit = skin.project(p);
    if (!hit) return;
    copy(p, hit.point);
    copy(n, hit.normal);
  }
}

/** The heading at a fractional sample index, made tangent to `normal`. */
function headingAt(hp: HandsPlan, rowFloat: number, normal: ArrayLike<number>, o: V): V {
  const h = hp.headings;
  const n = hp.samples;
  const i0 = ((Math.floor(rowFloat) % n) + n) % n;
  const i1 = (i0 + 1) % n;
  const f = rowFloat - Math.floor(rowFloat);
  set(
    o,
    (h[i0 * 3] ?? 0) * (1 - f) + (h[i1 * 3] ?? 0) * f,
    (h[i0 * 3 + 1] ?? 0) * (1 - f) + (h[i1 * 3 + 1] ?? 0) * f,
    (h[i0 * 3 + 2] ?? 0) * (1 - f) + (h[i1 * 3 + 2] ?? 0) * f,
  );
  return tangentOf(o, o, normal);
}

// ---------------------------------------------------------------------------------------------
// Sampling every frame
// ---------------------------------------------------------------------------------------------

const frameTargets = { L: createTarget(), R: createTarget() };
const frameCorrection = new Float64Array(SLOTS);
const frameBase = createMotionSample();

/**
 * The hands at `seconds` since the step started (step time at speed 1) and `progress` through
 * the step (0..1, ramps the intensity). Writes into `out` and returns it.
 */
export function sampleHands(
  hp: HandsPlan,
  seconds: number,
  progress: number,
  out: HandsFrame = createHandsFrame(),
): HandsFrame {
  return sampleHandsAtPass(hp, passTime(hp.plan, seconds), progress, out);
}

/** `sampleHands` at normalised pass time t ∈ [0, 1). */
export function sampleHandsAtPass(
  hp: HandsPlan,
  t: number,
  progress: number,
  out: HandsFrame = createHandsFrame(),
): HandsFrame {
  const sample = out.sample;
  const tt = Number.isFinite(t) ? ((t % 1) + 1) % 1 : 0;
  sampleMotion(hp.plan, tt, sample, progress);
  sampleMotion(hp.prep.basePlan, tt, frameBase, progress);
  const rowFloat = tt * hp.samples;
  computeTargets(hp, sample, frameBase, rowFloat, frameTargets);
  const intensity = intensityNow(hp.plan, progress);
  for (const side of ['L', 'R'] as const) {
    const state = out[side];
    const target = frameTargets[side];
    correctionAt(hp.corrections[side], tt, frameCorrection);
    const c = frameCorrection;
    state.visible = target.active && hp.plan.segments.length > 0 && (c[HIDE] ?? 0) < 0.5;
    if (!state.visible) continue;
    buildAngles(hp, target, c[CLOSE] ?? 0, c[WRIST] ?? 0, progress);
    poseHand(side);
    placeHand(
      hp.spec,
      side,
      placementFor(hp, target, c[PITCH] ?? 0, c[ROLL] ?? 0, c[YAW] ?? 0, c[LIFT] ?? 0, progress),
      hp.prep.free,
      hp.prep.support[side],
    );
    state.rotations.set(rot);
    copy(state.rootPosition, origin);
    const q = quatFromBasis(R0, R1, R2);
    state.rootQuaternion[0] = q[0];
    state.rootQuaternion[1] = q[1];
    state.rootQuaternion[2] = q[2];
    state.rootQuaternion[3] = q[3];
    toWorld(cH, state.contactPoint);
    copy(state.target, target.point);
    copy(state.targetNormal, target.normal);
    state.planLift = c[LIFT] ?? 0;
    state.planShift = Math.hypot(c[SHIFT_T] ?? 0, c[SHIFT_B] ?? 0);
    state.phase =
      plScratch.lift > TOUCH_LIFT_M ? 'lift' : state.planShift > 0 ? 'aside' : 'contact';
    state.contact = state.phase === 'lift' ? 0 : target.contact;
    state.pressure = intensity * state.contact;
  }
  // One hand of a two-hand hold alone would mislead: both or neither.
  if (hp.spec.hands === 'two' && out.L.visible !== out.R.visible) {
    out.L.visible = false;
    out.R.visible = false;
  }
  return out;
}

/** World matrices of every bone of a hand in a frame (for skinning in tests and pictures). */
export function handWorldMatrices(
  state: HandState,
  side: HandSide,
  out = new Float64Array(BONE_COUNT * 16),
): Float64Array {
  forwardKinematics(side, state.rotations, state.rootPosition, state.rootQuaternion, out);
  return out;
}
