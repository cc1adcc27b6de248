import { useLoader } from '@react-three/fiber';
import { useMemo } from 'react';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import type { BodyData, MorphTarget } from '../domain/body.ts';
import { applyMorphs, createSkinProjector, type SkinProjector } from '../domain/projectToSkin.ts';
import type { Bounds } from '../domain/views.ts';
import { bodyDataFromGltf } from './bodyDataFromGltf.ts';
import { MODEL_URLS, type BodyKind } from './modelUrls.ts';

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
    for (let i = 0; i < body.positions.length; i += 3) {
      for (let k = 0; k < 3; k++) {
        const v = body.positions[i + k] ?? 0;
        if (v < min[k]!) min[k] = v;
        if (v > max[k]!) max[k] = v;
      }
    }
    entry = { body, bounds: { min, max } };
    bodyCache.set(gltf, entry);
  }
  return entry;
}

/**
 * The skin of the body as shown (morphs applied), for projecting paths: rebuilt only when the
 * morph weights change (rounded to 0.05 so a dragged slider does not rebuild on every pixel).
 */
export function useSkin(gltf: GLTF, weights: Partial<Record<MorphTarget, number>>): { body: BodyData; skin: SkinProjector } {
  const key = Object.entries(weights)
    .map(([k, v]) => `${k}:${(Math.round((v ?? 0) * 20) / 20).toFixed(2)}`)
    .sort()
    .join(',');
  return useMemo(() => {
    const rounded: Partial<Record<MorphTarget, number>> = {};
    for (const part of key.split(',').filter(Boolean)) {
      const [k, v] = part.split(':');
      if (k) rounded[k as MorphTarget] = Number(v);
    }
    const body = applyMorphs(bodyOf(gltf).body, rounded);
    return { body, skin: createSkinProjector(body) };
  }, [gltf, key]);
}
