/**
 * Rolling a ball or a needle roller under the sole: the prop goes to and fro along the step's
 * path (heel ↔ ball of the foot) on the floor, and the leg rides on it, the hip turning just
 * enough that the sole keeps touching the prop's top. Sampled once per step into keyframes at
 * the step's tempo (the same loop as the other exercises), so the scene only interpolates.
 * Pure: no React, no DOM.
 */
import type { Step } from '../content/schema.ts';
import type { BodyData, Side, Vec3 } from './body.ts';
import { limbPeriodS, loopValue, type LimbMotionDef } from './limbMotion.ts';
import { posedTriangles, posePoint, rotAxis, type PosedRig, type Rig } from './limbPose.ts';
import type { ByTempo } from './motion/primitives.ts';
import type { StepProp } from './stepProps.ts';

const PLANTAR: ReadonlySet<string> = new Set(['sole', 'arch', 'plantar_forefoot', 'heel']);
/** Keys over one cycle (there and back). */
const KEYS = 12;
/** Seconds there and back, by tempo word. */
const ROLL_PERIOD_S: ByTempo = [6, 4, 3];

export interface RollingPlan {
  readonly kind: 'ball' | 'roller';
  /** The prop's centre at each key, evenly spaced over the cycle (model space, posed). */
  readonly centres: readonly Vec3[];
  /** The worked leg riding on it (hip flexion per key). */
  readonly motion: LimbMotionDef;
}

type StepLike = Pick<Step, 'movement' | 'equipment' | 'path' | 'tempo'>;

/** The landmarks the path runs through, in order (no side suffix). */
function chainOf(path: Step['path']): string[] {
  if (!path) return [];
  if (path.kind === 'line') return [path.from, ...(path.via ?? []), path.to];
  if (path.kind === 'spiral') {
    const [a, b] = path.along;
    return [a, ...(path.via ?? []), b];
  }
  return [];
}

/** Point at share `u` (0..1) of the arc length of a polyline. */
function along(points: readonly Vec3[], u: number): Vec3 {
  const lens = points.slice(1).map((p, i) => {
    const q = points[i] ?? p;
    return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
  });
  const total = lens.reduce((a, b) => a + b, 0);
  let d = Math.min(1, Math.max(0, u)) * total;
  for (let i = 0; i < lens.length; i++) {
    const l = lens[i] ?? 0;
    const a = points[i];
    const b = points[i + 1];
    if (!a || !b) break;
    if (d <= l || i === lens.length - 1) {
      const f = l > 0 ? Math.min(1, d / l) : 0;
      return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
    }
    d -= l;
  }
  return points[0] ?? [0, 0, 0];
}

/**
 * The rolling of a `ball_roll` or `roller_roll` step, for the prop `stepProps` placed (its
 * radius), or null for other steps or a path the model cannot follow.
 */
