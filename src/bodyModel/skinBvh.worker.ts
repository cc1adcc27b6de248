/**
 * Builds the skin's bounding volume hierarchy off the main thread: over the whole body it is
 * a task of a few hundred milliseconds on a slow phone, which would block taps while a protocol
 * opens. The same three-mesh-bvh build the main thread would run, returned serialized.
 */
import type { SerializedBVH } from 'three-mesh-bvh';
import { buildSkinBvh } from '../domain/skinBvhTransfer.ts';

export interface SkinBvhRequest {
  readonly id: number;
  readonly positions: Float32Array;
  readonly indices: Uint32Array;
}

export type SkinBvhReply =
  | { readonly id: number; readonly ok: true; readonly bvh: SerializedBVH }
  | { readonly id: number; readonly ok: false; readonly reason: string };

interface WorkerScope {
  postMessage: (m: SkinBvhReply, transfer: Transferable[]) => void;
}

self.onmessage = (event: MessageEvent<SkinBvhRequest>) => {
  const { id, positions, indices } = event.data;
  const scope = self as unknown as WorkerScope;
  try {
    const { bvh, transfer } = buildSkinBvh(positions, indices);
    scope.postMessage({ id, ok: true, bvh }, transfer);
  } catch (e) {
    scope.postMessage({ id, ok: false, reason: e instanceof Error ? e.message : String(e) }, []);
  }
};
