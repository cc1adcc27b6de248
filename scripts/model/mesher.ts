/**
 * Meshing: the feet, the hands and the head are level-set finely, the rest of the body coarsely.
 * Each fine region is cut off by an exact horizontal plane (above the ankle, across the wrist,
 * across the neck) and the coarse body by a parallel plane a little further in; each pair of open
 * rims is zipped together with a strip of triangles, so the result is one closed manifold surface
 * with resolution changes.
 */
import Module from 'manifold-3d';
import type { BodyShape } from './shape.ts';

export interface RawMesh {
  positions: Float64Array;
  indices: Uint32Array;
  /** Closed shells other than the body that were removed. */
  shellsDropped: number;
}

type ManifoldToplevel = Awaited<ReturnType<typeof Module>>;
let wasmPromise: Promise<ManifoldToplevel> | null = null;

async function manifoldModule(): Promise<ManifoldToplevel> {
  if (!wasmPromise) {
    wasmPromise = Module().then((m) => {
      m.setup();
      return m;
    });
  }
  return wasmPromise;
}

/**
 * The distance field for level-setting a box, fast far from the surface. The field is sampled on a
 * grid four lattice edges apart; where a sample shows the surface cannot come within a band of a
 * few lattice edges of the query point (the field changes by at most `L` per metre), only the sign
 * and a lower bound of the distance are returned, without evaluating the body. Every lattice edge
 * that crosses the surface has both ends inside the band, where the exact field is used, so the
 * surface is found where the exact field puts it; about four in five lattice points are far.
 */
function farField(
  sdf: (x: number, y: number, z: number) => number,
  min: readonly number[],
  max: readonly number[],
  edge: number,
): (x: number, y: number, z: number) => number {
  const L = 2;
  const band = 3 * edge;
  const c = 4 * edge;
  const o = [min[0] - c, min[1] - c, min[2] - c];
  const n = [0, 1, 2].map((j) => Math.ceil((max[j] - min[j] + 2 * c) / c) + 1);
  const grid = new Float64Array(n[0] * n[1] * n[2]);
  for (let k = 0; k < n[2]; k++)
    for (let j = 0; j < n[1]; j++)
      for (let i = 0; i < n[0]; i++)
        grid[(k * n[1] + j) * n[0] + i] = sdf(o[0] + i * c, o[1] + j * c, o[2] + k * c);
  return (x, y, z) => {
    const i = Math.round((x - o[0]) / c),
      j = Math.round((y - o[1]) / c),
      k = Math.round((z - o[2]) / c);
    if (i >= 0 && j >= 0 && k >= 0 && i < n[0] && j < n[1] && k < n[2]) {
      const v = grid[(k * n[1] + j) * n[0] + i];
      const dist = L * Math.hypot(x - (o[0] + i * c), y - (o[1] + j * c), z - (o[2] + k * c));
      if (v > dist + band) return v - dist;
      if (v < -dist - band) return v + dist;
    }
    return sdf(x, y, z);
  };
}

interface Part {
  pos: number[];
  idx: number[];
}

function levelSetTrimmed(
  wasm: ManifoldToplevel,
  sdf: (x: number, y: number, z: number) => number,
  min: [number, number, number],
  max: [number, number, number],
  edge: number,
  plane: { keepAbove: boolean; y: number },
): Part {
  const f = farField(sdf, min, max, edge);
  const fn = (p: readonly number[]): number => -f(p[0], p[1], p[2]);
  const m = wasm.Manifold.levelSet(fn, { min, max }, edge, 0, -1);
  const t = plane.keepAbove
    ? m.trimByPlane([0, 1, 0], plane.y)
    : m.trimByPlane([0, -1, 0], -plane.y);
  const mesh = t.getMesh();
  m.delete();
  t.delete();
  const np = mesh.numProp;
  const vp = mesh.vertProperties;
  const tv = mesh.triVerts;
  const nv = vp.length / np;
  const onPlane = new Uint8Array(nv);
  for (let i = 0; i < nv; i++) onPlane[i] = Math.abs(vp[i * np + 1] - plane.y) < 1e-6 ? 1 : 0;
  const remap = new Int32Array(nv).fill(-1);
  const pos: number[] = [];
  const idx: number[] = [];
  for (let f = 0; f < tv.length; f += 3) {
    const a = tv[f],
      b = tv[f + 1],
      c = tv[f + 2];
    if (onPlane[a] && onPlane[b] && onPlane[c]) continue; // the flat cap
    for (const v of [a, b, c]) {
      if (remap[v] < 0) {
        remap[v] = pos.length / 3;
        pos.push(vp[v * np], vp[v * np + 1], vp[v * np + 2]);
      }
      idx.push(remap[v]);
    }
  }
  return { pos, idx };
}

