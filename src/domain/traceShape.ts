/**
 * The geometry behind trace grading: where a point is along a skin path, how much a drawn line
 * turns (and which way, as seen from outside the skin), the circles in it (how many, how round,
 * how big), the sweeps of a zigzag and the two loops of a figure eight.
 *
 * Pure maths over plain arrays. Turning is measured in the tangent plane of the skin: the normal
 * at a traced point is the normal of the nearest point of the step's path (the trace carries
 * none). A positive angle turns counter-clockwise as seen from outside the skin.
 */
import { itemAt } from './arrays.ts';
import type { Vec3 } from './body.ts';
import type { SkinPath } from './motion/index.ts';
import { cross, dot, normalize, sub } from './vec3.ts';

/** A traced point with the skin normal under it and its time (ms since the trace began). */
export interface ShapePoint {
  readonly p: Vec3;
  readonly n: Vec3;
  readonly t: number | null;
}
export type ShapeStroke = readonly ShapePoint[];

const TAU = Math.PI * 2;

// ---------------------------------------------------------------------------------------------
// Nearest point on a skin path
// ---------------------------------------------------------------------------------------------

interface IndexedSegment {
  readonly stroke: number;
  readonly a: Vec3;
  readonly b: Vec3;
  readonly na: Vec3;
  readonly nb: Vec3;
  /** Arc length of `a` from its stroke's start. */
  readonly s0: number;
  readonly length: number;
}

export interface PathIndex {
  readonly segments: readonly IndexedSegment[];
  /** Single points (presses, one-point strokes) with their normals. */
  readonly points: readonly { readonly stroke: number; readonly p: Vec3; readonly n: Vec3 }[];
  readonly length: number;
}

export interface NearestOnPath {
  readonly stroke: number;
  /** Arc length along the stroke. */
  readonly s: number;
  readonly point: Vec3;
  readonly normal: Vec3;
  /** Unit direction of the path there (zero for a point). */
  readonly tangent: Vec3;
  readonly distance: number;
}

function vecAt(arr: Float64Array, i: number): Vec3 {
  return [arr[i * 3] ?? 0, arr[i * 3 + 1] ?? 0, arr[i * 3 + 2] ?? 0];
}

const finite = (p: Vec3) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && Number.isFinite(p[2]);

/** Flattens a skin path for nearest-point queries. */
export function indexPath(path: SkinPath): PathIndex {
  const segments: IndexedSegment[] = [];
  const points: { stroke: number; p: Vec3; n: Vec3 }[] = [];
  let length = 0;
  path.strokes.forEach((stroke, k) => {
    const count = Math.min(stroke.count, Math.floor(stroke.points.length / 3));
    if (count === 1 || (stroke.contact === 'press' && count > 0)) {
      const p = vecAt(stroke.points, 0);
      if (finite(p)) points.push({ stroke: k, p, n: vecAt(stroke.normals, 0) });
      return;
    }
    let s0 = 0;
    for (let i = 0; i + 1 < count; i++) {
      const a = vecAt(stroke.points, i);
      const b = vecAt(stroke.points, i + 1);
      const len = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
      if (!finite(a) || !finite(b)) continue;
      if (len > 1e-9) {
        segments.push({
          stroke: k,
          a,
          b,
          na: vecAt(stroke.normals, i),
          nb: vecAt(stroke.normals, i + 1),
          s0,
          length: len,
        });
      }
      s0 += len;
      length += len;
    }
  });
  return { segments, points, length };
}

