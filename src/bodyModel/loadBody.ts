/**
 * The body models, loaded once per kind for the whole page: the first frame, the 3D view, the
 * text mode's sketches and the step motion all read the same parsed glTF through here (one
 * loader, one fetch, one parse). A failed load is forgotten so that a retry fetches again.
 */
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { BodyData } from '../domain/body.ts';
import type { Bounds } from '../domain/views.ts';
import { bodyDataFromGltf } from './bodyDataFromGltf.ts';
import { MODEL_URLS, type BodyKind } from './modelUrls.ts';

/** A promise that React's `use` reads without suspending again once it has settled. */
type Tracked<T> = Promise<T> & {
  status?: 'pending' | 'fulfilled' | 'rejected';
  value?: T;
  reason?: unknown;
};

const loads = new Map<BodyKind, Tracked<GLTF>>();

/**
 * The load of a body kind, as the page has it: started on first use, then the same promise,
 * settled or not (a failed load stays failed until `forgetBodyGltf`). What React's `use` reads:
 * a failure must reach the error boundary, not start a new load on every render.
 */
export function bodyGltf(kind: BodyKind): Promise<GLTF> {
  let load = loads.get(kind);
  if (!load) {
    const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
    const url = MODEL_URLS[kind];
    // The message names the file, as `describeViewerError` expects.
    const tracked: Tracked<GLTF> = loader.loadAsync(url).catch((e: unknown) => {
      throw new Error(`Could not load ${url}: ${e instanceof Error ? e.message : String(e)}`);
    });
    tracked.status = 'pending';
    tracked.then(
      (gltf) => {
        tracked.status = 'fulfilled';
        tracked.value = gltf;
      },
      (e: unknown) => {
        tracked.status = 'rejected';
        tracked.reason = e;
      },
    );
    load = tracked;
    loads.set(kind, load);
  }
  return load;
}

/** The parsed glTF of a body kind for code outside React: a failed load is tried again. */
export function loadBodyGltf(kind: BodyKind): Promise<GLTF> {
  if (loads.get(kind)?.status === 'rejected') loads.delete(kind);
  return bodyGltf(kind);
}

/** Forgets a model (after a failed load, before a retry). */
export function forgetBodyGltf(kind: BodyKind): void {
  loads.delete(kind);
}

const bodyCache = new WeakMap<GLTF, { body: BodyData; bounds: Bounds }>();

/** The model as plain data (once per loaded glTF) and its standing bounds. */
export function bodyOf(gltf: GLTF): { body: BodyData; bounds: Bounds } {
  let entry = bodyCache.get(gltf);
  if (!entry) {
    const body = bodyDataFromGltf(gltf);
    entry = { body, bounds: positionBounds(body.positions) };
    bodyCache.set(gltf, entry);
  }
  return entry;
}

function positionBounds(positions: Float32Array): Bounds {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const v = positions[i + k] ?? 0;
      if (v < (min[k] ?? 0)) min[k] = v;
      if (v > (max[k] ?? 0)) max[k] = v;
    }
  }
  return { min, max };
}
