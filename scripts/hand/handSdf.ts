/**
 * The signed-distance hand (a right hand at rest, hand space of `src/domain/hands/skeleton.ts`):
 * the skeleton's shapes placed on their bones, each digit blended along its phalanges and into
 * the palm on its own (so neighbouring fingers never web together), the forearm into the palm,
 * and two palm creases cut in. Also the distance to each bone's own shapes, for skin weights.
 */
import type { Vec3 } from '../../src/domain/body.ts';
import {
  DIGITS,
  HAND_BLEND,
  HAND_BONES,
  HAND_PRIMITIVES,
  digitOf,
  fromBoneLocal,
  restBone,
  type HandBone,
  type HandPrimitive,
} from '../../src/domain/hands/skeleton.ts';
import { cross, ellipsoid, roundCone, smax, smin, type Prim, type V3 } from '../model/sdf.ts';

interface Placed {
  readonly bone: HandBone;
  readonly k: number;
  readonly prim: Prim;
}

function boneAxes(bone: HandBone): [V3, V3, V3] {
  const b = restBone(bone);
  const up: V3 = [b.up[0], b.up[1], b.up[2]];
  const dir: V3 = [b.dir[0], b.dir[1], b.dir[2]];
  return [cross(up, dir), up, dir];
}

/** A round cone given in a bone's local frame, evaluated in hand space. */
function placedCone(p: Extract<HandPrimitive, { kind: 'cone' }>): Prim {
  const b = restBone(p.bone);
  const [ex, ey, ez] = boneAxes(p.bone);
  const local = roundCone([...p.a], [...p.b], p.ra, p.rb, p.squash);
  const [hx, hy, hz] = b.head;
  // Hand-space box from the local box's corners.
  const min: V3 = [Infinity, Infinity, Infinity];
  const max: V3 = [-Infinity, -Infinity, -Infinity];
  for (const x of [local.min[0], local.max[0]])
    for (const y of [local.min[1], local.max[1]])
      for (const z of [local.min[2], local.max[2]]) {
        const w = fromBoneLocal(p.bone, [x, y, z]);
        for (let j = 0; j < 3; j++) {
          min[j] = Math.min(min[j], w[j]);
          max[j] = Math.max(max[j], w[j]);
        }
      }
  return {
    min,
    max,
    d(x, y, z) {
      const dx = x - hx;
      const dy = y - hy;
      const dz = z - hz;
      return local.d(
        dx * ex[0] + dy * ex[1] + dz * ex[2],
        dx * ey[0] + dy * ey[1] + dz * ey[2],
        dx * ez[0] + dy * ez[1] + dz * ez[2],
      );
    },
  };
}

function place(p: HandPrimitive): Placed {
  if (p.kind === 'cone') return { bone: p.bone, k: p.k, prim: placedCone(p) };
  const c = fromBoneLocal(p.bone, p.c);
  return {
    bone: p.bone,
    k: p.k,
    prim: ellipsoid([c[0], c[1], c[2]], [p.r[0], p.r[1], p.r[2]], boneAxes(p.bone)),
  };
}

/** A chain of smooth unions in order, skipping shapes whose grown box misses the point. */
function chain(parts: readonly Placed[]): (x: number, y: number, z: number) => number {
  return (x, y, z) => {
    let d = 1;
    for (const part of parts) {
      const m = 2 * part.k + 0.002;
      const { min, max } = part.prim;
      if (
        x < min[0] - m ||
        x > max[0] + m ||
        y < min[1] - m ||
        y > max[1] + m ||
        z < min[2] - m ||
        z > max[2] + m
      )
        continue;
      d = smin(d, part.prim.d(x, y, z), part.k);
    }
    return d;
  };
}

/** A palm crease: a polyline (hand-space x, z) on the palmar skin, cut ≈ `depth` deep. */
export interface Crease {
  readonly points: readonly (readonly [number, number])[];
  readonly depth: number;
  readonly radius: number;
}

