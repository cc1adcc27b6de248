/**
 * Measurements of a body model read back from its .glb (shared by the model tests and by the
 * figures in models/README.md): footprint, heel angle from behind, breadths, zone connectivity and
 * toe interpenetration. All on `BodyData` (world metres), with morph influences applied.
 */
import type { BodyData, MorphTarget, Side, Vec3 } from '../../src/domain/body.ts';

export type Morphs = Partial<Record<MorphTarget, number>>;

/** Vertex v with the morph influences applied. */
export function vertexAt(body: BodyData, v: number, morphs: Morphs = {}): Vec3 {
  const p: [number, number, number] = [
    body.positions[v * 3],
    body.positions[v * 3 + 1],
    body.positions[v * 3 + 2],
  ];
  for (const [name, w] of Object.entries(morphs) as [MorphTarget, number][]) {
    const d = body.morphDeltas[name];
    if (!d || !w) continue;
    p[0] += d[v * 3] * w;
    p[1] += d[v * 3 + 1] * w;
    p[2] += d[v * 3 + 2] * w;
  }
  return p;
}

/** The vertices of the given zone parts (by node name). */
export function verticesOf(body: BodyData, nodes: ReadonlySet<string>): number[] {
  const seen = new Uint8Array(body.positions.length / 3);
  const out: number[] = [];
  for (let t = 0; t < body.triangleParts.length; t++) {
    if (!nodes.has(body.parts[body.triangleParts[t]].node)) continue;
    for (let e = 0; e < 3; e++) {
      const v = body.indices[t * 3 + e];
      if (!seen[v]) {
        seen[v] = 1;
        out.push(v);
      }
    }
  }
  return out;
}

function landmark(body: BodyData, key: string): Vec3 {
  const l = body.landmarks.get(key);
  if (!l) throw new Error(`missing landmark ${key}`);
  return l.position;
}

/** The foot's ground frame at rest: origin at the back of the heel, forward and lateral units. */
export function footFrame(
  body: BodyData,
  side: Side,
): { o: Vec3; fwd: Vec3; lat: Vec3; length: number } {
  const o = landmark(body, `heel_back.${side}`);
  const t = landmark(body, `toe2_tip.${side}`);
  const dx = t[0] - o[0],
    dz = t[2] - o[2];
  const length = Math.hypot(dx, dz);
  const fwd: Vec3 = [dx / length, 0, dz / length];
  // lateral: away from the midline (+X on the left foot)
  const s = side === 'L' ? 1 : -1;
  const lat: Vec3 = [fwd[2] * s, 0, -fwd[0] * s];
  return { o, fwd, lat, length };
}

/**
 * Footprint index (Chippaux–Smirak): the narrowest width of floor contact (skin within 3 mm of the
 * floor) across the midfoot, as a share of the widest contact across the forefoot.
 */
export function midfootContactShare(
  body: BodyData,
  footNodes: ReadonlySet<string>,
  side: Side,
  morphs: Morphs = {},
): { share: number; midfoot: number; forefoot: number } {
  const F = footFrame(body, side);
  // contact widths in 1 mm slices, from points sampled every millimetre on the triangles (flat
  // contact areas are simplified into large triangles, so their corners alone would miss them)
  const slices = new Map<number, [number, number]>();
  const step = 0.001;
  const pi = new Set(body.parts.flatMap((p, i) => (footNodes.has(p.node) ? [i] : [])));
  const add = (p: Vec3): void => {
    const a = (p[0] - F.o[0]) * F.fwd[0] + (p[2] - F.o[2]) * F.fwd[2];
    const l = (p[0] - F.o[0]) * F.lat[0] + (p[2] - F.o[2]) * F.lat[2];
    const k = Math.floor(a / step);
    const s = slices.get(k);
    if (s) slices.set(k, [Math.min(s[0], l), Math.max(s[1], l)]);
    else slices.set(k, [l, l]);
  };
  const cache = new Map<number, Vec3>();
  const at = (v: number): Vec3 => {
    let p = cache.get(v);
    if (!p) {
      p = vertexAt(body, v, morphs);
      cache.set(v, p);
    }
    return p;
  };
  for (let t = 0; t < body.triangleParts.length; t++) {
    if (!pi.has(body.triangleParts[t])) continue;
    const A = at(body.indices[t * 3]),
      B = at(body.indices[t * 3 + 1]),
      C = at(body.indices[t * 3 + 2]);
    if (Math.min(A[1], B[1], C[1]) > 0.003) continue;
    const edge = Math.max(
      Math.hypot(...sub(A, B)),
      Math.hypot(...sub(B, C)),
      Math.hypot(...sub(C, A)),
    );
    const n = Math.max(1, Math.ceil(edge / 0.001));
    for (let i = 0; i <= n; i++)
      for (let j = 0; i + j <= n; j++) {
        const u = i / n,
          w = j / n;
        const p: Vec3 = [
          A[0] + (B[0] - A[0]) * u + (C[0] - A[0]) * w,
          A[1] + (B[1] - A[1]) * u + (C[1] - A[1]) * w,
          A[2] + (B[2] - A[2]) * u + (C[2] - A[2]) * w,
        ];
        if (p[1] <= 0.003) add(p);
      }
  }
  const width = (from: number, to: number, pick: (a: number, b: number) => number): number => {
    let w = NaN;
    for (
      let k = Math.floor((from * F.length) / step);
      k <= Math.floor((to * F.length) / step);
      k++
    ) {
      const s = slices.get(k);
      const sw = s ? s[1] - s[0] : 0;
      w = Number.isNaN(w) ? sw : pick(w, sw);
    }
    return w;
  };
  const forefoot = width(0.62, 0.8, Math.max);
  const midfoot = width(0.33, 0.55, Math.min);
  return { share: midfoot / forefoot, midfoot, forefoot };
}

