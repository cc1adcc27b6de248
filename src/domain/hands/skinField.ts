/**
 * A fast, approximate distance to the skin for keeping the hands out of the body: points on the
 * body's skin about 2–3 mm apart (its vertices and points inside its larger triangles, merged
 * per small cell) with their normals, binned in a dense grid. The signed distance of a point is its distance to the tangent plane of the nearest
 * point (negative behind it, inside the body); a zone's distance is the distance to its nearest
 * point. Accurate to about a millimetre, an order of magnitude faster than a BVH closest-point
 * query, which is what checking a hand hundreds of times per step needs.
 */
import type { BodyData } from '../body.ts';

export interface SkinField {
  /**
   * True when p lies in a grid cell enclosed by the skin (no skin vertex in it, not reachable
   * from outside): deep inside the body, where no vertex is near enough to measure.
   */
  isDeepInside(x: number, y: number, z: number): boolean;
  /** False when surely no skin vertex lies within r of p (constant time). */
  mayBeNear(x: number, y: number, z: number, r: number): boolean;
  /** The same for the vertices of `zones`. */
  mayBeNearZones(x: number, y: number, z: number, zones: ReadonlySet<string>, r: number): boolean;
  /**
   * Signed distance (metres, negative inside) from the tangent plane of the nearest vertex
   * within `maxR` of p, or +Infinity when no vertex is that close.
   */
  signedDistance(x: number, y: number, z: number, maxR: number): number;
  /** Distance to the nearest vertex of any of `zones` within `maxR`, or +Infinity. */
  zoneDistance(x: number, y: number, z: number, zones: ReadonlySet<string>, maxR: number): number;
  /** That nearest vertex of `zones` (written into `out`), or false when none is within `maxR`. */
  nearestZonePoint(
    x: number,
    y: number,
    z: number,
    zones: ReadonlySet<string>,
    maxR: number,
    out: [number, number, number],
  ): boolean;
}

const CELL = 0.006;
/** Vertices in one cell this size are merged into their mean (zone borders are duplicated). */
const MERGE = 0.002;
/** Triangles larger than this get points inside them too. */
const SAMPLE = 0.0028;

interface Grid {
  readonly min: readonly [number, number, number];
  readonly dims: readonly [number, number, number];
  /** Cell start offsets into `items` (dims product + 1). */
  readonly start: Int32Array;
  readonly items: Int32Array;
  /** Per cell, the Chebyshev distance in cells to the nearest cell with a vertex (capped). */
  readonly reach: Uint8Array;
}

function buildGrid(pos: Float32Array, ids: readonly number[] | null, count: number): Grid {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  const each = (f: (v: number) => void) => {
    if (ids) for (const v of ids) f(v);
    else for (let v = 0; v < count; v++) f(v);
  };
  each((v) => {
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k] ?? 0, pos[v * 3 + k] ?? 0);
      max[k] = Math.max(max[k] ?? 0, pos[v * 3 + k] ?? 0);
    }
  });
  if (!Number.isFinite(min[0])) {
    return {
      min: [0, 0, 0],
      dims: [1, 1, 1],
      start: new Int32Array(2),
      items: new Int32Array(0),
      reach: new Uint8Array([255]),
    };
  }
  const dims: [number, number, number] = [0, 1, 2].map((k) =>
    Math.max(1, Math.ceil(((max[k] ?? 0) - (min[k] ?? 0)) / CELL) + 1),
  ) as [number, number, number];
  const cellOf = (v: number) => {
    const ix = Math.floor(((pos[v * 3] ?? 0) - min[0]) / CELL);
    const iy = Math.floor(((pos[v * 3 + 1] ?? 0) - min[1]) / CELL);
    const iz = Math.floor(((pos[v * 3 + 2] ?? 0) - min[2]) / CELL);
    return (iz * dims[1] + iy) * dims[0] + ix;
  };
  const total = dims[0] * dims[1] * dims[2];
  const start = new Int32Array(total + 1);
  let n = 0;
  each((v) => {
    start[cellOf(v) + 1] = (start[cellOf(v) + 1] ?? 0) + 1;
    n++;
  });
  for (let c = 0; c < total; c++) start[c + 1] = (start[c + 1] ?? 0) + (start[c] ?? 0);
  const fill = start.slice(0, total);
  const items = new Int32Array(n);
  each((v) => {
    const c = cellOf(v);
    items[fill[c] ?? 0] = v;
    fill[c] = (fill[c] ?? 0) + 1;
  });
  return { min, dims, start, items, reach: chebyshevReach(start, dims) };
}

