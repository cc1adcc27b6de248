/**
 * From shape to zone parts: dense mesh → per-vertex zones → triangles cut along zone borders →
 * zone parts with duplicated border vertices → per-part simplification with locked borders →
 * SDF normals → morph deltas → landmarks.
 */
import { MeshoptSimplifier } from 'meshoptimizer';
import { SKIN_BASE_COLOR } from '../../src/domain/body.ts';
import type { CatalogueLandmark, CatalogueZone } from './catalogue.ts';
import { landmarkRays } from './landmarkSeeds.ts';
import { badEdges, countNonManifoldEdges, meshBody } from './mesher.ts';
import {
  makeMorphField,
  MORPH_NAMES,
  POSE_NAMES,
  type AnyMorphName,
  type MorphName,
} from './morphs.ts';
import type { Proportions } from './proportions.ts';
import type { V3 } from './sdf.ts';
import { buildShape, type BodyShape, type Sdf } from './shape.ts';
import { skinTint } from './tint.ts';
import { makeClassifier } from './zones.ts';

export interface BuiltPart {
  readonly key: string;
  readonly zone: string;
  readonly side: 'L' | 'R' | null;
  readonly group: string;
  readonly positions: Float32Array<ArrayBuffer>;
  readonly normals: Float32Array<ArrayBuffer>;
  readonly indices: Uint32Array<ArrayBuffer>;
  /** Linear RGB vertex colours: ambient occlusion times the skin tint (nails, hair, lips). */
  readonly colors: Float32Array<ArrayBuffer>;
  /** Morph targets with position deltas: the foot targets on foot zones, the arm pose targets
   * on the arm zone, none elsewhere. */
  readonly morphs: { name: AnyMorphName; position: Float32Array<ArrayBuffer> }[] | null;
}

export interface BuiltJoint {
  readonly key: string;
  readonly name: string;
  readonly side: 'L' | 'R';
  readonly position: V3;
}

export interface BuiltLandmark {
  readonly key: string;
  readonly name: string;
  readonly zone: string;
  readonly side: 'L' | 'R' | null;
  readonly position: V3;
  readonly morphs: Partial<Record<MorphName, V3>>;
}

export interface BuiltBody {
  readonly id: string;
  readonly parts: BuiltPart[];
  readonly landmarks: BuiltLandmark[];
  readonly joints: BuiltJoint[];
  readonly stats: { denseTriangles: number; triangles: number; vertices: number };
}

function gradient(sdf: Sdf, x: number, y: number, z: number, e: number): V3 {
  const gx = sdf(x + e, y, z) - sdf(x - e, y, z);
  const gy = sdf(x, y + e, z) - sdf(x, y - e, z);
  const gz = sdf(x, y, z + e) - sdf(x, y, z - e);
  const l = Math.hypot(gx, gy, gz) || 1;
  return [gx / l, gy / l, gz / l];
}

/**
 * Ambient occlusion from the distance field (five taps along the normal, Quilez): how much the
 * body itself closes in around a point, 1 open, lower in toe webs, folds and hollows.
 */
function ambientOcclusion(sdf: Sdf, p: V3, n: V3, step: number): number {
  let occ = 0,
    wsum = 0,
    w = 1;
  for (let i = 1; i <= 5; i++) {
    const h = step * i;
    const d = sdf(p[0] + n[0] * h, p[1] + n[1] * h, p[2] + n[2] * h);
    occ += (w * Math.max(0, h - d)) / h;
    wsum += w;
    w *= 0.7;
  }
  const ao = 1 - 1.25 * (occ / wsum);
  return ao < 0.45 ? 0.45 : ao > 1 ? 1 : ao;
}

function project(sdf: Sdf, p: V3): V3 {
  let [x, y, z] = p;
  for (let i = 0; i < 3; i++) {
    const f = sdf(x, y, z);
    if (Math.abs(f) < 1e-6) break;
    const n = gradient(sdf, x, y, z, 0.0002);
    x -= f * n[0];
    y -= f * n[1];
    z -= f * n[2];
  }
  return [x, y, z];
}

