import { use, useEffect, useState } from 'react';
import type { GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { bodyGltf, forgetBodyGltf } from '../bodyModel/loadBody.ts';
import type { BodyKind } from '../bodyModel/modelUrls.ts';

/** A promise as React's `use` reads it (settled status on the object). */
type Tracked<T> = Promise<T> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: T };

const quiet = new WeakMap<Promise<GLTF>, Tracked<GLTF>>();

/**
 * The load as the canvas reads it: the same value, but a failure never settles. Inside the canvas
 * React Three Fiber reports every error, even one an error boundary catches, as an uncaught page
 * error (`reportError`); so a failed load is thrown outside the canvas instead
 * (`useBodyModelFailure`), where the viewer's error boundary shows it.
 */
function quietLoad(kind: BodyKind): Promise<GLTF> {
  const load = bodyGltf(kind);
  let out = quiet.get(load);
  if (!out) {
    const tracked: Tracked<GLTF> = load.then(
      (gltf) => {
        tracked.status = 'fulfilled';
        tracked.value = gltf;
        return gltf;
      },
      () => new Promise<GLTF>(() => undefined),
    );
    tracked.status = 'pending';
    out = tracked;
    quiet.set(load, out);
  }
  return out;
}

/** The body's glTF inside the canvas (suspends while loading; one load per kind for the page). */
export function useBodyModel(kind: BodyKind): GLTF {
  return use(quietLoad(kind));
}

/**
 * Outside the canvas: throws the model's load failure during render, for the error boundary
 * around the viewer to show (the canvas itself waits; see `quietLoad`).
 */
export function useBodyModelFailure(kind: BodyKind): void {
  const [failure, setFailure] = useState<{ kind: BodyKind; error: Error } | null>(null);
  useEffect(() => {
    let live = true;
    bodyGltf(kind).catch((e: unknown) => {
      if (live) setFailure({ kind, error: e instanceof Error ? e : new Error(String(e)) });
    });
    return () => {
      live = false;
    };
  }, [kind]);
  if (failure?.kind === kind) throw failure.error;
}

/** Forgets a model that failed to load so that a retry fetches it again. */
export function clearBodyModel(kind: BodyKind): void {
  forgetBodyGltf(kind);
}
