/**
 * Preset camera views of the body. Pure maths: given the bounds of what a view frames, returns
 * where the camera stands and what it looks at. World space: Y up, body facing +Z, its left at +X.
 */
import type { Side, Vec3 } from './body.ts';

export const VIEW_IDS = [
  'whole',
  'anterior',
  'posterior',
  'medial',
  'lateral',
  'dorsal',
  'plantar',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** Views that frame one foot rather than the whole body. */
export const FOOT_VIEWS: readonly ViewId[] = ['medial', 'lateral', 'dorsal', 'plantar'];

export interface Bounds {
  readonly min: Vec3;
  readonly max: Vec3;
}

export interface CameraPose {
  readonly position: Vec3;
  readonly target: Vec3;
}

export function isViewId(value: unknown): value is ViewId {
  return typeof value === 'string' && (VIEW_IDS as readonly string[]).includes(value);
}

export function boundsCenter(b: Bounds): Vec3 {
  return [(b.min[0] + b.max[0]) / 2, (b.min[1] + b.max[1]) / 2, (b.min[2] + b.max[2]) / 2];
}

export function boundsRadius(b: Bounds): number {
  const dx = b.max[0] - b.min[0];
  const dy = b.max[1] - b.min[1];
  const dz = b.max[2] - b.min[2];
  return Math.hypot(dx, dy, dz) / 2;
}

function normalize(v: Vec3): Vec3 {
  const len = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / len, v[1] / len, v[2] / len];
}

/**
 * Unit vector from the target toward the camera for a view. For foot views the side matters:
 * the left foot's medial side faces -X, the right foot's faces +X. Foot views look slightly
 * from slightly above and in front; the medial view hides the other leg (see Body).
 */
export function viewDirection(view: ViewId, side: Side): Vec3 {
  const out = side === 'L' ? 1 : -1; // +X is lateral for the left foot
  switch (view) {
    case 'whole':
      return normalize([0.45, 0.2, 1]);
    case 'anterior':
      return [0, 0, 1];
    case 'posterior':
      return [0, 0, -1];
    case 'medial':
      return normalize([-out, 0.3, 0.2]);
    case 'lateral':
      return normalize([out, 0.25, 0.1]);
    case 'dorsal':
      return normalize([0.15 * out, 1, 0.55]);
    case 'plantar':
      return normalize([0.1 * out, -1, -0.35]);
  }
}

/**
 * Camera pose that frames `bounds` from `view` with a vertical field of view `fovDeg` and
 * viewport `aspect` (width / height), leaving `margin` (1 = tight) around the bounding sphere.
 */
export function frameBounds(
  bounds: Bounds,
  view: ViewId,
  side: Side,
  fovDeg: number,
  aspect: number,
  margin = 1.15,
): CameraPose {
  const target = boundsCenter(bounds);
  const radius = boundsRadius(bounds) * margin;
  const vFov = (fovDeg * Math.PI) / 180;
  const hFov = 2 * Math.atan(Math.tan(vFov / 2) * aspect);
  const fov = Math.min(vFov, hFov);
  const distance = radius / Math.sin(fov / 2);
  const dir = viewDirection(view, side);
  return {
    target,
    position: [
      target[0] + dir[0] * distance,
      target[1] + dir[1] * distance,
      target[2] + dir[2] * distance,
    ],
  };
}
