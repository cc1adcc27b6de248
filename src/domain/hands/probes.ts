/**
 * The hand as probe points for collision checks: a thinned set of the model's own vertices (one
 * per small cell of the rest pose), grouped by the bone that moves them most, each group with a
 * bounding sphere in that bone's frame so a bone far from the skin is skipped with one query.
 * Skinned exactly as the GPU skins them (linear blend of up to four bones).
 */
import type { Vec3 } from '../body.ts';
import { multiplyMatrices, type HandMeshData } from './rig.ts';
import { BONE_COUNT } from './skeleton.ts';

export interface ProbeGroup {
  readonly boneIndex: number;
  /** Probe vertices of this group (indices into the model's vertices). */
  readonly vertices: Int32Array;
  /** Bounding sphere of the group at rest, in the bone's frame (after its bind matrix). */
  readonly centre: Vec3;
  readonly radius: number;
}

export interface HandProbes {
  readonly mesh: HandMeshData;
  readonly groups: readonly ProbeGroup[];
  /** Probe count. */
  readonly count: number;
}

/** One probe per `cellM` cube of the rest pose (the first vertex that falls in it). */
export function createHandProbes(mesh: HandMeshData, cellM = 0.008): HandProbes {
  const n = mesh.positions.length / 3;
  // At rest the skinning matrices are identity: rest positions are IBM⁻¹ · v; work in the
  // bone frames directly: local_b = IBM_b · v.
  const seen = new Set<string>();
  const byBone = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const x = mesh.positions[v * 3] ?? 0;
    const y = mesh.positions[v * 3 + 1] ?? 0;
    const z = mesh.positions[v * 3 + 2] ?? 0;
    const key = `${String(Math.floor(x / cellM))},${String(Math.floor(y / cellM))},${String(Math.floor(z / cellM))}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let bone = 0;
    let w = -1;
    for (let k = 0; k < 4; k++) {
      const wk = mesh.weights[v * 4 + k] ?? 0;
      if (wk > w) {
        w = wk;
        bone = mesh.joints[v * 4 + k] ?? 0;
      }
    }
    const list = byBone.get(bone);
    if (list) list.push(v);
    else byBone.set(bone, [v]);
  }
  const groups: ProbeGroup[] = [];
  let count = 0;
  for (const [boneIndex, list] of [...byBone].sort((a, b) => a[0] - b[0])) {
    const ibm = mesh.inverseBind;
    const at = boneIndex * 16;
    const local = list.map((v): Vec3 => {
      const x = mesh.positions[v * 3] ?? 0;
      const y = mesh.positions[v * 3 + 1] ?? 0;
      const z = mesh.positions[v * 3 + 2] ?? 0;
      return [
        (ibm[at] ?? 0) * x + (ibm[at + 4] ?? 0) * y + (ibm[at + 8] ?? 0) * z + (ibm[at + 12] ?? 0),
        (ibm[at + 1] ?? 0) * x +
          (ibm[at + 5] ?? 0) * y +
          (ibm[at + 9] ?? 0) * z +
          (ibm[at + 13] ?? 0),
        (ibm[at + 2] ?? 0) * x +
          (ibm[at + 6] ?? 0) * y +
          (ibm[at + 10] ?? 0) * z +
          (ibm[at + 14] ?? 0),
      ];
    });
    const c: [number, number, number] = [0, 0, 0];
    for (const p of local)
      for (let k = 0; k < 3; k++) c[k] = (c[k] ?? 0) + (p[k] ?? 0) / local.length;
    let radius = 0;
    for (const p of local)
      radius = Math.max(radius, Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]));
    groups.push({ boneIndex, vertices: Int32Array.from(list), centre: c, radius: radius + 0.004 });
    count += list.length;
  }
  return { mesh, groups, count };
}

const skinMats = new Float64Array(BONE_COUNT * 16);

/** Skinning matrices (bone world · inverse bind) for bone world matrices `world`. */
export function skinningMatrices(mesh: HandMeshData, world: Float64Array): Float64Array {
  for (let b = 0; b < BONE_COUNT; b++)
    multiplyMatrices(world, b * 16, mesh.inverseBind, b * 16, skinMats, b * 16);
  return skinMats;
}

/** One vertex skinned by skinning matrices `m`, into out. */
export function skinVertex(
  mesh: HandMeshData,
  m: Float64Array,
  v: number,
  out: [number, number, number],
): void {
  const x = mesh.positions[v * 3] ?? 0;
  const y = mesh.positions[v * 3 + 1] ?? 0;
  const z = mesh.positions[v * 3 + 2] ?? 0;
  let ox = 0;
  let oy = 0;
  let oz = 0;
  for (let k = 0; k < 4; k++) {
    const w = mesh.weights[v * 4 + k] ?? 0;
    if (w === 0) continue;
    const j = (mesh.joints[v * 4 + k] ?? 0) * 16;
    ox += w * ((m[j] ?? 0) * x + (m[j + 4] ?? 0) * y + (m[j + 8] ?? 0) * z + (m[j + 12] ?? 0));
    oy += w * ((m[j + 1] ?? 0) * x + (m[j + 5] ?? 0) * y + (m[j + 9] ?? 0) * z + (m[j + 13] ?? 0));
    oz += w * ((m[j + 2] ?? 0) * x + (m[j + 6] ?? 0) * y + (m[j + 10] ?? 0) * z + (m[j + 14] ?? 0));
  }
  out[0] = ox;
  out[1] = oy;
  out[2] = oz;
}
