/**
 * The merged body drawn while a step plays on a software renderer (src/scene/playBody.ts): every
 * zone's triangles are kept and stay that zone's, in place, on the real model; and the merged
 * meshes follow what the app does to the zone meshes (a repaint, hiding, a morph) and go away.
 */
import { resolve } from 'node:path';
import {
  BufferAttribute,
  BufferGeometry,
  Group,
  Matrix4,
  Mesh,
  MeshLambertMaterial,
  PerspectiveCamera,
  Vector3,
  type Material,
} from 'three';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { createLowDetail } from '../../src/scene/lowDetail.ts';
import {
  createPlayBody,
  mergeParts,
  morphedPositions,
  trianglesInView,
} from '../../src/scene/playBody.ts';
import { zoneMeshes } from './zoneMeshes.ts';

const root = resolve(import.meta.dirname, '../..');

/** The three corners of triangle `t` of an indexed triangle list, rounded to 0.1 mm, as a key. */
function corners(position: ArrayLike<number>, index: ArrayLike<number>, t: number): string {
  const out: string[] = [];
  for (let c = 0; c < 3; c++) {
    const v = index[t * 3 + c] ?? 0;
    out.push([0, 1, 2].map((k) => Math.round((position[v * 3 + k] ?? 0) * 1e4)).join(','));
  }
  return out.join('|');
}

describe('mergeParts', () => {
  it('keeps each part’s triangles, in the common frame, with the part they came from', () => {
    // a quad (two triangles) with an unused vertex, and one triangle moved by its frame
    const a = {
      position: new Float32Array([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 9, 9, 9]),
      normal: new Float32Array([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]),
      color: new Float32Array(15).fill(0.5),
      index: [0, 1, 2, 0, 2, 3],
      matrix: new Matrix4().elements,
    };
    const b = {
      position: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]),
      normal: new Float32Array([1, 0, 0, 1, 0, 0, 1, 0, 0]),
      color: null,
      index: [0, 1, 2],
      matrix: new Matrix4().makeRotationZ(Math.PI / 2).setPosition(10, 0, 0).elements,
    };
    const m = mergeParts([a, b]);
    expect([...m.triangleParts]).toEqual([0, 0, 1]);
    expect(m.index.length).toBe(9);
    // the unused vertex (9, 9, 9) is dropped: 4 + 3 vertices
    expect(m.position.length).toBe(7 * 3);
    expect(corners(m.position, m.index, 0)).toBe(corners(a.position, a.index, 0));
    expect(corners(m.position, m.index, 1)).toBe(corners(a.position, a.index, 1));
    // b's frame turns x into y and moves it 10 m along x; its normal turns with it
    expect(corners(m.position, m.index, 2)).toBe(
      corners([10, 0, 0, 10, 1, 0, 9, 0, 0], [0, 1, 2], 0),
    );
    const n = new Vector3().fromArray(m.normal, m.index[6] * 3);
    expect(n.x).toBeCloseTo(0);
    expect(n.y).toBeCloseTo(1);
    expect([...m.color.subarray(0, 3)]).toEqual([0.5, 0.5, 0.5]);
    // no colour: white, so the paint shows as it is
    expect([...m.color.subarray(4 * 3, 5 * 3)]).toEqual([1, 1, 1]);
  });
});