/**
 * The heel's angle seen from behind (degrees): the slope of the centre line of the heel's
 * cross-sections between 15 % and 55 % of the heel's height, from vertical; positive = valgus
 * (the heel's bottom further out than its top).
 */
export function heelAngle(
  body: BodyData,
  footNodes: ReadonlySet<string>,
  side: Side,
  morphs: Morphs = {},
): number {
  const F = footFrame(body, side);
  const k = F.length / 0.26;
  const lo = 0.007 * k,
    hi = 0.036 * k,
    band = 0.002 * k;
  const heights: number[] = [];
  for (let h = lo; h <= hi + 1e-9; h += band) heights.push(h);
  const rows = heights.map(() => ({ min: Infinity, max: -Infinity }));
  const pi = new Set(body.parts.flatMap((p, i) => (footNodes.has(p.node) ? [i] : [])));
  const cache = new Map<number, Vec3>();
  const at = (v: number): Vec3 => {
    let p = cache.get(v);
    if (!p) {
      p = vertexAt(body, v, morphs);
      cache.set(v, p);
    }
    return p;
  };
  // exact cross-sections: cut every triangle of the back of the heel with each horizontal plane
  for (let t = 0; t < body.triangleParts.length; t++) {
    if (!pi.has(body.triangleParts[t])) continue;
    const c = [at(body.indices[t * 3]), at(body.indices[t * 3 + 1]), at(body.indices[t * 3 + 2])];
    heights.forEach((h, r) => {
      for (let e = 0; e < 3; e++) {
        const p = c[e],
          q = c[(e + 1) % 3];
        if ((p[1] - h) * (q[1] - h) > 0 || p[1] === q[1]) continue;
        const u = (h - p[1]) / (q[1] - p[1]);
        const x = p[0] + (q[0] - p[0]) * u - F.o[0],
          z = p[2] + (q[2] - p[2]) * u - F.o[2];
        if (x * F.fwd[0] + z * F.fwd[2] > 0.16 * F.length) continue;
        const l = x * F.lat[0] + z * F.lat[2];
        rows[r].min = Math.min(rows[r].min, l);
        rows[r].max = Math.max(rows[r].max, l);
      }
    });
  }
  // least-squares slope of the centre (lateral offset) against height
  let n = 0,
    sh = 0,
    sc = 0,
    shh = 0,
    shc = 0;
  rows.forEach((r, i) => {
    if (!Number.isFinite(r.min)) return;
    const h = heights[i];
    const c = (r.min + r.max) / 2;
    n++;
    sh += h;
    sc += c;
    shh += h * h;
    shc += h * c;
  });
  const slope = (n * shc - sh * sc) / (n * shh - sh * sh);
  // valgus: the centre moves medially (−lateral) going up
  return (-Math.atan(slope) * 180) / Math.PI;
}

/**
 * Breadth (x extent) of the body without the given nodes, in a slab of height 4 mm around y.
 */
export function breadthAt(body: BodyData, y: number, skip: ReadonlySet<string>): number {
  let min = Infinity,
    max = -Infinity;
  for (let t = 0; t < body.triangleParts.length; t++) {
    if (skip.has(body.parts[body.triangleParts[t]].node)) continue;
    for (let e = 0; e < 3; e++) {
      const v = body.indices[t * 3 + e];
      const py = body.positions[v * 3 + 1];
      if (Math.abs(py - y) > 0.002) continue;
      const px = body.positions[v * 3];
      min = Math.min(min, px);
      max = Math.max(max, px);
    }
  }
  return max - min;
}

