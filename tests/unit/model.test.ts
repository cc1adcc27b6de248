/**
 * Checks the committed body models (models/*.glb) against the zone and landmark catalogues and
 * the anatomy the app relies on. Loads the real files through scripts/lib/readBodyFile.ts.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { EXTMeshoptCompression, KHRMeshQuantization } from '@gltf-transform/extensions';
import { MeshoptDecoder } from 'meshoptimizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import {
  MORPH_TARGETS,
  type BodyData,
  type MorphTarget,
  type Vec3,
} from '../../src/domain/body.ts';

const root = resolve(import.meta.dirname, '../..');

interface Zone {
  id: string;
  group: string;
  bilateral: boolean;
}
interface Landmark {
  name: string;
  zone: string;
  bilateral: boolean;
}
const zones = (
  JSON.parse(readFileSync(resolve(root, 'content/zones.json'), 'utf8')) as { zones: Zone[] }
).zones;
const catalogueLandmarks = (
  JSON.parse(readFileSync(resolve(root, 'content/landmarks.json'), 'utf8')) as {
    landmarks: Landmark[];
  }
).landmarks;

type Tri = [Vec3, Vec3, Vec3];

function partIndex(body: BodyData, node: string): number {
  const i = body.parts.findIndex((p) => p.node === node);
  if (i < 0) throw new Error(`no part ${node}`);
  return i;
}

function vertex(
  body: BodyData,
  v: number,
  morphs: Partial<Record<MorphTarget, number>> = {},
): Vec3 {
  const p: [number, number, number] = [
    body.positions[v * 3],
    body.positions[v * 3 + 1],
    body.positions[v * 3 + 2],
  ];
  for (const [name, w] of Object.entries(morphs) as [MorphTarget, number][]) {
    const d = body.morphDeltas[name];
    if (!d) throw new Error(`no morph ${name}`);
    p[0] += d[v * 3] * w;
    p[1] += d[v * 3 + 1] * w;
    p[2] += d[v * 3 + 2] * w;
  }
  return p;
}

function trianglesOf(
  body: BodyData,
  node: string,
  morphs: Partial<Record<MorphTarget, number>> = {},
): Tri[] {
  const pi = partIndex(body, node);
  const out: Tri[] = [];
  for (let t = 0; t < body.triangleParts.length; t++) {
    if (body.triangleParts[t] !== pi) continue;
    out.push([
      vertex(body, body.indices[t * 3], morphs),
      vertex(body, body.indices[t * 3 + 1], morphs),
      vertex(body, body.indices[t * 3 + 2], morphs),
    ]);
  }
  return out;
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function area(tris: Tri[]): number {
  let s = 0;
  for (const [a, b, c] of tris) {
    const n = cross(sub(b, a), sub(c, a));
    s += Math.hypot(n[0], n[1], n[2]) / 2;
  }
  return s;
}

function centroid(tris: Tri[]): Vec3 {
  const c: [number, number, number] = [0, 0, 0];
  for (const t of tris)
    for (const v of t) for (let j = 0; j < 3; j++) c[j] += v[j] / (tris.length * 3);
  return c;
}

/** Does segment pq cross triangle abc (Möller–Trumbore)? */
function segmentHitsTriangle(p: Vec3, q: Vec3, a: Vec3, b: Vec3, c: Vec3): boolean {
  const dir = sub(q, p);
  const e1 = sub(b, a),
    e2 = sub(c, a);
  const h = cross(dir, e2);
  const det = dot(e1, h);
  if (Math.abs(det) < 1e-14) return false;
  const f = 1 / det;
  const s = sub(p, a);
  const u = f * dot(s, h);
  if (u < 0 || u > 1) return false;
  const qv = cross(s, e1);
  const v = f * dot(dir, qv);
  if (v < 0 || u + v > 1) return false;
  const t = f * dot(e2, qv);
  return t > 0 && t < 1;
}

