import {
  Matrix3,
  Mesh,
  Vector3,
  type BufferAttribute,
  type InterleavedBufferAttribute,
  type Object3D,
} from 'three';
import type { GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import {
  MORPH_TARGETS,
  parseLandmarkMorphs,
  parseSide,
  type BodyData,
  type BodyLandmark,
  type BodyZonePart,
  type MorphTarget,
} from '../domain/body.ts';

type Attr = BufferAttribute | InterleavedBufferAttribute;

/** The glTF node name of an object (GLTFLoader sanitises `Object3D.name`: `lm:heel.L` → `lmheelL`). */
function originalName(gltf: GLTF, obj: Object3D): string {
  const index = gltf.parser.associations.get(obj)?.nodes;
  const nodes = (gltf.parser.json as { nodes?: { name?: string }[] }).nodes;
  return (index !== undefined ? nodes?.[index]?.name : undefined) ?? obj.name;
}

/**
 * The loaded model as `BodyData` (world space of the model's own root, i.e. standing, before any
 * pose rotation the scene applies). The one reader of the body: the app reads it from the glTF
 * it shows, and Node (the content checker, scripts, tests) through `scripts/lib/readBodyFile.ts`,
 * so the player projects paths exactly as the checker checks them.
 */
export function bodyDataFromGltf(gltf: GLTF): BodyData {
  const root = gltf.scene;
  root.updateWorldMatrix(true, true);
  const rootInverse = root.matrixWorld.clone().invert();
  const parts: BodyZonePart[] = [];
  const landmarks = new Map<string, BodyLandmark>();
  const positions: number[] = [];
  const indices: number[] = [];
  const triangleParts: number[] = [];
  const chunks: {
    start: number;
    count: number;
    linear: Matrix3;
    targets: Map<MorphTarget, Attr>;
  }[] = [];
  const v = new Vector3();

  root.traverse((obj) => {
    const name = originalName(gltf, obj);
    const extras = obj.userData as { zone?: unknown; side?: unknown; morphs?: unknown };
    const toRoot = obj.matrixWorld.clone().premultiply(rootInverse);
    if (name.startsWith('lm:')) {
      const key = name.slice(3);
      const morphs = parseLandmarkMorphs(extras.morphs);
      v.setFromMatrixPosition(toRoot);
      landmarks.set(key, {
        key,
        name: key.replace(/\.[LR]$/, ''),
        side: parseSide(extras.side),
        position: [v.x, v.y, v.z],
        morphs,
      });
      return;
    }
    if (!(obj instanceof Mesh) || typeof extras.zone !== 'string') return;
    const geometry = (obj as Mesh).geometry;
    const pos = geometry.getAttribute('position') as Attr | undefined;
    const index = geometry.getIndex();
    if (!pos || !index) return;
    const partIndex = parts.length;
    parts.push({ node: name, zone: extras.zone, side: parseSide(extras.side) });
    const base = positions.length / 3;
    for (let i = 0; i < pos.count; i++) {
      v.fromBufferAttribute(pos, i).applyMatrix4(toRoot);
      positions.push(v.x, v.y, v.z);
    }
    for (let i = 0; i < index.count; i++) indices.push(index.getX(i) + base);
    for (let i = 0; i < index.count / 3; i++) triangleParts.push(partIndex);
    const targets = new Map<MorphTarget, Attr>();
    const names: Record<string, number | undefined> = obj.morphTargetDictionary ?? {};
    // three types morph attributes as always present; a mesh without morphs has none.
    const morphPositions: Attr[] | undefined = geometry.morphAttributes.position;
    for (const target of MORPH_TARGETS) {
      const ti = names[target];
      const attr = ti !== undefined ? morphPositions?.[ti] : undefined;
      if (attr) targets.set(target, attr);
    }
    chunks.push({
      start: base,
      count: pos.count,
      linear: new Matrix3().setFromMatrix4(toRoot),
      targets,
    });
  });

  const total = positions.length / 3;
  const morphDeltas: Partial<Record<MorphTarget, Float32Array>> = {};
  for (const chunk of chunks) {
    for (const [target, attr] of chunk.targets) {
      const out = (morphDeltas[target] ??= new Float32Array(total * 3));
      for (let i = 0; i < chunk.count; i++) {
        // Deltas are displacements: only the linear part of the mesh's matrix applies.
        v.fromBufferAttribute(attr, i).applyMatrix3(chunk.linear);
        out.set([v.x, v.y, v.z], (chunk.start + i) * 3);
      }
    }
  }
  return {
    positions: Float32Array.from(positions),
    indices: Uint32Array.from(indices),
    triangleParts: Uint16Array.from(triangleParts),
    parts,
    landmarks,
    morphDeltas,
  };
}
