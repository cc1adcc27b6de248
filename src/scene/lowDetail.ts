import { Box3, BufferAttribute, Vector3, type Mesh } from 'three';

/** Triangles a mesh needs before a low-detail version is worth making. */
const MIN_TRIANGLES = 300;
/** A low-detail version that saves less than this share of a mesh's triangles is not used. */
const MIN_SAVING = 0.15;

/**
 * Largest distance (metres, for a body 1.7 m tall; scaled with the body) by which the low-detail
 * surface may leave the full one: about one drawn pixel of the closest framing (a foot, or a
 * seated leg with the foot across the knee, ~0.5 m from the camera) at the lowest pixel ratio
 * that playback uses on a software renderer, so silhouettes stay smooth where they are drawn.
 * The normals stay the full mesh's (only the index buffer is reduced), so the shading does not
 * turn faceted. The full mesh is already simplified at 0.14–0.5 mm when the model is built.
 */
export const LOW_DETAIL_ERROR = 0.0012;

export interface LowDetail {
  /** Draws every mesh with its reduced index buffer (same vertices, so morphs still apply). */
  use: () => void;
  /** Back to the full meshes. */
  restore: () => void;
  /** Triangles saved when in use. */
  readonly savedTriangles: number;
}

interface Simplifier {
  simplify(
    indices: Uint32Array,
    positions: Float32Array,
    stride: number,
    target: number,
    error: number,
    flags?: ('LockBorder' | 'Sparse' | 'ErrorAbsolute' | 'Prune' | 'Regularize' | 'Permissive')[],
  ): [Uint32Array, number];
}

/**
 * The reduced index buffer of one zone mesh: as few triangles as keep the surface within `error`
 * (absolute, metres) of the full one, with the border locked so neighbouring zones still meet.
 * Error-bounded rather than a share of the triangles, so flat parts lose many and curved ones
 * (toe tips, heel, silhouettes of the legs) few.
 */
export function lowDetailIndices(
  simplifier: Simplifier,
  positions: Float32Array,
  indices: Uint32Array,
  error: number,
): Uint32Array {
  const [low] = simplifier.simplify(indices, positions, 3, 0, error, [
    'LockBorder',
    'ErrorAbsolute',
  ]);
  return low;
}

/**
 * Low-detail versions of the zone meshes, for animation under software rendering, where triangles
 * rather than pixels set the frame time. Only the index buffer is simplified, so vertices, normals,
 * colours and morph targets are shared with the full mesh. The error bound scales with the body's
 * size (its longest extent, standing or lying) unless `errorMetres` gives it (the hands, which are
 * small beside the body they sit on, keep the body's bound). Loaded on demand.
 */
export async function createLowDetail(
  meshes: readonly Mesh[],
  errorMetres?: number,
): Promise<LowDetail> {
  const { MeshoptSimplifier } = await import('meshoptimizer/simplifier');
  await MeshoptSimplifier.ready;
  const box = new Box3();
  for (const mesh of meshes) box.expandByObject(mesh);
  const size = box.getSize(new Vector3());
  const error = errorMetres ?? LOW_DETAIL_ERROR * (Math.max(size.x, size.y, size.z) / 1.7);
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
    // positions are in the mesh's own (quantised) units: the error bound is in metres
    mesh.updateWorldMatrix(true, false);
    const scale = mesh.matrixWorld.getMaxScaleOnAxis() || 1;
    const low = lowDetailIndices(MeshoptSimplifier, positions, indices, error / scale);
    if (low.length > index.count * (1 - MIN_SAVING)) continue;
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