/** Boundary loops of an open mesh, each in the direction of its triangles' edges. */
function boundaryLoops(idx: readonly number[], base: number): number[][] {
  let n = 0;
  for (const v of idx) if (v >= n) n = v + 1;
  const keys = new Float64Array(idx.length);
  for (let f = 0; f < idx.length; f += 3)
    for (let e = 0; e < 3; e++) keys[f + e] = idx[f + e] * n + idx[f + ((e + 1) % 3)];
  const sorted = keys.slice().sort();
  const has = (k: number): boolean => {
    let lo = 0,
      hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo] === k;
  };
  const next = new Map<number, number>();
  for (let f = 0; f < idx.length; f += 3) {
    for (let e = 0; e < 3; e++) {
      const a = idx[f + e],
        b = idx[f + ((e + 1) % 3)];
      if (!has(b * n + a)) {
        if (next.has(a))
          throw new Error('mesher: non-manifold rim (vertex with two outgoing rim edges)');
        next.set(a, b);
      }
    }
  }
  const seen = new Set<number>();
  const loops: number[][] = [];
  const starts = [...next.keys()].sort((x, y) => x - y);
  for (const s of starts) {
    if (seen.has(s)) continue;
    const loop: number[] = [];
    let v = s;
    while (!seen.has(v)) {
      seen.add(v);
      loop.push(v + base);
      const n = next.get(v);
      if (n === undefined) throw new Error('mesher: open rim');
      v = n;
    }
    loops.push(loop);
  }
  return loops;
}

function loopCentroid(pos: readonly number[], loop: readonly number[]): [number, number] {
  let x = 0,
    z = 0;
  for (const v of loop) {
    x += pos[v * 3];
    z += pos[v * 3 + 2];
  }
  return [x / loop.length, z / loop.length];
}

function signedArea(pos: readonly number[], loop: readonly number[]): number {
  let a = 0;
  for (let i = 0; i < loop.length; i++) {
    const p = loop[i],
      q = loop[(i + 1) % loop.length];
    a += pos[p * 3] * pos[q * 3 + 2] - pos[q * 3] * pos[p * 3 + 2];
  }
  return a / 2;
}