export function rollingPlan(
  body: BodyData,
  rig: Rig,
  posed: PosedRig,
  step: StepLike,
  side: Side,
  props: readonly StepProp[],
): RollingPlan | null {
  const kind =
    step.movement === 'ball_roll' ? 'ball' : step.movement === 'roller_roll' ? 'roller' : null;
  const prop = props.find((p) => p.kind === kind);
  if (!kind || !prop || (prop.kind !== 'ball' && prop.kind !== 'roller')) return null;
  const chain = chainOf(step.path).flatMap((k) => {
    const l = body.landmarks.get(`${k}.${side}`);
    return l ? [posePoint(rig, posed, l.position)] : [];
  });
  if (chain.length < 2) return null;
  const r = prop.radius;
  const hip = posePoint(rig, posed, rig.legs[side].hip);
  // Extra hip flexion turns the whole leg about the posed hip's own left–right axis.
  const thigh = posed.legs[side].thigh.r;
  const axis: Vec3 = [thigh[0] ?? 1, thigh[3] ?? 0, thigh[6] ?? 0];
  const sole = posedTriangles(body, rig, posed, PLANTAR, side);
  const centres: Vec3[] = [];
  const hipFlex: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    // Heel to the ball of the foot and back.
    const u = 1 - Math.abs(1 - (2 * i) / KEYS);
    const p = along(chain, u);
    centres.push([p[0], r, p[2]]);
    // Turn the hip until the sole straight above the centre touches the prop's top.
    let flex = 0;
    for (let k = 0; k < 3; k++) {
      const y = lowestAbove(sole, rotAxis(axis, -flex), hip, p[0], p[2]);
      if (y === null) break;
      const reach = Math.max(0.05 * rig.scale, Math.abs(p[2] - hip[2]));
      flex += (2 * r - y) / reach;
    }
    hipFlex.push((flex * 180) / Math.PI);
  }
  const periodS = ROLL_PERIOD_S;
  return {
    kind,
    centres,
    motion: {
      periodS,
      keys: hipFlex.map((h) => ({ leg: { hipFlex: h } })),
      right: 'same',
      only: side,
      grounded: false,
    },
  };
}

/**
 * Lowest height where the vertical line through (x, z) meets the triangles turned by `r`
 * about `pivot`, or null where it misses them.
 */
function lowestAbove(
  tris: Float64Array,
  r: readonly number[],
  pivot: Vec3,
  x: number,
  z: number,
): number | null {
  let low = Infinity;
  const q = new Float64Array(9);
  for (let t = 0; t < tris.length; t += 9) {
    for (let j = 0; j < 3; j++) {
      const px = (tris[t + j * 3] ?? 0) - pivot[0];
      const py = (tris[t + j * 3 + 1] ?? 0) - pivot[1];
      const pz = (tris[t + j * 3 + 2] ?? 0) - pivot[2];
      for (let i = 0; i < 3; i++)
        q[j * 3 + i] =
          (r[i * 3] ?? 0) * px +
          (r[i * 3 + 1] ?? 0) * py +
          (r[i * 3 + 2] ?? 0) * pz +
          (pivot[i] ?? 0);
    }
    const ax = q[0] ?? 0;
    const ay = q[1] ?? 0;
    const az = q[2] ?? 0;
    const bx = q[3] ?? 0;
    const by = q[4] ?? 0;
    const bz = q[5] ?? 0;
    const cx = q[6] ?? 0;
    const cy = q[7] ?? 0;
    const cz = q[8] ?? 0;
    const d = (bz - cz) * (ax - cx) + (cx - bx) * (az - cz);
    if (Math.abs(d) < 1e-12) continue;
    const u = ((bz - cz) * (x - cx) + (cx - bx) * (z - cz)) / d;
    const v = ((cz - az) * (x - cx) + (ax - cx) * (z - cz)) / d;
    if (u < 0 || v < 0 || u + v > 1) continue;
    low = Math.min(low, u * ay + v * by + (1 - u - v) * cy);
  }
  return Number.isFinite(low) ? low : null;
}

/** Where the prop is `tS` seconds into the step. */
export function rollingAt(plan: RollingPlan, tempo: StepLike['tempo'], tS: number): Vec3 {
  const phase = tS / limbPeriodS(plan.motion, tempo);
  const c = (k: 0 | 1 | 2) =>
    loopValue(
      plan.centres.map((p) => p[k]),
      phase,
    );
  return [c(0), c(1), c(2)];
}

/**
 * The path the prop rolls along, drawn on the floor under it: its centres from the heel to the
 * ball of the foot (the first half of the cycle; the second comes back the same way), dropped to
 * `lift` above the floor. Model space, posed.
 */
export function rollingTrack(plan: RollingPlan, lift = 0.002): Vec3[] {
  const half = Math.floor(plan.centres.length / 2);
  return plan.centres.slice(0, half + 1).map((c) => [c[0], lift, c[2]] as Vec3);
}