/** The nearest point of an indexed path to `p` (null for an empty path). */
export function nearestOnPath(index: PathIndex, p: Vec3): NearestOnPath | null {
  let best: NearestOnPath | null = null;
  let bestD2 = Infinity;
  for (const seg of index.segments) {
    const abx = seg.b[0] - seg.a[0];
    const aby = seg.b[1] - seg.a[1];
    const abz = seg.b[2] - seg.a[2];
    const len2 = seg.length * seg.length;
    let u = ((p[0] - seg.a[0]) * abx + (p[1] - seg.a[1]) * aby + (p[2] - seg.a[2]) * abz) / len2;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    const qx = seg.a[0] + abx * u;
    const qy = seg.a[1] + aby * u;
    const qz = seg.a[2] + abz * u;
    const d2 = (p[0] - qx) ** 2 + (p[1] - qy) ** 2 + (p[2] - qz) ** 2;
    if (d2 < bestD2) {
      bestD2 = d2;
      const n = normalize([
        seg.na[0] * (1 - u) + seg.nb[0] * u,
        seg.na[1] * (1 - u) + seg.nb[1] * u,
        seg.na[2] * (1 - u) + seg.nb[2] * u,
      ]);
      best = {
        stroke: seg.stroke,
        s: seg.s0 + seg.length * u,
        point: [qx, qy, qz],
        normal: n,
        tangent: [abx / seg.length, aby / seg.length, abz / seg.length],
        distance: 0,
      };
    }
  }
  for (const q of index.points) {
    const d2 = (p[0] - q.p[0]) ** 2 + (p[1] - q.p[1]) ** 2 + (p[2] - q.p[2]) ** 2;
    if (d2 < bestD2) {
      bestD2 = d2;
      best = { stroke: q.stroke, s: 0, point: q.p, normal: q.n, tangent: [0, 0, 0], distance: 0 };
    }
  }
  return best ? { ...best, distance: Math.sqrt(bestD2) } : null;
}

// ---------------------------------------------------------------------------------------------
// Resampling and turning
// ---------------------------------------------------------------------------------------------

/** A stroke resampled every `spacing` metres of arc length (times and normals interpolated). */
export function resampleStroke(stroke: ShapeStroke, spacing: number): ShapePoint[] {
  if (stroke.length < 2 || !(spacing > 0)) return [...stroke];
  const out: ShapePoint[] = [itemAt(stroke, 0)];
  let carry = 0;
  for (let i = 1; i < stroke.length; i++) {
    const a = itemAt(stroke, i - 1);
    const b = itemAt(stroke, i);
    const len = Math.hypot(b.p[0] - a.p[0], b.p[1] - a.p[1], b.p[2] - a.p[2]);
    let s = spacing - carry;
    while (s <= len) {
      const f = len > 0 ? s / len : 0;
      out.push({
        p: [
          a.p[0] + (b.p[0] - a.p[0]) * f,
          a.p[1] + (b.p[1] - a.p[1]) * f,
          a.p[2] + (b.p[2] - a.p[2]) * f,
        ],
        n: normalize([
          a.n[0] + (b.n[0] - a.n[0]) * f,
          a.n[1] + (b.n[1] - a.n[1]) * f,
          a.n[2] + (b.n[2] - a.n[2]) * f,
        ]),
        t: a.t !== null && b.t !== null ? a.t + (b.t - a.t) * f : null,
      });
      s += spacing;
    }
    carry = len - (s - spacing);
  }
  const last = itemAt(stroke, stroke.length - 1);
  const tail = itemAt(out, out.length - 1);
  if (Math.hypot(last.p[0] - tail.p[0], last.p[1] - tail.p[1], last.p[2] - tail.p[2]) > 1e-9)
    out.push(last);
  return out;
}

/**
 * Signed turning angle at each point of a stroke (0 at its ends), in the skin's tangent plane:
 * positive counter-clockwise as seen from outside.
 */
export function turningAngles(stroke: ShapeStroke): number[] {
  const out = new Array<number>(stroke.length).fill(0);
  for (let i = 1; i + 1 < stroke.length; i++) {
    const prev = itemAt(stroke, i - 1);
    const cur = itemAt(stroke, i);
    const next = itemAt(stroke, i + 1);
    const n = cur.n;
    const flat = (v: Vec3): Vec3 => {
      const d = dot(v, n);
      return [v[0] - d * n[0], v[1] - d * n[1], v[2] - d * n[2]];
    };
    const d1 = flat(sub(cur.p, prev.p));
    const d2 = flat(sub(next.p, cur.p));
    if (dot(d1, d1) < 1e-18 || dot(d2, d2) < 1e-18) continue;
    out[i] = Math.atan2(dot(cross(d1, d2), n), dot(d1, d2));
  }
  return out;
}

/** Seconds between the first and last timed points of each stroke, summed; null if untimed. */
export function activeSeconds(strokes: readonly ShapeStroke[]): number | null {
  let total = 0;
  for (const stroke of strokes) {
    if (stroke.length < 2) continue;
    const a = itemAt(stroke, 0).t;
    const b = itemAt(stroke, stroke.length - 1).t;
    if (a === null || b === null) return null;
    total += Math.max(0, b - a) / 1000;
  }
  return total > 0 ? total : null;
}

// ---------------------------------------------------------------------------------------------
// Circles
// ---------------------------------------------------------------------------------------------

