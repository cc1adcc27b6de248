/**
 * The massaging person's hands (models/hands.glb), loaded once for the page, only when a step
 * first shows them: the 3D view and the text mode's step pictures read the same parsed glTF and
 * the same posable hands. A failed load is forgotten so that a later use fetches again.
 */
import { SkinnedMesh, type Bone, type Object3D } from 'three';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import handsUrl from '../../models/hands.glb?url';
import type { HandMeshData } from '../domain/hands/rig.ts';
import { BONE_COUNT, type HandSide } from '../domain/hands/skeleton.ts';

/** A promise that React's `use` reads without suspending again once it has settled. */
type Tracked<T> = Promise<T> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: T };

let load: Tracked<GLTF> | null = null;

/** The hands' glTF: one load for the page (a failed one is tried again on the next call). */
export function handsGltf(): Promise<GLTF> {
  if (!load || load.status === 'rejected') {
    const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
    const tracked: Tracked<GLTF> = loader.loadAsync(handsUrl).catch((e: unknown) => {
      throw new Error(`Could not load ${handsUrl}: ${e instanceof Error ? e.message : String(e)}`);
    });
    tracked.status = 'pending';
    tracked.then(
      (gltf) => {
        tracked.status = 'fulfilled';
        tracked.value = gltf;
      },
      () => {
        tracked.status = 'rejected';
      },
    );
    load = tracked;
  }
  return load;
}

export interface SceneHand {
  /** The armature: placed at the wrist, turned as the hand. */
  readonly root: Object3D;
  readonly mesh: SkinnedMesh;
  /** Bones in `HAND_BONES` order. */
  readonly bones: readonly Bone[];
  /** The mesh as plain data for the planner's collision checks. */
  readonly data: HandMeshData;
}

const cache = new WeakMap<GLTF, Record<HandSide, SceneHand>>();

/** Both hands of the loaded model (once per glTF). */
export function handsOf(gltf: GLTF): Record<HandSide, SceneHand> {
  let hands = cache.get(gltf);
  if (hands) return hands;
  const found: Partial<Record<HandSide, SceneHand>> = {};
  gltf.scene.traverse((o) => {
    const side = o.userData.side as unknown;
    if ((side !== 'L' && side !== 'R') || found[side]) return;
    const m = skinnedMeshIn(o);
    if (!m) return;
    found[side] = { root: o, mesh: m, bones: m.skeleton.bones, data: meshData(m, side) };
  });
  if (!found.L || !found.R) throw new Error('models/hands.glb: a left and a right hand are needed');
  hands = { L: found.L, R: found.R };
  cache.set(gltf, hands);
  return hands;
}

function skinnedMeshIn(root: Object3D): SkinnedMesh | null {
  const found: SkinnedMesh[] = [];
  root.traverse((c) => {
    if (c instanceof SkinnedMesh) found.push(c as SkinnedMesh);
  });
  return found[0] ?? null;
}

function meshData(mesh: SkinnedMesh, side: HandSide): HandMeshData {
  const g = mesh.geometry;
  const pos = g.getAttribute('position');
  const idx = g.getAttribute('skinIndex');
  const wts = g.getAttribute('skinWeight');
  const index = g.getIndex();
  const n = pos.count;
  const positions = new Float32Array(n * 3);
  const joints = new Uint8Array(n * 4);
  const weights = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    // getX and friends undo the quantisation of normalised attributes.
    positions[i * 3] = pos.getX(i);
    positions[i * 3 + 1] = pos.getY(i);
    positions[i * 3 + 2] = pos.getZ(i);
    joints[i * 4] = idx.getX(i);
    joints[i * 4 + 1] = idx.getY(i);
    joints[i * 4 + 2] = idx.getZ(i);
    joints[i * 4 + 3] = idx.getW(i);
    weights[i * 4] = wts.getX(i);
    weights[i * 4 + 1] = wts.getY(i);
    weights[i * 4 + 2] = wts.getZ(i);
    weights[i * 4 + 3] = wts.getW(i);
  }
  const indices = new Uint32Array(index?.count ?? 0);
  for (let i = 0; i < indices.length; i++) indices[i] = index?.getX(i) ?? 0;
  const inverseBind = new Float64Array(BONE_COUNT * 16);
  mesh.skeleton.boneInverses.forEach((m, b) => inverseBind.set(m.elements, b * 16));
  return { side, positions, joints, weights, indices, inverseBind };
}
