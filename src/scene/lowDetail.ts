import { BufferAttribute, type Mesh } from 'three';

/** Triangles a mesh needs before a low-detail version is worth making. */
const MIN_TRIANGLES = 300;

export interface LowDetail {
  /** Draws every mesh with its reduced index buffer (same vertices, so morphs still apply). */
  use: () => void;
  /** Back to the full meshes. */
  restore: () => void;
  /** Triangles saved when in use. */
  readonly savedTriangles: number;
}

/**
 * Low-detail versions of the densest zone meshes (the feet), for animation under software
 * rendering, where triangles rather than pixels set the frame time. Only the index buffer is
 * simplified (meshoptimizer, borders locked so neighbouring zones still meet), so vertices,
 * normals and morph targets are shared with the full mesh. Loaded on demand.
 */
export async function createLowDetail(meshes: readonly Mesh[], keep = 0.2): Promise<LowDetail> {
  const { MeshoptSimplifier } = await import('meshoptimizer/simplifier');
  await MeshoptSimplifier.ready;
  const swaps: { mesh: Mesh; full: BufferAttribute; low: BufferAttribute }[] = [];
  let saved = 0;
  for (const mesh of meshes) {
    const geometry = mesh.geometry;
    const index = geometry.getIndex();
    const position = geometry.getAttribute('position');
    if (!index || index.count / 3 < MIN_TRIANGLES) continue;
    const positions = new Float32Array(position.count * 3);
    for (let i = 0; i < position.count; i++) {
      positions[i * 3] = position.getX(i);
      positions[i * 3 + 1] = position.getY(i);
      positions[i * 3 + 2] = position.getZ(i);
    }
    const indices = Uint32Array.from({ length: index.count }, (_, i) => index.getX(i));
    const target = Math.floor((index.count * keep) / 3) * 3;
    const [low] = MeshoptSimplifier.simplify(indices, positions, 3, target, 0.05, ['LockBorder']);
    if (low.length >= index.count * 0.9) continue;
    swaps.push({ mesh, full: index, low: new BufferAttribute(low, 1) });
    saved += (index.count - low.length) / 3;
  }
  return {
    use: () => {
      for (const s of swaps) s.mesh.geometry.setIndex(s.low);
    },
    restore: () => {
      for (const s of swaps) s.mesh.geometry.setIndex(s.full);
    },
    savedTriangles: saved,
  };
}