function round6(v: number): number {
  const r = Math.round(v * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}

export async function buildBody(
  P: Proportions,
  zones: readonly CatalogueZone[],
  landmarks: readonly CatalogueLandmark[],
  log: (msg: string) => void,
): Promise<BuiltBody> {
  await MeshoptSimplifier.ready;
  const t0 = performance.now();
  const lap = (what: string): void =>
    log(`${P.id}: ${what} at ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const shape: BodyShape = buildShape(P);
  const { sdf } = shape;
  const raw = await meshBody(shape);
  const nv0 = raw.positions.length / 3;
  const bad = countNonManifoldEdges(raw.indices, nv0);
  if (bad) throw new Error(`${P.id}: dense mesh is not closed (${bad} bad edges)`);
  lap('meshed');
  log(
    `${P.id}: dense mesh ${raw.indices.length / 3} triangles (${raw.shellsDropped} stray shells dropped)`,
  );

  // ---- parts from the catalogue
  const partKeys: string[] = [];
  const partInfo: { zone: string; side: 'L' | 'R' | null; group: string }[] = [];
  const zoneById = new Map(zones.map((z) => [z.id, z]));
  for (const z of zones) {
    const sides: ('L' | 'R' | null)[] = z.bilateral ? ['L', 'R'] : [null];
    for (const side of sides) {
      partKeys.push(side ? `${z.id}.${side}` : z.id);
      partInfo.push({ zone: z.id, side, group: z.group });
    }
  }
  const partIndex = new Map(partKeys.map((k, i) => [k, i]));
  const classify = makeClassifier(shape);
  const label = (x: number, y: number, z: number): number => {
    const key = classify(x, y, z);
    const i = partIndex.get(key);
    if (i === undefined) {
      const zone = key.replace(/\.[LR]$/, '');
      const z = zoneById.get(zone);
      throw new Error(
        z
          ? `zone rule gave "${key}" but catalogue zone "${zone}" is ${z.bilateral ? 'bilateral' : 'midline'}`
          : `zone rule gave "${key}", which is not in content/zones.json`,
      );
    }
    return i;
  };

  // ---- dense vertices with labels
  const pos: number[] = Array.from(raw.positions);
  const labels: number[] = [];
  for (let v = 0; v < nv0; v++) labels.push(label(pos[v * 3], pos[v * 3 + 1], pos[v * 3 + 2]));

  // ---- cut triangles along zone borders
  const crossCache = new Map<number, number>();
  const addVertex = (p: V3): number => {
    pos.push(p[0], p[1], p[2]);
    labels.push(-1);
    return pos.length / 3 - 1;
  };
  const crossing = (a: number, b: number): number => {
    const key = a < b ? a * 0x4000000 + b : b * 0x4000000 + a;
    const hit = crossCache.get(key);
    if (hit !== undefined) return hit;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const la = labels[lo];
    const P0: V3 = [pos[lo * 3], pos[lo * 3 + 1], pos[lo * 3 + 2]];
    const P1: V3 = [pos[hi * 3], pos[hi * 3 + 1], pos[hi * 3 + 2]];
    let t0 = 0,
      t1 = 1;
    for (let i = 0; i < 8; i++) {
      const t = (t0 + t1) / 2;
      const q: V3 = [
        P0[0] + (P1[0] - P0[0]) * t,
        P0[1] + (P1[1] - P0[1]) * t,
        P0[2] + (P1[2] - P0[2]) * t,
      ];
      if (label(q[0], q[1], q[2]) === la) t0 = t;
      else t1 = t;
    }
    // keep crossings off the edge ends so no border edge is shorter than the quantisation step
    const t = Math.min(0.85, Math.max(0.15, (t0 + t1) / 2));
    const v = addVertex(
      project(sdf, [
        P0[0] + (P1[0] - P0[0]) * t,
        P0[1] + (P1[1] - P0[1]) * t,
        P0[2] + (P1[2] - P0[2]) * t,
      ]),
    );
    crossCache.set(key, v);
    return v;
  };
  const triParts: number[][] = partKeys.map(() => []);
  const idx = raw.indices;
  for (let f = 0; f < idx.length; f += 3) {
    const v0 = idx[f],
      v1 = idx[f + 1],
      v2 = idx[f + 2];
    const l0 = labels[v0],
      l1 = labels[v1],
      l2 = labels[v2];
    if (l0 === l1 && l1 === l2) {
      triParts[l0].push(v0, v1, v2);
      continue;
    }
    if (l0 !== l1 && l1 !== l2 && l0 !== l2) {
      const e01 = crossing(v0, v1),
        e12 = crossing(v1, v2),
        e20 = crossing(v2, v0);
      const c = addVertex(
        project(sdf, [
          (pos[v0 * 3] + pos[v1 * 3] + pos[v2 * 3]) / 3,
          (pos[v0 * 3 + 1] + pos[v1 * 3 + 1] + pos[v2 * 3 + 1]) / 3,
          (pos[v0 * 3 + 2] + pos[v1 * 3 + 2] + pos[v2 * 3 + 2]) / 3,
        ]),
      );
      triParts[l0].push(v0, e01, c, v0, c, e20);
      triParts[l1].push(v1, e12, c, v1, c, e01);
      triParts[l2].push(v2, e20, c, v2, c, e12);
      continue;
    }
    // exactly two labels: rotate so that the odd vertex is first
    let a = v0,
      b = v1,
      c = v2;
    if (l1 !== l0 && l1 !== l2) [a, b, c] = [v1, v2, v0];
    else if (l2 !== l0 && l2 !== l1) [a, b, c] = [v2, v0, v1];
    const eab = crossing(a, b),
      eac = crossing(a, c);
    triParts[labels[a]].push(a, eab, eac);
    triParts[labels[b]].push(eab, b, c, eab, c, eac);
  }
  lap('zones cut');
  const denseTriangles = triParts.reduce((n, t) => n + t.length / 3, 0);
  {
    const badCut = countNonManifoldEdges(triParts.flat(), pos.length / 3);
    if (badCut) throw new Error(`${P.id}: cutting along zone borders opened ${badCut} edges`);
  }
  log(`${P.id}: ${denseTriangles} triangles after cutting along zone borders`);

  const missing = partKeys.filter((_, i) => triParts[i].length === 0);
  if (missing.length) {
    throw new Error(
      `${P.id}: catalogue zone part(s) with no geometry: ${missing.join(', ')} (content/zones.json lists them; no zone rule in scripts/model/zones.ts produces them)`,
    );
  }

  // ---- simplify the whole closed mesh with zone borders locked, in stages: feet finest
  const nAll = pos.length / 3;
  const allIdx: number[] = [];
  const triLabel: number[] = [];
  triParts.forEach((tris, pi) => {
    for (let i = 0; i < tris.length; i += 3) {
      allIdx.push(tris[i], tris[i + 1], tris[i + 2]);
      triLabel.push(pi);
    }
  });
  // a vertex's part, or -1 on a border between parts
  const vLabel = new Int32Array(nAll).fill(-2);
  for (let t = 0; t < triLabel.length; t++) {
    for (let e = 0; e < 3; e++) {
      const v = allIdx[t * 3 + e];
      if (vLabel[v] === -2) vLabel[v] = triLabel[t];
      else if (vLabel[v] !== triLabel[t]) vLabel[v] = -1;
    }
  }
  const posF = Float32Array.from(pos);
  // the head (face, ears, hairline) and the hands are finer than the trunk
  const headY = P.c7Y + 0.01 * (P.headTopY / 1.7);
  const region = new Uint8Array(nAll); // 0 rest, 1 head, 2 hand
  for (let v = 0; v < nAll; v++) {
    if (pos[v * 3 + 1] > headY) region[v] = 1;
    else if (
      vLabel[v] >= 0 &&
      partInfo[vLabel[v]].zone === 'arm' &&
      pos[v * 3 + 1] < shape.arm.wrist[1]
    )
      region[v] = 2;
  }
  const stages: { groups: string[]; region: number; error: number }[] = [
    { groups: ['foot'], region: 0, error: 0.00014 },
    { groups: ['leg'], region: 0, error: 0.00042 },
    { groups: ['trunk', 'other'], region: 1, error: 0.00032 },
    { groups: ['other'], region: 2, error: 0.0004 },
    { groups: ['trunk', 'other'], region: 0, error: 0.0005 },
  ];
  const sizeK = P.footLength / 0.26;
  // dense one-ring, to pin the neighbourhood of any edge a collapse made non-manifold
  const ring = new Map<number, number[]>();
  for (let t = 0; t < allIdx.length; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = allIdx[t + e],
        b = allIdx[t + ((e + 1) % 3)];
      const l = ring.get(a);
      if (l) l.push(b);
      else ring.set(a, [b]);
    }
  }
  const pinned = new Uint8Array(nAll);
  let factor = 1;
  let cur: Uint32Array = Uint32Array.from(allIdx);
  for (let attempt = 0; attempt < 16; attempt++) {
    cur = Uint32Array.from(allIdx);
    for (const stage of stages) {
      const lock = new Uint8Array(nAll);
      for (let v = 0; v < nAll; v++) {
        lock[v] =
          pinned[v] ||
          vLabel[v] < 0 ||
          region[v] !== stage.region ||
          !stage.groups.includes(partInfo[vLabel[v]].group)
            ? 1
            : 0;
      }
      [cur] = MeshoptSimplifier.simplifyWithAttributes(
        cur,
        posF,
        3,
        new Float32Array(0),
        0,
        [],
        lock,
        0,
        stage.error * factor * sizeK,
        ['ErrorAbsolute'],
      );
    }
    const badVerts = nonManifoldEdgeVertices(cur, nAll);
    log(
      `${P.id}: simplified to ${cur.length / 3} triangles (error ×${factor.toFixed(2)}${badVerts.length ? `, ${badVerts.length / 2} folded edges: pinning` : ''})`,
    );
    if (badVerts.length) {
      if (process.env.FW_DEBUG)
        log(
          `folded at: ${[...new Set(badVerts)]
            .slice(0, 12)
            .map(
              (v) =>
                `(${pos[v * 3].toFixed(3)},${pos[v * 3 + 1].toFixed(3)},${pos[v * 3 + 2].toFixed(3)}) ${partKeys[Math.max(0, vLabel[v])]}${pinned[v] ? '*' : ''}`,
            )
            .join(' ')}`,
        );
      for (const v of badVerts) {
        pinned[v] = 1;
        for (const w of ring.get(v) ?? []) {
          pinned[w] = 1;
          for (const u of ring.get(w) ?? []) pinned[u] = 1;
        }
      }
      continue;
    }
    if (cur.length / 3 <= 118_000) break;
    factor *= 1.3;
  }
  lap('simplified');
  // Where the surface nearly touches itself (the saddle of an armpit, behind an ear), two vertices
  // of different sheets can come within a quantisation step of each other and would weld in the
  // file. Each is moved a little toward the middle of its own neighbours (on its own sheet).
  {
    const used = new Uint8Array(nAll);
    for (const v of cur) used[v] = 1;
    const cell = 0.0001;
    const grid = new Map<string, number[]>();
    const key = (x: number, y: number, z: number): string =>
      `${Math.floor(x / cell)},${Math.floor(y / cell)},${Math.floor(z / cell)}`;
    for (let v = 0; v < nAll; v++) {
      if (!used[v]) continue;
      const k = key(posF[v * 3], posF[v * 3 + 1], posF[v * 3 + 2]);
      const l = grid.get(k);
      if (l) l.push(v);
      else grid.set(k, [v]);
    }
    const close = new Set<number>();
    for (let v = 0; v < nAll; v++) {
      if (!used[v]) continue;
      const cx = Math.floor(posF[v * 3] / cell),
        cy = Math.floor(posF[v * 3 + 1] / cell),
        cz = Math.floor(posF[v * 3 + 2] / cell);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++)
          for (let dz = -1; dz <= 1; dz++)
            for (const w of grid.get(`${cx + dx},${cy + dy},${cz + dz}`) ?? []) {
              if (w <= v) continue;
              const d = Math.hypot(
                posF[v * 3] - posF[w * 3],
                posF[v * 3 + 1] - posF[w * 3 + 1],
                posF[v * 3 + 2] - posF[w * 3 + 2],
              );
              if (d < 0.00006) {
                close.add(v);
                close.add(w);
              }
            }
    }
    const ringSum = new Map<number, number[]>();
    for (let t = 0; t < cur.length; t += 3)
      for (let e = 0; e < 3; e++) {
        const v = cur[t + e];
        if (!close.has(v)) continue;
        const acc = ringSum.get(v) ?? [0, 0, 0, 0];
        for (const w of [cur[t + ((e + 1) % 3)], cur[t + ((e + 2) % 3)]]) {
          acc[0] += posF[w * 3];
          acc[1] += posF[w * 3 + 1];
          acc[2] += posF[w * 3 + 2];
          acc[3]++;
        }
        ringSum.set(v, acc);
      }
    const moved = [...ringSum].sort((a, b) => a[0] - b[0]);
    for (const [v, acc] of moved)
      for (let j = 0; j < 3; j++) posF[v * 3 + j] += (acc[j] / acc[3] - posF[v * 3 + j]) * 0.25;
    if (close.size)
      log(`${P.id}: ${close.size} vertices where the surface nearly touches itself moved apart`);
  }
  const badSimplified = countNonManifoldEdges(cur, nAll);
  if (badSimplified) throw new Error(`${P.id}: simplification opened ${badSimplified} edges`);
  // back to parts: a triangle belongs to the part of its non-border vertices; all-border triangles
  // (chords along a border) are classified at their centroid
  const partTris: number[][] = partKeys.map(() => []);
  for (let t = 0; t < cur.length; t += 3) {
    let lab = -1;
    for (let e = 0; e < 3 && lab < 0; e++) lab = vLabel[cur[t + e]];
    if (lab < 0) {
      const c = project(sdf, [
        (pos[cur[t] * 3] + pos[cur[t + 1] * 3] + pos[cur[t + 2] * 3]) / 3,
        (pos[cur[t] * 3 + 1] + pos[cur[t + 1] * 3 + 1] + pos[cur[t + 2] * 3 + 1]) / 3,
        (pos[cur[t] * 3 + 2] + pos[cur[t + 1] * 3 + 2] + pos[cur[t + 2] * 3 + 2]) / 3,
      ]);
      lab = label(c[0], c[1], c[2]);
    }
    partTris[lab].push(cur[t], cur[t + 1], cur[t + 2]);
  }
  const emptyAfter = partKeys.filter((_, i) => partTris[i].length === 0);
  if (emptyAfter.length)
    throw new Error(`${P.id}: zone part(s) vanished in simplification: ${emptyAfter.join(', ')}`);
  const simplified = partTris.map((tris) => {
    const map = new Map<number, number>();
    const lp: number[] = [];
    const li = new Uint32Array(tris.length);
    for (let i = 0; i < tris.length; i++) {
      let m = map.get(tris[i]);
      if (m === undefined) {
        m = lp.length / 3;
        map.set(tris[i], m);
        lp.push(posF[tris[i] * 3], posF[tris[i] * 3 + 1], posF[tris[i] * 3 + 2]);
      }
      li[i] = m;
    }
    return { positions: Float32Array.from(lp), indices: li };
  });

  // ---- normals from the SDF gradient, colours (AO × tint), morph deltas on the foot and arm zones
  const field = makeMorphField(shape);
  const aoStep = 0.004 * (0.45 + 0.55 * sizeK);
  const tint = skinTint(shape);
  const base = SKIN_BASE_COLOR;
  const parts: BuiltPart[] = simplified.map((m, i) => {
    const n = m.positions.length / 3;
    const normals = new Float32Array(n * 3);
    const colors = new Float32Array(n * 3);
    for (let v = 0; v < n; v++) {
      const P: V3 = [m.positions[v * 3], m.positions[v * 3 + 1], m.positions[v * 3 + 2]];
      const g = gradient(sdf, P[0], P[1], P[2], 0.00025);
      normals.set(g, v * 3);
      const ao = ambientOcclusion(sdf, P, g, aoStep);
      const t = tint(P[0], P[1], P[2]);
      for (let j = 0; j < 3; j++) colors[v * 3 + j] = Math.min(1, base[j] * t[j] * ao);
    }
    const info = partInfo[i];
    const names: readonly AnyMorphName[] =
      info.group === 'foot' ? MORPH_NAMES : info.zone === 'arm' ? POSE_NAMES : [];
    const morphs: BuiltPart['morphs'] = names.length
      ? names.map((name) => {
          const dp = new Float32Array(n * 3);
          for (let v = 0; v < n; v++) {
            const d = field(
              name,
              m.positions[v * 3],
              m.positions[v * 3 + 1],
              m.positions[v * 3 + 2],
            );
            dp[v * 3] = d[0];
            dp[v * 3 + 1] = d[1];
            dp[v * 3 + 2] = d[2];
          }
          return { name, position: dp };
        })
      : null;
    for (const name of [...MORPH_NAMES, ...POSE_NAMES]) {
      if (names.includes(name)) continue;
      for (let v = 0; v < n; v++) {
        const d = field(name, m.positions[v * 3], m.positions[v * 3 + 1], m.positions[v * 3 + 2]);
        if (d[0] !== 0 || d[1] !== 0 || d[2] !== 0) {
          throw new Error(
            `${P.id}: morph ${name} moves a vertex of zone ${partKeys[i]}, which does not carry it; its border would crack`,
          );
        }
      }
    }
    return {
      key: partKeys[i],
      zone: info.zone,
      side: info.side,
      group: info.group,
      positions: m.positions,
      normals,
      indices: m.indices,
      colors,
      morphs,
    };
  });

  lap('normals and morphs');
  // ---- landmarks: ray to the skin, zone check, snap onto the zone's final triangles
  const rays = landmarkRays(shape);
  const built: BuiltLandmark[] = [];
  for (const lm of landmarks) {
    const ray = rays.get(lm.name);
    if (!ray)
      throw new Error(
        `landmark "${lm.name}" (content/landmarks.json) has no placement rule in scripts/model/landmarkSeeds.ts`,
      );
    const sides: ('L' | 'R' | null)[] = lm.bilateral ? ['L', 'R'] : [null];
    for (const side of sides) {
      const mir = side === 'R' ? -1 : 1;
      const o: V3 = [ray.origin[0] * mir, ray.origin[1], ray.origin[2]];
      const d: V3 = [ray.dir[0] * mir, ray.dir[1], ray.dir[2]];
      if (sdf(o[0], o[1], o[2]) > 0)
        throw new Error(`landmark ${lm.name}: ray origin is outside the body`);
      let t0 = 0,
        t1 = 0;
      for (let t = 0.0005; t < 0.4; t += 0.0005) {
        if (sdf(o[0] + d[0] * t, o[1] + d[1] * t, o[2] + d[2] * t) > 0) {
          t1 = t;
          break;
        }
        t0 = t;
      }
      if (t1 === 0) throw new Error(`landmark ${lm.name}: ray never leaves the body`);
      for (let i = 0; i < 40; i++) {
        const t = (t0 + t1) / 2;
        if (sdf(o[0] + d[0] * t, o[1] + d[1] * t, o[2] + d[2] * t) > 0) t1 = t;
        else t0 = t;
      }
      const hit: V3 = [o[0] + d[0] * t0, o[1] + d[1] * t0, o[2] + d[2] * t0];
      const key = side ? `${lm.name}.${side}` : lm.name;
      // a bilateral landmark may sit either side of the midline on a midline zone
      const partKey =
        side && zoneById.get(lm.zone)?.bilateral !== false ? `${lm.zone}.${side}` : lm.zone;
      const pi = partIndex.get(partKey);
      if (pi === undefined)
        throw new Error(
          `landmark ${key}: zone "${lm.zone}" is not a catalogue zone part (${partKey})`,
        );
      const got = partKeys[label(hit[0], hit[1], hit[2])];
      if (got !== partKey) {
        throw new Error(
          `landmark ${key}: content/landmarks.json says zone "${partKey}" but the skin point there is zone "${got}"`,
        );
      }
      const snapped = closestOnPart(parts[pi], hit);
      if (snapped.dist > 0.004) {
        throw new Error(
          `landmark ${key}: ${(snapped.dist * 1000).toFixed(1)} mm from the nearest triangle of ${partKey}`,
        );
      }
      const position: V3 = [round6(snapped.p[0]), round6(snapped.p[1]), round6(snapped.p[2])];
      const morphs: Partial<Record<MorphName, V3>> = {};
      for (const name of MORPH_NAMES) {
        const dd = field(name, position[0], position[1], position[2]);
        if (dd[0] !== 0 || dd[1] !== 0 || dd[2] !== 0)
          morphs[name] = [round6(dd[0]), round6(dd[1]), round6(dd[2])];
      }
      built.push({ key, name: lm.name, zone: lm.zone, side, position, morphs });
    }
  }

  const joints: BuiltJoint[] = [];
  for (const [name, pos] of Object.entries(shape.joints)) {
    for (const side of ['L', 'R'] as const) {
      const mir = side === 'R' ? -1 : 1;
      joints.push({
        key: `${name}.${side}`,
        name,
        side,
        position: [round6(pos[0] * mir), round6(pos[1]), round6(pos[2])],
      });
    }
  }
  const triangles = parts.reduce((n, p) => n + p.indices.length / 3, 0);
  const vertices = parts.reduce((n, p) => n + p.positions.length / 3, 0);
  return {
    id: P.id,
    parts,
    landmarks: built,
    joints,
    stats: { denseTriangles, triangles, vertices },
  };
}

function closestOnPart(part: BuiltPart, q: V3): { p: V3; dist: number } {
  let best: V3 = [0, 0, 0];
  let bestD = Infinity;
  const P = part.positions,
    I = part.indices;
  for (let f = 0; f < I.length; f += 3) {
    const a: V3 = [P[I[f] * 3], P[I[f] * 3 + 1], P[I[f] * 3 + 2]];
    const b: V3 = [P[I[f + 1] * 3], P[I[f + 1] * 3 + 1], P[I[f + 1] * 3 + 2]];
    const c: V3 = [P[I[f + 2] * 3], P[I[f + 2] * 3 + 1], P[I[f + 2] * 3 + 2]];
    const r = closestPointTriangle(q, a, b, c);
    const d = Math.hypot(r[0] - q[0], r[1] - q[1], r[2] - q[2]);
    if (d < bestD) {
      bestD = d;
      best = r;
    }
  }
  return { p: best, dist: bestD };
}

/** Closest point on triangle abc to p (Ericson, Real-Time Collision Detection 5.1.5). */
export function closestPointTriangle(p: V3, a: V3, b: V3, c: V3): V3 {
  const ab = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const ac = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
  const ap = [p[0] - a[0], p[1] - a[1], p[2] - a[2]];
  const dt = (u: number[], v: number[]): number => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  const d1 = dt(ab, ap),
    d2 = dt(ac, ap);
  if (d1 <= 0 && d2 <= 0) return a;
  const bp = [p[0] - b[0], p[1] - b[1], p[2] - b[2]];
  const d3 = dt(ab, bp),
    d4 = dt(ac, bp);
  if (d3 >= 0 && d4 <= d3) return b;
  const vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0) {
    const v = d1 / (d1 - d3);
    return [a[0] + ab[0] * v, a[1] + ab[1] * v, a[2] + ab[2] * v];
  }
  const cp = [p[0] - c[0], p[1] - c[1], p[2] - c[2]];
  const d5 = dt(ab, cp),
    d6 = dt(ac, cp);
  if (d6 >= 0 && d5 <= d6) return c;
  const vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0) {
    const w = d2 / (d2 - d6);
    return [a[0] + ac[0] * w, a[1] + ac[1] * w, a[2] + ac[2] * w];
  }
  const va = d3 * d6 - d5 * d4;
  if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) {
    const w = (d4 - d3) / (d4 - d3 + (d5 - d6));
    return [b[0] + (c[0] - b[0]) * w, b[1] + (c[1] - b[1]) * w, b[2] + (c[2] - b[2]) * w];
  }
  const denom = 1 / (va + vb + vc);
  const v = vb * denom,
    w = vc * denom;
  return [a[0] + ab[0] * v + ac[0] * w, a[1] + ab[1] * v + ac[1] * w, a[2] + ab[2] * v + ac[2] * w];
}

/** Endpoints of edges not shared by exactly two triangles in opposite directions. */
function nonManifoldEdgeVertices(indices: Uint32Array, n: number): number[] {
  return badEdges(indices, n);
}
