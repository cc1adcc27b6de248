/**
 * From the signed-distance hand to a skinned mesh: level set (manifold-3d), the largest shell,
 * colours (skin, lighter palmar skin, nails, creases, the sleeve), simplification to the budget
 * with the colours kept (meshoptimizer), normals from the distance field's gradient, and skin
 * weights from the distance to each bone's own shapes.
 */
import Module from 'manifold-3d';
import { MeshoptSimplifier } from 'meshoptimizer';
import {
  BONE_COUNT,
  BONE_INDEX,
  HAND_BONES,
  REST_BONES,
  SLEEVE_START_Z,
  nailWeight,
  toBoneLocal,
} from '../../src/domain/hands/skeleton.ts';
import { buildHandSdf, type HandSdf } from './handSdf.ts';

export interface HandBuildOptions {
  /** Level-set grid edge, metres. */
  readonly edge: number;
  /** Triangles after simplification (at most). */
  readonly targetTriangles: number;
  /** Width of the skin-weight falloff between neighbouring bones, metres. */
  readonly weightFalloff: number;
}

export const HAND_BUILD: HandBuildOptions = {
  edge: 0.00105,
  targetTriangles: 11800,
  weightFalloff: 0.0016,
};

/** A skinned right hand at rest, hand space. */
export interface BuiltHand {
  readonly positions: Float32Array<ArrayBuffer>;
  readonly normals: Float32Array<ArrayBuffer>;
  /** RGB 0..1 per vertex. */
  readonly colors: Float32Array<ArrayBuffer>;
  /** Four bone indices per vertex (into `HAND_BONES`). */
  readonly joints: Uint8Array<ArrayBuffer>;
  /** Four weights per vertex, summing to 255 (normalised bytes). */
  readonly weights: Uint8Array<ArrayBuffer>;
  readonly indices: Uint32Array<ArrayBuffer>;
  readonly stats: {
    readonly denseTriangles: number;
    readonly triangles: number;
    readonly vertices: number;
    readonly simplifyError: number;
  };
}

type ManifoldToplevel = Awaited<ReturnType<typeof Module>>;
let wasm: Promise<ManifoldToplevel> | null = null;
function manifold(): Promise<ManifoldToplevel> {
  wasm ??= Module().then((m) => {
    m.setup();
    return m;
  });
  return wasm;
}

/** Skin colours (linear-ish RGB 0..1, written as vertex colours). */
export const HAND_COLORS = {
  dorsal: [0.66, 0.45, 0.34],
  palmar: [0.78, 0.56, 0.46],
  crease: [0.52, 0.33, 0.26],
  nail: [0.9, 0.76, 0.72],
  knuckle: [0.68, 0.44, 0.35],
  sleeve: [0.22, 0.26, 0.32],
} as const;

function keepLargestShell(
  pos: Float32Array,
  idx: Uint32Array,
): { pos: Float32Array; idx: Uint32Array } {
  const n = pos.length / 3;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] ?? x] ?? x;
      x = parent[x] ?? x;
    }
    return x;
  };
  for (let f = 0; f < idx.length; f += 3) {
    const a = find(idx[f] ?? 0);
    parent[find(idx[f + 1] ?? 0)] = a;
    parent[find(idx[f + 2] ?? 0)] = a;
  }
  const count = new Map<number, number>();
  for (let f = 0; f < idx.length; f += 3) {
    const r = find(idx[f] ?? 0);
    count.set(r, (count.get(r) ?? 0) + 1);
  }
  let best = -1;
  let bestN = -1;
  for (const [r, c] of [...count].sort((x, y) => x[0] - y[0])) {
    if (c > bestN) {
      best = r;
      bestN = c;
    }
  }
  const remap = new Int32Array(n).fill(-1);
  const outPos: number[] = [];
  const outIdx: number[] = [];
  for (let f = 0; f < idx.length; f += 3) {
    if (find(idx[f] ?? 0) !== best) continue;
    for (let e = 0; e < 3; e++) {
      const v = idx[f + e] ?? 0;
      if ((remap[v] ?? -1) < 0) {
        remap[v] = outPos.length / 3;
        outPos.push(pos[v * 3] ?? 0, pos[v * 3 + 1] ?? 0, pos[v * 3 + 2] ?? 0);
      }
      outIdx.push(remap[v] ?? 0);
    }
  }
  return { pos: Float32Array.from(outPos), idx: Uint32Array.from(outIdx) };
}

const mix = (a: readonly number[], b: readonly number[], t: number): [number, number, number] => [
  (a[0] ?? 0) + ((b[0] ?? 0) - (a[0] ?? 0)) * t,
  (a[1] ?? 0) + ((b[1] ?? 0) - (a[1] ?? 0)) * t,
  (a[2] ?? 0) + ((b[2] ?? 0) - (a[2] ?? 0)) * t,
];
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const smooth = (e0: number, e1: number, x: number) => {
  const t = clamp01((x - e0) / (e1 - e0));
  return t * t * (3 - 2 * t);
};

