import {
  BufferAttribute,
  Mesh,
  Matrix3,
  Vector3,
  type BufferGeometry,
  type Matrix4,
  type Object3D,
} from 'three';
import {
  deformInto,
  posePoint,
  rotateDeltasInto,
  segmentMask,
  segmentMatrices,
  SEGMENT_COUNT,
  skinInto,
  sparseWeights,
  vertexWeights,
  type PosedRig,
  type SparseWeights,
  type Rig,
} from '../domain/limbPose.ts';
import type { ZoneMesh } from './zoneMeshes.ts';

interface Standing {
  /** Model-space (the glTF root's) positions, normals and morph offsets as loaded. */
  readonly position: Float32Array;
  readonly normal: Float32Array | null;
  readonly morphs: readonly Float32Array[];
  /** Model space → the mesh's own (the quantised attributes' node transform, undone). */
  readonly toLocal: Matrix4;
  readonly toLocalLinear: Matrix3;
}

/** Each geometry's standing arrays, kept the first time it is bent. */
const standing = new WeakMap<BufferGeometry, Standing>();
const v = new Vector3();
const landmarkAt = new WeakMap<Object3D, [number, number, number]>();

function toFloat(
  attr: BufferAttribute,
  apply: (v: Vector3) => void,
  unitLength: boolean,
): Float32Array {
  const out = new Float32Array(attr.count * 3);
  for (let i = 0; i < attr.count; i++) {
    v.fromBufferAttribute(attr, i);
    apply(v);
    if (unitLength) v.normalize();
    out[i * 3] = v.x;
    out[i * 3 + 1] = v.y;
    out[i * 3 + 2] = v.z;
  }
  return out;
}

function standingOf(root: Object3D, m: ZoneMesh): Standing {
  const g = m.mesh.geometry;
  let s = standing.get(g);
  if (s) return s;
  const toRoot = root.matrixWorld.clone().invert().multiply(m.mesh.matrixWorld);
  const linear = new Matrix3().setFromMatrix4(toRoot);
  const normalMatrix = new Matrix3().getNormalMatrix(toRoot);
  const pos = g.getAttribute('position') as BufferAttribute;
  const nrm = g.getAttribute('normal') as BufferAttribute | undefined;
  s = {
    position: toFloat(pos, (x) => x.applyMatrix4(toRoot), false),
    normal: nrm ? toFloat(nrm, (x) => x.applyMatrix3(normalMatrix), true) : null,
    morphs: (g.morphAttributes.position ?? []).map((a) =>
      toFloat(a as BufferAttribute, (x) => x.applyMatrix3(linear), false),
    ),
    toLocal: toRoot.clone().invert(),
    toLocalLinear: linear.clone().invert(),
  };
  standing.set(g, s);
  // Plain float attributes from now on: the bent shape is written into them.
  g.setAttribute('position', new BufferAttribute(new Float32Array(pos.count * 3), 3));
  if (nrm) g.setAttribute('normal', new BufferAttribute(new Float32Array(nrm.count * 3), 3));
  if (s.morphs.length > 0)
    g.morphAttributes.position = s.morphs.map(
      (d) => new BufferAttribute(new Float32Array(d.length), 3),
    );
  return s;
}

function backToLocal(a: Float32Array, apply: (v: Vector3) => void, unitLength: boolean): void {
  for (let i = 0; i < a.length; i += 3) {
    v.set(a[i] ?? 0, a[i + 1] ?? 0, a[i + 2] ?? 0);
    apply(v);
    if (unitLength) v.normalize();
    a[i] = v.x;
    a[i + 1] = v.y;
    a[i + 2] = v.z;
  }
}

/**
 * Bends the zone meshes into a sitting pose (or back to standing): positions, normals and the
 * morph offsets, from the arrays as loaded. The picking BVH, if built, is refitted.
 */
