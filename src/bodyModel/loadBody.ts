/**
 * The body models, loaded once per kind for the whole page: the first frame, the 3D view, the
 * text mode's sketches and the step motion all read the same parsed glTF through here (one
 * fetch, one parse). The download is streamed, so its progress in bytes is known
 * (`modelLoad`, `subscribeModelLoad`), and it gives up when nothing arrives for
 * `MODEL_STALL_MS`. A failed load is forgotten so that a retry fetches again.
 */
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { BodyData } from '../domain/body.ts';
import type { Bounds } from '../domain/views.ts';
import { bodyDataFromGltf } from './bodyDataFromGltf.ts';
import { fetchBytes } from './fetchBytes.ts';
import { MODEL_URLS, type BodyKind } from './modelUrls.ts';

/** A download that delivers nothing for this long is given up (and can be retried). */
export const MODEL_STALL_MS = 10_000;

/** Where the load of a body kind stands, for the progress bar and the error message. */
export interface ModelLoad {
  readonly status: 'idle' | 'loading' | 'loaded' | 'failed';
  /** Bytes received so far, and expected (null when the server did not say). */
  readonly loaded: number;
  readonly total: number | null;
  /** Why it failed (`Could not load <url>: <reason>`), when it did. */
  readonly error: Error | null;
}

const IDLE: ModelLoad = { status: 'idle', loaded: 0, total: null, error: null };
const states = new Map<BodyKind, ModelLoad>();
const listeners = new Set<() => void>();

function publish(kind: BodyKind, state: ModelLoad): void {
  states.set(kind, state);
  for (const l of listeners) l();
}

/** The load of a body kind as it stands (the same object until it changes). */
export function modelLoad(kind: BodyKind): ModelLoad {
  return states.get(kind) ?? IDLE;
}

/** Calls `listener` whenever the load of any body kind changes; returns the unsubscribe. */
export function subscribeModelLoad(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function fetchAndParse(kind: BodyKind, url: string): Promise<GLTF> {
  publish(kind, { ...IDLE, status: 'loading' });
  const bytes = await fetchBytes(url, {
    stallMs: MODEL_STALL_MS,
    onProgress: ({ loaded, total }) =>
      publish(kind, { status: 'loading', loaded, total, error: null }),
  });
  const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
  return loader.parseAsync(bytes, url.slice(0, url.lastIndexOf('/') + 1));
}

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
    const url = MODEL_URLS[kind];
    // The message names the file, as `describeViewerError` expects.
    const tracked: Tracked<GLTF> = fetchAndParse(kind, url).catch((e: unknown) => {
      throw new Error(`Could not load ${url}: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    });
    tracked.status = 'pending';
    tracked.then(
      (gltf) => {
        tracked.status = 'fulfilled';
        tracked.value = gltf;
        if (loads.get(kind) === tracked) publish(kind, { ...modelLoad(kind), status: 'loaded' });
      },
      (e: unknown) => {
        tracked.status = 'rejected';
        tracked.reason = e;
        if (loads.get(kind) === tracked)
          publish(kind, {
            ...modelLoad(kind),
            status: 'failed',
            error: e instanceof Error ? e : new Error(String(e)),
          });
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
  publish(kind, IDLE);
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
