/**
 * Skin projection: the closest point on the body mesh to any point, with the zone of the triangle
 * hit, using a three-mesh-bvh `MeshBVH` built once per body. Also answers "how far is this point
 * from the nearest triangle of these zones?" (the avoid-zone margin check).
 *
 * Pure JS (three + three-mesh-bvh, no DOM): runs in Node for the checker and in the app.
 */
import { BufferAttribute, BufferGeometry, Triangle, Vector3 } from 'three';
import { MeshBVH, type HitPointInfo } from 'three-mesh-bvh';
import type { BodyData, BodyZonePart, MorphTarget, Side, Vec3 } from './body.ts';

export interface SkinHit {
  /** Closest point on the mesh. */
  readonly point: Vec3;
  /** Outward unit normal of the triangle hit (glTF counter-clockwise winding). */
  readonly normal: Vec3;
  /** Distance from the query point to `point`, metres. */
  readonly distance: number;
  readonly triangle: number;
  readonly zone: string;
  readonly side: Side | null;
}

export interface ZoneDistance {
  readonly distance: number;
  readonly zone: string;
  readonly side: Side | null;
  readonly point: Vec3;
}

export interface SkinProjector {
  /** Closest point on the skin, or null for an empty mesh. */
  project(p: Vec3): SkinHit | null;
  /** Outward normal of the skin nearest to `p` (+Z for an empty mesh). */
  normalAt(p: Vec3): Vec3;
  /**
   * The nearest triangle of any of `zones` within `maxDistance` of `p`, or null if none is that
   * close. One BVH per distinct zone set is built on first use and kept.
   */
  nearestOfZones(p: Vec3, zones: ReadonlySet<string>, maxDistance: number): ZoneDistance | null;
}

function geometryFor(positions: Float32Array, triangles: Uint32Array): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(positions, 3));
  g.setIndex(new BufferAttribute(triangles, 1));
  return g;
}

/**
 * Builds the projector. Cost: one BVH over the whole mesh (tens of ms for ~100 k triangles),
 * unless `prebuilt` brings it (built elsewhere over the same positions and triangles, indirect).
 */
export function createSkinProjector(body: BodyData, prebuilt?: MeshBVH): SkinProjector {
  const triangleCount = body.indices.length / 3;
  // `indirect` keeps our index buffer untouched and makes `faceIndex` the original triangle.
  const whole =
    triangleCount > 0
      ? (prebuilt ??
        new MeshBVH(geometryFor(body.positions, body.indices.slice()), { indirect: true }))
      : null;
  const subsets = new Map<string, { bvh: MeshBVH; triangles: Uint32Array } | null>();
  const tri = new Triangle();
  const a = new Vector3();
  const b = new Vector3();
  const c = new Vector3();
  const query = new Vector3();
  const normal = new Vector3();
  const hit: HitPointInfo = { point: new Vector3(), distance: 0, faceIndex: 0 };

  const partOf = (triangle: number): BodyZonePart | undefined =>
    body.parts.at(body.triangleParts.at(triangle) ?? -1);
  const vertex = (i: number, target: Vector3) =>
    target.fromArray(body.positions, (body.indices.at(i) ?? 0) * 3);
  const faceNormal = (triangle: number): Vec3 => {
    tri.set(vertex(triangle * 3, a), vertex(triangle * 3 + 1, b), vertex(triangle * 3 + 2, c));
    tri.getNormal(normal);
    return [normal.x, normal.y, normal.z];
  };

  const project = (p: Vec3): SkinHit | null => {
    if (!whole) return null;
    const found = whole.closestPointToPoint(query.set(p[0], p[1], p[2]), hit);
    if (!found) return null;
    const part = partOf(found.faceIndex);
    return {
      point: [found.point.x, found.point.y, found.point.z],
      normal: faceNormal(found.faceIndex),
      distance: found.distance,
      triangle: found.faceIndex,
      zone: part?.zone ?? 'body',
      side: part?.side ?? null,
    };
  };

  const subsetFor = (zones: ReadonlySet<string>) => {
    const key = [...zones].sort().join(',');
    if (!subsets.has(key)) {
      const picked: number[] = [];
      for (let t = 0; t < triangleCount; t++) {
        const part = partOf(t);
        if (part && zones.has(part.zone)) picked.push(t);
      }
      const triangles = Uint32Array.from(picked);
      const index = new Uint32Array(picked.length * 3);
      picked.forEach((t, k) => index.set(body.indices.subarray(t * 3, t * 3 + 3), k * 3));
      subsets.set(
        key,
        picked.length
          ? { bvh: new MeshBVH(geometryFor(body.positions, index), { indirect: true }), triangles }
          : null,
      );
    }
    return subsets.get(key) ?? null;
  };

  return {
    project,
    normalAt: (p) => project(p)?.normal ?? [0, 0, 1],
    nearestOfZones(p, zones, maxDistance) {
      const subset = subsetFor(zones);
      if (!subset) return null;
      const found = subset.bvh.closestPointToPoint(
        query.set(p[0], p[1], p[2]),
        hit,
        0,
        maxDistance,
      );
      if (!found) return null;
      const part = partOf(subset.triangles.at(found.faceIndex) ?? -1);
      return {
        distance: found.distance,
        zone: part?.zone ?? 'body',
        side: part?.side ?? null,
        point: [found.point.x, found.point.y, found.point.z],
      };
    },
  };
}

/**
 * The body with morph targets applied (`weights` 0..1): vertex positions and landmark positions
 * moved by weight × delta. Returns `body` itself when no weight is set.
 */
export function applyMorphs(
  body: BodyData,
  weights: Partial<Record<MorphTarget, number>>,
): BodyData {
  const active = Object.entries(weights).filter(([, w]) => w !== 0) as [MorphTarget, number][];
  if (active.length === 0) return body;
  const positions = body.positions.slice();
  for (const [target, w] of active) {
    const delta = body.morphDeltas[target];
    if (!delta) continue;
    for (let i = 0; i < positions.length; i++)
      positions[i] = (positions.at(i) ?? 0) + w * (delta.at(i) ?? 0);
  }
  const landmarks = new Map(
    [...body.landmarks].map(([key, lm]) => {
      let [x, y, z] = lm.position;
      for (const [target, w] of active) {
        const d = lm.morphs[target];
        if (d) [x, y, z] = [x + w * d[0], y + w * d[1], z + w * d[2]];
      }
      return [key, { ...lm, position: [x, y, z] as Vec3 }];
    }),
  );
  return { ...body, positions, landmarks };
}
