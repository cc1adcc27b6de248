/**
 * "Trace the stroke": grades a trainee's trace, already projected onto the skin, against the
 * step's reference path on the skin (`SkinPath` from `motion.ts`).
 *
 * Four measures, each in a fixed range:
 * - direction (−1…1): length-weighted mean cosine between the trace's direction of travel and the
 *   reference tangent at the nearest point of the reference polyline; only trace segments within
 *   reach of the path count. A trace drawn the wrong way scores near −1. Null when the reference
 *   has no glides (presses only) or no trace segment came near it.
 * - coverage (0…1): the share of the reference (glide length, plus a small fixed weight per press)
 *   that the trace came within `toleranceM` of.
 * - accuracy (0…1): the share of trace points on the step's zones (on the step's side when one is
 *   given) or within tolerance of the path itself (a path may graze a neighbouring zone).
 * - avoid touches: runs of consecutive trace points on avoid zones, with the zones touched.
 *
 * Pure maths over plain arrays: no three, no DOM. Degenerate input (empty or one-point trace,
 * empty reference, NaN coordinates) yields a zero score with a feedback key, never an exception.
 */
import { itemAt } from './arrays.ts';
import type { Side, Vec3 } from './body.ts';
import type { SkinPath } from './motion/index.ts';
import { clamp01, distance } from './vec3.ts';

/** One point of the trainee's trace on the skin. */
export interface TracePoint {
  readonly point: Vec3;
  /** Zone id of the skin under the point (`body` when none). */
  readonly zone: string;
  readonly side?: Side | null;
  /** True where the pointer was lifted before this point: no segment joins it to the previous. */
  readonly newStroke?: boolean;
}

export interface TraceScoreOptions {
  /** Distance (metres, adult size) within which the trace counts as on the path. Default 12 mm. */
  readonly toleranceM: number;
  /** Total (0–100) needed to pass, with no avoid touch. Default 70. */
  readonly passScore: number;
  /** Points subtracted from the total per avoid touch. Default 35. */
  readonly avoidPenalty: number;
  /** Direction agreement at which the direction measure is full. Default 0.8. */
  readonly fullDirection: number;
}

export const DEFAULT_TRACE_OPTIONS: TraceScoreOptions = {
  toleranceM: 0.012,
  passScore: 70,
  avoidPenalty: 35,
  fullDirection: 0.8,
};

export interface TraceScoreInput {
  readonly trace: readonly TracePoint[];
  readonly reference: SkinPath;
  /** The step's zones. */
  readonly stepZones: Iterable<string>;
  /** Zones that must not be touched. */
  readonly avoidZones: Iterable<string>;
  /** Side the step is done on; when given, step zones only count on that side. */
  readonly side?: Side | null;
  /** Body size relative to the adult (the child ≈ 0.56): scales the tolerance. Default 1. */
  readonly bodyScale?: number;
  readonly options?: Partial<TraceScoreOptions>;
}

export interface AvoidTouch {
  readonly zone: string;
  readonly side: Side | null;
  /** Trace points on this zone part. */
  readonly points: number;
}

export type TraceFeedback =
  | 'no_reference'
  | 'empty_trace'
  | 'too_short'
  | 'reversed'
  | 'wrong_direction'
  | 'off_path'
  | 'incomplete'
  | 'off_zone'
  | 'touched_avoid'
  | 'good';

export interface TraceScore {
  /** −1…1, or null when it cannot be judged (presses only, or nothing near the path). */
  readonly direction: number | null;
  readonly coverage: number;
  readonly accuracy: number;
  /** Number of separate touches (runs of consecutive points) of avoid zones. */
  readonly avoidTouches: number;
  /** Avoid zone parts touched, most points first. */
  readonly avoidZones: readonly AvoidTouch[];
  /** Length of the trace and of the reference, metres. */
  readonly traceLength: number;
  readonly referenceLength: number;
  /** 0–100, rounded. */
  readonly total: number;
  readonly passed: boolean;
  /** Keys for the UI to translate, most important first. */
  readonly feedback: readonly TraceFeedback[];
}