/** Vertices of edges not shared by exactly two opposite triangles. */
function badEdgeVertices(idx: Uint32Array, n: number): number[] {
  const map = new Map<number, number>();
  for (let f = 0; f < idx.length; f += 3) {
    for (let e = 0; e < 3; e++) {
      const k = (idx[f + e] ?? 0) * n + (idx[f + ((e + 1) % 3)] ?? 0);
      map.set(k, (map.get(k) ?? 0) + 1);
    }
  }
  const out: number[] = [];
  for (const [k, c] of map) {
    const a = Math.floor(k / n);
    const b = k % n;
    if (c !== 1 || map.get(b * n + a) !== 1) out.push(a, b);
  }
  return out;
}

/**
 * Simplifies to the target with the colours weighed in; any edge a collapse folds has its
 * neighbourhood pinned and the pass is redone, so the surface stays closed.
 */
function simplifyClosed(
  idx: Uint32Array,
  pos: Float32Array,
  colors: Float32Array,
  targetTriangles: number,
): [Uint32Array, number] {
  const n = pos.length / 3;
  const ring = new Map<number, number[]>();
  for (let t = 0; t < idx.length; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = idx[t + e] ?? 0;
      const b = idx[t + ((e + 1) % 3)] ?? 0;
      const l = ring.get(a);
      if (l) l.push(b);
      else ring.set(a, [b]);
    }
  }
  const pinned = new Uint8Array(n);
  for (let attempt = 0; attempt < 24; attempt++) {
    const [out, error] = MeshoptSimplifier.simplifyWithAttributes(
      idx,
      pos,
      3,
      colors,
      3,
      [0.6, 0.6, 0.6],
      pinned,
      Math.floor(targetTriangles) * 3,
      0.01,
      [],
    );
    const bad = badEdgeVertices(out, n);
    if (bad.length === 0) return [out, error];
    for (const v of bad) {
      pinned[v] = 1;
      for (const w of ring.get(v) ?? []) {
        pinned[w] = 1;
        for (const u of ring.get(w) ?? []) pinned[u] = 1;
      }
    }
  }
  throw new Error('hand: simplification keeps folding edges');
}

/** Which bone a vertex belongs to most (smallest own-shape distance). */
function primaryBone(dist: Float64Array): number {
  let best = 0;
  for (let b = 1; b < BONE_COUNT; b++) if ((dist[b] ?? 0) < (dist[best] ?? 0)) best = b;
  return best;
}

const PARENT_INDEX = REST_BONES.map((b) => (b.parent ? BONE_INDEX[b.parent] : -1));
const CHILDREN = HAND_BONES.map((_, i) => PARENT_INDEX.flatMap((p, j) => (p === i ? [j] : [])));

function colorAt(
  sdf: HandSdf,
  p: [number, number, number],
  dist: Float64Array,
): [number, number, number] {
  const [x, y, z] = p;
  const primary = HAND_BONES[primaryBone(dist)];
  // Palmar skin is lighter: by the side of the bone the vertex faces.
  const local = toBoneLocal(primary, p);
  const palmarness =
    primary === 'palm' || primary === 'forearm'
      ? smooth(0.002, -0.006, y)
      : smooth(0.1, -0.5, local[1] / 0.008);
  let c = mix(HAND_COLORS.dorsal, HAND_COLORS.palmar, palmarness);
  // Knuckles a little redder.
  if (primary === 'palm' && y > 0.008 && z > 0.075)
    c = mix(c, HAND_COLORS.knuckle, smooth(0.008, 0.013, y) * 0.5);
  const crease = sdf.creaseDistance(x, y, z);
  c = mix(c, HAND_COLORS.crease, 1 - smooth(0.0008, 0.0022, crease));
  if (primary.endsWith('3')) {
    const nail = nailWeight(primary, local);
    if (nail > 0) c = mix(c, HAND_COLORS.nail, nail);
  }
  if (z < SLEEVE_START_Z + 0.0004) c = [...HAND_COLORS.sleeve];
  return c;
}

