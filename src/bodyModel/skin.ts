/**
 * The skin of a body as shown (morphs applied) for projecting paths: one BodyData and one
 * bounding volume hierarchy per body kind and morph setting, shared by everything that places
 * a path on the skin (the step motion, Train's grading, the text mode's sketches). Weights are
 * rounded to 0.05 so a dragged slider does not rebuild on every pixel; the last few settings are
 * kept. Loaded after the first view (it pulls in three-mesh-bvh).
 */
import type { GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { BodyData, MorphTarget } from '../domain/body.ts';
import { applyMorphs, createSkinProjector, type SkinProjector } from '../domain/projectToSkin.ts';
import type { Bounds } from '../domain/views.ts';
import { bodyOf, loadBodyGltf } from './loadBody.ts';
import type { BodyKind } from './modelUrls.ts';
import { skinBvhOffThread } from './skinBvh.ts';

export type MorphWeights = Partial<Record<MorphTarget, number>>;

export interface Skin {
  /** The body as loaded (no morphs), and its standing bounds. */
  readonly base: BodyData;
  readonly bounds: Bounds;
  /** The body with the morphs applied, and its projector. */
  readonly body: BodyData;
  readonly skin: SkinProjector;
}

/** Settings kept at once (each holds a BVH over the whole body). */
const KEEP = 4;

/** Weights rounded to the step a slider moves in, as a stable key. */
export function morphKey(weights: MorphWeights): string {
  return Object.entries(weights)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([k, v]) => `${k}:${(Math.round(v * 20) / 20).toFixed(2)}`)
    .sort()
    .join(',');
}

function weightsOf(key: string): MorphWeights {
  const out: MorphWeights = {};
  for (const part of key.split(',').filter(Boolean)) {
    const [k, v] = part.split(':');
    if (k) out[k as MorphTarget] = Number(v);
  }
  return out;
}

const cache = new Map<string, Skin>();

/** The skin of a loaded glTF with the given morphs (built on first use, then cached). */
export function skinOf(gltf: GLTF, kind: BodyKind, weights: MorphWeights): Skin {
  const key = `${kind}|${morphKey(weights)}`;
  const hit = cache.get(key);
  if (hit && hit.base === bodyOf(gltf).body) {
    // Most recently used last.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const { body: base, bounds } = bodyOf(gltf);
  const body = applyMorphs(base, weightsOf(morphKey(weights)));
  const entry: Skin = { base, bounds, body, skin: createSkinProjector(body) };
  remember(key, entry);
  return entry;
}

function remember(key: string, entry: Skin): void {
  cache.delete(key);
  cache.set(key, entry);
  while (cache.size > KEEP) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

const preparing = new Map<string, Promise<Skin>>();

/**
 * The skin of a body kind with the given morphs, loading the model if needed. Where a worker
 * can run, the BVH is built there, so opening a protocol does not block the page.
 */
export async function skinFor(kind: BodyKind, weights: MorphWeights): Promise<Skin> {
  const gltf = await loadBodyGltf(kind);
  const key = `${kind}|${morphKey(weights)}`;
  const hit = cache.get(key);
  if (hit && hit.base === bodyOf(gltf).body) return skinOf(gltf, kind, weights);
  let job = preparing.get(key);
  if (!job) {
    job = (async () => {
      const { body: base, bounds } = bodyOf(gltf);
      const body = applyMorphs(base, weightsOf(morphKey(weights)));
      const bvh = await skinBvhOffThread(body);
      remember(key, { base, bounds, body, skin: createSkinProjector(body, bvh ?? undefined) });
      return skinOf(gltf, kind, weights);
    })().finally(() => preparing.delete(key));
    preparing.set(key, job);
  }
  return job;
}
