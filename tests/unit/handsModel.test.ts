/**
 * models/hands.glb, read back as the app and the tests use it: both hands within budget, the
 * rig the domain poses (bone names, rest transforms), a closed skin, the left hand the mirror
 * image of the right, nails and palm creases, every grip's contact point on the skin, and a
 * build that reproduces the committed file byte for byte.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BufferAttribute, BufferGeometry, Vector3 } from 'three';
import { MeshBVH } from 'three-mesh-bvh';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAND_COLORS, buildHand } from '../../scripts/hand/pipeline.ts';
import { encodeHands } from '../../scripts/hand/writer.ts';
import { readHandsGlb, type HandFile } from '../../scripts/lib/readHands.ts';
import { GRIPS, GRIP_IDS } from '../../src/domain/hands/grips.ts';
import { blendTrack, keyTrack } from '../../src/domain/hands/pose.ts';
import {
  createJointAngles,
  forwardKinematics,
  localRotations,
  restLocalTransforms,
  skinVertices,
  transformPoint,
} from '../../src/domain/hands/rig.ts';
import {
  BONE_COUNT,
  BONE_INDEX,
  HAND_BONES,
  type HandSide,
} from '../../src/domain/hands/skeleton.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FILE = resolve(ROOT, 'models/hands.glb');
let hands: Record<HandSide, HandFile>;

beforeAll(async () => {
  hands = await readHandsGlb(FILE);
});

function posedPositions(side: HandSide, angles = createJointAngles()): Float32Array {
  const rot = new Float64Array(BONE_COUNT * 4);
  localRotations(angles, side, rot);
  const w = new Float64Array(BONE_COUNT * 16);
  forwardKinematics(side, rot, [0, 0, 0], [0, 0, 0, 1], w);
  const out = new Float32Array(hands[side].mesh.positions.length);
  skinVertices(hands[side].mesh, w, out);
  return out;
}

function badEdges(indices: Uint32Array): number {
  const edges = new Map<string, number>();
  for (let f = 0; f < indices.length; f += 3) {
    for (let e = 0; e < 3; e++) {
      const k = `${String(indices[f + e])},${String(indices[f + ((e + 1) % 3)])}`;
      edges.set(k, (edges.get(k) ?? 0) + 1);
    }
  }
  let bad = 0;
  for (const [k, c] of edges) {
    const [a, b] = k.split(',');
    if (c !== 1 || edges.get(`${b},${a}`) !== 1) bad++;
  }
  return bad;
}

describe('models/hands.glb', () => {
  it('holds two hands within the budget: ≤ 15 k triangles and ≤ 150 KB each', () => {
    for (const side of ['L', 'R'] as const) {
      expect(hands[side].triangles).toBeGreaterThan(5000);
      expect(hands[side].triangles).toBeLessThanOrEqual(15000);
    }
    expect(statSync(FILE).size / 2).toBeLessThanOrEqual(150 * 1024);
  });

  it('has the skeleton the app poses: bone names in order and the rest transforms', () => {
    for (const side of ['L', 'R'] as const) {
      const rest = restLocalTransforms(side);
      expect(hands[side].bones).toHaveLength(HAND_BONES.length);
      hands[side].bones.forEach((b, i) => {
        const r = rest[i];
        for (let k = 0; k < 3; k++) expect(b.position[k]).toBeCloseTo(r.position[k], 6);
        // q and -q are the same rotation.
        const dotq = b.quaternion.reduce((s, q, k) => s + q * r.quaternion[k], 0);
        expect(Math.abs(dotq)).toBeCloseTo(1, 6);
      });
    }
  });

  it('is a closed skin with weights summing to one on at most four bones', () => {
    for (const side of ['L', 'R'] as const) {
      const m = hands[side].mesh;
      expect(badEdges(m.indices)).toBe(0);
      for (let v = 0; v < m.positions.length / 3; v++) {
        const sum =
          (m.weights[v * 4] ?? 0) +
          (m.weights[v * 4 + 1] ?? 0) +
          (m.weights[v * 4 + 2] ?? 0) +
          (m.weights[v * 4 + 3] ?? 0);
        expect(Math.abs(sum - 1)).toBeLessThan(0.01);
      }
    }
  });

  it('is an adult hand: about 19 cm from the wrist to the middle fingertip, 8–9 cm across', () => {
    const p = posedPositions('R');
    let maxZ = -Infinity;
    let minX = Infinity;
    let maxX = -Infinity;
    const m = hands.R.mesh;
    for (let v = 0; v < p.length / 3; v++) {
      const x = p[v * 3] ?? 0;
      const z = p[v * 3 + 2] ?? 0;
      maxZ = Math.max(maxZ, z);
      // Across the palm, thumb aside.
      if (Math.abs(z - 0.07) < 0.004 && (m.joints[v * 4] ?? -1) === BONE_INDEX.palm) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
      }
    }
    expect(maxZ).toBeGreaterThan(0.18);
    expect(maxZ).toBeLessThan(0.205);
    expect(maxX - minX).toBeGreaterThan(0.075);
    expect(maxX - minX).toBeLessThan(0.1);
  });

  it('makes the left hand the mirror image of the right (at rest and posed)', () => {
    const a = createJointAngles();
    blendTrack(keyTrack(GRIPS.pincer.keys), 0.5, a);
    for (const angles of [createJointAngles(), a]) {
      const r = posedPositions('R', angles);
      const l = posedPositions('L', angles);
      const key = (x: number, y: number, z: number) =>
        `${Math.round(x * 2000)},${Math.round(y * 2000)},${Math.round(z * 2000)}`;
      const rs = new Set<string>();
      for (let v = 0; v < r.length / 3; v++)
        rs.add(key(-(r[v * 3] ?? 0), r[v * 3 + 1] ?? 0, r[v * 3 + 2] ?? 0));
      let matched = 0;
      for (let v = 0; v < l.length / 3; v++)
        if (rs.has(key(l[v * 3] ?? 0, l[v * 3 + 1] ?? 0, l[v * 3 + 2] ?? 0))) matched++;
      // Quantisation may put a coordinate on the other side of a 0.5 mm bin edge.
      expect(matched / (l.length / 3)).toBeGreaterThan(0.97);
    }
  });

  it('has a nail on each digit and darker palm creases', () => {
    const m = hands.R.mesh;
    const c = hands.R.colors;
    const nails = new Set<number>();
    let creases = 0;
    for (let v = 0; v < m.positions.length / 3; v++) {
      const [r, g, b] = [c[v * 3] ?? 0, c[v * 3 + 1] ?? 0, c[v * 3 + 2] ?? 0];
      const nail = HAND_COLORS.nail;
      if (Math.hypot(r - nail[0], g - nail[1], b - nail[2]) < 0.04)
        nails.add(m.joints[v * 4] ?? -1);
      // Palmar skin of the palm, nearer the crease colour than the plain palmar colour.
      const palmar =
        (m.joints[v * 4] ?? -1) === BONE_INDEX.palm && (m.positions[v * 3 + 1] ?? 0) < 0;
      const crease = HAND_COLORS.crease;
      const plain = HAND_COLORS.palmar;
      if (
        palmar &&
        Math.hypot(r - crease[0], g - crease[1], b - crease[2]) <
          Math.hypot(r - plain[0], g - plain[1], b - plain[2])
      )
        creases++;
    }
    for (const tip of ['thumb3', 'index3', 'middle3', 'ring3', 'little3'] as const) {
      expect(nails.has(BONE_INDEX[tip]), tip).toBe(true);
    }
    expect(creases).toBeGreaterThan(10);
  });

  it.each(GRIP_IDS.map((id) => [id]))(
    '%s: its contact points lie on the skin of the posed hand',
    (id) => {
      const g = GRIPS[id];
      for (const k of g.keys) {
        const a = createJointAngles();
        blendTrack(keyTrack([k]), 0, a);
        const rot = new Float64Array(BONE_COUNT * 4);
        localRotations(a, 'R', rot);
        const w = new Float64Array(BONE_COUNT * 16);
        forwardKinematics('R', rot, [0, 0, 0], [0, 0, 0, 1], w);
        const pos = new Float32Array(hands.R.mesh.positions.length);
        skinVertices(hands.R.mesh, w, pos);
        const geo = new BufferGeometry();
        geo.setAttribute('position', new BufferAttribute(pos, 3));
        geo.setIndex(new BufferAttribute(hands.R.mesh.indices, 1));
        const bvh = new MeshBVH(geo);
        for (const c of g.contact) {
          const p = transformPoint(w, BONE_INDEX[c.bone] * 16, c.v);
          const hit = bvh.closestPointToPoint(new Vector3(...p));
          expect(hit?.distance ?? Infinity, `${id} key ${k.at} ${c.bone}`).toBeLessThan(0.0025);
        }
      }
    },
  );
});

describe('npm run build:hands', () => {
  it('reproduces the committed file byte for byte', async () => {
    const bytes = await encodeHands(await buildHand());
    expect(Buffer.from(bytes).equals(readFileSync(FILE))).toBe(true);
  }, 120_000);
});