/** Weights of the measures in the total (direction weight moves to the others when null). */
const WEIGHTS = { direction: 0.4, coverage: 0.35, accuracy: 0.25 } as const;
/** Trace segments farther than this many tolerances from the path do not vote on direction. */
const DIRECTION_REACH = 2.5;
/** Below this share of the reference length a trace is too short to judge. */
const MIN_LENGTH_SHARE = 0.25;
/** Coverage weight of one press point, in tolerances of glide length. */
const PRESS_WEIGHT = 2;

// ---------------------------------------------------------------------------------------------
// Small vector helpers over Float64Array triples
// ---------------------------------------------------------------------------------------------

type Mut3 = [number, number, number];

function readPoint(arr: Float64Array, i: number): Mut3 {
  return [arr[i * 3] ?? 0, arr[i * 3 + 1] ?? 0, arr[i * 3 + 2] ?? 0];
}

function isFiniteVec(p: Vec3): boolean {
  return Number.isFinite(p[0]) && Number.isFinite(p[1]) && Number.isFinite(p[2]);
}

/** Closest point parameter u ∈ [0, 1] on segment a→b to p, and the distance to it. */
function closestOnSegment(p: Vec3, a: Vec3, b: Vec3): { u: number; distance: number } {
  const abx = b[0] - a[0];
  const aby = b[1] - a[1];
  const abz = b[2] - a[2];
  const len2 = abx * abx + aby * aby + abz * abz;
  let u = 0;
  if (len2 > 1e-18) {
    u = ((p[0] - a[0]) * abx + (p[1] - a[1]) * aby + (p[2] - a[2]) * abz) / len2;
    u = Math.min(1, Math.max(0, u));
  }
  const q: Vec3 = [a[0] + abx * u, a[1] + aby * u, a[2] + abz * u];
  return { u, distance: distance(p, q) };
}

// ---------------------------------------------------------------------------------------------
// The reference as flat lists
// ---------------------------------------------------------------------------------------------

interface ReferenceSegment {
  readonly a: Mut3;
  readonly b: Mut3;
  /** Unit direction of travel a → b. */
  readonly dir: Mut3;
}

interface ReferenceSample {
  readonly point: Mut3;
  /** Share of the reference this sample stands for (metres of glide, or the press weight). */
  readonly weight: number;
}

interface FlatReference {
  readonly segments: readonly ReferenceSegment[];
  readonly samples: readonly ReferenceSample[];
  readonly glideLength: number;
}

/** Flattens a skin path into glide segments and weighted samples for coverage. */
function flattenReference(reference: SkinPath, tolerance: number): FlatReference {
  const segments: ReferenceSegment[] = [];
  const samples: ReferenceSample[] = [];
  let glideLength = 0;
  for (const stroke of reference.strokes) {
    const count = Math.min(stroke.count, Math.floor(stroke.points.length / 3));
    if (count <= 0) continue;
    if (stroke.contact === 'press' || count === 1) {
      const p = readPoint(stroke.points, 0);
      if (isFiniteVec(p)) samples.push({ point: p, weight: PRESS_WEIGHT * tolerance });
      continue;
    }
    const lengths: number[] = [];
    for (let i = 0; i + 1 < count; i++) {
      const a = readPoint(stroke.points, i);
      const b = readPoint(stroke.points, i + 1);
      const len = distance(a, b);
      const ok = isFiniteVec(a) && isFiniteVec(b) && len > 1e-9;
      lengths.push(ok ? len : 0);
      if (!ok) continue;
      segments.push({ a, b, dir: [(b[0] - a[0]) / len, (b[1] - a[1]) / len, (b[2] - a[2]) / len] });
      glideLength += len;
    }
    for (let i = 0; i < count; i++) {
      const p = readPoint(stroke.points, i);
      if (!isFiniteVec(p)) continue;
      // Each point stands for half of each neighbouring segment.
      const weight = ((lengths[i - 1] ?? 0) + (lengths[i] ?? 0)) / 2;
      if (weight > 0) samples.push({ point: p, weight });
    }
  }
  return { segments, samples, glideLength };
}

// ---------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------

interface TraceSegment {
  readonly a: Vec3;
  readonly b: Vec3;
  readonly length: number;
}