/** The distal palmar crease and the thenar crease around the ball of the thumb. */
export const CREASES: readonly Crease[] = [
  {
    points: [
      [-0.039, 0.071],
      [-0.02, 0.075],
      [-0.002, 0.079],
      [0.012, 0.084],
      [0.019, 0.09],
    ],
    depth: 0.0009,
    radius: 0.0012,
  },
  {
    points: [
      [0.03, 0.079],
      [0.017, 0.07],
      [0.009, 0.055],
      [0.007, 0.039],
      [0.01, 0.024],
    ],
    depth: 0.0009,
    radius: 0.0012,
  },
];

export interface HandSdf {
  /** Signed distance of the whole hand (negative inside), metres. */
  d(x: number, y: number, z: number): number;
  /** Distance to each bone's own shapes (no blends), in `HAND_BONES` order, written into out. */
  boneDistances(x: number, y: number, z: number, out: Float64Array): void;
  /** Distance to the nearest crease axis (for tinting), metres. */
  creaseDistance(x: number, y: number, z: number): number;
  readonly bounds: { readonly min: Vec3; readonly max: Vec3 };
}

export function buildHandSdf(): HandSdf {
  const placed = HAND_PRIMITIVES.map(place);
  const palm = chain(placed.filter((p) => p.bone === 'palm'));
  const forearm = chain(placed.filter((p) => p.bone === 'forearm'));
  const digits = DIGITS.map((digit) => chain(placed.filter((p) => digitOf(p.bone) === digit)));
  const base = (x: number, y: number, z: number) =>
    smin(palm(x, y, z), forearm(x, y, z), HAND_BLEND.forearm);
  const uncreased = (x: number, y: number, z: number) => {
    const b = base(x, y, z);
    let d = Infinity;
    for (const digit of digits) d = Math.min(d, smin(b, digit(x, y, z), HAND_BLEND.palm));
    return d;
  };

  // Crease axes sit on the palmar skin found by a ray from below.
  const surfaceY = (x: number, z: number): number => {
    let lo = -0.05;
    let hi = 0.0;
    if (uncreased(x, hi, z) > 0) throw new Error(`hand: crease point (${x}, ${z}) is off the palm`);
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (uncreased(x, mid, z) > 0) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const creasePrims: { prim: Prim; k: number }[] = [];
  const creaseAxes: [V3, V3][] = [];
  for (const crease of CREASES) {
    const pts: V3[] = crease.points.map(([x, z]) => [
      x,
      surfaceY(x, z) - crease.radius + crease.depth,
      z,
    ]);
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i];
      const b = pts[i + 1];
      creasePrims.push({ prim: roundCone(a, b, crease.radius, crease.radius), k: 0.0008 });
      creaseAxes.push([a, b]);
    }
  }

  const d = (x: number, y: number, z: number): number => {
    let v = uncreased(x, y, z);
    for (const c of creasePrims) {
      const { min, max } = c.prim;
      const m = 0.004;
      if (x < min[0] - m || x > max[0] + m || y < min[1] - m || y > max[1] + m) continue;
      if (z < min[2] - m || z > max[2] + m) continue;
      v = smax(v, -c.prim.d(x, y, z), c.k);
    }
    return v;
  };

  const byBone = HAND_BONES.map((bone) => placed.filter((p) => p.bone === bone));
  const boneDistances = (x: number, y: number, z: number, out: Float64Array) => {
    for (let b = 0; b < byBone.length; b++) {
      let m = Infinity;
      for (const p of byBone[b] ?? []) m = Math.min(m, p.prim.d(x, y, z));
      out[b] = m;
    }
  };

  const creaseDistance = (x: number, y: number, z: number) => {
    let best = Infinity;
    for (const [a, b] of creaseAxes) {
      const ab: V3 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
      const ap: V3 = [x - a[0], y - a[1], z - a[2]];
      const l2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
      const t = Math.max(0, Math.min(1, (ap[0] * ab[0] + ap[1] * ab[1] + ap[2] * ab[2]) / l2));
      best = Math.min(best, Math.hypot(ap[0] - ab[0] * t, ap[1] - ab[1] * t, ap[2] - ab[2] * t));
    }
    return best;
  };

  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const p of placed) {
    for (let j = 0; j < 3; j++) {
      min[j] = Math.min(min[j], p.prim.min[j] - 0.004);
      max[j] = Math.max(max[j], p.prim.max[j] + 0.004);
    }
  }
  return { d, boneDistances, creaseDistance, bounds: { min, max } };
}
