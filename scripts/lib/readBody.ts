/**
 * Reads a body .glb (quantised, meshopt-compressed) in Node and returns world-space, dequantised
 * data as `BodyData` (src/domain/body.ts).
 */
import { readFile } from 'node:fs/promises';
import { NodeIO, type Node as GltfNode } from '@gltf-transform/core';
import { EXTMeshoptCompression, KHRMeshQuantization } from '@gltf-transform/extensions';
import { MeshoptDecoder } from 'meshoptimizer';
import {
  MORPH_TARGETS,
  parseLandmarkMorphs,
  parseSide,
  type BodyData,
  type BodyLandmark,
  type BodyZonePart,
  type MorphTarget,
  type Vec3,
} from '../../src/domain/body.ts';

function transformPoint(m: readonly number[], x: number, y: number, z: number): Vec3 {
  return [
    m[0] * x + m[4] * y + m[8] * z + m[12],
    m[1] * x + m[5] * y + m[9] * z + m[13],
    m[2] * x + m[6] * y + m[10] * z + m[14],
  ];
}

function transformVector(m: readonly number[], x: number, y: number, z: number): Vec3 {
  return [
    m[0] * x + m[4] * y + m[8] * z,
    m[1] * x + m[5] * y + m[9] * z,
    m[2] * x + m[6] * y + m[10] * z,
  ];
}

export async function readBodyGlb(path: string): Promise<BodyData> {
  await MeshoptDecoder.ready;
  const io = new NodeIO()
    .registerExtensions([EXTMeshoptCompression, KHRMeshQuantization])
    .registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
  const doc = await io.readBinary(new Uint8Array(await readFile(path)));
  const scene = doc.getRoot().getDefaultScene() ?? doc.getRoot().listScenes()[0];
  const nodes: GltfNode[] = [];
  scene.traverse((n) => {
    nodes.push(n);
  });

  const parts: BodyZonePart[] = [];
  const landmarks = new Map<string, BodyLandmark>();
  const pos: number[] = [];
  const idx: number[] = [];
  const triParts: number[] = [];
  const deltas = new Map<MorphTarget, number[]>();
  const chunks: { start: number; count: number; targets: Map<MorphTarget, number[]> }[] = [];

  for (const node of nodes) {
    const name = node.getName();
    const extras = node.getExtras();
    const m = node.getWorldMatrix();
    if (name.startsWith('lm:')) {
      const key = name.slice(3);
      const t = transformPoint(m, 0, 0, 0);
      const morphs = parseLandmarkMorphs(extras.morphs);
      landmarks.set(key, {
        key,
        name: key.replace(/\.[LR]$/, ''),
        side: parseSide(extras.side),
        position: t,
        morphs,
      });
      continue;
    }
    const mesh = node.getMesh();
    if (!mesh) continue;
    const partIndex = parts.length;
    parts.push({
      node: name,
      zone: typeof extras.zone === 'string' ? extras.zone : name,
      side: parseSide(extras.side),
    });
    const targetNames = (mesh.getExtras().targetNames ?? []) as unknown;
    const names: string[] = Array.isArray(targetNames)
      ? targetNames.filter((x): x is string => typeof x === 'string')
      : [];
    for (const prim of mesh.listPrimitives()) {
      const pa = prim.getAttribute('POSITION');
      const ia = prim.getIndices();
      if (!pa || !ia)
        throw new Error(`${path}: node ${name} has a primitive without POSITION or indices`);
      const base = pos.length / 3;
      const count = pa.getCount();
      const el: number[] = [0, 0, 0];
      for (let i = 0; i < count; i++) {
        pa.getElement(i, el);
        const w = transformPoint(m, el[0], el[1], el[2]);
        pos.push(w[0], w[1], w[2]);
      }
      const nIdx = ia.getCount();
      for (let i = 0; i < nIdx; i++) idx.push(ia.getScalar(i) + base);
      for (let i = 0; i < nIdx / 3; i++) triParts.push(partIndex);
      const targets = new Map<MorphTarget, number[]>();
      prim.listTargets().forEach((t, ti) => {
        const tname = names[ti] ?? t.getName();
        const target = MORPH_TARGETS.find((x) => x === tname);
        const ta = t.getAttribute('POSITION');
        if (!target || !ta) return;
        const d: number[] = [];
        for (let i = 0; i < count; i++) {
          ta.getElement(i, el);
          const w = transformVector(m, el[0], el[1], el[2]);
          d.push(w[0], w[1], w[2]);
        }
        targets.set(target, d);
      });
      chunks.push({ start: base, count, targets });
    }
  }
  const total = pos.length / 3;
  for (const target of MORPH_TARGETS) {
    if (!chunks.some((c) => c.targets.has(target))) continue;
    const arr = new Array<number>(total * 3).fill(0);
    for (const c of chunks) {
      const d = c.targets.get(target);
      if (!d) continue;
      for (let i = 0; i < d.length; i++) arr[c.start * 3 + i] = d[i];
    }
    deltas.set(target, arr);
  }
  const morphDeltas: Partial<Record<MorphTarget, Float32Array>> = {};
  for (const [k, v] of deltas) morphDeltas[k] = Float32Array.from(v);
  return {
    positions: Float32Array.from(pos),
    indices: Uint32Array.from(idx),
    triangleParts: Uint16Array.from(triParts),
    parts,
    landmarks,
    morphDeltas,
  };
}