/** Two-pass distance transform (26 neighbours, Chebyshev metric) of the occupied cells. */
function chebyshevReach(start: Int32Array, dims: readonly [number, number, number]): Uint8Array {
  const [nx, ny, nz] = dims;
  const d = new Uint8Array(nx * ny * nz).fill(255);
  for (let c = 0; c < d.length; c++) if ((start[c + 1] ?? 0) > (start[c] ?? 0)) d[c] = 0;
  const at = (x: number, y: number, z: number) => (z * ny + y) * nx + x;
  const pass = (forward: boolean) => {
    // Neighbours already visited: offsets lexicographically before (forward) or after.
    const f = forward ? -1 : 1;
    const offsets: [number, number, number][] = [];
    for (let dz = -1; dz <= 1; dz++)
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const lex = dz !== 0 ? dz : dy !== 0 ? dy : dx;
          if (lex * f > 0) offsets.push([dx, dy, dz]);
        }
    for (let zi = 0; zi < nz; zi++) {
      const z = forward ? zi : nz - 1 - zi;
      for (let yi = 0; yi < ny; yi++) {
        const y = forward ? yi : ny - 1 - yi;
        for (let xi = 0; xi < nx; xi++) {
          const x = forward ? xi : nx - 1 - xi;
          const c = at(x, y, z);
          let best = d[c] ?? 255;
          if (best === 0) continue;
          for (const [dx, dy, dz] of offsets) {
            const X = x + dx;
            const Y = y + dy;
            const Z = z + dz;
            if (X < 0 || Y < 0 || Z < 0 || X >= nx || Y >= ny || Z >= nz) continue;
            const v = (d[at(X, Y, Z)] ?? 255) + 1;
            if (v < best) best = v;
          }
          d[c] = Math.min(255, best);
        }
      }
    }
  };
  pass(true);
  pass(false);
  return d;
}

/**
 * Cells more than a cell from any vertex that cannot be reached from the grid's border through
 * other such cells (6-connected flood fill from outside): the inside of the body.
 */
function enclosedCells(g: Grid): Uint8Array {
  const [nx, ny, nz] = g.dims;
  const n = nx * ny * nz;
  // 0 unknown empty, 1 enclosed (the default for empties), 2 outside, 3 has a vertex.
  const state = new Uint8Array(n);
  // The skin's cells, grown by one cell so that gaps between its vertices do not leak.
  for (let c = 0; c < n; c++) state[c] = (g.reach[c] ?? 255) <= 1 ? 3 : 1;
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  const push = (c: number) => {
    if (state[c] === 1) {
      state[c] = 2;
      queue[tail++] = c;
    }
  };
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        if (x === 0 || y === 0 || z === 0 || x === nx - 1 || y === ny - 1 || z === nz - 1) {
          push((z * ny + y) * nx + x);
        }
      }
  while (head < tail) {
    const c = queue[head++] ?? 0;
    const x = c % nx;
    const y = Math.floor(c / nx) % ny;
    const z = Math.floor(c / (nx * ny));
    if (x > 0) push(c - 1);
    if (x < nx - 1) push(c + 1);
    if (y > 0) push(c - nx);
    if (y < ny - 1) push(c + nx);
    if (z > 0) push(c - nx * ny);
    if (z < nz - 1) push(c + nx * ny);
  }
  const out = new Uint8Array(n);
  for (let c = 0; c < n; c++) out[c] = state[c] === 1 ? 1 : 0;
  return out;
}

