/**
 * The whole-body skin BVH built in a worker (`skinBvh.worker.ts`) where the browser has one,
 * and made into a `MeshBVH` over the body's own positions here. Resolves null where no worker
 * can run or it fails: the caller then builds it on this thread, as before.
 */
import type { MeshBVH } from 'three-mesh-bvh';
import type { BodyData } from '../domain/body.ts';
import { skinBvhOf } from '../domain/skinBvhTransfer.ts';
import type { SkinBvhReply, SkinBvhRequest } from './skinBvh.worker.ts';

let worker: Worker | null = null;
let failed = false;
let nextId = 1;
const pending = new Map<number, (reply: SkinBvhReply | null) => void>();

function getWorker(): Worker | null {
  if (failed || typeof Worker === 'undefined') return null;
  if (!worker) {
    try {
      worker = new Worker(new URL('./skinBvh.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<SkinBvhReply>) => {
        pending.get(e.data.id)?.(e.data);
        pending.delete(e.data.id);
      };
      worker.onerror = () => {
        failed = true;
        for (const done of pending.values()) done(null);
        pending.clear();
        worker?.terminate();
        worker = null;
      };
    } catch {
      failed = true;
      return null;
    }
  }
  return worker;
}

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
