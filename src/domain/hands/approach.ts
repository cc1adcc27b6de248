/**
 * Where the massaging person's arm comes from, in the body's model space (standing, facing +Z,
 * left at +X, feet on y = 0): beside the table at the worked side for the legs and back of a
 * lying body, from the foot end for its feet, from above and in front for an upright body (the
 * self-massage poses). The hands' forearms point toward it, and the caregiver's-eye camera
 * looks from it.
 */
import type { Side, Vec3 } from '../body.ts';
import type { Pose } from '../pose.ts';

/** Model-space direction of "up" (away from the table or the floor) for a pose. */
export function upOf(pose: Pose): Vec3 {
  if (pose === 'supine') return [0, 0, 1];
  if (pose === 'prone') return [0, 0, -1];
  return [0, 1, 0];
}

/**
 * Unit direction from a skin point toward the caregiver. `footHeightM` is the height below
 * which a point counts as the foot (≈ 0.1 m for an adult, scaled for a child).
 */
export function caregiverDirection(
  pose: Pose,
  point: Vec3,
  _normal: Vec3,
  side: Side,
  footHeightM: number,
): Vec3 {
  const up = upOf(pose);
  const sx = point[0] > 0.02 ? 1 : point[0] < -0.02 ? -1 : side === 'L' ? 1 : -1;
  let g: [number, number, number];
  if (pose === 'prone' || pose === 'supine') {
    const foot = point[1] < footHeightM;
    g = foot ? [0.25 * sx, -1, 0] : [0.9 * sx, 0.15 * (point[1] < 4 * footHeightM ? -1 : 0), 0];
    g = [g[0] + up[0] * 0.9, g[1] + up[1] * 0.9, g[2] + up[2] * 0.9];
  } else {
    // Upright: from above and in front of the feet, from outside the limb elsewhere.
    const foot = point[1] < 2.5 * footHeightM;
    g = foot ? [0.2 * sx, 1, 0.7] : [0.6 * sx, 0.4, 0.4];
  }
  const l = Math.hypot(g[0], g[1], g[2]) || 1;
  return [g[0] / l, g[1] / l, g[2] / l];
}