/** False when no vertex can be within r of p (a cheap lower bound from the reach grid). */
function mayBeNear(g: Grid, x: number, y: number, z: number, r: number): boolean {
  const [nx, ny, nz] = g.dims;
  const ix = Math.floor((x - g.min[0]) / CELL);
  const iy = Math.floor((y - g.min[1]) / CELL);
  const iz = Math.floor((z - g.min[2]) / CELL);
  // Outside the grid: distance to the grid box, in cells, is a lower bound too.
  const ox = ix < 0 ? -ix : ix >= nx ? ix - nx + 1 : 0;
  const oy = iy < 0 ? -iy : iy >= ny ? iy - ny + 1 : 0;
  const oz = iz < 0 ? -iz : iz >= nz ? iz - nz + 1 : 0;
  const outside = Math.max(ox, oy, oz);
  const cx = Math.min(nx - 1, Math.max(0, ix));
  const cy = Math.min(ny - 1, Math.max(0, iy));
  const cz = Math.min(nz - 1, Math.max(0, iz));
  const k = (g.reach[(cz * ny + cy) * nx + cx] ?? 255) + outside;
  return (k - 1) * CELL <= r;
}

function faceNormal(P: Float32Array, a: number, b: number, c: number): [number, number, number] {
  const ux = (P[b * 3] ?? 0) - (P[a * 3] ?? 0);
  const uy = (P[b * 3 + 1] ?? 0) - (P[a * 3 + 1] ?? 0);
  const uz = (P[b * 3 + 2] ?? 0) - (P[a * 3 + 2] ?? 0);
  const wx = (P[c * 3] ?? 0) - (P[a * 3] ?? 0);
  const wy = (P[c * 3 + 1] ?? 0) - (P[a * 3 + 1] ?? 0);
  const wz = (P[c * 3 + 2] ?? 0) - (P[a * 3 + 2] ?? 0);
  return [uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx];
}

/**
 * Index (into the grid's items) of the vertex nearest to p within r, or -1: the loop of
 * `forNear` written out for speed (no callback per vertex).
 */
function nearestIn(g: Grid, pos: Float32Array, x: number, y: number, z: number, r: number): number {
  const [nx, ny, nz] = g.dims;
  const x0 = Math.max(0, Math.floor((x - r - g.min[0]) / CELL));
  const x1 = Math.min(nx - 1, Math.floor((x + r - g.min[0]) / CELL));
  const y0 = Math.max(0, Math.floor((y - r - g.min[1]) / CELL));
  const y1 = Math.min(ny - 1, Math.floor((y + r - g.min[1]) / CELL));
  const z0 = Math.max(0, Math.floor((z - r - g.min[2]) / CELL));
  const z1 = Math.min(nz - 1, Math.floor((z + r - g.min[2]) / CELL));
  const start = g.start;
  const items = g.items;
  let best = -1;
  let bestD2 = r * r;
  for (let iz = z0; iz <= z1; iz++) {
    for (let iy = y0; iy <= y1; iy++) {
      const row = (iz * ny + iy) * nx;
      for (let ix = x0; ix <= x1; ix++) {
        const c = row + ix;
        const end = start[c + 1] ?? 0;
        for (let k = start[c] ?? 0; k < end; k++) {
          const v = items[k] ?? 0;
          const dx = x - (pos[v * 3] ?? 0);
          const dy = y - (pos[v * 3 + 1] ?? 0);
          const dz = z - (pos[v * 3 + 2] ?? 0);
          const d2 = dx * dx + dy * dy + dz * dz;
          if (d2 < bestD2) {
            bestD2 = d2;
            best = v;
          }
        }
      }
    }
  }
  return best;
}

