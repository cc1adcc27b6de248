import { Mesh, type BufferGeometry, type Object3D } from 'three';

/**
 * Runs `draw` with the morph targets of `root`'s meshes set aside where every weight is zero,
 * then puts them back. Such a mesh looks the same without them, and three.js then draws it with
 * the plain skin program: a morphed mesh needs its own shader variant (one per morph count) and a
 * texture of its targets, which on a software renderer cost hundreds of milliseconds of the first
 * frame for nothing.
 */
export function withoutIdleMorphs<T>(root: Object3D, draw: () => T): T {
  const aside: {
    mesh: Mesh;
    geometry: BufferGeometry;
    attributes: BufferGeometry['morphAttributes'];
    influences: number[];
  }[] = [];
  root.traverse((o) => {
    if (!(o instanceof Mesh)) return;
    const mesh = o as Mesh;
    const influences = mesh.morphTargetInfluences;
    const attributes = mesh.geometry.morphAttributes;
    if (!influences || Object.keys(attributes).length === 0) return;
    if (influences.some((w) => w !== 0)) return;
    aside.push({ mesh, geometry: mesh.geometry, attributes, influences });
    mesh.geometry.morphAttributes = {};
    mesh.morphTargetInfluences = undefined;
  });
  try {
    return draw();
  } finally {
    for (const a of aside) {
      a.geometry.morphAttributes = a.attributes;
      a.mesh.morphTargetInfluences = a.influences;
    }
  }
}
