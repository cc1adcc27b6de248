/**
 * Hand poses as data: joint angles in degrees per bone — flexion (curling toward the palm),
 * abduction (spreading; for the thumb, away from the palm) and twist — blended between
 * keyframes. The forearm's angles are the wrist's: flexion lifts the forearm off the back of the
 * hand (wrist extension), abduction is radial deviation.
 */
import { itemAt } from '../arrays.ts';
import type { JointAngles } from './rig.ts';
import { BONE_COUNT, BONE_INDEX, FINGERS, type Finger, type HandBone } from './skeleton.ts';

export type JointDeg = readonly [flex: number, abd: number, twist: number];
/** A pose: the joints it sets (others stay at 0). */
export type PoseSpec = Partial<Record<HandBone, JointDeg>>;

/** Joint limits (degrees) every pose must respect: [min, max] per component. */
export const JOINT_LIMITS: Readonly<Record<HandBone, readonly [JointDeg, JointDeg]>> = (() => {
  const finger1: readonly [JointDeg, JointDeg] = [
    [-25, -25, -10],
    [95, 25, 10],
  ];
  const finger2: readonly [JointDeg, JointDeg] = [
    [-5, -5, -8],
    [110, 5, 8],
  ];
  const finger3: readonly [JointDeg, JointDeg] = [
    [-20, -5, -8],
    [85, 5, 8],
  ];
  const limits: Partial<Record<HandBone, readonly [JointDeg, JointDeg]>> = {
    palm: [
      [0, 0, 0],
      [0, 0, 0],
    ],
    forearm: [
      [-75, -30, -10],
      [80, 25, 10],
    ],
    thumb1: [
      [-20, -30, -30],
      [55, 70, 40],
    ],
    thumb2: [
      [-15, -10, -10],
      [65, 10, 10],
    ],
    thumb3: [
      [-30, -8, -10],
      [85, 8, 10],
    ],
  };
  for (const f of FINGERS) {
    limits[`${f}1`] = finger1;
    limits[`${f}2`] = finger2;
    limits[`${f}3`] = finger3;
  }
  return limits as Record<HandBone, readonly [JointDeg, JointDeg]>;
})();

/** The four fingers curled alike: MCP, PIP and DIP flexion; spread fans them (degrees). */
export function curl(mcp: number, pip: number, dip: number, spread = 0): PoseSpec {
  const pose: Partial<Record<HandBone, JointDeg>> = {};
  const fan: Readonly<Record<Finger, number>> = { index: 1, middle: 0, ring: -1, little: -2 };
  for (const f of FINGERS) {
    pose[`${f}1`] = [mcp, spread * fan[f], 0];
    pose[`${f}2`] = [pip, 0, 0];
    pose[`${f}3`] = [dip, 0, 0];
  }
  return pose;
}

/** One finger's MCP, PIP and DIP flexion. */
export function finger(f: Finger, mcp: number, pip: number, dip: number, abd = 0): PoseSpec {
  return { [`${f}1`]: [mcp, abd, 0], [`${f}2`]: [pip, 0, 0], [`${f}3`]: [dip, 0, 0] };
}

/** The thumb: carpometacarpal flexion / abduction / twist, then MCP and IP flexion. */
export function thumb(cmc: JointDeg, mcp: number, ip: number): PoseSpec {
  return { thumb1: cmc, thumb2: [mcp, 0, 0], thumb3: [ip, 0, 0] };
}

/** The wrist: extension (back of the hand toward the forearm) and radial deviation. */
export function wrist(extension: number, radial = 0): PoseSpec {
  return { forearm: [extension, radial, 0] };
}

/** Later poses override earlier ones joint by joint. */
export function merge(...poses: readonly PoseSpec[]): PoseSpec {
  return Object.assign({}, ...poses) as PoseSpec;
}

const DEG = Math.PI / 180;

/** Writes a pose's angles (radians) into `out`. */
export function writePose(pose: PoseSpec, out: JointAngles): void {
  out.fill(0);
  for (const [bone, j] of Object.entries(pose) as [HandBone, JointDeg][]) {
    const i = BONE_INDEX[bone] * 3;
    out[i] = j[0] * DEG;
    out[i + 1] = j[1] * DEG;
    out[i + 2] = j[2] * DEG;
  }
}

/** A pose as a dense array of degrees (BONE_COUNT × 3), for blending. */
export function poseDegrees(pose: PoseSpec): Float64Array {
  const out = new Float64Array(BONE_COUNT * 3);
  for (const [bone, j] of Object.entries(pose) as [HandBone, JointDeg][]) {
    out.set(j, BONE_INDEX[bone] * 3);
  }
  return out;
}

/** A keyframe: the pose at a driver value (0..1). */
export interface PoseKey {
  readonly at: number;
  readonly pose: PoseSpec;
}

/** Keyframes prepared for blending: sorted, as dense degree arrays. */
export interface KeyTrack {
  readonly at: readonly number[];
  readonly degrees: readonly Float64Array[];
}

export function keyTrack(keys: readonly PoseKey[]): KeyTrack {
  const sorted = [...keys].sort((a, b) => a.at - b.at);
  return { at: sorted.map((k) => k.at), degrees: sorted.map((k) => poseDegrees(k.pose)) };
}

/**
 * The pose at driver value `x` (clamped to the first and last key), smoothly interpolated
 * between neighbouring keys, in radians, written into `out`.
 */
export function blendTrack(track: KeyTrack, x: number, out: JointAngles): void {
  const n = track.at.length;
  if (n === 0) {
    out.fill(0);
    return;
  }
  let i = 0;
  while (i < n - 1 && x > (track.at[i + 1] ?? 0)) i++;
  const a = itemAt(track.degrees, i);
  const b = itemAt(track.degrees, Math.min(i + 1, n - 1));
  const x0 = track.at[i] ?? 0;
  const x1 = track.at[Math.min(i + 1, n - 1)] ?? 0;
  const u = x1 > x0 ? Math.min(1, Math.max(0, (x - x0) / (x1 - x0))) : 0;
  const s = u * u * (3 - 2 * u);
  for (let k = 0; k < out.length; k++)
    out[k] = ((a[k] ?? 0) + ((b[k] ?? 0) - (a[k] ?? 0)) * s) * DEG;
}

/** out += weight × pose (degrees → radians). */
export function addPose(out: JointAngles, pose: Float64Array, weight: number): void {
  if (weight === 0) return;
  for (let k = 0; k < out.length; k++) out[k] = (out[k] ?? 0) + (pose[k] ?? 0) * weight * DEG;
}

/** Clamps every joint to `JOINT_LIMITS` (radians in place). */
export function clampToLimits(angles: JointAngles): void {
  for (const [bone, [lo, hi]] of Object.entries(JOINT_LIMITS) as [
    HandBone,
    readonly [JointDeg, JointDeg],
  ][]) {
    const i = BONE_INDEX[bone] * 3;
    for (let c = 0; c < 3; c++) {
      const v = angles[i + c] ?? 0;
      angles[i + c] = Math.min((hi[c] ?? 0) * DEG, Math.max((lo[c] ?? 0) * DEG, v));
    }
  }
}
