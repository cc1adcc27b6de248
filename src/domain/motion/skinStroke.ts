/**
 * Stage 1 of the motion: the strokes of a resolved path (`samplePath` in `paths.ts`) put on the
 * skin once per step, as dense skin polylines with smoothed normals, tangents and arc lengths;
 * and `frameAt`, the position and frame at an arc length of such a stroke.
 */
import { itemAt } from '../arrays.ts';
import type { Vec3 } from '../body.ts';
import { resamplePolyline, tangentToward, type Stroke } from '../paths.ts';
import type { SkinHit, SkinProjector } from '../projectToSkin.ts';
import { distanceSq, distanceSqAt, normalizeInPlace, writeUnit } from '../vec3.ts';

/** What motion needs from the skin: `createSkinProjector` from `projectToSkin.ts` or a double. */
export type SkinQuery = Pick<SkinProjector, 'project'> &
  Partial<Pick<SkinProjector, 'nearestOfZones'>>;

// ---------------------------------------------------------------------------------------------
// Skin paths
// ---------------------------------------------------------------------------------------------

/** One stroke on the skin: a glide polyline, or a single point for a press. */
export interface SkinStroke {
  readonly contact: 'glide' | 'press';
  readonly count: number;
  /** xyz per point, on the skin. */
  readonly points: Float64Array;
  /** Outward unit normal per point (face normals smoothed along the stroke). */
  readonly normals: Float64Array;
  /** Unit direction of travel per point, in the tangent plane. */
  readonly tangents: Float64Array;
  /** Arc length from the stroke's start to each point, metres. */
  readonly cumulative: Float64Array;
  readonly length: number;
}

/** A step's path on the skin: its strokes in the order the hand does them. */
export interface SkinPath {
  readonly strokes: readonly SkinStroke[];
  /** Sum of the strokes' lengths, metres. */
  readonly length: number;
}

export interface ProjectStrokesOptions {
  /** Distance between points of a glide before projection, metres (default 3 mm). */
  readonly spacingM?: number;
}

/**
 * Projects the strokes of a resolved path onto the skin, once per step. Glides are resampled at
 * `spacingM` so chords stay close to the surface; points the projector cannot place are dropped,
 * and a glide that collapses to one point becomes a press.
 */
export function projectStrokes(
  strokes: readonly Stroke[],
  skin: SkinQuery,
  options: ProjectStrokesOptions = {},
): SkinPath {
  const spacing = options.spacingM ?? 0.003;
  const out: SkinStroke[] = [];
  for (const stroke of strokes) {
    const source =
      stroke.contact === 'glide'
        ? resamplePolyline(stroke.points, spacing)
        : stroke.points.slice(0, 1);
    const hits: SkinHit[] = [];
    const maxGap = Math.max(1.6 * spacing, 0.004);
    for (const p of source) {
      const hit = skin.project(p);
      if (!hit) continue;
      const last = hits.length > 0 ? hits[hits.length - 1] : null;
      if (last && distanceSq(last.point, hit.point) < 1e-10) continue;
      if (last) bridgeGap(skin, last, hit, maxGap, GAP_DEPTH, hits);
      hits.push(hit);
    }
    if (hits.length > 0) out.push(buildSkinStroke(hits, stroke.contact));
  }
  return { strokes: out, length: out.reduce((sum, s) => sum + s.length, 0) };
}

/**
 * A polyline laid on the skin, as points: `projectStrokes` of one glide (resampled at
 * `spacingM`, gaps bridged over the outside), or the input itself when it cannot be placed.
 */
export function skinPolyline(points: readonly Vec3[], skin: SkinQuery, spacingM = 0.003): Vec3[] {
  const stroke = projectStrokes([{ contact: 'glide', points }], skin, { spacingM }).strokes[0];
  if (!stroke || stroke.count < 2) return [...points];
  return Array.from({ length: stroke.count }, (_, i): Vec3 => [
    stroke.points[i * 3] ?? 0,
    stroke.points[i * 3 + 1] ?? 0,
    stroke.points[i * 3 + 2] ?? 0,
  ]);
}

/** How many times a gap is halved at most (2⁶ = 64 pieces). */
const GAP_DEPTH = 6;

/**
 * Where a chord cuts deep through the body (e.g. from one side of the ankle to the other), the
 * closest points of consecutive chord samples jump across it. Fills such a gap between two skin
 * points `a` and `b` over the outside of the skin: the midpoint is lifted along their mean normal
 * by half the gap and projected, recursively. Pushes the points strictly between `a` and `b`.
 */
