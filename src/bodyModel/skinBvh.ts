/**
 * The whole-body skin BVH built in a worker (`skinBvh.worker.ts`) where the browser has one,
 * and made into a `MeshBVH` over the body's own positions here. Resolves null where no worker
 * can run or it fails: the caller then builds it on this thread, as before.
 */
import type { MeshBVH } from 'three-mesh-bvh';
import type { BodyData } from '../domain/body.ts';
import { skinBvhOf } from '../domain/skinBvhTransfer.ts';
import { lazyWorker } from './lazyWorker.ts';
import type { SkinBvhReply, SkinBvhRequest } from './skinBvh.worker.ts';

let nextId = 1;
const pending = new Map<number, (reply: SkinBvhReply | null) => void>();

const getWorker = lazyWorker<SkinBvhReply>(
  () => new Worker(new URL('./skinBvh.worker.ts', import.meta.url), { type: 'module' }),
  (reply) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  },
  () => {
    for (const done of pending.values()) done(null);
    pending.clear();
  },
);

/** The BVH of the whole body (indirect: `faceIndex` is the body's own triangle), or null. */
export async function skinBvhOffThread(body: BodyData): Promise<MeshBVH | null> {
  const w = getWorker();
  if (!w || body.indices.length === 0) return null;
  const id = nextId++;
  const request: SkinBvhRequest = {
    id,
    positions: body.positions.slice(),
    indices: body.indices.slice(),
  };
  const reply = await new Promise<SkinBvhReply | null>((resolve) => {
    pending.set(id, resolve);
    w.postMessage(request, [request.positions.buffer, request.indices.buffer]);
  });
  if (!reply?.ok) {
    if (reply) console.warn(`Footwork: the skin was not prepared in a worker (${reply.reason}).`);
    return null;
  }
  return skinBvhOf(body, reply.bvh);
}
