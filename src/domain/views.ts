/**
 * Preset camera views of the body. Pure maths: given the bounds of what a view frames, returns
 * where the camera stands and what it looks at. World space: Y up, body facing +Z, its left at +X.
 */
import type { Step } from '../content/schema.ts';
import type { BodyData, Side, Vec3 } from './body.ts';
import { normalize } from './vec3.ts';

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

/** Smallest framing radius of a step, metres: a small path is not filled edge to edge. */
export const MIN_STEP_RADIUS_M = 0.09;

export interface StepFraming {
  readonly center: Vec3;
  /** Outward skin normal to look along (unit or not). */
  readonly normal: Vec3;
  readonly radius: number;
}

const AXES = [0, 1, 2] as const;
/** Below this share of aligned area, zones face no one side (see `zoneFraming`). */
const ZONE_FACING_MIN = 0.35;
const ZONE_FRONT: Vec3 = [0.35, 0.35, 0.87];

/**
 * A framing for a step without a path (exercises, care): the box around its zones on the side
 * shown (midline zones count on either side), looked at from the side the zones face on the
 * whole (the sole from below, the dorsum from above), or from the front for zones all round.
 * Null when the body has none of the zones.
 */
export function zoneFraming(
  body: BodyData,
  zones: ReadonlySet<string>,
  side: Side,
): StepFraming | null {
  const wanted = body.parts.map((p) => zones.has(p.zone) && (p.side === null || p.side === side));
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  const nm: [number, number, number] = [0, 0, 0];
  let area = 0;
  const pos = body.positions;
  const at = (v: number, k: number) => pos[v * 3 + k] ?? 0;
  for (let t = 0; t < body.triangleParts.length; t++) {
    if (!wanted[body.triangleParts[t] ?? 0]) continue;
    const a = body.indices[t * 3] ?? 0;
    const b = body.indices[t * 3 + 1] ?? 0;
    const c = body.indices[t * 3 + 2] ?? 0;
    for (const v of [a, b, c]) {
      for (const k of AXES) {
        const x = at(v, k);
        if (x < min[k]) min[k] = x;
        if (x > max[k]) max[k] = x;
      }
    }
    // Area-weighted face normal (twice the area): the side the zones face on the whole.
    const e1 = [at(b, 0) - at(a, 0), at(b, 1) - at(a, 1), at(b, 2) - at(a, 2)] as const;
    const e2 = [at(c, 0) - at(a, 0), at(c, 1) - at(a, 1), at(c, 2) - at(a, 2)] as const;
    const n = [
      e1[1] * e2[2] - e1[2] * e2[1],
      e1[2] * e2[0] - e1[0] * e2[2],
      e1[0] * e2[1] - e1[1] * e2[0],
    ] as const;
    nm[0] += n[0];
    nm[1] += n[1];
    nm[2] += n[2];
    area += Math.hypot(n[0], n[1], n[2]);
  }
  if (!Number.isFinite(min[0])) return null;
  const facing = Math.hypot(...nm);
  // Zones all round a limb (the ankle, the toes) face no one side: look from the front.
  const normal: Vec3 =
    area > 0 && facing / area > ZONE_FACING_MIN
      ? [nm[0] / facing, nm[1] / facing, nm[2] / facing]
      : ZONE_FRONT;
  return {
    center: [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2],
    normal,
    radius: Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) / 2,
  };
}

/**
 * Where the camera looks from to frame a step: along the skin normal, tilted a little toward eye
 * height, far enough that a sphere of 1.6 × the path radius fits the narrower field of view.
 */
export function frameStep(
  frame: StepFraming,
  fovDeg: number,
  aspect: number,
  minRadius = MIN_STEP_RADIUS_M,
): { eye: Vec3; target: Vec3 } {
  const r = Math.max(minRadius, frame.radius) * 1.6;
  const fov = (fovDeg * Math.PI) / 180;
  const narrow = Math.min(fov, 2 * Math.atan(Math.tan(fov / 2) * aspect));
  const distance = r / Math.sin(narrow / 2);
  const n = frame.normal;
  const dir: Vec3 = [n[0], n[1] + 0.35, n[2]];
  const len = Math.hypot(...dir) || 1;
  const c = frame.center;
  return {
    eye: [
      c[0] + (dir[0] / len) * distance,
      c[1] + (dir[1] / len) * distance,
      c[2] + (dir[2] / len) * distance,
    ],
    target: c,
  };
}

/**
 * The side to look at a step from when the body lies on a table: a normal that points down
 * (into the table: the top of the foot of someone lying face down) is laid flat, so the camera
 * looks from the side rather than from under the table; straight down becomes a view from the
 * foot end. Normals that point up are kept.
 */
export function keepAboveTable(normal: Vec3): Vec3 {
  if (normal[1] >= 0) return normal;
  const h = Math.hypot(normal[0], normal[2]);
  if (h < 0.2) return [0, 0, 1];
  return [normal[0] / h, 0, normal[2] / h];
}

/**
 * The side to look at a step from off the table (sitting, standing): a normal that points down
 * (the sole of a foot on the floor, a ball or a roller) is seen from the front and the outer side,
 * from above, never from under the floor; other normals as `keepAboveTable`.
 */
export function keepAboveFloor(normal: Vec3, side: Side): Vec3 {
  if (normal[1] >= -0.5) return keepAboveTable(normal);
  const out = side === 'L' ? 1 : -1;
  return normalize([out * 0.55, 0.5, 0.68]);
}

/**
 * Where the Sole view looks from, given the mean outward normal of the sole as the body is
 * posed (world space): along it and a little from above, so a face-down body's soles are seen
 * from the foot end and a foot across the knee from its own side. A sole flat on the floor
 * (normal straight down) keeps the view from below of `viewDirection`.
 */
export function plantarDirection(soleNormal: Vec3, side: Side): Vec3 {
  const n = normalize(soleNormal, [0, -1, 0]);
  if (n[1] < -0.8) return viewDirection('plantar', side);
  return keepAboveTable(normalize([n[0], n[1] + 0.3, n[2]]));
}

/**
 * Exercises whose movement reads only from the side, the outer side of the worked foot (so the
 * other leg is behind it, not in front): toes curling or lifting (their silhouette moves), and a
 * ball or roller under the sole (seen under the whole foot, not hidden by it). Model space as
 * modelled (the pose turns it with the foot); null for the other steps.
 */
export function exerciseView(step: Pick<Step, 'morph' | 'movement'>, side: Side): Vec3 | null {
  const out = side === 'L' ? 1 : -1;
  if (step.movement === 'ball_roll' || step.movement === 'roller_roll')
    return normalize([out, 0, 0.15]);
  if (step.morph?.tracks.some((t) => t.target === 'toes_flex' || t.target === 'toes_extend'))
    return normalize([out, 0.1, 0.3]);
  return null;
}
