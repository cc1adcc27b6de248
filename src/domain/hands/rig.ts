/**
 * The hand rig as numbers: rest transforms of the bones (as the model file stores them), joint
 * angles → local bone rotations, forward kinematics to bone matrices, and linear-blend skinning
 * of vertices (for tests and the 2D pictures; the app skins on the GPU). Quaternions are
 * [x, y, z, w] (glTF order); matrices are column-major 4×4 in Float64Arrays, one per bone.
 *
 * The left hand is the mirror image of the right in hand-space x: its translations negate x and
 * its rotations become (x, -y, -z, w), so the same joint angles pose both hands alike.
 */
import { itemAt } from '../arrays.ts';
import type { Vec3 } from '../body.ts';
import {
  BONE_COUNT,
  BONE_INDEX,
  REST_BONES,
  cross3,
  type HandBone,
  type HandSide,
} from './skeleton.ts';

export type Quat = [number, number, number, number];

export interface BoneTransform {
  readonly position: Vec3;
  readonly quaternion: Quat;
}

// ---------------------------------------------------------------------------------------------
// Quaternion and matrix helpers
// ---------------------------------------------------------------------------------------------

export function quatMultiply(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  out: Quat | Float64Array,
  at = 0,
): void {
  const ax = a[0] ?? 0;
  const ay = a[1] ?? 0;
  const az = a[2] ?? 0;
  const aw = a[3] ?? 0;
  const bx = b[0] ?? 0;
  const by = b[1] ?? 0;
  const bz = b[2] ?? 0;
  const bw = b[3] ?? 0;
  out[at] = aw * bx + ax * bw + ay * bz - az * by;
  out[at + 1] = aw * by - ax * bz + ay * bw + az * bx;
  out[at + 2] = aw * bz + ax * by - ay * bx + az * bw;
  out[at + 3] = aw * bw - ax * bx - ay * by - az * bz;
}

export function quatConjugate(q: ArrayLike<number>): Quat {
  return [-(q[0] ?? 0), -(q[1] ?? 0), -(q[2] ?? 0), q[3] ?? 0];
}

/** Rotates v by unit quaternion q. */
export function quatRotate(q: ArrayLike<number>, v: Vec3): Vec3 {
  const qx = q[0] ?? 0;
  const qy = q[1] ?? 0;
  const qz = q[2] ?? 0;
  const qw = q[3] ?? 0;
  const tx = 2 * (qy * v[2] - qz * v[1]);
  const ty = 2 * (qz * v[0] - qx * v[2]);
  const tz = 2 * (qx * v[1] - qy * v[0]);
  return [
    v[0] + qw * tx + (qy * tz - qz * ty),
    v[1] + qw * ty + (qz * tx - qx * tz),
    v[2] + qw * tz + (qx * ty - qy * tx),
  ];
}

/** The unit quaternion of the rotation whose columns are the axes x, y, z. */
export function quatFromBasis(x: Vec3, y: Vec3, z: Vec3): Quat {
  const m00 = x[0];
  const m10 = x[1];
  const m20 = x[2];
  const m01 = y[0];
  const m11 = y[1];
  const m21 = y[2];
  const m02 = z[0];
  const m12 = z[1];
  const m22 = z[2];
  const trace = m00 + m11 + m22;
  let q: Quat;
  if (trace > 0) {
    const s = 0.5 / Math.sqrt(trace + 1);
    q = [(m21 - m12) * s, (m02 - m20) * s, (m10 - m01) * s, 0.25 / s];
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    q = [0.25 * s, (m01 + m10) / s, (m02 + m20) / s, (m21 - m12) / s];
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    q = [(m01 + m10) / s, 0.25 * s, (m12 + m21) / s, (m02 - m20) / s];
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
    q = [(m02 + m20) / s, (m12 + m21) / s, 0.25 * s, (m10 - m01) / s];
  }
  const l = Math.hypot(q[0], q[1], q[2], q[3]) || 1;
  return [q[0] / l, q[1] / l, q[2] / l, q[3] / l];
}

