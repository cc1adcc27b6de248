import { useLoader } from '@react-three/fiber';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { bodyDataFromGltf } from '../bodyModel/bodyDataFromGltf.ts';
import { MODEL_URLS, type BodyKind } from '../bodyModel/modelUrls.ts';
import type { BodyData } from '../domain/body.ts';
import type { Bounds } from '../domain/views.ts';

const withMeshopt = (loader: GLTFLoader) => {
  loader.setMeshoptDecoder(MeshoptDecoder);
};

/** The body's glTF (suspends while loading; cached per kind). */
export function useBodyModel(kind: BodyKind): GLTF {
  return useLoader(GLTFLoader, MODEL_URLS[kind], withMeshopt);
}

/** Forgets a model that failed to load so that a retry fetches it again. */
export function clearBodyModel(kind: BodyKind): void {
  useLoader.clear(GLTFLoader, MODEL_URLS[kind]);
}

const bodyCache = new WeakMap<GLTF, { body: BodyData; bounds: Bounds }>();

/** The model as plain data (once per loaded glTF) and its standing bounds. */
export function bodyOf(gltf: GLTF): { body: BodyData; bounds: Bounds } {
  let entry = bodyCache.get(gltf);
  if (!entry) {
    const body = bodyDataFromGltf(gltf);
    const min: [number, number, number] = [Infinity, Infinity, Infinity];
    const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
    body.positions.forEach((v, i) => {
      const k = i % 3;
      min[k] = Math.min(min[k], v);
      max[k] = Math.max(max[k], v);
    });
    entry = { body, bounds: { min, max } };
    bodyCache.set(gltf, entry);
  }
  return entry;
}