export interface CircleAnalysis {
  /** Whole turns drawn (|net turning| / 2π). */
  readonly loops: number;
  /** Net turning, radians; positive counter-clockwise from outside. */
  readonly signedTurn: number;
  /** Net turning over all turning (−1…1; near ±1 for clean circles, near 0 for a wiggle). */
  readonly consistency: number;
  /** Median distance from each point to its loop's centre, metres; null with no whole loop. */
  readonly radius: number | null;
  /** Spread of those distances relative to their mean (0 for a perfect circle). */
  readonly radiusSpread: number | null;
  /** Centres of the loops (a moving centre over one turn) in order, for the travel direction. */
  readonly centres: readonly Vec3[];
}

/**
 * The circles in a trace: resampled at a spacing that suits the expected radius, the turning
 * summed per stroke; for each point with a whole turn around it, the centre of that turn (the
 * mean of its points) and its distance to it, measured in the skin's tangent plane.
 */
export function analyseCircles(strokes: readonly ShapeStroke[], radiusM: number): CircleAnalysis {
  // About nine points a circle of the size asked: coarse enough that a pointer's jitter does not
  // count as turning. Circles far smaller than asked need a finer look to be seen at all.
  const coarse = circlesAt(strokes, Math.min(0.004, Math.max(0.0004, radiusM / 1.5)));
  if (coarse.radius !== null && coarse.loops >= 1) return coarse;
  const fine = circlesAt(strokes, Math.min(0.004, Math.max(0.0003, radiusM / 6)));
  return fine.loops > coarse.loops * 1.5 && fine.radius !== null ? fine : coarse;
}

function circlesAt(strokes: readonly ShapeStroke[], spacing: number): CircleAnalysis {
  let signed = 0;
  let absolute = 0;
  const radii: number[] = [];
  const centres: Vec3[] = [];
  for (const raw of strokes) {
    const stroke = resampleStroke(raw, spacing);
    const angles = turningAngles(stroke);
    const theta: number[] = [];
    let acc = 0;
    for (const a of angles) {
      acc += a;
      theta.push(acc);
      signed += a;
      absolute += Math.abs(a);
    }
    if (stroke.length < 6) continue;
    // A window of one turn (π either side in accumulated turning) around each point.
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < stroke.length; i++) {
      const ti = itemAt(theta, i);
      lo = Math.min(lo, i);
      while (lo < i && Math.abs(ti - itemAt(theta, lo)) > Math.PI) lo++;
      hi = Math.max(hi, i);
      while (hi + 1 < stroke.length && Math.abs(itemAt(theta, hi + 1) - ti) <= Math.PI) hi++;
      const complete =
        lo > 0 &&
        hi < stroke.length - 1 &&
        Math.abs(itemAt(theta, lo - 1) - ti) > Math.PI &&
        Math.abs(itemAt(theta, hi + 1) - ti) > Math.PI;
      if (!complete) continue;
      let cx = 0;
      let cy = 0;
      let cz = 0;
      for (let j = lo; j <= hi; j++) {
        const q = itemAt(stroke, j).p;
        cx += q[0];
        cy += q[1];
        cz += q[2];
      }
      const m = hi - lo + 1;
      const c: Vec3 = [cx / m, cy / m, cz / m];
      const pt = itemAt(stroke, i);
      const off = sub(pt.p, c);
      const along = dot(off, pt.n);
      radii.push(
        Math.hypot(off[0] - along * pt.n[0], off[1] - along * pt.n[1], off[2] - along * pt.n[2]),
      );
      centres.push(c);
    }
  }
  let radius: number | null = null;
  let radiusSpread: number | null = null;
  if (radii.length >= 6) {
    const sorted = [...radii].sort((a, b) => a - b);
    radius = itemAt(sorted, Math.floor(sorted.length / 2));
    const mean = radii.reduce((s, r) => s + r, 0) / radii.length;
    const sd = Math.sqrt(radii.reduce((s, r) => s + (r - mean) ** 2, 0) / radii.length);
    radiusSpread = mean > 0 ? sd / mean : null;
  }
  return {
    loops: Math.abs(signed) / TAU,
    signedTurn: signed,
    consistency: absolute > Math.PI ? signed / absolute : 0,
    radius,
    radiusSpread,
    centres,
  };
}

// ---------------------------------------------------------------------------------------------
// Zigzag
// ---------------------------------------------------------------------------------------------

