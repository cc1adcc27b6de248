/**
 * Reads models/hands.glb in Node: per hand its skinned mesh (positions in the mesh's own space,
 * joints, weights 0..1, indices), inverse bind matrices and the bones' rest transforms, as
 * `HandMeshData` of src/domain/hands/rig.ts.
 */
import { readFile } from 'node:fs/promises';
import { NodeIO } from '@gltf-transform/core';
import { EXTMeshoptCompression, KHRMeshQuantization } from '@gltf-transform/extensions';
import { MeshoptDecoder } from 'meshoptimizer';
import type { BoneTransform, HandMeshData } from '../../src/domain/hands/rig.ts';
import { BONE_COUNT, HAND_BONES, type HandSide } from '../../src/domain/hands/skeleton.ts';

export interface HandFile {
  readonly mesh: HandMeshData;
  /** Vertex colours 0..1. */
  readonly colors: Float32Array;
  /** Rest transform of each bone node, `HAND_BONES` order. */
  readonly bones: readonly BoneTransform[];
  readonly triangles: number;
}

export async function readHandsGlb(path: string): Promise<Record<HandSide, HandFile>> {
  await MeshoptDecoder.ready;
  const io = new NodeIO()
    .registerExtensions([EXTMeshoptCompression, KHRMeshQuantization])
    .registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
  const doc = await io.readBinary(new Uint8Array(await readFile(path)));
  const out: Partial<Record<HandSide, HandFile>> = {};
  for (const side of ['L', 'R'] as const) {
    const node = doc
      .getRoot()
      .listNodes()
      .find((n) => n.getName() === `hand.${side}.mesh`);
    const skin = node?.getSkin();
    const prim = node?.getMesh()?.listPrimitives()[0];
    if (!node || !skin || !prim) throw new Error(`${path}: no skinned mesh hand.${side}.mesh`);
    const joints = skin.listJoints();
    if (joints.length !== BONE_COUNT)
      throw new Error(`${path}: hand.${side} has ${joints.length} bones`);
    joints.forEach((j, i) => {
      if (j.getName() !== `${side}.${HAND_BONES[i] ?? ''}`)
        throw new Error(`${path}: bone ${i} of hand.${side} is ${j.getName()}`);
    });
    const read = (name: string, size: number): Float32Array => {
      const a = prim.getAttribute(name);
      if (!a) throw new Error(`${path}: hand.${side} has no ${name}`);
      const arr = new Float32Array(a.getCount() * size);
      const el: number[] = new Array<number>(size).fill(0);
      for (let i = 0; i < a.getCount(); i++) {
        a.getElement(i, el);
        for (let k = 0; k < size; k++) arr[i * size + k] = el[k] ?? 0;
      }
      return arr;
    };
    const positions = read('POSITION', 3);
    const colors = read('COLOR_0', 3);
    const weights = read('WEIGHTS_0', 4);
    const jointsF = read('JOINTS_0', 4);
    const ibmAcc = skin.getInverseBindMatrices();
    const ibm = new Float64Array(BONE_COUNT * 16);
    const m: number[] = new Array<number>(16).fill(0);
    for (let i = 0; i < BONE_COUNT; i++) {
      ibmAcc?.getElement(i, m);
      ibm.set(m, i * 16);
    }
    const ia = prim.getIndices();
    const indices = new Uint32Array(ia?.getCount() ?? 0);
    for (let i = 0; i < indices.length; i++) indices[i] = ia?.getScalar(i) ?? 0;
    out[side] = {
      mesh: {
        side,
        positions,
        joints: Uint8Array.from(jointsF),
        weights,
        indices,
        inverseBind: ibm,
      },
      colors,
      bones: joints.map((j) => ({
        position: j.getTranslation(),
        quaternion: j.getRotation(),
      })),
      triangles: indices.length / 3,
    };
  }
  if (!out.L || !out.R) throw new Error(`${path}: both hands are needed`);
  return { L: out.L, R: out.R };
}