export function bendMeshes(
  root: Object3D,
  meshes: readonly ZoneMesh[],
  rig: Rig,
  posed: PosedRig,
): void {
  root.updateWorldMatrix(true, true);
  // The landmark nodes (what the probe and labels read) move with the skin they mark.
  for (const node of root.children) {
    if (node instanceof Mesh || !node.name.startsWith('lm')) continue;
    let at = landmarkAt.get(node);
    if (!at) {
      at = [node.position.x, node.position.y, node.position.z];
      landmarkAt.set(node, at);
    }
    node.position.fromArray(posePoint(rig, posed, at));
  }
  for (const m of meshes) {
    const g = m.mesh.geometry;
    if (posed.layout === 'as_modelled' && posed.animated !== true && !standing.has(g)) continue;
    const src = standingOf(root, m);
    const pos = g.getAttribute('position') as BufferAttribute;
    const nrm = g.getAttribute('normal') as BufferAttribute | undefined;
    const outPos = pos.array as Float32Array;
    const outNrm = nrm ? (nrm.array as Float32Array) : null;
    deformInto(rig, posed, m.zone, src.position, outPos, src.normal, outNrm);
    backToLocal(outPos, (x) => x.applyMatrix4(src.toLocal), false);
    if (outNrm) backToLocal(outNrm, (x) => x.transformDirection(src.toLocal), true);
    (g.morphAttributes.position ?? []).forEach((a, i) => {
      const delta = src.morphs[i];
      if (!delta) return;
      const out = a.array as Float32Array;
      rotateDeltasInto(rig, posed, m.zone, src.position, delta, out);
      backToLocal(out, (x) => x.applyMatrix3(src.toLocalLinear), false);
    });
    // The GPU copies (attributes and the morph texture, which three.js never refreshes on its
    // own) are dropped and made again from the bent arrays on the next frame.
    g.dispose();
    g.computeBoundingBox();
    g.computeBoundingSphere();
    m.mesh.frustumCulled = true;
    (g as BufferGeometry & { boundsTree?: { refit: () => void } }).boundsTree?.refit();
  }
}

/** Each bent geometry's segment weights for the rig they were made for. */
const live = new WeakMap<BufferGeometry, { rig: Rig; weights: SparseWeights; mask: number }>();
const matrices = new Float32Array(SEGMENT_COUNT * 12);
const toLocal = new Float32Array(12);

/**
 * Per frame, while an exercise plays: rewrites only the meshes that move with the `moving`
 * segments (bits as in `vertexWeights`), positions and normals, without allocating; morph
 * offsets keep the step's pose and the picking BVH is left as it was. Landmarks follow.
 */
export function bendMovingMeshes(
  root: Object3D,
  meshes: readonly ZoneMesh[],
  rig: Rig,
  posed: PosedRig,
  moving: number,
): void {
  // Meshes not bent before (a standing body) are bent once in full, morph offsets included.
  const fresh = meshes.filter((m) => !standing.has(m.mesh.geometry));
  if (fresh.length > 0) bendMeshes(root, fresh, rig, posed);
  for (const node of root.children) {
    if (node instanceof Mesh || !node.name.startsWith('lm')) continue;
    let at = landmarkAt.get(node);
    if (!at) {
      at = [node.position.x, node.position.y, node.position.z];
      landmarkAt.set(node, at);
    }
    node.position.fromArray(posePoint(rig, posed, at));
  }
  for (const m of meshes) {
    const g = m.mesh.geometry;
    const src = standingOf(root, m);
    let w = live.get(g);
    if (!w || w.rig !== rig) {
      const weights = vertexWeights(rig, m.zone, src.position);
      w = { rig, weights: sparseWeights(weights), mask: segmentMask(weights) };
      live.set(g, w);
    }
    if ((w.mask & moving) === 0) continue;
    const e = src.toLocal.elements;
    // Column-major 4×4 to row-major 3×4.
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) toLocal[i * 4 + j] = e[j * 4 + i] ?? 0;
    segmentMatrices(posed, matrices, toLocal);
    const pos = g.getAttribute('position') as BufferAttribute;
    const nrm = g.getAttribute('normal') as BufferAttribute | undefined;
    skinInto(
      w.weights,
      matrices,
      src.position,
      pos.array as Float32Array,
      src.normal,
      nrm ? (nrm.array as Float32Array) : null,
    );
    pos.needsUpdate = true;
    if (nrm) nrm.needsUpdate = true;
    // The bounds were those of the step's pose: a moving leg is drawn wherever it goes.
    m.mesh.frustumCulled = false;
  }
}
