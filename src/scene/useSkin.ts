import { useMemo } from 'react';
import type { GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { BodyData, MorphTarget } from '../domain/body.ts';
import { applyMorphs, createSkinProjector, type SkinProjector } from '../domain/projectToSkin.ts';
import { bodyOf } from './useBodyModel.ts';

/**
 * The skin of the body as shown (morphs applied), for projecting paths: rebuilt only when the
 * morph weights change (rounded to 0.05 so a dragged slider does not rebuild on every pixel).
 */
export function useSkin(
  gltf: GLTF,
  weights: Partial<Record<MorphTarget, number>>,
): { body: BodyData; skin: SkinProjector } {
  const key = Object.entries(weights)
    .map(([k, v]) => `${k}:${(Math.round(v * 20) / 20).toFixed(2)}`)
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
