import type { Mesh } from 'three';

/** Lets the browser handle input and draw before the next piece of work (a new task). */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Speeds up pointer picking with a bounding volume hierarchy per zone mesh (three-mesh-bvh).
 * Loaded after the first frame so the library is not part of the first view's JavaScript;
 * until then three.js's plain raycast picks the same zones, only slower. One mesh per task, so
 * that the main thread is never held for all of them at once.
 */
export async function enableFastPicking(meshes: readonly Mesh[]): Promise<() => void> {
  const { acceleratedRaycast, computeBoundsTree, disposeBoundsTree } =
    await import('three-mesh-bvh');
  const restored: (() => void)[] = [];
  for (const mesh of meshes) {
    await nextTask();
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
