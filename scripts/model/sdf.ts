/**
 * Signed-distance primitives and smooth blends. Negative inside, positive outside, metres.
 * Every primitive carries an axis-aligned bounding box so evaluation can skip far shapes.
 */
export type V3 = [number, number, number];

export interface Prim {
  readonly min: V3;
  readonly max: V3;
  d(x: number, y: number, z: number): number;
}

/** Polynomial smooth minimum (union) with blend radius k. */
export function smin(a: number, b: number, k: number): number {
  if (k <= 0) return a < b ? a : b;
  const h = k - Math.abs(a - b);
  if (h <= 0) return a < b ? a : b;
  const m = a < b ? a : b;
  return m - (h * h) / (4 * k);
}

/** Smooth maximum (intersection / subtraction) with blend radius k. */
export function smax(a: number, b: number, k: number): number {
  return -smin(-a, -b, k);
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

export function smoothstep(e0: number, e1: number, v: number): number {
  const t = clamp((v - e0) / (e1 - e0), 0, 1);
  return t * t * (3 - 2 * t);
}

export function sub(a: V3, b: V3): V3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
export function add(a: V3, b: V3): V3 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}
export function scale(a: V3, s: number): V3 {
  return [a[0] * s, a[1] * s, a[2] * s];
}
export function dot(a: V3, b: V3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
export function cross(a: V3, b: V3): V3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
export function len(a: V3): number {
  return Math.hypot(a[0], a[1], a[2]);
}
export function norm(a: V3): V3 {
  const l = len(a) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
}
export function lerp3(a: V3, b: V3, t: number): V3 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Rotation matrix rows from yaw (about +Y), pitch (about local X), roll (about local Z), radians. */
export function basisYPR(yaw: number, pitch = 0, roll = 0): [V3, V3, V3] {
  const cy = Math.cos(yaw),
    sy = Math.sin(yaw);
  const cp = Math.cos(pitch),
    sp = Math.sin(pitch);
  const cr = Math.cos(roll),
    sr = Math.sin(roll);
  // Columns of R = Ry * Rx * Rz are the local axes expressed in world coordinates.
  const rx: V3 = [cy * cr + sy * sp * sr, cp * sr, -sy * cr + cy * sp * sr];
  const ry: V3 = [-cy * sr + sy * sp * cr, cp * cr, sy * sr + cy * sp * cr];
  const rz: V3 = [sy * cp, -sp, cy * cp];
  return [rx, ry, rz];
}

/** Ellipsoid (approximate distance, Quilez) with local axes `axes` and radii `r`. */
export function ellipsoid(c: V3, r: V3, axes?: [V3, V3, V3]): Prim {
  const ax = axes ?? [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  const [e0, e1, e2] = ax;
  const min: V3 = [0, 0, 0];
  const max: V3 = [0, 0, 0];
  for (let j = 0; j < 3; j++) {
    const ext = Math.hypot(r[0] * e0[j], r[1] * e1[j], r[2] * e2[j]);
    min[j] = c[j] - ext;
    max[j] = c[j] + ext;
  }
  const [cx, cy, cz] = c;
  const [r0, r1, r2] = r;
  return {
    min,
    max,
    d(x, y, z) {
      const px = x - cx,
        py = y - cy,
        pz = z - cz;
      const u = (px * e0[0] + py * e0[1] + pz * e0[2]) / r0;
      const v = (px * e1[0] + py * e1[1] + pz * e1[2]) / r1;
      const w = (px * e2[0] + py * e2[1] + pz * e2[2]) / r2;
      const k0 = Math.sqrt(u * u + v * v + w * w);
      const k1 = Math.sqrt((u * u) / (r0 * r0) + (v * v) / (r1 * r1) + (w * w) / (r2 * r2));
      if (k1 < 1e-12) return -Math.min(r0, r1, r2);
      return (k0 * (k0 - 1)) / k1;
    },
  };
}

export function sphere(c: V3, r: number): Prim {
  return ellipsoid(c, [r, r, r]);
}

/**
 * Round cone (tapered capsule) between a (radius ra) and b (radius rb); exact distance.
 * `squashY` < 1 flattens the cross-section vertically around the axis (toes are wider than tall).
 */
export function roundCone(a: V3, b: V3, ra: number, rb: number, squashY = 1): Prim {
  const ba = sub(b, a);
  const l2 = dot(ba, ba);
  const rr = ra - rb;
  const a2 = l2 - rr * rr;
  const il2 = 1 / l2;
  const min: V3 = [0, 0, 0];
  const max: V3 = [0, 0, 0];
  for (let j = 0; j < 3; j++) {
    min[j] = Math.min(a[j] - ra, b[j] - rb);
    max[j] = Math.max(a[j] + ra, b[j] + rb);
  }
  const [ax, ay, az] = a;
  const s = squashY;
  return {
    min,
    max,
    d(x, y, z) {
      // Squash about the axis height at the nearest axis point (approximation, fine for small squash).
      const px = x - ax,
        pz = z - az;
      let py = y - ay;
      if (s !== 1) {
        const t = clamp((px * ba[0] + py * ba[1] + pz * ba[2]) * il2, 0, 1);
        const axisY = ba[1] * t;
        py = axisY + (py - axisY) / s;
      }
      const y0 = px * ba[0] + py * ba[1] + pz * ba[2];
      const y1 = y0 - l2;
      const qx = px * l2 - ba[0] * y0,
        qy = py * l2 - ba[1] * y0,
        qz = pz * l2 - ba[2] * y0;
      const x2 = qx * qx + qy * qy + qz * qz;
      const y2 = y0 * y0 * l2;
      const z2 = y1 * y1 * l2;
      const k = Math.sign(rr) * rr * rr * x2;
      let dist: number;
      if (Math.sign(y1) * a2 * z2 > k) {
        const dx = x - b[0],
          dy = py - ba[1],
          dz = z - b[2];
        dist = Math.sqrt(dx * dx + dy * dy + dz * dz) - rb;
      } else if (Math.sign(y0) * a2 * y2 < k) {
        dist = Math.sqrt(px * px + py * py + pz * pz) - ra;
      } else {
        dist = (Math.sqrt(x2 * a2 * il2) + y0 * rr) * il2 - ra;
      }
      return s !== 1 ? dist * (0.5 + 0.5 * s) : dist;
    },
  };
}

export interface Op {
  readonly kind: 'add' | 'sub' | 'inter';
  /** Blend radius. */
  readonly k: number;
  readonly prim: Prim;
}

/** A smooth union of child primitives (blend k), usable as one primitive in an outer list. */
export function blendGroup(prims: readonly Prim[], k: number): Prim {
  const min: V3 = [Infinity, Infinity, Infinity];
  const max: V3 = [-Infinity, -Infinity, -Infinity];
  for (const p of prims) {
    for (let j = 0; j < 3; j++) {
      min[j] = Math.min(min[j], p.min[j]);
      max[j] = Math.max(max[j], p.max[j]);
    }
  }
  const m = 2 * k + 0.002;
  return {
    min,
    max,
    d(x, y, z) {
      let d = 1;
      for (const p of prims) {
        if (
          x < p.min[0] - m ||
          x > p.max[0] + m ||
          y < p.min[1] - m ||
          y > p.max[1] + m ||
          z < p.min[2] - m ||
          z > p.max[2] + m
        )
          continue;
        d = smin(d, p.d(x, y, z), k);
      }
      return d;
    },
  };
}

/**
 * An ordered list of blend operations. A primitive whose box (grown by `margin`) does not contain
 * the point is skipped; `margin` must be at least twice the largest blend radius so that a skipped
 * shape could not have changed any smooth-min near the surface.
 */
export class OpList {
  readonly ops: Op[] = [];
  private kMax = 0;

  add(prim: Prim, k: number): this {
    this.ops.push({ kind: 'add', k, prim });
    this.kMax = Math.max(this.kMax, k);
    return this;
  }

  sub(prim: Prim, k: number): this {
    this.ops.push({ kind: 'sub', k, prim });
    this.kMax = Math.max(this.kMax, k);
    return this;
  }

  /** Smooth intersection with a primitive (keeps only what is inside both). */
  inter(prim: Prim, k: number): this {
    this.ops.push({ kind: 'inter', k, prim });
    this.kMax = Math.max(this.kMax, k);
    return this;
  }

  /**
   * Box around every added primitive reaching above `aboveY` (the surface there lies inside it,
   * grown by the blend radius).
   */
  bounds(aboveY = -Infinity): { min: V3; max: V3 } {
    const min: V3 = [Infinity, Infinity, Infinity];
    const max: V3 = [-Infinity, -Infinity, -Infinity];
    for (const op of this.ops) {
      if (op.kind !== 'add' || op.prim.max[1] + this.kMax < aboveY) continue;
      for (let j = 0; j < 3; j++) {
        min[j] = Math.min(min[j], op.prim.min[j] - this.kMax);
        max[j] = Math.max(max[j], op.prim.max[j] + this.kMax);
      }
    }
    return { min, max };
  }

  get margin(): number {
    return 2 * this.kMax + 0.003;
  }

  compile(): (x: number, y: number, z: number) => number {
    const ops = this.ops.slice();
    const m = this.margin;
    const n = ops.length;
    const lo = new Float64Array(n * 3);
    const hi = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const p = ops[i].prim;
      for (let j = 0; j < 3; j++) {
        lo[i * 3 + j] = p.min[j] - m;
        hi[i * 3 + j] = p.max[j] + m;
      }
    }
    // Uniform grid of cells, each listing (in order) the ops whose grown box touches it; the
    // per-op box test below still decides, so the result is the same as scanning every op.
    const gMin = [-0.45, -0.06, -0.4];
    const gMax = [0.45, 2.0, 0.4];
    const cell = 0.02;
    const dims = [0, 1, 2].map((j) => Math.ceil((gMax[j] - gMin[j]) / cell));
    const cells: Int32Array[] = [];
    const all = Int32Array.from({ length: n }, (_, i) => i);
    for (let cz = 0; cz < dims[2]; cz++) {
      for (let cy = 0; cy < dims[1]; cy++) {
        for (let cx = 0; cx < dims[0]; cx++) {
          const x0 = gMin[0] + cx * cell,
            y0 = gMin[1] + cy * cell,
            z0 = gMin[2] + cz * cell;
          const list: number[] = [];
          for (let i = 0; i < n; i++) {
            const b = i * 3;
            if (
              x0 + cell < lo[b] ||
              x0 > hi[b] ||
              y0 + cell < lo[b + 1] ||
              y0 > hi[b + 1] ||
              z0 + cell < lo[b + 2] ||
              z0 > hi[b + 2]
            )
              continue;
            list.push(i);
          }
          cells.push(Int32Array.from(list));
        }
      }
    }
    return (x, y, z) => {
      const cx = Math.floor((x - gMin[0]) / cell),
        cy = Math.floor((y - gMin[1]) / cell),
        cz = Math.floor((z - gMin[2]) / cell);
      const list =
        cx >= 0 && cy >= 0 && cz >= 0 && cx < dims[0] && cy < dims[1] && cz < dims[2]
          ? cells[(cz * dims[1] + cy) * dims[0] + cx]
          : all;
      let d = 1;
      for (let k = 0; k < list.length; k++) {
        const i = list[k];
        const b = i * 3;
        if (
          x < lo[b] ||
          x > hi[b] ||
          y < lo[b + 1] ||
          y > hi[b + 1] ||
          z < lo[b + 2] ||
          z > hi[b + 2]
        )
          continue;
        const op = ops[i];
        const v = op.prim.d(x, y, z);
        if (op.kind === 'add') d = smin(d, v, op.k);
        else if (op.kind === 'sub') d = smax(d, -v, op.k);
        else d = smax(d, v, op.k);
      }
      return d;
    };
  }
}

/**
 * Torus around `axis` (unit) through centre `c`: ring radius `R`, tube radius `r`; exact distance.
 * Subtracted thinly, it makes skin creases (toddler ankle and wrist folds).
 */
export function torus(c: V3, axis: V3, R: number, r: number): Prim {
  const n = norm(axis);
  const ext = R + r;
  const min: V3 = [0, 0, 0];
  const max: V3 = [0, 0, 0];
  for (let j = 0; j < 3; j++) {
    // the ring spans R·sqrt(1 − n_j²) along axis j, the tube adds r
    const e = R * Math.sqrt(Math.max(0, 1 - n[j] * n[j])) + r;
    min[j] = c[j] - Math.min(ext, e);
    max[j] = c[j] + Math.min(ext, e);
  }
  const [cx, cy, cz] = c;
  return {
    min,
    max,
    d(x, y, z) {
      const px = x - cx,
        py = y - cy,
        pz = z - cz;
      const h = px * n[0] + py * n[1] + pz * n[2];
      const qx = px - n[0] * h,
        qy = py - n[1] * h,
        qz = pz - n[2] * h;
      const q = Math.sqrt(qx * qx + qy * qy + qz * qz) - R;
      return Math.sqrt(q * q + h * h) - r;
    },
  };
}

/**
 * A tapered tube along a polyline (`points[i]` with radius `radii[i]`): round cones joined with
 * blend `k`. Tendons and creases that follow a curve.
 */
export function polyCone(
  points: readonly V3[],
  radii: readonly number[],
  k: number,
  squashY = 1,
): Prim {
  if (points.length < 2 || radii.length !== points.length)
    throw new Error('polyCone: needs at least two points and one radius per point');
  const segs: Prim[] = [];
  for (let i = 0; i + 1 < points.length; i++)
    segs.push(roundCone(points[i], points[i + 1], radii[i], radii[i + 1], squashY));
  return blendGroup(segs, k);
}

/** A primitive moved by `offset` (its box too). */
export function translated(prim: Prim, offset: V3): Prim {
  const [ox, oy, oz] = offset;
  return {
    min: [prim.min[0] + ox, prim.min[1] + oy, prim.min[2] + oz],
    max: [prim.max[0] + ox, prim.max[1] + oy, prim.max[2] + oz],
    d: (x, y, z) => prim.d(x - ox, y - oy, z - oz),
  };
}