describe('trianglesInView', () => {
  it('keeps the triangles in view and facing the camera, and drops the rest', () => {
    const camera = new PerspectiveCamera(40, 1, 0.01, 10);
    camera.position.set(0, 0, 2);
    camera.lookAt(0, 0, 0);
    camera.updateMatrixWorld();
    const clip = camera.projectionMatrix.clone().multiply(camera.matrixWorldInverse);
    // 0: facing the camera; 1: the same, wound the other way (its back); 2: far off to the right;
    // 3: behind the camera; 4: crossing the camera plane; 5: partly in view
    const position = new Float32Array([
      ...[0, 0, 0, 0.1, 0, 0, 0, 0.1, 0],
      ...[5, 0, 0, 5.1, 0, 0, 5, 0.1, 0],
      ...[0, 0, 3, 0.1, 0, 3, 0, 0.1, 3],
      ...[0, 0, 1, 0.1, 0, 3, 0, 0.1, 1],
      ...[0.6, 0, 0, 3, 0, 0, 0.6, 0.1, 0],
    ]);
    const index = Uint32Array.from([0, 1, 2, 0, 2, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect([...trianglesInView(position, index, clip)]).toEqual([0, 1, 2, 9, 10, 11, 12, 13, 14]);
  });
});

describe('morphedPositions', () => {
  it('adds the relative morph offsets with their influences, as the GPU does', () => {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(new Float32Array([0, 0, 0, 1, 0, 0]), 3));
    g.morphAttributes.position = [
      new BufferAttribute(new Float32Array([0, 1, 0, 0, 1, 0]), 3),
      new BufferAttribute(new Float32Array([0, 0, 2, 0, 0, 0]), 3),
    ];
    g.morphTargetsRelative = true;
    const mesh = new Mesh(g);
    mesh.morphTargetInfluences = [0.5, 0.25];
    expect([...morphedPositions(mesh)]).toEqual([0, 0.5, 0.5, 1, 0.5, 0]);
  });
});

for (const id of ['adult', 'child'] as const) {
  describe(`the merged body of models/body-${id}.glb while playing`, () => {
    let meshes: Mesh[];
    let parent: Group;
    beforeAll(async () => {
      meshes = zoneMeshes(await readBodyFile(resolve(root, `models/body-${id}.glb`)), true);
      parent = new Group();
      parent.position.set(0.2, 0, -0.1);
      parent.add(...meshes);
      const low = await createLowDetail(meshes);
      low.use();
    });

    it('keeps every zone’s low-detail triangles, in place, and that zone’s id', () => {
      const glow = new MeshLambertMaterial();
      const skin = meshes[0]?.material as Material;
      meshes.forEach((m, i) => (m.material = i % 7 === 3 ? glow : skin));
      const expected = new Map<Material, Set<string>>();
      for (const m of meshes) {
        const p = m.geometry.getAttribute('position').array;
        const index = m.geometry.getIndex()?.array ?? [];
        const set = expected.get(m.material === glow ? glow : skin) ?? new Set<string>();
        for (let t = 0; t < index.length / 3; t++) set.add(corners(p, index, t));
        expected.set(m.material === glow ? glow : skin, set);
      }
      const play = createPlayBody(meshes, () => null);
      play.use();
      try {
        const merged = parent.children.filter((c): c is Mesh => c.name === 'play-body');
        // one draw per paint instead of one per zone
        expect(merged.length).toBe(2);
        expect(play.drawCalls()).toBe(2);
        for (const m of meshes) expect(m.material).not.toBe(skin);
        const triangles = (list: readonly Mesh[]) =>
          list.reduce((n, m) => n + (m.geometry.getIndex()?.count ?? 0) / 3, 0);
        expect(triangles(merged)).toBe(triangles(meshes));
        for (const mm of merged) {
          const p = mm.geometry.getAttribute('position').array;
          const index = mm.geometry.getIndex()?.array ?? [];
          const want = expected.get(mm.material as Material);
          expect(want).toBeDefined();
          const got = new Set<string>();
          for (let t = 0; t < index.length / 3; t++) got.add(corners(p, index, t));
          // the merged mesh sits under the same parent: the same triangles, same place
          expect(got).toEqual(want);
        }
      } finally {
        play.restore();
      }
      expect(parent.children.some((c) => c.name === 'play-body')).toBe(false);
      meshes.forEach((m, i) => expect(m.material).toBe(i % 7 === 3 ? glow : skin));
    });

    it('follows a repaint, a hidden leg and a morphing mesh on the next frame', () => {
      const skin = new MeshLambertMaterial();
      const hatch = new MeshLambertMaterial();
      for (const m of meshes) m.material = skin;
      const play = createPlayBody(meshes, () => null);
      play.use();
      try {
        expect(play.drawCalls()).toBe(1);
        const [first, second, third] = meshes as [Mesh, Mesh, Mesh];
        // the app paints one zone hatched: two draws, the zone mesh itself still not drawn
        first.material = hatch;
        play.update();
        expect(play.drawCalls()).toBe(2);
        expect(first.material).not.toBe(hatch);
        // hiding a zone (the other leg for a medial view) leaves it out of the merged mesh
        const before = parent.children
          .filter((c): c is Mesh => c.name === 'play-body')
          .reduce((n, c) => n + (c.geometry.getIndex()?.count ?? 0), 0);
        second.visible = false;
        play.update();
        const after = parent.children
          .filter((c): c is Mesh => c.name === 'play-body')
          .reduce((n, c) => n + (c.geometry.getIndex()?.count ?? 0), 0);
        expect(before - after).toBe(second.geometry.getIndex()?.count);
        // a mesh whose positions change every frame is drawn on its own with its paint
        third.geometry.getAttribute('position').needsUpdate = true;
        play.update();
        expect(third.material).toBe(skin);
        expect(play.drawCalls()).toBe(3);
      } finally {
        play.restore();
        if (meshes[1]) meshes[1].visible = true;
      }
      expect(meshes[0]?.material).toBe(hatch);
    });
  });
}

describe('the merged body and the camera', () => {
  it('cuts the body for the camera, draws the zone meshes while it moves, and cuts again', () => {
    const camera = new PerspectiveCamera(40, 1, 0.01, 10);
    camera.position.set(0, 0, 2);
    camera.lookAt(0, 0, 0);
    const parent = new Group();
    const skin = new MeshLambertMaterial();
    // two quads, one in view, one far to the side
    const quad = (x: number) => {
      const g = new BufferGeometry();
      g.setAttribute(
        'position',
        new BufferAttribute(
          new Float32Array([x, 0, 0, x + 0.1, 0, 0, x + 0.1, 0.1, 0, x, 0.1, 0]),
          3,
        ),
      );
      g.setIndex([0, 1, 2, 0, 2, 3]);
      return new Mesh(g, skin);
    };
    const meshes = [quad(0), quad(6)];
    parent.add(...meshes);
    const play = createPlayBody(meshes, () => camera);
    const drawn = () =>
      parent.children
        .filter((c): c is Mesh => c.name === 'play-body')
        .reduce((n, c) => n + (c.geometry.getIndex()?.count ?? 0) / 3, 0);
    play.use();
    expect(drawn()).toBe(2);
    expect(meshes[0]?.material).not.toBe(skin);
    camera.position.set(6, 0, 2);
    camera.lookAt(6, 0, 0);
    play.update();
    // moving: the zone meshes themselves, with their paint
    expect(drawn()).toBe(0);
    expect(meshes.every((m) => m.material === skin)).toBe(true);
    for (let i = 0; i < 10; i++) play.update();
    // still again: cut for where it looks now (the other quad)
    expect(drawn()).toBe(2);
    const merged = parent.children.find((c): c is Mesh => c.name === 'play-body');
    const x =
      merged?.geometry.getAttribute('position').getX(merged.geometry.getIndex()?.getX(0) ?? 0) ?? 0;
    expect(x).toBeGreaterThan(5);
    play.restore();
    expect(meshes.every((m) => m.material === skin)).toBe(true);
    expect(drawn()).toBe(0);
  });
});