function bridgeGap(
  skin: SkinQuery,
  a: SkinHit,
  b: SkinHit,
  maxGap: number,
  depth: number,
  out: SkinHit[],
): void {
  const gap = Math.sqrt(distanceSq(a.point, b.point));
  if (gap <= maxGap || depth <= 0) return;
  const nx = a.normal[0] + b.normal[0];
  const ny = a.normal[1] + b.normal[1];
  const nz = a.normal[2] + b.normal[2];
  const len = Math.hypot(nx, ny, nz);
  const lift = len > 1e-6 ? gap / 2 / len : 0;
  const mid = skin.project([
    (a.point[0] + b.point[0]) / 2 + nx * lift,
    (a.point[1] + b.point[1]) / 2 + ny * lift,
    (a.point[2] + b.point[2]) / 2 + nz * lift,
  ]);
  if (!mid || distanceSq(mid.point, a.point) < 1e-10 || distanceSq(mid.point, b.point) < 1e-10)
    return;
  bridgeGap(skin, a, mid, maxGap, depth - 1, out);
  out.push(mid);
  bridgeGap(skin, mid, b, maxGap, depth - 1, out);
}

/** Builds a skin stroke from projected points: smoothed normals, tangents, arc lengths. */
export function buildSkinStroke(
  hits: readonly Pick<SkinHit, 'point' | 'normal'>[],
  contact: 'glide' | 'press',
): SkinStroke {
  const count = contact === 'press' ? Math.min(1, hits.length) : hits.length;
  const points = new Float64Array(count * 3);
  const raw = new Float64Array(count * 3);
  for (let i = 0; i < count; i++) {
    const h = itemAt(hits, i);
    points.set(h.point, i * 3);
    raw.set(h.normal, i * 3);
  }
  const normals = new Float64Array(count * 3);
  for (let i = 0; i < count; i++) {
    // Face normals jump from triangle to triangle: average over a few neighbours.
    let x = 0;
    let y = 0;
    let z = 0;
    for (let j = Math.max(0, i - 2); j <= Math.min(count - 1, i + 2); j++) {
      x += raw[j * 3] ?? 0;
      y += raw[j * 3 + 1] ?? 0;
      z += raw[j * 3 + 2] ?? 0;
    }
    writeUnit(normals, i * 3, x, y, z, 0, 0, 1);
  }
  const cumulative = new Float64Array(count);
  for (let i = 1; i < count; i++) {
    cumulative[i] = (cumulative[i - 1] ?? 0) + Math.sqrt(distanceSqAt(points, i - 1, i));
  }
  const length = count > 1 ? (cumulative[count - 1] ?? 0) : 0;
  const tangents = new Float64Array(count * 3);
  for (let i = 0; i < count; i++) {
    const n: Vec3 = [normals[i * 3] ?? 0, normals[i * 3 + 1] ?? 0, normals[i * 3 + 2] ?? 1];
    let d: Vec3;
    if (count > 1) {
      const a = Math.max(0, i - 1);
      const b = Math.min(count - 1, i + 1);
      d = [
        (points[b * 3] ?? 0) - (points[a * 3] ?? 0),
        (points[b * 3 + 1] ?? 0) - (points[a * 3 + 1] ?? 0),
        (points[b * 3 + 2] ?? 0) - (points[a * 3 + 2] ?? 0),
      ];
    } else {
      d = [0, 1, 0];
    }
    tangents.set(tangentToward(n, d), i * 3);
  }
  return {
    contact: count > 1 ? contact : 'press',
    count,
    points,
    normals,
    tangents,
    cumulative,
    length,
  };
}

/**
 * Position, tangent and normal of a stroke at arc length `s` (clamped), interpolated between its
 * points. Binary search over the cumulative lengths.
 */
export function frameAt(
  stroke: SkinStroke,
  s: number,
  p: number[],
  t: number[],
  n: number[],
): void {
  const cum = stroke.cumulative;
  const last = stroke.count - 1;
  let i = 0;
  let f = 0;
  if (last > 0) {
    const target = Math.min(Math.max(s, 0), stroke.length);
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] ?? 0) <= target) lo = mid;
      else hi = mid;
    }
    i = lo;
    const span = (cum[i + 1] ?? 0) - (cum[i] ?? 0);
    f = span > 0 ? (target - (cum[i] ?? 0)) / span : 0;
  }
  const j = Math.min(i + 1, last);
  for (let c = 0; c < 3; c++) {
    const ia = i * 3 + c;
    const ib = j * 3 + c;
    p[c] = (stroke.points[ia] ?? 0) * (1 - f) + (stroke.points[ib] ?? 0) * f;
    t[c] = (stroke.tangents[ia] ?? 0) * (1 - f) + (stroke.tangents[ib] ?? 0) * f;
    n[c] = (stroke.normals[ia] ?? 0) * (1 - f) + (stroke.normals[ib] ?? 0) * f;
  }
  normalizeInPlace(n, 0, 0, 1);
  // Keep T in the tangent plane of the interpolated normal.
  const d = (t[0] ?? 0) * (n[0] ?? 0) + (t[1] ?? 0) * (n[1] ?? 0) + (t[2] ?? 0) * (n[2] ?? 0);
  for (let c = 0; c < 3; c++) t[c] = (t[c] ?? 0) - d * (n[c] ?? 0);
  normalizeInPlace(t, 1, 0, 0);
}
