/**
 * Checks the committed body models (models/*.glb) against the zone and landmark catalogues and
 * the anatomy the app relies on. Loads the real files through scripts/lib/readBodyFile.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { EXTMeshoptCompression, KHRMeshQuantization } from '@gltf-transform/extensions';
import { MeshoptDecoder } from 'meshoptimizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { ADULT, CHILD } from '../../scripts/model/proportions.ts';
import {
  MORPH_TARGETS,
  POSE_MORPH_TARGETS,
  SKIN_BASE_COLOR,
  type BodyData,
  type MorphTarget,
  type Vec3,
} from '../../src/domain/body.ts';
import { breadthAt, heelAngle, midfootContactShare, pieces } from './modelMeasure.ts';

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

/**
 * Crossings between two neighbouring toes' skins. Toes that touch share a border in the web; the
 * triangles on either side of it share corners and are neighbours on one surface, not crossings,
 * so pairs with a common corner are left out.
 */
function toeCrossings(A: Tri[], B: Tri[]): number {
  const key = (v: Vec3): string => `${v[0]},${v[1]},${v[2]}`;
  const inA = new Set(A.flatMap((t) => t.map(key)));
  const inB = new Set(B.flatMap((t) => t.map(key)));
  return intersections(
    A.filter((t) => !t.some((v) => inB.has(key(v)))),
    B.filter((t) => !t.some((v) => inA.has(key(v)))),
  );
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
          // a bilateral landmark may sit either side of the midline on a midline zone
          const midline = zones.find((z) => z.id === l.zone)?.bilateral === false;
          const node = side && !midline ? `${l.zone}.${side}` : l.zone;
          const d = distToTriangles(lmAt(body, key), trianglesOf(body, node));
          expect(d, `${key} to ${node}`).toBeLessThan(0.001);
        }
      }
    });

    it('carries the five foot morphs on every foot-zone primitive, the two arm pose morphs on the arms, nothing elsewhere', async () => {
      await MeshoptDecoder.ready;
      const io = new NodeIO()
        .registerExtensions([EXTMeshoptCompression, KHRMeshQuantization])
        .registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
      const doc = await io.read(file);
      const footZones = new Set(zones.filter((z) => z.group === 'foot').map((z) => z.id));
      let arms = 0;
      for (const node of doc.getRoot().listNodes()) {
        const mesh = node.getMesh();
        if (!mesh) continue;
        const zone = node.getExtras().zone as string;
        const prims = mesh.listPrimitives();
        expect(prims.length).toBe(1);
        const expected = footZones.has(zone)
          ? [...MORPH_TARGETS]
          : zone === 'arm'
            ? [...POSE_MORPH_TARGETS]
            : [];
        if (zone === 'arm') arms++;
        if (expected.length) expect(mesh.getExtras().targetNames, node.getName()).toEqual(expected);
        expect(prims[0].listTargets().length, node.getName()).toBe(expected.length);
      }
      expect(arms).toBe(2);
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
        // the arch is lifted (a toddler's fat pad fills it partly); the lateral border rests on
        // the ground
        expect(lmAt(body, `arch_center.${side}`)[1]).toBeGreaterThan(
          id === 'adult' ? 0.008 : 0.0035,
        );
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
          expect(toeCrossings(hallux, toe2), `hallux × toe2 at ${w}`).toBe(0);
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

    it('keeps every toe out of its neighbours under every combination of the five foot morphs', () => {
      const toes = ['hallux', 'toe2', 'toe3', 'toe4', 'toe5'];
      let combos = 0;
      for (let mask = 0; mask < 1 << MORPH_TARGETS.length; mask++) {
        const morphs: Partial<Record<MorphTarget, number>> = {};
        MORPH_TARGETS.forEach((name, i) => {
          if (mask & (1 << i)) morphs[name] = 1;
        });
        const skins = toes.map((t) => trianglesOf(body, `${t}.L`, morphs));
        for (let i = 0; i + 1 < toes.length; i++) {
          expect(
            toeCrossings(skins[i], skins[i + 1]),
            `${toes[i]} × ${toes[i + 1]} at ${JSON.stringify(morphs)}`,
          ).toBe(0);
        }
        combos++;
      }
      expect(combos).toBe(32);
    });

    it('flat_foot lowers the arch landmark, and the foot stays above the ground', () => {
      for (const side of ['L', 'R'] as const) {
        const a0 = lmAt(body, `arch_center.${side}`),
          a1 = lmAt(body, `arch_center.${side}`, { flat_foot: 1 });
        expect(a0[1] - a1[1]).toBeGreaterThan(id === 'adult' ? 0.008 : 0.0025);
        expect(a1[1]).toBeGreaterThan(0);
        // the medial arch is higher than the lateral edge, which touches the ground
        // (a toddler's padded arch is lower than the side of the foot)
        if (id === 'adult') expect(a0[1]).toBeGreaterThan(lmAt(body, `foot_outer_mid.${side}`)[1]);
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

    it(
      id === 'adult'
        ? 'shows soft spinous processes along the back midline'
        : 'shows no spinous bumps on the toddler’s back, only a soft furrow',
      () => {
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
        // a bump: the most posterior point within ±6 mm, standing out of that window by its height
        const w = Math.round(0.006 / step);
        const heights: number[] = [];
        for (let i = w; i + w < n; i++) {
          const win = prof.slice(i - w, i + w + 1).filter(Number.isFinite);
          if (prof[i] === Math.min(...win)) heights.push(Math.max(...win) - prof[i]);
        }
        const bumps = heights.filter((h) => h > 0.0005);
        if (id === 'adult') {
          // C7 to L5, the thoracic processes slender and close, all soft: none stands out 5 mm
          expect(bumps.length).toBeGreaterThanOrEqual(9);
          expect(Math.max(...heights)).toBeLessThan(0.005);
        } else {
          // no row of processes: at most a stray millimetre where the back curves
          expect(bumps.length).toBeLessThanOrEqual(2);
          expect(Math.max(...heights)).toBeLessThan(0.0015);
        }
      },
    );

    it('has arms and hands along the body, a zone outside every massage zone', () => {
      const arm = zones.find((z) => z.id === 'arm');
      expect(arm).toMatchObject({ group: 'other', bilateral: true, avoid: null });
      // no protocol step and no landmark uses the arm zone
      const protocols = readdirSync(resolve(root, 'content/protocols')).filter((f) =>
        f.endsWith('.json'),
      );
      for (const f of protocols) {
        const text = readFileSync(resolve(root, 'content/protocols', f), 'utf8');
        expect(text.includes('"arm"'), f).toBe(false);
      }
      expect(catalogueLandmarks.some((l) => l.zone === 'arm')).toBe(false);
      const P = id === 'adult' ? ADULT : CHILD;
      for (const side of ['L', 'R'] as const) {
        const tris = trianglesOf(body, `arm.${side}`);
        let lowY = Infinity,
          highY = -Infinity;
        for (const t of tris)
          for (const v of t) {
            lowY = Math.min(lowY, v[1]);
            highY = Math.max(highY, v[1]);
            expect(Math.sign(v[0])).toBe(side === 'L' ? 1 : -1);
          }
        // from below the shoulder to a hand hanging beside the thigh
        expect(highY).toBeLessThan(P.shoulderY);
        expect(highY).toBeGreaterThan(P.waistY);
        expect(lowY).toBeLessThan(P.hipY - 0.08 * (P.headTopY / 1.7));
        // the hand keeps clear of every massage zone, so no stroke can land on it
        const handVerts = tris.flat().filter((v) => v[1] < P.hipY);
        const massage = body.parts.filter(
          (p) => p.zone !== 'arm' && p.zone !== 'body' && p.side === side,
        );
        const clear = 0.02 * (P.headTopY / 1.7);
        // only triangles whose box comes within `clear` of the hand's box can be nearer than that
        const lo = [0, 1, 2].map((j) => Math.min(...handVerts.map((v) => v[j])) - clear);
        const hi = [0, 1, 2].map((j) => Math.max(...handVerts.map((v) => v[j])) + clear);
        const nearHand = (t: Tri): boolean =>
          [0, 1, 2].every(
            (j) =>
              Math.max(t[0][j], t[1][j], t[2][j]) >= (lo[j] ?? 0) &&
              Math.min(t[0][j], t[1][j], t[2][j]) <= (hi[j] ?? 0),
          );
        for (const part of massage) {
          const other = trianglesOf(body, part.node).filter(nearHand);
          let near = Infinity;
          for (const v of handVerts) near = Math.min(near, distToTriangles(v, other));
          expect(near, `hand to ${part.node}`).toBeGreaterThan(clear);
        }
      }
    });

    it('lays the arms on the table when lying face up or face down (pose morphs)', async () => {
      await MeshoptDecoder.ready;
      const io = new NodeIO()
        .registerExtensions([EXTMeshoptCompression, KHRMeshQuantization])
        .registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
      const doc = await io.read(file);
      let minZ = Infinity,
        maxZ = -Infinity;
      for (let i = 2; i < body.positions.length; i += 3) {
        minZ = Math.min(minZ, body.positions[i]);
        maxZ = Math.max(maxZ, body.positions[i]);
      }
      // the body rests on its back (supine) or front (prone): compare with the trunk's depth,
      // not the toes (which reach furthest forward)
      let trunkFront = -Infinity;
      for (let t = 0; t < body.triangleParts.length; t++) {
        if (body.parts[body.triangleParts[t]].zone !== 'body') continue;
        for (let e = 0; e < 3; e++) {
          const v = body.indices[t * 3 + e];
          if (body.positions[v * 3 + 1] < (id === 'adult' ? 1.4 : 0.7))
            trunkFront = Math.max(trunkFront, body.positions[v * 3 + 2]);
        }
      }
      const node = doc
        .getRoot()
        .listNodes()
        .find((n) => n.getName() === 'arm.L');
      const prim = node?.getMesh()?.listPrimitives()[0];
      if (!node || !prim) throw new Error('no arm.L');
      const scale = node.getScale()[0];
      const t = node.getTranslation();
      const pos = prim.getAttribute('POSITION');
      if (!pos) throw new Error('no positions');
      const names = node.getMesh()?.getExtras().targetNames as string[];
      const extent = (target: string | null): [number, number] => {
        const d = target
          ? prim.listTargets()[names.indexOf(target)]?.getAttribute('POSITION')
          : null;
        let lo = Infinity,
          hi = -Infinity;
        const p: number[] = [0, 0, 0],
          q: number[] = [0, 0, 0];
        for (let i = 0; i < pos.getCount(); i++) {
          pos.getElement(i, p);
          if (d) d.getElement(i, q);
          const z = (p[2] + (d ? q[2] : 0)) * scale + t[2];
          lo = Math.min(lo, z);
          hi = Math.max(hi, z);
        }
        return [lo, hi];
      };
      const k = id === 'adult' ? 1 : 0.56;
      const rest = extent(null);
      const supine = extent('arms_supine');
      const prone = extent('arms_prone');
      // hanging, the arms float well clear of the table in both lying poses
      expect(rest[0] - minZ).toBeGreaterThan(0.04 * k);
      // face up, the back of the arm comes down to the table (within 2.5 cm of the back)
      expect(supine[0] - minZ).toBeLessThan(0.025 * k);
      expect(supine[0]).toBeGreaterThan(minZ - 0.005);
      // face down, the front of the arm comes down to the table (the chest's front)
      expect(trunkFront - prone[1]).toBeLessThan(0.03 * k);
      expect(maxZ).toBeGreaterThan(prone[1]);
    });

    it('has one connected piece per zone part, so a glowing zone has no holes or islands', () => {
      for (const p of body.parts) expect(pieces(body, p.node), p.node).toHaveLength(1);
    });

    it('flat_foot at 1 puts the medial arch on the floor, everts the heel 8–10° and abducts the forefoot', () => {
      const feet = (side: 'L' | 'R') =>
        new Set(zones.filter((z) => z.group === 'foot').map((z) => `${z.id}.${side}`));
      for (const side of ['L', 'R'] as const) {
        const f = feet(side);
        const rest = midfootContactShare(body, f, side);
        const flat = midfootContactShare(body, f, side, { flat_foot: 1 });
        // Chippaux–Smirak index: a flat foot's midfoot contact is over 45 % of the forefoot's
        expect(flat.share).toBeGreaterThan(0.45);
        expect(flat.midfoot).toBeGreaterThan(rest.midfoot * (id === 'adult' ? 3 : 1.2));
        if (id === 'adult') expect(rest.share).toBeLessThan(0.3);
        // heel valgus, seen from behind
        const tilt = heelAngle(body, f, side, { flat_foot: 1 }) - heelAngle(body, f, side);
        expect(tilt).toBeGreaterThanOrEqual(8);
        expect(tilt).toBeLessThanOrEqual(10);
        expect(Math.abs(heelAngle(body, f, side))).toBeLessThan(6);
        // the forefoot turns out: the second toe's tip swings laterally about the heel
        const heel = lmAt(body, `heel_back.${side}`);
        const toe0 = sub(lmAt(body, `toe2_tip.${side}`), heel);
        const toe1 = sub(lmAt(body, `toe2_tip.${side}`, { flat_foot: 1 }), heel);
        const turned = groundAngle(toe0, toe1);
        expect(turned).toBeGreaterThan(2);
        expect(turned).toBeLessThan(10);
        expect(Math.abs(toe1[0]) - Math.abs(toe0[0])).toBeGreaterThan(0);
        // the talar head and navicular bulge on the inner side
        const arch0 = lmAt(body, `first_metatarsal_shaft.${side}`);
        const arch1 = lmAt(body, `first_metatarsal_shaft.${side}`, { flat_foot: 1 });
        expect(arch1[1]).toBeLessThan(arch0[1]);
      }
    });

    it('has a real shape for its age: waist to hip breadth', () => {
      const P = id === 'adult' ? ADULT : CHILD;
      const skip = new Set(['arm.L', 'arm.R']);
      const H = P.headTopY;
      let hip = 0,
        waist = Infinity;
      for (let y = P.hipY - 0.035 * H; y <= P.iliacY; y += 0.002)
        hip = Math.max(hip, breadthAt(body, y, skip));
      for (let y = P.iliacY; y <= P.waistY + 0.3 * (P.chestY - P.waistY); y += 0.002)
        waist = Math.min(waist, breadthAt(body, y, skip));
      // a toddler is nearly straight from chest to hips; an adult has a waist
      if (id === 'child') expect(waist / hip).toBeGreaterThanOrEqual(0.85);
      else {
        expect(waist / hip).toBeGreaterThan(0.6);
        expect(waist / hip).toBeLessThan(0.8);
      }
    });

    it('bakes ambient occlusion and tints into the vertex colours: paler nails, darker hair', async () => {
      await MeshoptDecoder.ready;
      const io = new NodeIO()
        .registerExtensions([EXTMeshoptCompression, KHRMeshQuantization])
        .registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
      const doc = await io.read(file);
      const stats = (name: string) => {
        const prim = doc
          .getRoot()
          .listNodes()
          .find((n) => n.getName() === name)
          ?.getMesh()
          ?.listPrimitives()[0];
        const c = prim?.getAttribute('COLOR_0');
        if (!c) throw new Error(`${name} has no COLOR_0`);
        const el: number[] = [0, 0, 0];
        let max = 0,
          min = 1;
        const greens: number[] = [];
        for (let i = 0; i < c.getCount(); i++) {
          c.getElement(i, el);
          greens.push(el[1]);
          max = Math.max(max, el[1]);
          min = Math.min(min, el[1]);
        }
        greens.sort((a, b) => a - b);
        return { max, min, median: greens[Math.floor(greens.length / 2)] };
      };
      for (const node of doc.getRoot().listNodes()) {
        const prim = node.getMesh()?.listPrimitives()[0];
        if (prim) expect(prim.getAttribute('COLOR_0'), node.getName()).not.toBeNull();
      }
      // nails: the palest skin on the toe, above plain skin's base
      const hallux = stats('hallux.L');
      expect(hallux.max).toBeGreaterThan(SKIN_BASE_COLOR[1] * 1.15);
      expect(hallux.median).toBeLessThanOrEqual(SKIN_BASE_COLOR[1] + 0.01);
      // ambient occlusion: the toe webs and the popliteal hollow are shaded
      expect(stats('dorsum.L').min).toBeLessThan(SKIN_BASE_COLOR[1] * 0.8);
      expect(stats('popliteal_fossa.L').min).toBeLessThan(SKIN_BASE_COLOR[1] * 0.85);
      // hair: the head carries much darker skin colour than the chest
      const head = stats('body');
      expect(head.min).toBeLessThan(SKIN_BASE_COLOR[1] * 0.3);
    });

    it('carries joint centres for posing (hip, knee, ankle, shoulder, elbow, wrist on both sides)', async () => {
      await MeshoptDecoder.ready;
      const io = new NodeIO()
        .registerExtensions([EXTMeshoptCompression, KHRMeshQuantization])
        .registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
      const doc = await io.read(file);
      const joints = new Map(
        doc
          .getRoot()
          .listNodes()
          .filter((n) => n.getName().startsWith('joint:'))
          .map((n) => [n.getName().slice(6), n.getTranslation()]),
      );
      const names = ['hip', 'knee', 'ankle', 'shoulder', 'elbow', 'wrist'];
      expect([...joints.keys()].sort()).toEqual(names.flatMap((n) => [`${n}.L`, `${n}.R`]).sort());
      for (const n of names) {
        const l = joints.get(`${n}.L`),
          r = joints.get(`${n}.R`);
        expect(l?.[0]).toBeGreaterThan(0);
        expect(r?.[0]).toBeCloseTo(-(l?.[0] ?? 0), 6);
      }
      // top to bottom along each limb
      const y = (n: string): number => joints.get(`${n}.L`)?.[1] ?? NaN;
      expect(y('hip')).toBeGreaterThan(y('knee'));
      expect(y('knee')).toBeGreaterThan(y('ankle'));
      expect(y('shoulder')).toBeGreaterThan(y('elbow'));
      expect(y('elbow')).toBeGreaterThan(y('wrist'));
    });
  });
}
