import type { Mesh } from 'three';

/**
 * Speeds up pointer picking with a bounding volume hierarchy per zone mesh (three-mesh-bvh).
 * Loaded after the first frame so the library is not part of the first view's JavaScript;
 * until then three.js's plain raycast picks the same zones, only slower.
 */
export async function enableFastPicking(meshes: readonly Mesh[]): Promise<() => void> {
  const { acceleratedRaycast, computeBoundsTree, disposeBoundsTree } =
    await import('three-mesh-bvh');
  const restored: (() => void)[] = [];
  for (const mesh of meshes) {
    const geometry = mesh.geometry;
    geometry.computeBoundsTree = computeBoundsTree;
    geometry.disposeBoundsTree = disposeBoundsTree;
    geometry.computeBoundsTree();
    mesh.raycast = acceleratedRaycast;
    restored.push(() => {
      // Dropping the own property restores Mesh.prototype.raycast.
      Reflect.deleteProperty(mesh, 'raycast');
      geometry.disposeBoundsTree();
    });
  }
  return () => {
    for (const r of restored) r();
  };
}
