/** Zone meshes built from a body's data the way the app splits the model, for tests in Node. */
import { BufferAttribute, BufferGeometry, Mesh, MeshLambertMaterial } from 'three';
import type { BodyData } from '../../src/domain/body.ts';

/**
 * One three.js mesh per zone part, in metres (as the app sees them after the node transform).
 * With `shaded`, each also has vertex normals, a light vertex colour and a Lambert material, as
 * the app's drawn zone meshes do.
 */
export function zoneMeshes(body: BodyData, shaded = false): Mesh[] {
  return body.parts.map((_, pi) => {
    const tris: number[] = [];
    for (let t = 0; t < body.triangleParts.length; t++)
      if (body.triangleParts[t] === pi)
        tris.push(body.indices[t * 3], body.indices[t * 3 + 1], body.indices[t * 3 + 2]);
    const used = [...new Set(tris)].sort((a, b) => a - b);
    const local = new Map(used.map((v, i) => [v, i]));
    const pos = new Float32Array(used.length * 3);
    used.forEach((v, i) => pos.set(body.positions.subarray(v * 3, v * 3 + 3), i * 3));
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(pos, 3));
    g.setIndex(new BufferAttribute(Uint32Array.from(tris.map((v) => local.get(v) ?? 0)), 1));
    if (!shaded) return new Mesh(g);
    g.computeVertexNormals();
    g.setAttribute('color', new BufferAttribute(new Float32Array(used.length * 3).fill(0.9), 3));
    return new Mesh(g, new MeshLambertMaterial());
  });
}