/** Segments between consecutive trace points, skipping lifts and invalid points. */
function collectTraceSegments(trace: readonly TracePoint[]): TraceSegment[] {
  const out: TraceSegment[] = [];
  for (let i = 1; i < trace.length; i++) {
    const prev = itemAt(trace, i - 1);
    const cur = itemAt(trace, i);
    if (cur.newStroke === true) continue;
    if (!isFiniteVec(prev.point) || !isFiniteVec(cur.point)) continue;
    const length = distance(prev.point, cur.point);
    if (length > 1e-9) out.push({ a: prev.point, b: cur.point, length });
  }
  return out;
}

/** Distance from `p` to the nearest trace segment or isolated trace point. */
function distanceToTrace(
  p: Vec3,
  segments: readonly TraceSegment[],
  points: readonly Vec3[],
): number {
  let best = Infinity;
  for (const s of segments) best = Math.min(best, closestOnSegment(p, s.a, s.b).distance);
  for (const q of points) best = Math.min(best, distance(p, q));
  return best;
}

/**
 * Length-weighted mean cosine between each trace segment's direction and the direction of the
 * nearest reference segment (to the trace segment's midpoint); null when no segment is in reach.
 */
function measureDirection(
  segments: readonly TraceSegment[],
  reference: readonly ReferenceSegment[],
  reach: number,
): number | null {
  let sum = 0;
  let weight = 0;
  for (const s of segments) {
    const mid: Vec3 = [(s.a[0] + s.b[0]) / 2, (s.a[1] + s.b[1]) / 2, (s.a[2] + s.b[2]) / 2];
    let nearest: ReferenceSegment | null = null;
    let nearestD = Infinity;
    for (const r of reference) {
      const d = closestOnSegment(mid, r.a, r.b).distance;
      if (d < nearestD) {
        nearestD = d;
        nearest = r;
      }
    }
    if (!nearest || nearestD > reach) continue;
    const cos =
      ((s.b[0] - s.a[0]) * nearest.dir[0] +
        (s.b[1] - s.a[1]) * nearest.dir[1] +
        (s.b[2] - s.a[2]) * nearest.dir[2]) /
      s.length;
    sum += cos * s.length;
    weight += s.length;
  }
  return weight > 0 ? Math.max(-1, Math.min(1, sum / weight)) : null;
}

/** Counts separate touches of avoid zones and the points per zone part. */
function findAvoidTouches(
  trace: readonly TracePoint[],
  avoid: ReadonlySet<string>,
): { touches: number; zones: AvoidTouch[] } {
  const perZone = new Map<string, { zone: string; side: Side | null; points: number }>();
  let touches = 0;
  let inside = false;
  for (const p of trace) {
    const on = avoid.has(p.zone);
    if (on && (!inside || p.newStroke === true)) touches++;
    inside = on;
    if (!on) continue;
    const side = p.side ?? null;
    const key = `${p.zone}.${side ?? ''}`;
    const entry = perZone.get(key) ?? { zone: p.zone, side, points: 0 };
    entry.points++;
    perZone.set(key, entry);
  }
  const zones = [...perZone.values()].sort((a, b) => b.points - a.points);
  return { touches, zones };
}

/** The score of nothing to compare, with one feedback key. */
function emptyScore(feedback: TraceFeedback, referenceLength: number): TraceScore {
  return {
    direction: null,
    coverage: 0,
    accuracy: 0,
    avoidTouches: 0,
    avoidZones: [],
    traceLength: 0,
    referenceLength,
    total: 0,
    passed: false,
    feedback: [feedback],
  };
}

/**
 * Scores a trace against a step's reference path. See the module comment for the measures.
 * The total is 100 × (0.4 D + 0.35 C + 0.25 A) × (0.5 + 0.5 D), where D = clamp(direction /
 * fullDirection, 0, 1): a reversed trace loses the direction share and half of the rest. Each
 * avoid touch subtracts `avoidPenalty`, and any touch fails the attempt.
 */