/** Rotation about a unit axis by `angle` radians. */
export function quatAxisAngle(axis: Vec3, angle: number): Quat {
  const s = Math.sin(angle / 2);
  return [axis[0] * s, axis[1] * s, axis[2] * s, Math.cos(angle / 2)];
}

/** Joint rotation from flexion (about local X), abduction (about Y) and twist (about Z): Ry·Rx·Rz. */
export function jointQuat(
  flex: number,
  abd: number,
  twist: number,
  out: Quat | Float64Array,
  at = 0,
): void {
  const cx = Math.cos(flex / 2);
  const sx = Math.sin(flex / 2);
  const cy = Math.cos(abd / 2);
  const sy = Math.sin(abd / 2);
  const cz = Math.cos(twist / 2);
  const sz = Math.sin(twist / 2);
  // Euler order YXZ (three.js convention).
  out[at] = sx * cy * cz + cx * sy * sz;
  out[at + 1] = cx * sy * cz - sx * cy * sz;
  out[at + 2] = cx * cy * sz - sx * sy * cz;
  out[at + 3] = cx * cy * cz + sx * sy * sz;
}

/** Column-major rigid matrix from a position and a unit quaternion, written at `at`. */
export function composeMatrix(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  out: Float64Array,
  at = 0,
): void {
  const x = q[0] ?? 0;
  const y = q[1] ?? 0;
  const z = q[2] ?? 0;
  const w = q[3] ?? 0;
  const x2 = x + x;
  const y2 = y + y;
  const z2 = z + z;
  const xx = x * x2;
  const xy = x * y2;
  const xz = x * z2;
  const yy = y * y2;
  const yz = y * z2;
  const zz = z * z2;
  const wx = w * x2;
  const wy = w * y2;
  const wz = w * z2;
  out[at] = 1 - (yy + zz);
  out[at + 1] = xy + wz;
  out[at + 2] = xz - wy;
  out[at + 3] = 0;
  out[at + 4] = xy - wz;
  out[at + 5] = 1 - (xx + zz);
  out[at + 6] = yz + wx;
  out[at + 7] = 0;
  out[at + 8] = xz + wy;
  out[at + 9] = yz - wx;
  out[at + 10] = 1 - (xx + yy);
  out[at + 11] = 0;
  out[at + 12] = p[0] ?? 0;
  out[at + 13] = p[1] ?? 0;
  out[at + 14] = p[2] ?? 0;
  out[at + 15] = 1;
}

/** out = a · b for column-major 4×4 matrices stored at offsets. */
export function multiplyMatrices(
  a: ArrayLike<number>,
  ai: number,
  b: ArrayLike<number>,
  bi: number,
  out: Float64Array,
  oi: number,
): void {
  for (let c = 0; c < 4; c++) {
    const b0 = b[bi + c * 4] ?? 0;
    const b1 = b[bi + c * 4 + 1] ?? 0;
    const b2 = b[bi + c * 4 + 2] ?? 0;
    const b3 = b[bi + c * 4 + 3] ?? 0;
    for (let r = 0; r < 4; r++) {
      out[oi + c * 4 + r] =
        (a[ai + r] ?? 0) * b0 +
        (a[ai + 4 + r] ?? 0) * b1 +
        (a[ai + 8 + r] ?? 0) * b2 +
        (a[ai + 12 + r] ?? 0) * b3;
    }
  }
}

/** Applies the matrix stored at `at` to point p. */
export function transformPoint(m: ArrayLike<number>, at: number, p: Vec3): Vec3 {
  return [
    (m[at] ?? 0) * p[0] + (m[at + 4] ?? 0) * p[1] + (m[at + 8] ?? 0) * p[2] + (m[at + 12] ?? 0),
    (m[at + 1] ?? 0) * p[0] + (m[at + 5] ?? 0) * p[1] + (m[at + 9] ?? 0) * p[2] + (m[at + 13] ?? 0),
    (m[at + 2] ?? 0) * p[0] +
      (m[at + 6] ?? 0) * p[1] +
      (m[at + 10] ?? 0) * p[2] +
      (m[at + 14] ?? 0),
  ];
}

