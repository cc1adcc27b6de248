/**
 * How the body lies for a step: standing as modelled, or rotated onto a massage table face up
 * (supine) or face down (prone), with the props the step names. Pure maths shared by the scene
 * (group transform, table and bolster) and the camera.
 */
import { POSE_MORPH_TARGETS, type PoseMorphTarget, type Vec3 } from './body.ts';
import type { Bounds } from './views.ts';

export type Pose = 'prone' | 'supine' | 'seated' | 'standing';

/** Height of the table top, metres. */
export const TABLE_TOP_M = 0.72;

export interface PoseTransform {
  /** Rotation about X, radians (three.js Euler order XYZ with only X set). */
  readonly rotationX: number;
  readonly position: Vec3;
  readonly onTable: boolean;
}

/** Model-space point → world after the pose transform. */
export function applyPose(t: PoseTransform, p: Vec3): Vec3 {
  const c = Math.cos(t.rotationX);
  const s = Math.sin(t.rotationX);
  return [
    p[0] + t.position[0],
    p[1] * c - p[2] * s + t.position[1],
    p[1] * s + p[2] * c + t.position[2],
  ];
}

/** Model-space direction → world (rotation only). */
export function rotatePose(t: PoseTransform, d: Vec3): Vec3 {
  const c = Math.cos(t.rotationX);
  const s = Math.sin(t.rotationX);
  return [d[0], d[1] * c - d[2] * s, d[1] * s + d[2] * c];
}

/**
 * The transform for a pose given the body's model-space bounds (standing, facing +Z): lying
 * poses put the back (supine) or the front (prone) on the table top, the body centred along
 * the table with the head toward -Z.
 */
export function poseTransform(pose: Pose, bounds: Bounds): PoseTransform {
  const height = bounds.max[1] - bounds.min[1];
  if (pose === 'supine') {
    // Rx(-90°): (x, y, z) → (x, z, -y). The back (min z) rests on the table.
    return {
      rotationX: -Math.PI / 2,
      position: [0, TABLE_TOP_M - bounds.min[2], height / 2],
      onTable: true,
    };
  }
  if (pose === 'prone') {
    // Rx(+90°): (x, y, z) → (x, -z, y). The front (max z) rests on the table; head toward +Z.
    return {
      rotationX: Math.PI / 2,
      position: [0, TABLE_TOP_M + bounds.max[2], -height / 2],
      onTable: true,
    };
  }
  return { rotationX: 0, position: [0, 0, 0], onTable: false };
}

/**
 * The arm pose morphs for a pose: lying face up, the arms swing back onto the table; face down,
 * forward onto it; standing and sitting, they hang along the body as modelled.
 */
export function poseMorphs(pose: Pose): Record<PoseMorphTarget, number> {
  const out = Object.fromEntries(POSE_MORPH_TARGETS.map((t) => [t, 0])) as Record<
    PoseMorphTarget,
    number
  >;
  if (pose === 'supine') out.arms_supine = 1;
  if (pose === 'prone') out.arms_prone = 1;
  return out;
}