export async function buildHand(options: HandBuildOptions = HAND_BUILD): Promise<BuiltHand> {
  const sdf = buildHandSdf();
  const m = await manifold();
  const { min, max } = sdf.bounds;
  const fn = (q: readonly number[]): number => -sdf.d(q[0] ?? 0, q[1] ?? 0, q[2] ?? 0);
  const level = m.Manifold.levelSet(
    fn,
    { min: [min[0], min[1], min[2]], max: [max[0], max[1], max[2]] },
    options.edge,
    0,
    -1,
  );
  const mesh = level.getMesh();
  level.delete();
  const np = mesh.numProp;
  const raw = new Float32Array((mesh.vertProperties.length / np) * 3);
  for (let i = 0; i < raw.length / 3; i++) {
    raw[i * 3] = mesh.vertProperties[i * np] ?? 0;
    raw[i * 3 + 1] = mesh.vertProperties[i * np + 1] ?? 0;
    raw[i * 3 + 2] = mesh.vertProperties[i * np + 2] ?? 0;
  }
  const dense = keepLargestShell(raw, Uint32Array.from(mesh.triVerts));
  const nv = dense.pos.length / 3;

  // Colours on the dense mesh, so the simplifier keeps their edges.
  const dist = new Float64Array(BONE_COUNT);
  const colors = new Float32Array(nv * 3);
  for (let v = 0; v < nv; v++) {
    const p: [number, number, number] = [
      dense.pos[v * 3] ?? 0,
      dense.pos[v * 3 + 1] ?? 0,
      dense.pos[v * 3 + 2] ?? 0,
    ];
    sdf.boneDistances(p[0], p[1], p[2], dist);
    colors.set(colorAt(sdf, p, dist), v * 3);
  }

  await MeshoptSimplifier.ready;
  const [simplified, error] = simplifyClosed(dense.idx, dense.pos, colors, options.targetTriangles);

  // Compact to the vertices still used.
  const remap = new Int32Array(nv).fill(-1);
  const used: number[] = [];
  for (const v of simplified) {
    if ((remap[v] ?? -1) < 0) {
      remap[v] = used.length;
      used.push(v);
    }
  }
  const n = used.length;
  const positions = new Float32Array(n * 3);
  const outColors = new Float32Array(n * 3);
  used.forEach((v, i) => {
    positions.set(dense.pos.subarray(v * 3, v * 3 + 3), i * 3);
    outColors.set(colors.subarray(v * 3, v * 3 + 3), i * 3);
  });
  const indices = Uint32Array.from(simplified, (v) => remap[v] ?? 0);

  // Normals from the field's gradient.
  const normals = new Float32Array(n * 3);
  const h = 0.0003;
  for (let i = 0; i < n; i++) {
    const x = positions[i * 3] ?? 0;
    const y = positions[i * 3 + 1] ?? 0;
    const z = positions[i * 3 + 2] ?? 0;
    const gx = sdf.d(x + h, y, z) - sdf.d(x - h, y, z);
    const gy = sdf.d(x, y + h, z) - sdf.d(x, y - h, z);
    const gz = sdf.d(x, y, z + h) - sdf.d(x, y, z - h);
    const l = Math.hypot(gx, gy, gz) || 1;
    normals[i * 3] = gx / l;
    normals[i * 3 + 1] = gy / l;
    normals[i * 3 + 2] = gz / l;
  }

  // Skin weights: the bone whose shapes are nearest, blended with its parent and children by
  // how much farther their shapes are.
  const joints = new Uint8Array(n * 4);
  const weights = new Uint8Array(n * 4);
  const sigma = options.weightFalloff;
  for (let i = 0; i < n; i++) {
    sdf.boneDistances(
      positions[i * 3] ?? 0,
      positions[i * 3 + 1] ?? 0,
      positions[i * 3 + 2] ?? 0,
      dist,
    );
    const primary = primaryBone(dist);
    const candidates = [primary, ...(CHILDREN[primary] ?? [])];
    const parent = PARENT_INDEX[primary] ?? -1;
    if (parent >= 0) candidates.push(parent);
    const d0 = dist[primary] ?? 0;
    const scored = candidates
      .map((b) => ({ b, w: Math.exp(-((dist[b] ?? 0) - d0) / sigma) }))
      .filter((s) => s.w > 0.02)
      .sort((a, b) => b.w - a.w || a.b - b.b)
      .slice(0, 4);
    const total = scored.reduce((s, x) => s + x.w, 0);
    // Largest-remainder rounding: the bytes sum to exactly 255.
    const exact = scored.map((s) => (255 * s.w) / total);
    const q = exact.map(Math.floor);
    let left = 255 - q.reduce((s, x) => s + x, 0);
    const order = exact
      .map((e, k) => ({ k, frac: e - Math.floor(e) }))
      .sort((a, b) => b.frac - a.frac || a.k - b.k);
    for (const o of order) {
      if (left <= 0) break;
      q[o.k] = (q[o.k] ?? 0) + 1;
      left--;
    }
    scored.forEach((s, k) => {
      joints[i * 4 + k] = s.b;
      weights[i * 4 + k] = q[k] ?? 0;
    });
  }

  return {
    positions,
    normals,
    colors: outColors,
    joints,
    weights,
    indices,
    stats: {
      denseTriangles: dense.idx.length / 3,
      triangles: indices.length / 3,
      vertices: n,
      simplifyError: error,
    },
  };
}
