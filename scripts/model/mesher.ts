/**
 * Meshing: the feet are level-set finely, the rest of the body coarsely, each trimmed by an exact
 * horizontal plane just above the ankle; the two open rims of each leg are zipped together with a
 * strip of triangles, so the result is one closed manifold surface with a resolution change.
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
  const fn = (p: readonly number[]): number => -sdf(p[0], p[1], p[2]);
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
  const edges = new Map<string, number>();
  const key = (a: number, b: number): string => `${a},${b}`;
  for (let f = 0; f < idx.length; f += 3) {
    for (let e = 0; e < 3; e++) edges.set(key(idx[f + e], idx[f + ((e + 1) % 3)]), 1);
  }
  const next = new Map<number, number>();
  for (let f = 0; f < idx.length; f += 3) {
    for (let e = 0; e < 3; e++) {
      const a = idx[f + e],
        b = idx[f + ((e + 1) % 3)];
      if (!edges.has(key(b, a))) {
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

  // the rest of the body, coarse
  const bb = shape.boundsAbove(cutY + gap);
  const bodyPart = levelSetTrimmed(
    wasm,
    sdf,
    [bb.min[0], cutY + gap - 0.012, bb.min[2]],
    [bb.max[0], bb.max[1], bb.max[2]],
    p.edgeBody,
    { keepAbove: true, y: cutY + gap },
  );

  const pos: number[] = bodyPart.pos.slice();
  const idx: number[] = bodyPart.idx.slice();
  const bodyLoops = boundaryLoops(bodyPart.idx, 0);
  const footBaseL = pos.length / 3;
  pos.push(...footPart.pos);
  for (const v of footPart.idx) idx.push(v + footBaseL);
  const footLoopsL = boundaryLoops(footPart.idx, footBaseL);
  const footBaseR = pos.length / 3;
  for (let i = 0; i < footPart.pos.length; i += 3)
    pos.push(-footPart.pos[i], footPart.pos[i + 1], footPart.pos[i + 2]);
  for (let f = 0; f < footPart.idx.length; f += 3) {
    idx.push(
      footPart.idx[f] + footBaseR,
      footPart.idx[f + 2] + footBaseR,
      footPart.idx[f + 1] + footBaseR,
    );
  }
  const footLoopsR = boundaryLoops(
    footPart.idx.map((_, k) => footPart.idx[k - (k % 3) + [0, 2, 1][k % 3]]),
    footBaseR,
  );
  if (bodyLoops.length !== 2 || footLoopsL.length !== 1 || footLoopsR.length !== 1) {
    throw new Error(
      `mesher: expected 2 body rims and 1 rim per foot at y=${cutY.toFixed(3)}, got ${bodyLoops.length}/${footLoopsL.length}/${footLoopsR.length}`,
    );
  }
  const side = (loop: number[]): number => loopCentroid(pos, loop)[0];
  const bodyL = bodyLoops.find((l) => side(l) > 0);
  const bodyR = bodyLoops.find((l) => side(l) < 0);
  if (!bodyL || !bodyR) throw new Error('mesher: body rims are not one per leg');
  zip(pos, footLoopsL[0], bodyL, idx);
  zip(pos, footLoopsR[0], bodyR, idx);
  return keepLargestShell(pos, idx);
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
  const map = new Map<number, number>();
  const n = vertexCount;
  for (let f = 0; f < indices.length; f += 3) {
    for (let e = 0; e < 3; e++) {
      const a = indices[f + e],
        b = indices[f + ((e + 1) % 3)];
      const k = a * n + b;
      map.set(k, (map.get(k) ?? 0) + 1);
    }
  }
  let bad = 0;
  for (const [k, c] of map) {
    const a = Math.floor(k / n),
      b = k % n;
    if (c !== 1 || map.get(b * n + a) !== 1) bad++;
  }
  return bad;
}
