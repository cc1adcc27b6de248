import { Box3, Mesh, type Object3D } from 'three';
import { parseSide, type Side } from '../domain/body.ts';
import type { Bounds } from '../domain/views.ts';

/** A mesh of the body model that carries a catalogue zone in its glTF extras. */
export interface ZoneMesh {
  readonly mesh: Mesh;
  readonly zone: string;
  readonly side: Side | null;
}

/** Every zone mesh under `root`, in scene order. */
export function collectZoneMeshes(root: Object3D): ZoneMesh[] {
  const out: ZoneMesh[] = [];
  root.traverse((obj) => {
    if (!(obj instanceof Mesh)) return;
    const data = obj.userData as { zone?: unknown; side?: unknown };
    if (typeof data.zone !== 'string') return;
    out.push({ mesh: obj as Mesh, zone: data.zone, side: parseSide(data.side) });
  });
  return out;
}

/** The zone a raycast hit belongs to, or null for anything that is not a zone mesh. */
export function zoneOfObject(obj: Object3D): { zone: string; side: Side | null } | null {
  const data = obj.userData as { zone?: unknown; side?: unknown };
  return typeof data.zone === 'string' ? { zone: data.zone, side: parseSide(data.side) } : null;
}

/** World-space bounds of the meshes accepted by `filter`, or null if none matched. */
export function boundsOf(
  meshes: readonly ZoneMesh[],
  filter: (m: ZoneMesh) => boolean,
): Bounds | null {
  const box = new Box3();
  const part = new Box3();
  let any = false;
  for (const m of meshes) {
    if (!filter(m)) continue;
    m.mesh.updateWorldMatrix(true, false);
    part.setFromObject(m.mesh);
    box.union(part);
    any = true;
  }
  return any ? { min: box.min.toArray(), max: box.max.toArray() } : null;
}