function box(t: Tri): [Vec3, Vec3] {
  return [
    [
      Math.min(t[0][0], t[1][0], t[2][0]),
      Math.min(t[0][1], t[1][1], t[2][1]),
      Math.min(t[0][2], t[1][2], t[2][2]),
    ],
    [
      Math.max(t[0][0], t[1][0], t[2][0]),
      Math.max(t[0][1], t[1][1], t[2][1]),
      Math.max(t[0][2], t[1][2], t[2][2]),
    ],
  ];
}

/** Number of intersecting triangle pairs between two triangle sets. */
function intersections(A: Tri[], B: Tri[]): number {
  const bb = B.map(box);
  let n = 0;
  for (const ta of A) {
    const [lo, hi] = box(ta);
    for (let j = 0; j < B.length; j++) {
      const [l2, h2] = bb[j];
      if (
        lo[0] > h2[0] ||
        hi[0] < l2[0] ||
        lo[1] > h2[1] ||
        hi[1] < l2[1] ||
        lo[2] > h2[2] ||
        hi[2] < l2[2]
      )
        continue;
      const tb = B[j];
      let hit = false;
      for (let e = 0; e < 3 && !hit; e++) {
        hit =
          segmentHitsTriangle(ta[e], ta[(e + 1) % 3], tb[0], tb[1], tb[2]) ||
          segmentHitsTriangle(tb[e], tb[(e + 1) % 3], ta[0], ta[1], ta[2]);
      }
      if (hit) n++;
    }
  }
  return n;
}

function distToTriangles(p: Vec3, tris: Tri[]): number {
  let best = Infinity;
  for (const [a, b, c] of tris) best = Math.min(best, pointTriangleDistance(p, a, b, c));
  return best;
}

function pointTriangleDistance(p: Vec3, a: Vec3, b: Vec3, c: Vec3): number {
  // project onto the plane, then clamp to edges when outside
  const n = cross(sub(b, a), sub(c, a));
  const nl = Math.hypot(n[0], n[1], n[2]);
  if (nl < 1e-14)
    return Math.min(Math.hypot(...sub(p, a)), Math.hypot(...sub(p, b)), Math.hypot(...sub(p, c)));
  const nn: Vec3 = [n[0] / nl, n[1] / nl, n[2] / nl];
  const d = dot(sub(p, a), nn);
  const q: Vec3 = [p[0] - nn[0] * d, p[1] - nn[1] * d, p[2] - nn[2] * d];
  const inside =
    dot(cross(sub(b, a), sub(q, a)), nn) >= 0 &&
    dot(cross(sub(c, b), sub(q, b)), nn) >= 0 &&
    dot(cross(sub(a, c), sub(q, c)), nn) >= 0;
  if (inside) return Math.abs(d);
  const seg = (u: Vec3, v: Vec3): number => {
    const uv = sub(v, u);
    const t = Math.max(0, Math.min(1, dot(sub(p, u), uv) / dot(uv, uv)));
    return Math.hypot(p[0] - u[0] - uv[0] * t, p[1] - u[1] - uv[1] * t, p[2] - u[2] - uv[2] * t);
  };
  return Math.min(seg(a, b), seg(b, c), seg(c, a));
}

/** Angle (degrees) between two directions in the ground plane. */
function groundAngle(u: Vec3, v: Vec3): number {
  const a = Math.atan2(u[0], u[2]) - Math.atan2(v[0], v[2]);
  const d = Math.abs((((a * 180) / Math.PI + 540) % 360) - 180);
  return d;
}

function lmAt(
  body: BodyData,
  key: string,
  morphs: Partial<Record<MorphTarget, number>> = {},
): Vec3 {
  const l = body.landmarks.get(key);
  if (!l) throw new Error(`missing landmark ${key}`);
  const p: [number, number, number] = [...l.position];
  for (const [name, w] of Object.entries(morphs) as [MorphTarget, number][]) {
    const d = l.morphs[name];
    if (d) for (let j = 0; j < 3; j++) p[j] += d[j] * w;
  }
  return p;
}

