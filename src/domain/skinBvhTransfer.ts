/**
 * The whole-body skin BVH as it crosses to and from a worker: built over copies of the body's
 * positions and triangles there, serialized without its index (an indirect BVH keeps the
 * triangles in the body's order), and made into a `MeshBVH` over the body's own arrays here.
 * Pure three + three-mesh-bvh: runs in Node for the tests, in a worker and on the page.
 */
import { BufferAttribute, BufferGeometry } from 'three';
import { MeshBVH, type SerializedBVH } from 'three-mesh-bvh';
import type { BodyData } from './body.ts';

/** A serialized skin BVH and the buffers to transfer with it. */
export interface SkinBvhPayload {
  readonly bvh: SerializedBVH;
  readonly transfer: ArrayBuffer[];
}

function geometryFor(positions: Float32Array, indices: Uint32Array): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(positions, 3));
  g.setIndex(new BufferAttribute(indices, 1));
  return g;
}

/** Builds the BVH over `positions` and `indices` (taken over: pass copies) and serializes it. */
export function buildSkinBvh(positions: Float32Array, indices: Uint32Array): SkinBvhPayload {
  const bvh = MeshBVH.serialize(new MeshBVH(geometryFor(positions, indices), { indirect: true }), {
    cloneBuffers: false,
  });
  const transfer: ArrayBuffer[] = [...bvh.roots];
  if (bvh.indirectBuffer) transfer.push(bvh.indirectBuffer.buffer as ArrayBuffer);
  // The index is not sent back: the page keeps the body's own (an indirect BVH leaves it as is).
  bvh.index = null;
  return { bvh, transfer };
}

/** The BVH of `body` from what `buildSkinBvh` made over copies of its arrays. */
export function skinBvhOf(body: BodyData, bvh: SerializedBVH): MeshBVH {
  return MeshBVH.deserialize(bvh, geometryFor(body.positions, body.indices.slice()), {
    setIndex: false,
  });
}