export function scoreTrace(input: TraceScoreInput): TraceScore {
  const options: TraceScoreOptions = { ...DEFAULT_TRACE_OPTIONS, ...input.options };
  const scale = input.bodyScale !== undefined && input.bodyScale > 0 ? input.bodyScale : 1;
  const tolerance = options.toleranceM * scale;
  const reference = flattenReference(input.reference, tolerance);
  const referenceTotal = reference.samples.reduce((s, x) => s + x.weight, 0);
  if (reference.samples.length === 0 || referenceTotal <= 0)
    return emptyScore('no_reference', reference.glideLength);

  const trace = input.trace.filter((p) => isFiniteVec(p.point));
  if (trace.length === 0) return emptyScore('empty_trace', reference.glideLength);

  const segments = collectTraceSegments(trace);
  const traceLength = segments.reduce((s, x) => s + x.length, 0);
  const isolated = trace.map((p) => p.point);

  // Coverage: reference samples the trace came within tolerance of.
  let covered = 0;
  for (const s of reference.samples) {
    if (distanceToTrace(s.point, segments, isolated) <= tolerance) covered += s.weight;
  }
  const coverage = clamp01(covered / referenceTotal);

  // Direction: only for glide references.
  const direction =
    reference.segments.length > 0
      ? measureDirection(segments, reference.segments, DIRECTION_REACH * tolerance)
      : null;

  // Accuracy: points on the step's zones (and side) or on the path itself.
  const stepZones = new Set(input.stepZones);
  const side = input.side ?? null;
  const refSegs = reference.segments;
  const refPoints = reference.samples.map((s) => s.point);
  let onTarget = 0;
  for (const p of trace) {
    const zoneOk =
      stepZones.has(p.zone) && (side === null || (p.side ?? null) === null || p.side === side);
    if (zoneOk || nearReference(p.point, refSegs, refPoints, tolerance)) onTarget++;
  }
  const accuracy = clamp01(onTarget / trace.length);

  const avoid = findAvoidTouches(trace, new Set(input.avoidZones));

  // A glide path with no judgeable direction (a dot, or nothing near the path) earns none.
  const d =
    reference.segments.length === 0 ? null : clamp01((direction ?? 0) / options.fullDirection);
  const base =
    d === null
      ? (WEIGHTS.coverage * coverage + WEIGHTS.accuracy * accuracy) /
        (WEIGHTS.coverage + WEIGHTS.accuracy)
      : (WEIGHTS.direction * d + WEIGHTS.coverage * coverage + WEIGHTS.accuracy * accuracy) *
        (0.5 + 0.5 * d);
  const total = Math.max(
    0,
    Math.min(100, Math.round(100 * base - options.avoidPenalty * avoid.touches)),
  );
  const passed = total >= options.passScore && avoid.touches === 0;

  const feedback: TraceFeedback[] = [];
  if (avoid.touches > 0) feedback.push('touched_avoid');
  const tooShort =
    reference.glideLength > 0
      ? traceLength < MIN_LENGTH_SHARE * reference.glideLength
      : trace.length < 1;
  if (tooShort) feedback.push('too_short');
  if (direction === null && reference.segments.length > 0 && segments.length > 0)
    feedback.push('off_path');
  if (direction !== null && direction <= -0.3) feedback.push('reversed');
  else if (direction !== null && direction < 0.5) feedback.push('wrong_direction');
  if (coverage < 0.6 && !tooShort) feedback.push('incomplete');
  if (accuracy < 0.7) feedback.push('off_zone');
  if (passed && feedback.length === 0) feedback.push('good');

  return {
    direction,
    coverage,
    accuracy,
    avoidTouches: avoid.touches,
    avoidZones: avoid.zones,
    traceLength,
    referenceLength: reference.glideLength,
    total,
    passed,
    feedback,
  };
}

/** Whether `p` lies within `tolerance` of the reference polyline or one of its press points. */
function nearReference(
  p: Vec3,
  segments: readonly ReferenceSegment[],
  points: readonly Vec3[],
  tolerance: number,
): boolean {
  for (const s of segments) if (closestOnSegment(p, s.a, s.b).distance <= tolerance) return true;
  for (const q of points) if (distance(p, q) <= tolerance) return true;
  return false;
}