export interface ZigzagAnalysis {
  /** Times the trace crossed from one side of the centre line to the other. */
  readonly crossings: number;
  /** Median peak distance from the centre line between crossings, metres; null with none. */
  readonly halfWidth: number | null;
}

/** Signed distance of `p` to the side of a path (positive to the left of travel, from outside). */
export function lateralOffset(near: NearestOnPath, p: Vec3): number {
  const side = cross(near.normal, near.tangent);
  return dot(sub(p, near.point), side);
}

/**
 * The sweeps of a zigzag: each point's signed distance from the centre line, with a dead band
 * of `band` metres so a wobble on the line is not a sweep; the peak of each sweep.
 */
export function analyseZigzag(
  strokes: readonly ShapeStroke[],
  centre: PathIndex,
  band: number,
): ZigzagAnalysis {
  let crossings = 0;
  const peaks: number[] = [];
  for (const stroke of strokes) {
    let state = 0;
    let peak = 0;
    for (const pt of stroke) {
      const near = nearestOnPath(centre, pt.p);
      if (!near) continue;
      const b = lateralOffset(near, pt.p);
      const side = b > band ? 1 : b < -band ? -1 : 0;
      if (side !== 0 && side !== state) {
        if (state !== 0) {
          crossings++;
          peaks.push(peak);
        }
        state = side;
        peak = 0;
      }
      if (state !== 0 && Math.sign(b) === state) peak = Math.max(peak, Math.abs(b));
    }
    if (state !== 0 && peak > 0) peaks.push(peak);
  }
  const sorted = peaks.sort((a, b) => a - b);
  return {
    crossings,
    halfWidth: sorted.length >= 2 ? itemAt(sorted, Math.floor(sorted.length / 2)) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Figure eight
// ---------------------------------------------------------------------------------------------

export interface EightFrame {
  readonly mid: Vec3;
  /** Unit direction from one loop's end to the other's. */
  readonly axis: Vec3;
  /** Unit lateral direction in the skin's plane at the middle. */
  readonly lateral: Vec3;
}

/** The middle, long axis and lateral direction of a figure eight, from its points. */
export function eightFrame(points: readonly Vec3[], normal: Vec3): EightFrame {
  const n = Math.max(1, points.length);
  const sum: [number, number, number] = [0, 0, 0];
  for (const p of points) {
    sum[0] += p[0] / n;
    sum[1] += p[1] / n;
    sum[2] += p[2] / n;
  }
  const mid: Vec3 = sum;
  // The farthest point from the middle lies at one end of the long axis.
  let far: Vec3 = mid;
  let best = -1;
  for (const p of points) {
    const d = Math.hypot(p[0] - mid[0], p[1] - mid[1], p[2] - mid[2]);
    if (d > best) {
      best = d;
      far = p;
    }
  }
  const raw = sub(far, mid);
  const flat = sub(raw, [
    normal[0] * dot(raw, normal),
    normal[1] * dot(raw, normal),
    normal[2] * dot(raw, normal),
  ]);
  const axis = normalize(flat, [1, 0, 0]);
  return { mid, axis, lateral: normalize(cross(normal, axis), [0, 1, 0]) };
}

export interface EightLobe {
  /** Net turning on this half, radians (positive counter-clockwise from outside). */
  readonly turn: number;
  /** Farthest lateral reach on this half, metres. */
  readonly reach: number;
  /** Points of the trace on this half. */
  readonly points: number;
}

/** The trace's turning and lateral reach on each half of a figure eight (−axis half first). */
export function analyseEight(
  strokes: readonly ShapeStroke[],
  frame: EightFrame,
  spacing: number,
): readonly [EightLobe, EightLobe] {
  const lobes = [
    { turn: 0, reach: 0, points: 0 },
    { turn: 0, reach: 0, points: 0 },
  ];
  for (const raw of strokes) {
    const stroke = resampleStroke(raw, spacing);
    const angles = turningAngles(stroke);
    stroke.forEach((pt, i) => {
      const rel = sub(pt.p, frame.mid);
      const lobe = itemAt(lobes, dot(rel, frame.axis) < 0 ? 0 : 1);
      lobe.turn += angles[i] ?? 0;
      lobe.reach = Math.max(lobe.reach, Math.abs(dot(rel, frame.lateral)));
      lobe.points++;
    });
  }
  return [itemAt(lobes, 0), itemAt(lobes, 1)];
}
