import { use } from 'react';
import type { GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { bodyGltf, forgetBodyGltf } from '../bodyModel/loadBody.ts';
import type { BodyKind } from '../bodyModel/modelUrls.ts';

/** The body's glTF (suspends while loading; one load per kind for the page). */
export function useBodyModel(kind: BodyKind): GLTF {
  return use(bodyGltf(kind));
}

/** Forgets a model that failed to load so that a retry fetches it again. */
export function clearBodyModel(kind: BodyKind): void {
  forgetBodyGltf(kind);
}
