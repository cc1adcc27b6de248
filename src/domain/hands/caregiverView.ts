/**
 * The caregiver's-eye framing: the step seen from where the massaging person stands, over the
 * hands (from behind and above them), a little to the side of the working hand — mirrored for
 * a left-handed person.
 */
import type { Vec3 } from '../body.ts';
import { frameStep, type StepFraming } from '../views.ts';

export function caregiverEye(
  frame: StepFraming,
  /** Unit direction from the step toward the person (world). */
  caregiver: Vec3,
  leftHanded: boolean,
  fovDeg: number,
  aspect: number,
): { eye: Vec3; target: Vec3 } {
  const plain = frameStep(frame, fovDeg, aspect);
  const distance = Math.hypot(
    plain.eye[0] - frame.center[0],
    plain.eye[1] - frame.center[1],
    plain.eye[2] - frame.center[2],
  );
  const n = frame.normal;
  // Sideways, relative to the person facing the step: right = caregiver × up.
  const rx = -caregiver[2];
  const rz = caregiver[0];
  const rl = Math.hypot(rx, rz) || 1;
  const side = leftHanded ? -0.3 : 0.3;
  const d: [number, number, number] = [
    caregiver[0] * 1.1 + n[0] * 0.6 + (rx / rl) * side,
    caregiver[1] * 1.1 + n[1] * 0.6 + 0.55,
    caregiver[2] * 1.1 + n[2] * 0.6 + (rz / rl) * side,
  ];
  const l = Math.hypot(d[0], d[1], d[2]) || 1;
  const k = (0.85 * distance) / l;
  const c = frame.center;
  return { eye: [c[0] + d[0] * k, c[1] + d[1] * k, c[2] + d[2] * k], target: c };
}
