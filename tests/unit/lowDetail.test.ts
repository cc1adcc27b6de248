/**
 * The low-detail body drawn while a step plays on a software renderer (src/scene/lowDetail.ts),
 * on the real models: it must save triangles and still keep every point of the full surface within
 * its error bound (so silhouettes stay smooth), with the zone borders untouched.
 */
import { resolve } from 'node:path';
import { BufferAttribute, BufferGeometry, Mesh, Vector3 } from 'three';
import { MeshBVH, type HitPointInfo } from 'three-mesh-bvh';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { LOW_DETAIL_ERROR, createLowDetail, type LowDetail } from '../../src/scene/lowDetail.ts';
import { zoneMeshes } from './zoneMeshes.ts';

const root = resolve(import.meta.dirname, '../..');

function boundaryEdges(index: ArrayLike<number>): Set<string> {
  const count = new Map<string, number>();
  for (let t = 0; t < index.length; t += 3)
    for (let e = 0; e < 3; e++) {
      const a = index[t + e],
        b = index[t + ((e + 1) % 3)];
      const k = a < b ? `${a},${b}` : `${b},${a}`;
      count.set(k, (count.get(k) ?? 0) + 1);
    }
  return new Set([...count].filter(([, c]) => c === 1).map(([k]) => k));
}

for (const id of ['adult', 'child'] as const) {
  describe(`low detail of models/body-${id}.glb`, () => {
    let meshes: Mesh[];
    let full: Uint32Array[];
    let low: LowDetail;
    let height: number;
    beforeAll(async () => {
      const body = await readBodyFile(resolve(root, `models/body-${id}.glb`));
      meshes = zoneMeshes(body);
      full = meshes.map((m) => Uint32Array.from(m.geometry.getIndex()?.array ?? []));
      height = 0;
      for (let i = 1; i < body.positions.length; i += 3)
        height = Math.max(height, body.positions[i]);
      low = await createLowDetail(meshes);
    });

    it('saves at least a quarter of the triangles, and restores the full meshes', () => {
      const total = full.reduce((n, f) => n + f.length / 3, 0);
      expect(low.savedTriangles).toBeGreaterThan(total * 0.25);
      low.use();
      const drawn = meshes.reduce((n, m) => n + (m.geometry.getIndex()?.count ?? 0) / 3, 0);
      expect(drawn).toBe(total - low.savedTriangles);
      low.restore();
      meshes.forEach((m, i) => expect(m.geometry.getIndex()?.count).toBe(full[i].length));
    });

    it('keeps every point of the full surface within the error bound, and every zone border', () => {
      const bound = LOW_DETAIL_ERROR * (height / 1.7);
      low.use();
      try {
        let worst = 0;
        const hit: HitPointInfo = { point: new Vector3(), distance: 0, faceIndex: 0 };
        const p = new Vector3();
        meshes.forEach((m, i) => {
          const index = m.geometry.getIndex();
          if (!index || index.count === full[i].length) return;
          const g = new BufferGeometry();
          g.setAttribute('position', m.geometry.getAttribute('position'));
          g.setIndex(new BufferAttribute(Uint32Array.from(index.array), 1));
          const bvh = new MeshBVH(g);
          const pos = m.geometry.getAttribute('position');
          for (let v = 0; v < pos.count; v += 3) {
            p.fromBufferAttribute(pos, v);
            bvh.closestPointToPoint(p, hit);
            worst = Math.max(worst, hit.distance);
          }
          // the border (where the zone meets its neighbours) is the full mesh's border
          expect(boundaryEdges(index.array)).toEqual(boundaryEdges(full[i]));
        });
        // meshoptimizer bounds its own (quadric) error estimate; the true distance of the full
        // mesh's vertices from the reduced surface stays within twice that: a few millimetres, a pixel or two of the closest framing
        // at the lowest playback resolution
        expect(worst).toBeLessThan(bound * 2);
        expect(worst).toBeGreaterThan(0);
      } finally {
        low.restore();
      }
    });
  });
}