/** Applies the rotation part of the matrix stored at `at` to direction v. */
export function transformDirection(m: ArrayLike<number>, at: number, v: Vec3): Vec3 {
  return [
    (m[at] ?? 0) * v[0] + (m[at + 4] ?? 0) * v[1] + (m[at + 8] ?? 0) * v[2],
    (m[at + 1] ?? 0) * v[0] + (m[at + 5] ?? 0) * v[1] + (m[at + 9] ?? 0) * v[2],
    (m[at + 2] ?? 0) * v[0] + (m[at + 6] ?? 0) * v[1] + (m[at + 10] ?? 0) * v[2],
  ];
}

// ---------------------------------------------------------------------------------------------
// Rest pose
// ---------------------------------------------------------------------------------------------

/** Mirrors a right-hand quaternion into the left hand. */
export function mirrorQuat(q: ArrayLike<number>): Quat {
  return [q[0] ?? 0, -(q[1] ?? 0), -(q[2] ?? 0), q[3] ?? 0];
}

const REST_WORLD_QUAT: readonly Quat[] = REST_BONES.map((b) =>
  quatFromBasis(cross3(b.up, b.dir), b.up, b.dir),
);
const PARENT: readonly number[] = REST_BONES.map((b) => (b.parent ? BONE_INDEX[b.parent] : -1));

/** Parent bone index per bone (-1 for the root, the palm). */
export const BONE_PARENT_INDEX: readonly number[] = PARENT;

function restLocalsRight(): BoneTransform[] {
  return REST_BONES.map((b, i) => {
    const p = PARENT[i] ?? -1;
    const q = itemAt(REST_WORLD_QUAT, i);
    if (p < 0) return { position: b.head, quaternion: q };
    const parent = itemAt(REST_BONES, p);
    const pq = itemAt(REST_WORLD_QUAT, p);
    const inv = quatConjugate(pq);
    const d: Vec3 = [
      b.head[0] - parent.head[0],
      b.head[1] - parent.head[1],
      b.head[2] - parent.head[2],
    ];
    const local: Quat = [0, 0, 0, 1];
    quatMultiply(inv, q, local);
    return { position: quatRotate(inv, d), quaternion: local };
  });
}

const REST_LOCAL_R = restLocalsRight();
const REST_LOCAL_L = REST_LOCAL_R.map((t) => ({
  position: [-t.position[0], t.position[1], t.position[2]] as Vec3,
  quaternion: mirrorQuat(t.quaternion),
}));

/** Local rest transform of every bone relative to its parent (the root relative to the hand). */
export function restLocalTransforms(side: HandSide): readonly BoneTransform[] {
  return side === 'R' ? REST_LOCAL_R : REST_LOCAL_L;
}

/** Rest world matrices (hand space) of every bone. */
export function restWorldMatrices(side: HandSide): Float64Array {
  const rot = new Float64Array(BONE_COUNT * 4);
  restPoseRotations(side, rot);
  const out = new Float64Array(BONE_COUNT * 16);
  forwardKinematics(side, rot, [0, 0, 0], [0, 0, 0, 1], out);
  return out;
}

function restPoseRotations(side: HandSide, out: Float64Array): void {
  const locals = restLocalTransforms(side);
  locals.forEach((t, i) => out.set(t.quaternion, i * 4));
}

// ---------------------------------------------------------------------------------------------
// Posing
// ---------------------------------------------------------------------------------------------

/** Joint angles of a pose: flexion, abduction, twist per bone (radians), `HAND_BONES` order. */
export type JointAngles = Float64Array;

export function createJointAngles(): JointAngles {
  return new Float64Array(BONE_COUNT * 3);
}

const jointScratch = new Float64Array(4);

/**
 * Local rotation of every bone (rest · joint), for one side: what the scene copies into the
 * bones' quaternions. Writes BONE_COUNT × 4 numbers.
 */