function halluxAngle(body: BodyData, side: 'L' | 'R', w: number): number {
  const m = { hallux_valgus: w };
  const meta = sub(
    lmAt(body, `first_mtp_dorsal.${side}`, m),
    lmAt(body, `first_metatarsal_dorsal.${side}`, m),
  );
  const toe = sub(lmAt(body, `toe1_tip.${side}`, m), lmAt(body, `toe1_base.${side}`, m));
  return groundAngle(meta, toe);
}

for (const id of ['adult', 'child'] as const) {
  describe(`models/body-${id}.glb`, () => {
    const file = resolve(root, `models/body-${id}.glb`);
    let body: BodyData;
    beforeAll(async () => {
      body = await readBodyFile(file);
    });

    it('has one part per catalogue zone, on both sides where bilateral, and nothing else', () => {
      const expected = zones
        .flatMap((z) => (z.bilateral ? [`${z.id}.L`, `${z.id}.R`] : [z.id]))
        .sort();
      expect(body.parts.map((p) => p.node).sort()).toEqual(expected);
      for (const p of body.parts) {
        expect(p.node).toBe(p.side ? `${p.zone}.${p.side}` : p.zone);
        const tris = body.triangleParts.filter((t) => body.parts[t].node === p.node).length;
        expect(tris, `${p.node} triangles`).toBeGreaterThan(0);
      }
    });

    it('stays within budget: ≤ 120k triangles, ≤ 700 KB', () => {
      expect(body.indices.length / 3).toBeLessThanOrEqual(120_000);
      expect(statSync(file).size).toBeLessThanOrEqual(700_000);
    });

    it('stands on y = 0 with the expected height, facing +Z with its left at +X', () => {
      let minY = Infinity,
        maxY = -Infinity;
      for (let i = 1; i < body.positions.length; i += 3) {
        minY = Math.min(minY, body.positions[i]);
        maxY = Math.max(maxY, body.positions[i]);
      }
      expect(Math.abs(minY)).toBeLessThan(0.001);
      expect(maxY).toBeCloseTo(id === 'adult' ? 1.7 : 0.95, 1);
      expect(lmAt(body, 'toe1_tip.L')[2]).toBeGreaterThan(lmAt(body, 'heel_back.L')[2]);
      expect(lmAt(body, 'heel_back.L')[0]).toBeGreaterThan(0);
      expect(lmAt(body, 'heel_back.R')[0]).toBeLessThan(0);
    });

    it('is one closed surface: every edge shared by exactly two triangles in opposite directions', () => {
      // weld the duplicated border vertices by exact position (one scene-wide quantisation grid)
      const ids = new Map<string, number>();
      const weld = new Uint32Array(body.positions.length / 3);
      for (let v = 0; v < weld.length; v++) {
        const k = `${body.positions[v * 3]},${body.positions[v * 3 + 1]},${body.positions[v * 3 + 2]}`;
        let w = ids.get(k);
        if (w === undefined) {
          w = ids.size;
          ids.set(k, w);
        }
        weld[v] = w;
      }
      const n = ids.size;
      const edges = new Map<number, number>();
      let kept = 0;
      for (let t = 0; t < body.indices.length; t += 3) {
        const a0 = weld[body.indices[t]],
          b0 = weld[body.indices[t + 1]],
          c0 = weld[body.indices[t + 2]];
        // a triangle whose corners fell onto one quantisation cell has no area: not part of the surface
        if (a0 === b0 || b0 === c0 || a0 === c0) continue;
        kept++;
        for (let e = 0; e < 3; e++) {
          const a = weld[body.indices[t + e]],
            b = weld[body.indices[t + ((e + 1) % 3)]];
          edges.set(a * n + b, (edges.get(a * n + b) ?? 0) + 1);
        }
      }
      let bad = 0;
      for (const [k, c] of edges) {
        const a = Math.floor(k / n),
          b = k % n;
        if (c !== 1 || edges.get(b * n + a) !== 1) bad++;
      }
      expect(bad).toBe(0);
      expect(edges.size).toBe(kept * 3);
      expect(kept).toBeGreaterThan((body.indices.length / 3) * 0.995);
    });

    it('has every catalogue landmark on the skin of the zone it names', () => {
      const expected = catalogueLandmarks
        .flatMap((l) => (l.bilateral ? [`${l.name}.L`, `${l.name}.R`] : [l.name]))
        .sort();
      expect([...body.landmarks.keys()].sort()).toEqual(expected);
      for (const l of catalogueLandmarks) {
        for (const side of l.bilateral ? ['L', 'R'] : [null]) {
          const key = side ? `${l.name}.${side}` : l.name;
          const node = side ? `${l.zone}.${side}` : l.zone;
          const d = distToTriangles(lmAt(body, key), trianglesOf(body, node));
          expect(d, `${key} to ${node}`).toBeLessThan(0.001);
        }
      }
    });

    it('carries the five morph targets, by name, on every foot-zone primitive and only there', async () => {
      await MeshoptDecoder.ready;
      const io = new NodeIO()
        .registerExtensions([EXTMeshoptCompression, KHRMeshQuantization])
        .registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
      const doc = await io.read(file);
      const footZones = new Set(zones.filter((z) => z.group === 'foot').map((z) => z.id));
      for (const node of doc.getRoot().listNodes()) {
        const mesh = node.getMesh();
        if (!mesh) continue;
        const zone = node.getExtras().zone as string;
        const prims = mesh.listPrimitives();
        expect(prims.length).toBe(1);
        if (footZones.has(zone)) {
          expect(mesh.getExtras().targetNames, node.getName()).toEqual([...MORPH_TARGETS]);
          expect(prims[0].listTargets().length).toBe(MORPH_TARGETS.length);
        } else {
          expect(prims[0].listTargets().length, node.getName()).toBe(0);
        }
      }
    });

    it('places the bunion medial to the first MTP joint ring', () => {
      for (const side of ['L', 'R'] as const) {
        const heel = lmAt(body, `heel_back.${side}`),
          toe = lmAt(body, `toe2_tip.${side}`);
        const fwd = sub(toe, heel);
        // medial = toward the midline, perpendicular to the foot axis in the ground plane
        const lateralSign = side === 'L' ? 1 : -1;
        const medial: Vec3 = [-fwd[2] * lateralSign, 0, fwd[0] * lateralSign];
        const ml = Math.hypot(medial[0], medial[2]);
        const m: Vec3 = [medial[0] / ml, 0, medial[2] / ml];
        expect(dot(m, [side === 'L' ? -1 : 1, 0, 0])).toBeGreaterThan(0.9);
        const ring = trianglesOf(body, `first_mtp_joint.${side}`);
        const bunion = trianglesOf(body, `bunion.${side}`);
        const ringC = centroid(ring),
          bunC = centroid(bunion);
        expect(dot(sub(bunC, ringC), m)).toBeGreaterThan(0.004);
        expect(dot(sub(lmAt(body, `bunion_apex.${side}`), ringC), m)).toBeGreaterThan(0.006);
        // and it sits at the level of the joint, not behind or in front of it
        expect(
          Math.abs(
            dot(sub(bunC, ringC), [
              fwd[0] / Math.hypot(fwd[0], fwd[2]),
              0,
              fwd[2] / Math.hypot(fwd[0], fwd[2]),
            ]),
          ),
        ).toBeLessThan(0.015);
      }
    });

    it('has the anatomy of a foot: toe length order, malleoli, arch above the lateral edge', () => {
      const k = id === 'adult' ? 1 : 0.58;
      for (const side of ['L', 'R'] as const) {
        const heel = lmAt(body, `heel_back.${side}`);
        const toe = lmAt(body, `toe2_tip.${side}`);
        const f = sub(toe, heel);
        const fl = Math.hypot(f[0], f[2]);
        const fwd: Vec3 = [f[0] / fl, 0, f[2] / fl];
        const reach = (n: number): number => dot(sub(lmAt(body, `toe${n}_tip.${side}`), heel), fwd);
        // second toe about as long as the big toe, then shorter and shorter to the little toe
        expect(Math.abs(reach(1) - reach(2))).toBeLessThan(0.008 * k);
        expect(reach(2)).toBeGreaterThan(reach(3));
        expect(reach(3)).toBeGreaterThan(reach(4));
        expect(reach(4)).toBeGreaterThan(reach(5));
        expect(fl).toBeGreaterThan(0.24 * k);
        expect(fl).toBeLessThan(0.28 * k);
        // medial malleolus higher and more anterior than the lateral one
        const mm = lmAt(body, `malleolus_medial.${side}`),
          ml = lmAt(body, `malleolus_lateral.${side}`);
        expect(mm[1] - ml[1]).toBeGreaterThan(0.01 * k);
        expect(dot(sub(mm, ml), fwd)).toBeGreaterThan(0.005 * k);
        // the arch is lifted; the lateral border of the foot rests on the ground
        expect(lmAt(body, `arch_center.${side}`)[1]).toBeGreaterThan(0.008 * k);
        let minY = Infinity;
        for (const t of trianglesOf(body, `foot_outer_edge.${side}`))
          for (const v of t) minY = Math.min(minY, v[1]);
        expect(minY).toBeLessThan(0.002);
      }
    });

    it('keeps the first MTP landmarks that content strokes run to clear of the bunion', () => {
      for (const side of ['L', 'R'] as const) {
        const bunion = trianglesOf(body, `bunion.${side}`);
        for (const name of ['first_mtp_plantar', 'first_mtp_dorsal', 'first_metatarsal_shaft']) {
          expect(distToTriangles(lmAt(body, `${name}.${side}`), bunion), name).toBeGreaterThan(
            0.009,
          );
        }
      }
    });

    it('hallux_valgus turns the big toe from < 15° to > 35° without toes passing through each other', () => {
      for (const side of ['L', 'R'] as const) {
        const a0 = halluxAngle(body, side, 0),
          a5 = halluxAngle(body, side, 0.5),
          a1 = halluxAngle(body, side, 1);
        expect(a0).toBeLessThan(15);
        expect(a5).toBeGreaterThan(a0);
        expect(a1).toBeGreaterThan(35);
        // the bunion grows
        const b0 = lmAt(body, `bunion_apex.${side}`),
          b1 = lmAt(body, `bunion_apex.${side}`, { hallux_valgus: 1 });
        expect(Math.abs(b1[0]) - Math.abs(b0[0])).toBeLessThan(0);
        for (const w of [0.5, 1]) {
          const hallux = trianglesOf(body, `hallux.${side}`, { hallux_valgus: w });
          const toe2 = trianglesOf(body, `toe2.${side}`, { hallux_valgus: w });
          expect(intersections(hallux, toe2), `hallux × toe2 at ${w}`).toBe(0);
        }
      }
    });

    it('the interpenetration check itself finds overlapping toes', () => {
      const hallux = trianglesOf(body, 'hallux.L');
      const toe2 = trianglesOf(body, 'toe2.L');
      const shift = sub(centroid(toe2), centroid(hallux));
      const mv = (v: Vec3): Vec3 => [
        v[0] + shift[0] * 0.5,
        v[1] + shift[1] * 0.5,
        v[2] + shift[2] * 0.5,
      ];
      const moved = hallux.map((t): Tri => [mv(t[0]), mv(t[1]), mv(t[2])]);
      expect(intersections(moved, toe2)).toBeGreaterThan(0);
    });

    it('keeps neighbouring toes apart under toes_spread, toes_flex and toes_extend', () => {
      const toes = ['hallux', 'toe2', 'toe3', 'toe4', 'toe5'];
      for (const morph of ['toes_spread', 'toes_flex', 'toes_extend'] as const) {
        for (let i = 0; i + 1 < toes.length; i++) {
          const a = trianglesOf(body, `${toes[i]}.L`, { [morph]: 1 });
          const b = trianglesOf(body, `${toes[i + 1]}.L`, { [morph]: 1 });
          expect(intersections(a, b), `${toes[i]} × ${toes[i + 1]} at ${morph}`).toBe(0);
        }
      }
    });

    it('flat_foot lowers the arch landmark, and the foot stays above the ground', () => {
      for (const side of ['L', 'R'] as const) {
        const a0 = lmAt(body, `arch_center.${side}`),
          a1 = lmAt(body, `arch_center.${side}`, { flat_foot: 1 });
        expect(a0[1] - a1[1]).toBeGreaterThan(id === 'adult' ? 0.004 : 0.0015);
        expect(a1[1]).toBeGreaterThan(0);
        // the medial arch is higher than the lateral edge, which touches the ground
        expect(a0[1]).toBeGreaterThan(lmAt(body, `foot_outer_mid.${side}`)[1]);
      }
      const d = body.morphDeltas.flat_foot;
      expect(d).toBeDefined();
      let minY = Infinity;
      if (d)
        for (let v = 0; v < body.positions.length / 3; v++)
          minY = Math.min(minY, body.positions[v * 3 + 1] + d[v * 3 + 1]);
      expect(minY).toBeGreaterThan(-0.0005);
    });

    it('has plausible zone areas (hallux < heel < calf < thigh_back)', () => {
      const s = id === 'adult' ? 1 : 0.35;
      for (const side of ['L', 'R']) {
        const a = (z: string): number => area(trianglesOf(body, `${z}.${side}`));
        const hallux = a('hallux'),
          heel = a('heel'),
          calf = a('calf'),
          thigh = a('thigh_back');
        expect(hallux).toBeLessThan(heel);
        expect(heel).toBeLessThan(calf);
        expect(calf).toBeLessThan(thigh);
        // adult orders of magnitude, scaled for the child (m²)
        expect(hallux).toBeGreaterThan(0.0015 * s);
        expect(hallux).toBeLessThan(0.006 * s * 2);
        expect(thigh).toBeGreaterThan(0.02 * s);
        expect(thigh).toBeLessThan(0.12);
      }
    });

    it('shows distinct spinous processes along the back midline', () => {
      const top = lmAt(body, 'spine_top'),
        low = lmAt(body, 'spine_low');
      // the exact midline profile: cut every vertebrae triangle with the plane x = 0
      const segs: [number, number, number, number][] = [];
      for (const t of trianglesOf(body, 'vertebrae')) {
        const pts: [number, number][] = [];
        for (let e = 0; e < 3; e++) {
          const p = t[e],
            q = t[(e + 1) % 3];
          if (p[0] < 0 !== q[0] < 0) {
            const u = p[0] / (p[0] - q[0]);
            pts.push([p[1] + (q[1] - p[1]) * u, p[2] + (q[2] - p[2]) * u]);
          }
        }
        if (pts.length === 2) segs.push([pts[0][0], pts[0][1], pts[1][0], pts[1][1]]);
      }
      const step = 0.0005;
      const n = Math.floor((top[1] - low[1]) / step) + 1;
      const prof: number[] = [];
      for (let i = 0; i < n; i++) {
        const y = low[1] + i * step;
        let z = Infinity;
        for (const [y0, z0, y1, z1] of segs) {
          if ((y - y0) * (y - y1) > 0 || y0 === y1) continue;
          z = Math.min(z, z0 + ((z1 - z0) * (y - y0)) / (y1 - y0));
        }
        prof.push(z);
      }
      expect(prof.filter(Number.isFinite).length).toBeGreaterThan(n * 0.9);
      // a bump: the most posterior point within ±(a third of the process spacing), standing out
      const spacing = (top[1] - low[1]) / 17;
      const w = Math.max(2, Math.round(spacing / 3 / step));
      const k = id === 'adult' ? 1 : 0.62;
      let bumps = 0;
      for (let i = w; i + w < n; i++) {
        const win = prof.slice(i - w, i + w + 1).filter(Number.isFinite);
        if (prof[i] === Math.min(...win) && Math.max(...win) - prof[i] > 0.0008 * k) bumps++;
      }
      expect(bumps).toBeGreaterThanOrEqual(14);
    });
  });
}