/** Connected pieces of one zone part (triangles joined through shared corner positions). */
export function pieces(body: BodyData, node: string): number[] {
  const pi = body.parts.findIndex((p) => p.node === node);
  const ids = new Map<string, number>();
  const parent: number[] = [];
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const id = (v: number): number => {
    const k = `${body.positions[v * 3]},${body.positions[v * 3 + 1]},${body.positions[v * 3 + 2]}`;
    let i = ids.get(k);
    if (i === undefined) {
      i = ids.size;
      ids.set(k, i);
      parent.push(i);
    }
    return i;
  };
  const tris: number[] = [];
  for (let t = 0; t < body.triangleParts.length; t++)
    if (body.triangleParts[t] === pi) tris.push(t);
  for (const t of tris) {
    const a = find(id(body.indices[t * 3]));
    parent[find(id(body.indices[t * 3 + 1]))] = a;
    parent[find(id(body.indices[t * 3 + 2]))] = a;
  }
  const count = new Map<number, number>();
  for (const t of tris) {
    const r = find(id(body.indices[t * 3]));
    count.set(r, (count.get(r) ?? 0) + 1);
  }
  return [...count.values()].sort((a, b) => b - a);
}

type Tri = [Vec3, Vec3, Vec3];

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** Triangles and vertices of one zone part with morphs applied. */
export function partGeometry(
  body: BodyData,
  node: string,
  morphs: Morphs = {},
): { tris: Tri[]; verts: Vec3[] } {
  const pi = body.parts.findIndex((p) => p.node === node);
  if (pi < 0) throw new Error(`no part ${node}`);
  const cache = new Map<number, Vec3>();
  const at = (v: number): Vec3 => {
    let p = cache.get(v);
    if (!p) {
      p = vertexAt(body, v, morphs);
      cache.set(v, p);
    }
    return p;
  };
  const tris: Tri[] = [];
  for (let t = 0; t < body.triangleParts.length; t++) {
    if (body.triangleParts[t] !== pi) continue;
    tris.push([at(body.indices[t * 3]), at(body.indices[t * 3 + 1]), at(body.indices[t * 3 + 2])]);
  }
  return { tris, verts: [...cache.values()] };
}

function norm3(a: Vec3): Vec3 {
  const l = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / l, a[1] / l, a[2] / l];
}

/** Rays from points along one direction against a set of triangles, binned across the direction. */
function rayCounter(tris: readonly Tri[], dir: Vec3): (p: Vec3) => number {
  const d = norm3(dir);
  const ref: Vec3 = Math.abs(d[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0];
  const u = norm3(cross(d, ref));
  const v = cross(d, u);
  const cell = 0.001;
  const grid = new Map<string, number[]>();
  tris.forEach((t, i) => {
    const pu = t.map((q) => dot(q, u)),
      pv = t.map((q) => dot(q, v));
    for (let x = Math.floor(Math.min(...pu) / cell); x <= Math.floor(Math.max(...pu) / cell); x++)
      for (
        let y = Math.floor(Math.min(...pv) / cell);
        y <= Math.floor(Math.max(...pv) / cell);
        y++
      ) {
        const k = `${x},${y}`;
        const l = grid.get(k);
        if (l) l.push(i);
        else grid.set(k, [i]);
      }
  });
  return (p) => {
    const cand = grid.get(`${Math.floor(dot(p, u) / cell)},${Math.floor(dot(p, v) / cell)}`) ?? [];
    let hits = 0;
    for (const i of cand) {
      const [a, b, c] = tris[i];
      const e1 = sub(b, a),
        e2 = sub(c, a);
      const h = cross(d, e2);
      const det = dot(e1, h);
      if (Math.abs(det) < 1e-16) continue;
      const f = 1 / det;
      const sv = sub(p, a);
      const bu = f * dot(sv, h);
      if (bu < 0 || bu > 1) continue;
      const q = cross(sv, e1);
      const bv = f * dot(d, q);
      if (bv < 0 || bu + bv > 1) continue;
      if (f * dot(e2, q) > 1e-5) hits++;
    }
    return hits;
  };
}

/**
 * Vertices of `a` that lie inside toe `b`. A toe is a closed finger-like surface except at its
 * base, where it joins the forefoot; a ray from a point inside it toward its tip leaves through its
 * skin an odd number of times, a ray from a point outside crosses it an even number of times. Three
 * rays around the toe's direction `dir` (base → tip) vote, so a ray grazing a crease cannot decide.
 */
export function verticesInside(
  a: readonly Vec3[],
  b: readonly Tri[],
  dir: Vec3,
  found?: Vec3[],
): number {
  const rot = (ang: number): Vec3 => {
    const c = Math.cos(ang),
      s = Math.sin(ang);
    return [dir[0] * c + dir[2] * s, dir[1], -dir[0] * s + dir[2] * c];
  };
  const rays = [rayCounter(b, dir), rayCounter(b, rot(0.35)), rayCounter(b, rot(-0.35))];
  let inside = 0;
  for (const p of a) {
    let odd = 0;
    for (const r of rays) if (r(p) % 2 === 1) odd++;
    if (odd >= 2) {
      inside++;
      found?.push(p);
    }
  }
  return inside;
}