export function localRotations(angles: JointAngles, side: HandSide, out: Float64Array): void {
  for (let i = 0; i < BONE_COUNT; i++) {
    jointQuat(angles[i * 3] ?? 0, angles[i * 3 + 1] ?? 0, angles[i * 3 + 2] ?? 0, jointScratch);
    quatMultiply(itemAt(REST_LOCAL_R, i).quaternion, jointScratch, out, i * 4);
    if (side === 'L') {
      out[i * 4 + 1] = -(out[i * 4 + 1] ?? 0);
      out[i * 4 + 2] = -(out[i * 4 + 2] ?? 0);
    }
  }
}

const localMat = new Float64Array(16);
const rootMat = new Float64Array(16);

/**
 * World matrices of every bone from local rotations (`localRotations`) and the hand's root
 * transform (where the palm's joint, the wrist, is and how the hand is turned).
 */
export function forwardKinematics(
  side: HandSide,
  rotations: Float64Array,
  rootPosition: ArrayLike<number>,
  rootQuat: ArrayLike<number>,
  out: Float64Array,
): void {
  const locals = restLocalTransforms(side);
  composeMatrix(rootPosition, rootQuat, rootMat);
  for (let i = 0; i < BONE_COUNT; i++) {
    const t = itemAt(locals, i);
    composeMatrix(t.position, rotations.subarray(i * 4, i * 4 + 4), localMat);
    const p = PARENT[i] ?? -1;
    if (p < 0) multiplyMatrices(rootMat, 0, localMat, 0, out, i * 16);
    else multiplyMatrices(out, p * 16, localMat, 0, out, i * 16);
  }
}

/** Index of a bone's matrix in a FK result. */
export const boneAt = (bone: HandBone): number => BONE_INDEX[bone] * 16;

/** Skinned mesh data as read from the model (positions in the mesh's own space). */
export interface HandMeshData {
  readonly side: HandSide;
  readonly positions: Float32Array;
  readonly joints: Uint8Array | Uint16Array;
  /** Four weights per vertex, 0..1. */
  readonly weights: Float32Array;
  readonly indices: Uint32Array;
  /** BONE_COUNT inverse bind matrices, column-major. */
  readonly inverseBind: Float64Array;
}

const skinScratch = new Float64Array(BONE_COUNT * 16);

/** Linear-blend skinning of every vertex by bone world matrices (FK result). */
export function skinVertices(mesh: HandMeshData, world: Float64Array, out: Float32Array): void {
  for (let b = 0; b < BONE_COUNT; b++)
    multiplyMatrices(world, b * 16, mesh.inverseBind, b * 16, skinScratch, b * 16);
  const n = mesh.positions.length / 3;
  for (let v = 0; v < n; v++) {
    const x = mesh.positions[v * 3] ?? 0;
    const y = mesh.positions[v * 3 + 1] ?? 0;
    const z = mesh.positions[v * 3 + 2] ?? 0;
    let ox = 0;
    let oy = 0;
    let oz = 0;
    for (let k = 0; k < 4; k++) {
      const w = mesh.weights[v * 4 + k] ?? 0;
      if (w === 0) continue;
      const m = (mesh.joints[v * 4 + k] ?? 0) * 16;
      ox +=
        w *
        ((skinScratch[m] ?? 0) * x +
          (skinScratch[m + 4] ?? 0) * y +
          (skinScratch[m + 8] ?? 0) * z +
          (skinScratch[m + 12] ?? 0));
      oy +=
        w *
        ((skinScratch[m + 1] ?? 0) * x +
          (skinScratch[m + 5] ?? 0) * y +
          (skinScratch[m + 9] ?? 0) * z +
          (skinScratch[m + 13] ?? 0));
      oz +=
        w *
        ((skinScratch[m + 2] ?? 0) * x +
          (skinScratch[m + 6] ?? 0) * y +
          (skinScratch[m + 10] ?? 0) * z +
          (skinScratch[m + 14] ?? 0));
    }
    out[v * 3] = ox;
    out[v * 3 + 1] = oy;
    out[v * 3 + 2] = oz;
  }
}