/** Zip a fine rim (below) to a coarse rim (above). Both lists are in their triangles' edge order. */
function zip(pos: readonly number[], fine: number[], coarse: number[], out: number[]): void {
  const rev = coarse.slice().reverse();
  if (Math.sign(signedArea(pos, fine)) !== Math.sign(signedArea(pos, rev))) {
    throw new Error('mesher: rims wind inconsistently, cannot stitch');
  }
  const [cx, cz] = loopCentroid(pos, fine);
  const ang = (v: number): number => Math.atan2(pos[v * 3 + 2] - cz, pos[v * 3] - cx);
  // start both at the vertex closest to angle 0 (front-lateral), then walk by arc-length fraction
  const startOf = (loop: number[]): number => {
    let best = 0,
      bestD = Infinity;
    for (let i = 0; i < loop.length; i++) {
      const d = Math.abs(ang(loop[i]));
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  };
  const rot = (loop: number[], s: number): number[] => loop.slice(s).concat(loop.slice(0, s));
  const F = rot(fine, startOf(fine));
  const B = rot(rev, startOf(rev));
  const frac = (loop: number[]): number[] => {
    const acc = [0];
    for (let i = 1; i <= loop.length; i++) {
      const p = loop[i - 1],
        q = loop[i % loop.length];
      acc.push(acc[i - 1] + Math.hypot(pos[q * 3] - pos[p * 3], pos[q * 3 + 2] - pos[p * 3 + 2]));
    }
    const total = acc[loop.length];
    return acc.map((v) => v / total);
  };
  const fF = frac(F),
    fB = frac(B);
  let i = 0,
    j = 0;
  const nF = F.length,
    nB = B.length;
  while (i < nF || j < nB) {
    const advanceF = j >= nB || (i < nF && fF[i + 1] <= fB[j + 1]);
    if (advanceF) {
      out.push(F[(i + 1) % nF], F[i], B[j % nB]);
      i++;
    } else {
      out.push(B[j % nB], B[(j + 1) % nB], F[i % nF]);
      j++;
    }
  }
}

/** Edge length of the fine head and hand meshes relative to the fine foot mesh. */
const HEAD_EDGE = 1.2;
const HAND_EDGE = 1.1;

/** Left hand region: everything at x ≥ `x` below the wrist plane `y`. */
function handRegion(shape: BodyShape): {
  x: number;
  y: number;
  bottom: number;
  zMin: number;
  zMax: number;
} {
  const { arm, armSdf } = shape;
  const y = arm.wrist[1] + 0.004 * shape.p.arm.handScale;
  const bottom = Math.min(arm.tip[1], arm.wrist[1]) - 0.03;
  // the hand's innermost point, and the outermost point of anything else at those heights
  let handMin = Infinity,
    otherMax = -Infinity,
    zMin = Infinity,
    zMax = -Infinity;
  for (let yy = bottom; yy <= y + 0.02; yy += 0.006) {
    for (let z = -0.2; z <= 0.2; z += 0.005) {
      for (let x = 0.02; x <= 0.45; x += 0.003) {
        if (shape.sdf(x, yy, z) >= 0) continue;
        if (armSdf(x, yy, z) < 0.001) {
          if (yy <= y) {
            handMin = Math.min(handMin, x);
            zMin = Math.min(zMin, z);
            zMax = Math.max(zMax, z);
          }
        } else otherMax = Math.max(otherMax, x);
      }
    }
  }
  if (!(handMin > otherMax + 0.012))
    throw new Error(
      `mesher: the hand (inner edge x=${handMin.toFixed(3)}) is too close to the thigh (x=${otherMax.toFixed(3)}) to be meshed apart`,
    );
  return { x: (handMin + otherMax) / 2, y, bottom, zMin: zMin - 0.01, zMax: zMax + 0.01 };
}

/** Loops of a part's open rims, with the left/right mirror of a part. */
function mirrored(part: Part): Part {
  const pos: number[] = [];
  for (let i = 0; i < part.pos.length; i += 3)
    pos.push(-part.pos[i], part.pos[i + 1], part.pos[i + 2]);
  const idx: number[] = [];
  for (let f = 0; f < part.idx.length; f += 3)
    idx.push(part.idx[f], part.idx[f + 2], part.idx[f + 1]);
  return { pos, idx };
}

export async function meshBody(shape: BodyShape): Promise<RawMesh> {
  const wasm = await manifoldModule();
  const { p, foot, sdf } = shape;
  const s = foot.s;
  const cutY = 0.15 * s;
  const gap = p.edgeBody * 0.7;

  // left foot, fine; mirrored for the right foot
  const corners: [number, number][] = [];
  for (const a of [-0.09, 0.225])
    for (const l of [-0.065, 0.075]) {
      const w = foot.w(a, 0, l);
      corners.push([w[0], w[2]]);
    }
  const legR = 0.06 * p.girth + 0.01;
  const [lx, lz] = shape.legAxis(cutY);
  const fxMin = Math.min(...corners.map((c) => c[0]), lx - legR);
  const fxMax = Math.max(...corners.map((c) => c[0]), lx + legR);
  const fzMin = Math.min(...corners.map((c) => c[1]), lz - legR);
  const fzMax = Math.max(...corners.map((c) => c[1]), lz + legR);
  const footPart = levelSetTrimmed(
    wasm,
    sdf,
    [fxMin, -0.004, fzMin],
    [fxMax, cutY + 0.012, fzMax],
    p.edgeFoot,
    { keepAbove: false, y: cutY },
  );

  // head, fine, above a plane across the neck
  const neckCut = p.c7Y + 0.004 * (p.head[1] / 0.111);
  const hb = shape.boundsAbove(neckCut);
  const headPart = levelSetTrimmed(
    wasm,
    sdf,
    [hb.min[0], neckCut - 0.012, hb.min[2]],
    [hb.max[0], hb.max[1], hb.max[2]],
    p.edgeFoot * HEAD_EDGE,
    { keepAbove: true, y: neckCut },
  );
  // with a box that holds only the head and neck
  let headBoxX = 0;
  for (let i = 0; i < headPart.pos.length; i += 3)
    headBoxX = Math.max(headBoxX, Math.abs(headPart.pos[i]));

  // left hand, fine, below a plane across the wrist; mirrored for the right hand
  const hand = handRegion(shape);
  const handPart = levelSetTrimmed(
    wasm,
    sdf,
    [hand.x, hand.bottom, hand.zMin],
    [hand.x + 0.2, hand.y + 0.012, hand.zMax],
    p.edgeFoot * HAND_EDGE,
    { keepAbove: false, y: hand.y },
  );

  // the rest of the body, coarse, without the feet, the head and the hands
  const bb = shape.boundsAbove(cutY + gap);
  const coarseTop = neckCut - gap;
  const coarseMin: [number, number, number] = [bb.min[0], cutY + gap - 0.012, bb.min[2]];
  const coarseMax: [number, number, number] = [bb.max[0], coarseTop + 0.012, bb.max[2]];
  const cf = farField(sdf, coarseMin, coarseMax, p.edgeBody);
  const fn = (q: readonly number[]): number => -cf(q[0], q[1], q[2]);
  const m0 = wasm.Manifold.levelSet(
    fn,
    {
      min: [bb.min[0], cutY + gap - 0.012, bb.min[2]],
      max: [bb.max[0], coarseTop + 0.012, bb.max[2]],
    },
    p.edgeBody,
    0,
    -1,
  );
  const m1 = m0.trimByPlane([0, 1, 0], cutY + gap);
  const m2 = m1.trimByPlane([0, -1, 0], -coarseTop);
  const handTop = hand.y + gap;
  const big = 1;
  const boxL = wasm.Manifold.cube([big, big, big]).translate([hand.x, handTop - big, -big / 2]);
  const boxR = wasm.Manifold.cube([big, big, big]).translate([
    -hand.x - big,
    handTop - big,
    -big / 2,
  ]);
  const m3 = m2.subtract(boxL);
  const m4 = m3.subtract(boxR);
  const mesh = m4.getMesh();
  for (const m of [m0, m1, m2, boxL, boxR, m3, m4]) m.delete();
  const bodyPart = capless(mesh, (x, y) => {
    const on = (v: number, c: number): boolean => Math.abs(v - c) < 1e-6;
    return on(y, cutY + gap) || on(y, coarseTop) || (on(y, handTop) && Math.abs(x) > hand.x - 1e-6);
  });
  if (headBoxX > hand.x) throw new Error('mesher: the head region reaches the hands');

  const pos: number[] = bodyPart.pos.slice();
  const idx: number[] = bodyPart.idx.slice();
  const bodyLoops = boundaryLoops(bodyPart.idx, 0);
  const addPart = (part: Part): number[][] => {
    const base = pos.length / 3;
    for (const v of part.pos) pos.push(v);
    for (const v of part.idx) idx.push(v + base);
    return boundaryLoops(part.idx, base);
  };
  const footLoopsL = addPart(footPart);
  const footLoopsR = addPart(mirrored(footPart));
  const headLoops = addPart(headPart);
  const handLoopsL = addPart(handPart);
  const handLoopsR = addPart(mirrored(handPart));
  const fineLoops = [footLoopsL, footLoopsR, headLoops, handLoopsL, handLoopsR];
  if (bodyLoops.length !== 5 || fineLoops.some((l) => l.length !== 1)) {
    throw new Error(
      `mesher: expected 5 body rims (legs, neck, wrists) and 1 rim per fine part, got ${bodyLoops.length} and ${fineLoops.map((l) => l.length).join('/')}`,
    );
  }
  // each fine rim zips to the body rim nearest to it
  const centre = (loop: number[]): [number, number, number] => {
    let x = 0,
      y = 0,
      z = 0;
    for (const v of loop) {
      x += pos[v * 3];
      y += pos[v * 3 + 1];
      z += pos[v * 3 + 2];
    }
    return [x / loop.length, y / loop.length, z / loop.length];
  };
  const used = new Set<number>();
  for (const [fine, below] of [
    [footLoopsL[0], true],
    [footLoopsR[0], true],
    [headLoops[0], false],
    [handLoopsL[0], true],
    [handLoopsR[0], true],
  ] as const) {
    const c = centre(fine);
    let best = -1,
      bestD = Infinity;
    bodyLoops.forEach((l, i) => {
      if (used.has(i)) return;
      const b = centre(l);
      const d = Math.hypot(b[0] - c[0], b[1] - c[1], b[2] - c[2]);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    used.add(best);
    if (below) zip(pos, fine, bodyLoops[best], idx);
    else zip(pos, bodyLoops[best], fine, idx);
  }
  const cleaned = collapseZeroEdges(pos, idx);
  // the spine strip on the back is refined once more (its relief is finer than the coarse grid)
  const sy = shape.spineYs;
  const xb = 0.05 * p.girth;
  const refined = refine(
    pos,
    cleaned,
    (x, y, z) =>
      Math.abs(x) < xb && y < sy[0] + 0.03 && y > shape.sacrumBottomY - 0.02 && z < -0.02,
    sdf,
  );
  return keepLargestShell(pos, refined);
}

/**
 * Splits every triangle whose centroid is in `region` into four (edge midpoints projected onto the
 * surface), and the neighbours that share a split edge into two or three, so the mesh stays
 * closed (red-green refinement). Appends new vertices to `pos`; returns the new index list.
 */
function refine(
  pos: number[],
  idx: readonly number[],
  region: (x: number, y: number, z: number) => boolean,
  sdf: (x: number, y: number, z: number) => number,
): number[] {
  const nT = idx.length / 3;
  const red = new Uint8Array(nT);
  for (let t = 0; t < nT; t++) {
    let x = 0,
      y = 0,
      z = 0;
    for (let e = 0; e < 3; e++) {
      const v = idx[t * 3 + e];
      x += pos[v * 3];
      y += pos[v * 3 + 1];
      z += pos[v * 3 + 2];
    }
    if (region(x / 3, y / 3, z / 3)) red[t] = 1;
  }
  const key = (a: number, b: number): number => (a < b ? a * 0x4000000 + b : b * 0x4000000 + a);
  // a triangle with two split edges becomes red too, until nothing changes
  const split = new Set<number>();
  for (;;) {
    split.clear();
    for (let t = 0; t < nT; t++)
      if (red[t])
        for (let e = 0; e < 3; e++) split.add(key(idx[t * 3 + e], idx[t * 3 + ((e + 1) % 3)]));
    let changed = false;
    for (let t = 0; t < nT; t++) {
      if (red[t]) continue;
      let n = 0;
      for (let e = 0; e < 3; e++)
        if (split.has(key(idx[t * 3 + e], idx[t * 3 + ((e + 1) % 3)]))) n++;
      if (n >= 2) {
        red[t] = 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  const mids = new Map<number, number>();
  const mid = (a: number, b: number): number => {
    const k = key(a, b);
    let m = mids.get(k);
    if (m === undefined) {
      let x = (pos[a * 3] + pos[b * 3]) / 2,
        y = (pos[a * 3 + 1] + pos[b * 3 + 1]) / 2,
        z = (pos[a * 3 + 2] + pos[b * 3 + 2]) / 2;
      for (let i = 0; i < 4; i++) {
        const f = sdf(x, y, z);
        if (Math.abs(f) < 1e-7) break;
        const e = 0.0002;
        const gx = sdf(x + e, y, z) - sdf(x - e, y, z),
          gy = sdf(x, y + e, z) - sdf(x, y - e, z),
          gz = sdf(x, y, z + e) - sdf(x, y, z - e);
        const l = Math.hypot(gx, gy, gz) || 1;
        x -= (f * gx) / l;
        y -= (f * gy) / l;
        z -= (f * gz) / l;
      }
      m = pos.length / 3;
      pos.push(x, y, z);
      mids.set(k, m);
    }
    return m;
  };
  const out: number[] = [];
  for (let t = 0; t < nT; t++) {
    const a = idx[t * 3],
      b = idx[t * 3 + 1],
      c = idx[t * 3 + 2];
    if (red[t]) {
      const ab = mid(a, b),
        bc = mid(b, c),
        ca = mid(c, a);
      out.push(a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca);
      continue;
    }
    // green: at most one split edge, bisect it
    const e = [key(a, b), key(b, c), key(c, a)].findIndex((k) => split.has(k));
    if (e < 0) out.push(a, b, c);
    else if (e === 0) {
      const m = mid(a, b);
      out.push(a, m, c, m, b, c);
    } else if (e === 1) {
      const m = mid(b, c);
      out.push(a, b, m, a, m, c);
    } else {
      const m = mid(c, a);
      out.push(a, b, m, m, b, c);
    }
  }
  return out;
}

/**
 * Collapses edges of zero length (the level set puts two vertices at one point where two sheets
 * of the surface touch, or where a crossing snaps onto a lattice point) and drops the triangles
 * they flatten, which would otherwise make the simplifier fold edges. Where collapsing would pinch
 * the surface (two sheets meeting at one vertex), the vertices are instead moved a few microns
 * apart, each toward its own neighbours.
 */
function collapseZeroEdges(pos: number[], idx: readonly number[]): number[] {
  const n = pos.length / 3;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const same = (a: number, b: number): boolean =>
    pos[a * 3] === pos[b * 3] &&
    pos[a * 3 + 1] === pos[b * 3 + 1] &&
    pos[a * 3 + 2] === pos[b * 3 + 2];
  const members = new Set<number>();
  for (let f = 0; f < idx.length; f += 3) {
    for (let e = 0; e < 3; e++) {
      const a = idx[f + e],
        b = idx[f + ((e + 1) % 3)];
      if (same(a, b)) {
        members.add(a);
        members.add(b);
        const ra = find(a),
          rb = find(b);
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
  }
  if (members.size === 0) return idx.slice();
  const collapse = (): number[] => {
    const out: number[] = [];
    for (let f = 0; f < idx.length; f += 3) {
      const a = find(idx[f]),
        b = find(idx[f + 1]),
        c = find(idx[f + 2]);
      if (a === b || b === c || a === c) continue;
      out.push(a, b, c);
    }
    return out;
  };
  let out = collapse();
  // a merged vertex must still have one fan of triangles, and its edges two triangles each
  const roots = new Set([...members].map(find));
  const bad = new Set<number>();
  const fan = new Map<number, Map<number, number>>();
  for (let f = 0; f < out.length; f += 3) {
    for (let e = 0; e < 3; e++) {
      const v = out[f + e];
      if (!roots.has(v)) continue;
      const a = out[f + ((e + 1) % 3)],
        b = out[f + ((e + 2) % 3)];
      let m = fan.get(v);
      if (!m) fan.set(v, (m = new Map<number, number>()));
      if (m.has(a)) bad.add(v);
      m.set(a, b);
    }
  }
  for (const [v, m] of fan) {
    if (bad.has(v)) continue;
    const start = m.keys().next().value as number;
    let cur = start,
      steps = 0;
    do {
      const nx = m.get(cur);
      if (nx === undefined) break;
      cur = nx;
      steps++;
    } while (cur !== start && steps <= m.size);
    if (cur !== start || steps !== m.size) bad.add(v);
  }
  if (bad.size === 0) return out;
  // undo those merges and separate the vertices instead
  const ring = new Map<number, number[]>();
  for (let f = 0; f < idx.length; f += 3)
    for (let e = 0; e < 3; e++) {
      const v = idx[f + e];
      if (!members.has(v) || !bad.has(find(v))) continue;
      const l = ring.get(v) ?? [];
      l.push(idx[f + ((e + 1) % 3)], idx[f + ((e + 2) % 3)]);
      ring.set(v, l);
    }
  for (const [v, l] of ring) {
    let x = 0,
      y = 0,
      z = 0;
    for (const w of l) {
      x += pos[w * 3];
      y += pos[w * 3 + 1];
      z += pos[w * 3 + 2];
    }
    const k = 0.12;
    pos[v * 3] += (x / l.length - pos[v * 3]) * k;
    pos[v * 3 + 1] += (y / l.length - pos[v * 3 + 1]) * k;
    pos[v * 3 + 2] += (z / l.length - pos[v * 3 + 2]) * k;
  }
  for (const v of members) if (bad.has(find(v))) parent[v] = v;
  // members of a bad group point to themselves now; others keep their merge
  for (const v of members) {
    let r = v;
    while (parent[r] !== r) r = parent[r];
    if (bad.has(r)) parent[v] = v;
  }
  out = collapse();
  return out;
}

/** A manifold's mesh without its flat caps (triangles whose corners all satisfy `onCap`). */
function capless(
  mesh: { numProp: number; vertProperties: Float32Array; triVerts: Uint32Array },
  onCap: (x: number, y: number, z: number) => boolean,
): Part {
  const np = mesh.numProp;
  const vp = mesh.vertProperties;
  const tv = mesh.triVerts;
  const nv = vp.length / np;
  const cap = new Uint8Array(nv);
  for (let i = 0; i < nv; i++) cap[i] = onCap(vp[i * np], vp[i * np + 1], vp[i * np + 2]) ? 1 : 0;
  const remap = new Int32Array(nv).fill(-1);
  const pos: number[] = [];
  const idx: number[] = [];
  for (let f = 0; f < tv.length; f += 3) {
    const a = tv[f],
      b = tv[f + 1],
      c = tv[f + 2];
    if (cap[a] && cap[b] && cap[c]) continue;
    for (const v of [a, b, c]) {
      if (remap[v] < 0) {
        remap[v] = pos.length / 3;
        pos.push(vp[v * np], vp[v * np + 1], vp[v * np + 2]);
      }
      idx.push(remap[v]);
    }
  }
  return { pos, idx };
}

/**
 * Keeps the largest connected shell. Approximate distance fields can leave tiny closed pockets
 * inside the body (or specks outside); they are invisible but would count as zone area.
 */
function keepLargestShell(pos: number[], idx: number[]): RawMesh {
  const n = pos.length / 3;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let f = 0; f < idx.length; f += 3) {
    const a = find(idx[f]),
      b = find(idx[f + 1]),
      c = find(idx[f + 2]);
    parent[b] = a;
    parent[find(c)] = a;
  }
  const count = new Map<number, number>();
  for (let f = 0; f < idx.length; f += 3) {
    const r = find(idx[f]);
    count.set(r, (count.get(r) ?? 0) + 1);
  }
  let best = -1,
    bestN = -1;
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
    if (find(idx[f]) !== best) continue;
    for (let e = 0; e < 3; e++) {
      const v = idx[f + e];
      if (remap[v] < 0) {
        remap[v] = outPos.length / 3;
        outPos.push(pos[v * 3], pos[v * 3 + 1], pos[v * 3 + 2]);
      }
      outIdx.push(remap[v]);
    }
  }
  return {
    positions: Float64Array.from(outPos),
    indices: Uint32Array.from(outIdx),
    shellsDropped: count.size - 1,
  };
}

/** Every edge used by exactly two triangles, in opposite directions. Returns the number of bad edges. */
export function countNonManifoldEdges(indices: ArrayLike<number>, vertexCount: number): number {
  return badEdges(indices, vertexCount).length / 2;
}

/**
 * Directed edges (a, b) of a triangle list that are not used exactly once with their reverse used
 * exactly once too, as pairs [a, b, a, b, …]. Sorted typed keys rather than a hash map: this runs
 * on meshes of half a million triangles several times per build.
 */
export function badEdges(indices: ArrayLike<number>, vertexCount: number): number[] {
  const n = vertexCount;
  const keys = new Float64Array(indices.length);
  for (let f = 0; f < indices.length; f += 3)
    for (let e = 0; e < 3; e++) keys[f + e] = indices[f + e] * n + indices[f + ((e + 1) % 3)];
  keys.sort();
  const count = (k: number): number => {
    let lo = 0,
      hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    let c = 0;
    while (lo + c < keys.length && keys[lo + c] === k) c++;
    return c;
  };
  const out: number[] = [];
  for (let i = 0; i < keys.length;) {
    const k = keys[i];
    let c = 1;
    while (i + c < keys.length && keys[i + c] === k) c++;
    const a = Math.floor(k / n),
      b = k - a * n;
    if (c !== 1 || count(b * n + a) !== 1) out.push(a, b);
    i += c;
  }
  return out;
}