export function createSkinField(body: BodyData): SkinField {
  const n = body.positions.length / 3;
  const idx = body.indices;
  // Area-weighted vertex normals.
  const vn = new Float32Array(n * 3);
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t] ?? 0;
    const b = idx[t + 1] ?? 0;
    const c = idx[t + 2] ?? 0;
    const [nx, ny, nz] = faceNormal(body.positions, a, b, c);
    for (const v of [a, b, c]) {
      vn[v * 3] = (vn[v * 3] ?? 0) + nx;
      vn[v * 3 + 1] = (vn[v * 3 + 1] ?? 0) + ny;
      vn[v * 3 + 2] = (vn[v * 3 + 2] ?? 0) + nz;
    }
  }
  // Points: the vertices and, on triangles larger than SAMPLE, a grid of points inside them (the
  // legs and trunk are meshed coarsely: a vertex can be a centimetre from the nearest skin).
  // Points in the same MERGE cell are merged into their mean.
  const cells = new Map<string, number>();
  const pos: number[] = [];
  const nrm: number[] = [];
  const zonesOf: Set<string>[] = [];
  const addPoint = (
    x: number,
    y: number,
    z: number,
    nx: number,
    ny: number,
    nz: number,
    zone: string,
    w: number,
  ) => {
    const key = `${String(Math.floor(x / MERGE))},${String(Math.floor(y / MERGE))},${String(Math.floor(z / MERGE))}`;
    let u = cells.get(key);
    if (u === undefined) {
      u = pos.length / 4;
      cells.set(key, u);
      pos.push(0, 0, 0, 0);
      nrm.push(0, 0, 0);
      zonesOf.push(new Set());
    }
    pos[u * 4] = (pos[u * 4] ?? 0) + x * w;
    pos[u * 4 + 1] = (pos[u * 4 + 1] ?? 0) + y * w;
    pos[u * 4 + 2] = (pos[u * 4 + 2] ?? 0) + z * w;
    pos[u * 4 + 3] = (pos[u * 4 + 3] ?? 0) + w;
    nrm[u * 3] = (nrm[u * 3] ?? 0) + nx;
    nrm[u * 3 + 1] = (nrm[u * 3 + 1] ?? 0) + ny;
    nrm[u * 3 + 2] = (nrm[u * 3 + 2] ?? 0) + nz;
    zonesOf[u]?.add(zone);
  };
  for (let t = 0; t < idx.length; t += 3) {
    const zone = body.parts[body.triangleParts[t / 3] ?? 0]?.zone ?? 'body';
    const a = idx[t] ?? 0;
    const b = idx[t + 1] ?? 0;
    const c = idx[t + 2] ?? 0;
    const P = body.positions;
    const ax = P[a * 3] ?? 0;
    const ay = P[a * 3 + 1] ?? 0;
    const az = P[a * 3 + 2] ?? 0;
    const ux = (P[b * 3] ?? 0) - ax;
    const uy = (P[b * 3 + 1] ?? 0) - ay;
    const uz = (P[b * 3 + 2] ?? 0) - az;
    const wx = (P[c * 3] ?? 0) - ax;
    const wy = (P[c * 3 + 1] ?? 0) - ay;
    const wz = (P[c * 3 + 2] ?? 0) - az;
    const longest = Math.max(
      Math.hypot(ux, uy, uz),
      Math.hypot(wx, wy, wz),
      Math.hypot(ux - wx, uy - wy, uz - wz),
    );
    const k = Math.ceil(longest / SAMPLE);
    const [fx, fy, fz] = faceNormal(P, a, b, c);
    const fl = Math.hypot(fx, fy, fz) || 1;
    for (let i = 0; i <= k; i++) {
      for (let j = 0; i + j <= k; j++) {
        const corner = (i === 0 && j === 0) || (i === k && j === 0) || (i === 0 && j === k);
        if (corner) continue;
        const s = i / k;
        const r = j / k;
        addPoint(
          ax + ux * s + wx * r,
          ay + uy * s + wy * r,
          az + uz * s + wz * r,
          fx / fl,
          fy / fl,
          fz / fl,
          zone,
          1,
        );
      }
    }
    for (const v of [a, b, c]) {
      const l = Math.hypot(vn[v * 3] ?? 0, vn[v * 3 + 1] ?? 0, vn[v * 3 + 2] ?? 0) || 1;
      addPoint(
        P[v * 3] ?? 0,
        P[v * 3 + 1] ?? 0,
        P[v * 3 + 2] ?? 0,
        (vn[v * 3] ?? 0) / l,
        (vn[v * 3 + 1] ?? 0) / l,
        (vn[v * 3 + 2] ?? 0) / l,
        zone,
        1,
      );
    }
  }
  const m = pos.length / 4;
  const positions = new Float32Array(m * 3);
  const normals = new Float32Array(m * 3);
  for (let u = 0; u < m; u++) {
    const w = pos[u * 4 + 3] || 1;
    positions[u * 3] = (pos[u * 4] ?? 0) / w;
    positions[u * 3 + 1] = (pos[u * 4 + 1] ?? 0) / w;
    positions[u * 3 + 2] = (pos[u * 4 + 2] ?? 0) / w;
    const l = Math.hypot(nrm[u * 3] ?? 0, nrm[u * 3 + 1] ?? 0, nrm[u * 3 + 2] ?? 0) || 1;
    normals[u * 3] = (nrm[u * 3] ?? 0) / l;
    normals[u * 3 + 1] = (nrm[u * 3 + 1] ?? 0) / l;
    normals[u * 3 + 2] = (nrm[u * 3 + 2] ?? 0) / l;
  }
  const all = buildGrid(positions, null, m);
  const enclosed = enclosedCells(all);
  const zoneGrids = new Map<string, Grid>();
  const zoneGrid = (zones: ReadonlySet<string>): Grid => {
    const k = [...zones].sort().join(',');
    let g = zoneGrids.get(k);
    if (!g) {
      const ids: number[] = [];
      for (let v = 0; v < m; v++) {
        for (const z of zonesOf[v] ?? []) {
          if (zones.has(z)) {
            ids.push(v);
            break;
          }
        }
      }
      g = buildGrid(positions, ids, m);
      zoneGrids.set(k, g);
    }
    return g;
  };

  return {
    isDeepInside(x, y, z) {
      const [nx, ny, nz] = all.dims;
      const ix = Math.floor((x - all.min[0]) / CELL);
      const iy = Math.floor((y - all.min[1]) / CELL);
      const iz = Math.floor((z - all.min[2]) / CELL);
      if (ix < 0 || iy < 0 || iz < 0 || ix >= nx || iy >= ny || iz >= nz) return false;
      return enclosed[(iz * ny + iy) * nx + ix] === 1;
    },
    mayBeNear: (x, y, z, r) => mayBeNear(all, x, y, z, r),
    mayBeNearZones: (x, y, z, zones, r) => zones.size > 0 && mayBeNear(zoneGrid(zones), x, y, z, r),
    signedDistance(x, y, z, maxR) {
      if (!mayBeNear(all, x, y, z, maxR)) return Infinity;
      const best = nearestIn(all, positions, x, y, z, maxR);
      if (best < 0) return Infinity;
      return (
        (x - (positions[best * 3] ?? 0)) * (normals[best * 3] ?? 0) +
        (y - (positions[best * 3 + 1] ?? 0)) * (normals[best * 3 + 1] ?? 0) +
        (z - (positions[best * 3 + 2] ?? 0)) * (normals[best * 3 + 2] ?? 0)
      );
    },
    zoneDistance(x, y, z, zones, maxR) {
      if (zones.size === 0) return Infinity;
      const g = zoneGrid(zones);
      if (!mayBeNear(g, x, y, z, maxR)) return Infinity;
      const best = nearestIn(g, positions, x, y, z, maxR);
      if (best < 0) return Infinity;
      return Math.hypot(
        x - (positions[best * 3] ?? 0),
        y - (positions[best * 3 + 1] ?? 0),
        z - (positions[best * 3 + 2] ?? 0),
      );
    },
    nearestZonePoint(x, y, z, zones, maxR, out) {
      if (zones.size === 0) return false;
      const best = nearestIn(zoneGrid(zones), positions, x, y, z, maxR);
      if (best < 0) return false;
      out[0] = positions[best * 3] ?? 0;
      out[1] = positions[best * 3 + 1] ?? 0;
      out[2] = positions[best * 3 + 2] ?? 0;
      return true;
    },
  };
}
