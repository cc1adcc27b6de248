/**
 * "Trace the stroke": grades a trainee's trace, already projected onto the skin, against what
 * the step asks the hand to draw (`TraceFigure` from `traceFigure.ts`: a line, circles, a
 * figure eight, a zigzag or presses on points). Without a figure the step's path is graded as a
 * line.
 *
 * The criteria, each 0…1 of full marks (null when it cannot be judged; its weight then goes to
 * the others):
 * - direction: for a line, the length-weighted mean cosine between the trace's direction of
 *   travel and the path's (−1…1, full from `fullDirection`); for circles and zigzags that travel,
 *   the net progress along the centre line over the distance covered; for presses, the order
 *   the points were hit in.
 * - coverage: the share of the path (its centre line for travelling figures, each point for
 *   presses) the trace came near.
 * - shape: circles — as many as asked, round, of the right radius; a zigzag — sweeps across of
 *   the right width; a figure eight — both loops, turning opposite ways, of the right width.
 * - turn: circles turning the step's way (clockwise or not, as seen from outside the skin).
 * - accuracy: the share of trace points on the step's zones or near its path.
 * - tempo: the trace's pace (circles, sweeps, presses per second, or speed along a line) against
 *   the step's; full within ±30 %, none at a third or three times. Needs point times.
 * - avoid touches: runs of consecutive trace points on avoid zones; each costs `avoidPenalty`
 *   points and fails the attempt.
 *
 * The total is 100 × (weighted mean of the criteria) × the figure's gates: what a figure cannot
 * do without (a line's direction; circles' turning sense; a zigzag's sweeps and travel; an
 * eight's loops) scales the rest, so a straight line cannot pass for circles.
 *
 * Pure maths over plain arrays: no three, no DOM. Degenerate input (empty or one-point trace,
 * empty reference, NaN coordinates) yields a zero score with a feedback key, never an exception.
 */
import { itemAt } from './arrays.ts';
import type { Side, Vec3 } from './body.ts';
import type { SkinPath } from './motion/index.ts';
import type { TraceFigure, TraceFigureKind } from './traceFigure.ts';
import {
  activeSeconds,
  analyseCircles,
  analyseEight,
  analyseZigzag,
  eightFrame,
  indexPath,
  nearestOnPath,
  type PathIndex,
  type ShapeStroke,
} from './traceShape.ts';
import { clamp01, distance } from './vec3.ts';

/** One point of the trainee's trace on the skin. */
export interface TracePoint {
  readonly point: Vec3;
  /** Zone id of the skin under the point (`body` when none). */
  readonly zone: string;
  readonly side?: Side | null;
  /** True where the pointer was lifted before this point: no segment joins it to the previous. */
  readonly newStroke?: boolean;
  /** Milliseconds since the trace began (the pointer event's time); tempo needs it. */
  readonly t?: number;
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
  /** The step's path on the skin (the motion plan's). */
  readonly reference: SkinPath;
  /** What the step asks to draw; without it, the path is graded as a line. */
  readonly figure?: TraceFigure;
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
  | 'no_circles'
  | 'turn_other_way'
  | 'bigger_circles'
  | 'smaller_circles'
  | 'rounder_circles'
  | 'more_circles'
  | 'no_sweeps'
  | 'wider_zigzag'
  | 'narrower_zigzag'
  | 'both_loops'
  | 'loops_opposite'
  | 'bigger_loops'
  | 'smaller_loops'
  | 'missed_points'
  | 'press_not_drag'
  | 'wrong_order'
  | 'slower'
  | 'faster'
  | 'good';

export const TRACE_CRITERIA = [
  'direction',
  'coverage',
  'shape',
  'turn',
  'accuracy',
  'tempo',
] as const;
export type TraceCriterion = (typeof TRACE_CRITERIA)[number];

export interface CriterionScore {
  readonly criterion: TraceCriterion;
  /** 0–100, rounded: the share of this criterion's full marks earned. */
  readonly score: number;
  /** Its weight in the total (the weights of a figure's judged criteria add up to 1). */
  readonly weight: number;
}

/** What was measured of the figure, for the feedback's numbers. */
export interface FigureDetail {
  /** Circles (turns), sweeps, loops or points drawn, and how many the step has. */
  readonly drawn: number;
  readonly expected: number;
  /** Drawn size (radius, half-width, loop reach) over the step's; null when none was drawn. */
  readonly sizeRatio: number | null;
  /** Circles: −1…1 agreement with the step's turning sense (or with itself when either sense). */
  readonly turnAgreement: number | null;
  /** The turning sense asked for: +1 counter-clockwise, −1 clockwise (from outside), null either. */
  readonly turn: 1 | -1 | null;
  /** Circles: how round (0…1); null when no whole circle was drawn. */
  readonly roundness: number | null;
}

export interface TraceScore {
  readonly figure: TraceFigureKind;
  /** −1…1, or null when it cannot be judged (presses only, or nothing near the path). */
  readonly direction: number | null;
  readonly coverage: number;
  readonly accuracy: number;
  /** 0…1, null for a line. */
  readonly shape: number | null;
  /** 0…1 of the tempo's marks; null without point times or for figures whose pace is not judged. */
  readonly tempo: number | null;
  /** The trace's pace over the step's (2 = twice as fast); null when not judged. */
  readonly tempoRatio: number | null;
  /** Each judged criterion's score and weight, in `TRACE_CRITERIA` order. */
  readonly criteria: readonly CriterionScore[];
  readonly detail: FigureDetail | null;
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

/** Weights of the criteria per figure (a null criterion's weight goes to the others). */
const WEIGHTS: Readonly<Record<TraceFigureKind, Partial<Record<TraceCriterion, number>>>> = {
  line: { direction: 0.4, coverage: 0.35, accuracy: 0.25, tempo: 0.15 },
  circles: { direction: 0.1, coverage: 0.15, shape: 0.3, turn: 0.2, accuracy: 0.1, tempo: 0.15 },
  zigzag: { direction: 0.15, coverage: 0.15, shape: 0.4, accuracy: 0.15, tempo: 0.15 },
  figure_eight: { coverage: 0.2, shape: 0.5, accuracy: 0.15, tempo: 0.15 },
  points: { direction: 0.15, coverage: 0.5, accuracy: 0.2, tempo: 0.15 },
};
/** Trace segments farther than this many tolerances from the path do not vote on direction. */
const DIRECTION_REACH = 2.5;
/** Below this share of the reference length a trace is too short to judge. */
const MIN_LENGTH_SHARE = 0.25;
/** Coverage weight of one press point, in tolerances of glide length. */
const PRESS_WEIGHT = 2;
/** Pace within this factor of the step's earns full tempo marks; none beyond `TEMPO_ZERO`. */
const TEMPO_FULL = 1.3;
const TEMPO_ZERO = 3;

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
// Measures shared by the figures
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

/** Share of the reference (by weight) within `reach` of the trace. */
function measureCoverage(
  reference: FlatReference,
  segments: readonly TraceSegment[],
  points: readonly Vec3[],
  reach: number,
): number {
  const total = reference.samples.reduce((s, x) => s + x.weight, 0);
  if (total <= 0) return 0;
  let covered = 0;
  for (const s of reference.samples)
    if (distanceToTrace(s.point, segments, points) <= reach) covered += s.weight;
  return clamp01(covered / total);
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

/**
 * Net progress along a centre line over the distance covered along it (−1…1), per trace stroke
 * and centre-line stroke: circling or sweeping on the way cancels out, going back does not.
 * Null when the trace stays within `minExtent` of one place along the line.
 */
function measureProgress(
  strokes: readonly (readonly Vec3[])[],
  along: PathIndex,
  reach: number,
  minExtent: number,
): number | null {
  const { net, extent } = progressAlong(strokes, along, reach);
  return extent > minExtent ? Math.max(-1, Math.min(1, net / extent)) : null;
}

/** Net progress and distance covered along a path, summed per trace and path stroke, metres. */
function progressAlong(
  strokes: readonly (readonly Vec3[])[],
  along: PathIndex,
  reach: number,
): { net: number; extent: number } {
  let net = 0;
  let extent = 0;
  for (const stroke of strokes) {
    const runs = new Map<number, { first: number; last: number; min: number; max: number }>();
    for (const p of stroke) {
      const near = nearestOnPath(along, p);
      if (!near || near.distance > reach) continue;
      const run = runs.get(near.stroke);
      if (!run) runs.set(near.stroke, { first: near.s, last: near.s, min: near.s, max: near.s });
      else {
        run.last = near.s;
        run.min = Math.min(run.min, near.s);
        run.max = Math.max(run.max, near.s);
      }
    }
    for (const run of runs.values()) {
      net += run.last - run.first;
      extent += run.max - run.min;
    }
  }
  return { net, extent };
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

/** Full marks within `full`× of the target, none beyond `zero`×, linear in log scale between. */
export function ratioScore(ratio: number | null, full: number, zero: number): number {
  if (ratio === null || !(ratio > 0) || !Number.isFinite(ratio)) return 0;
  const off = Math.abs(Math.log(ratio));
  const lo = Math.log(full);
  const hi = Math.log(zero);
  return off <= lo ? 1 : off >= hi ? 0 : 1 - (off - lo) / (hi - lo);
}

/** Tempo marks for a pace ratio (trace over step). */
export function tempoScore(ratio: number): number {
  return ratioScore(ratio, TEMPO_FULL, TEMPO_ZERO);
}

/** Size marks: full within [0.55, 1.8]× of the step's size, none below 0.25× or above 3.5×. */
function sizeScore(ratio: number | null): number {
  if (ratio === null) return 0;
  return ratio < 1 ? ratioScore(ratio, 1 / 0.55, 1 / 0.25) : ratioScore(ratio, 1.8, 3.5);
}

/** The score of nothing to compare, with one feedback key. */
function emptyScore(
  feedback: TraceFeedback,
  referenceLength: number,
  figure: TraceFigureKind,
): TraceScore {
  return {
    figure,
    direction: null,
    coverage: 0,
    accuracy: 0,
    shape: null,
    tempo: null,
    tempoRatio: null,
    criteria: [],
    detail: null,
    avoidTouches: 0,
    avoidZones: [],
    traceLength: 0,
    referenceLength,
    total: 0,
    passed: false,
    feedback: [feedback],
  };
}

// ---------------------------------------------------------------------------------------------
// Per figure
// ---------------------------------------------------------------------------------------------

/** What a figure's own measures give the total. */
interface FigureResult {
  /** Criteria 0…1 (direction raw −1…1 is turned into marks by the caller). */
  readonly direction: number | null;
  readonly coverage: number;
  readonly shape: number | null;
  readonly turn: number | null;
  readonly tempoRatio: number | null;
  /** Multiplies the weighted mean. */
  readonly gate: number;
  readonly detail: FigureDetail | null;
  readonly feedback: readonly TraceFeedback[];
  /** Distance from the figure within which a trace point is "on the path" for accuracy. */
  readonly nearReach: number;
  readonly tooShort: boolean;
}

interface Context {
  readonly trace: readonly TracePoint[];
  readonly segments: readonly TraceSegment[];
  readonly isolated: readonly Vec3[];
  readonly tolerance: number;
  readonly options: TraceScoreOptions;
  readonly reference: FlatReference;
  readonly traceLength: number;
  /** The trace as strokes with the skin normal of the nearest path point and times. */
  readonly strokes: readonly ShapeStroke[];
  readonly timed: boolean;
}

function directionMarks(direction: number | null, full: number): number {
  return clamp01((direction ?? 0) / full);
}

/** Pace over the step's pace from a count of repeats done in the trace's active time. */
function paceRatio(
  ctx: Context,
  repeats: number,
  cycleS: number | null,
  figure: TraceFigure | undefined,
): number | null {
  if (!ctx.timed || cycleS === null || !(cycleS > 0) || !figure) return null;
  const seconds = activeSeconds(ctx.strokes);
  if (seconds === null) return null;
  return repeats / seconds / (1 / cycleS);
}

/**
 * Pace over the step's from the distance covered along a figure's centre line (`alongLength`
 * long, gone over once in the step's time) in the trace's active time; null when not judged.
 */
function travelPace(
  ctx: Context,
  figure: TraceFigure,
  alongLength: number,
  alongIndex: PathIndex,
  reach: number,
): number | null {
  if (!ctx.timed || figure.cycleS === null || !(figure.cycleS > 0) || !(alongLength > 0))
    return null;
  const seconds = activeSeconds(ctx.strokes);
  const expectedSpeed = alongLength / (figure.cycles * figure.cycleS);
  const covered = progressAlong(
    ctx.strokes.map((st) => st.map((p) => p.p)),
    alongIndex,
    reach,
  ).extent;
  return seconds !== null && covered > 0 ? covered / seconds / expectedSpeed : null;
}

function scoreLine(ctx: Context, figure: TraceFigure | undefined): FigureResult {
  const { reference, segments, isolated, tolerance, options } = ctx;
  const coverage = measureCoverage(reference, segments, isolated, tolerance);
  const direction =
    reference.segments.length > 0
      ? measureDirection(segments, reference.segments, DIRECTION_REACH * tolerance)
      : null;
  // A glide path with no judgeable direction (a dot, or nothing near the path) earns none.
  const d =
    reference.segments.length === 0 ? null : directionMarks(direction, options.fullDirection);
  let tempoRatio: number | null = null;
  if (figure && figure.cycleS !== null && reference.glideLength > 0 && ctx.timed) {
    // Speed along the path (a wobble on the way does not make a stroke faster).
    const seconds = activeSeconds(ctx.strokes);
    const expectedSpeed = reference.glideLength / (figure.cycles * figure.cycleS);
    const covered = progressAlong(
      ctx.strokes.map((st) => st.map((p) => p.p)),
      indexPath(figure.along),
      DIRECTION_REACH * tolerance,
    ).extent;
    if (seconds !== null && expectedSpeed > 0 && covered > 0)
      tempoRatio = covered / seconds / expectedSpeed;
  }
  const feedback: TraceFeedback[] = [];
  if (direction === null && reference.segments.length > 0 && segments.length > 0)
    feedback.push('off_path');
  if (direction !== null && direction <= -0.3) feedback.push('reversed');
  else if (direction !== null && direction < 0.5) feedback.push('wrong_direction');
  return {
    direction,
    coverage,
    shape: null,
    turn: null,
    tempoRatio,
    gate: d === null ? 1 : 0.5 + 0.5 * d,
    detail: null,
    feedback,
    nearReach: tolerance,
    tooShort:
      reference.glideLength > 0
        ? ctx.traceLength < MIN_LENGTH_SHARE * reference.glideLength
        : ctx.trace.length < 1,
  };
}

function scoreCircles(ctx: Context, figure: TraceFigure): FigureResult {
  const { tolerance, options } = ctx;
  const r = figure.sizeM;
  const along = flattenReference(figure.along, tolerance);
  const alongIndex = indexPath(figure.along);
  const reach = tolerance + (figure.centred ? 0 : r);
  const coverage = measureCoverage(along, ctx.segments, ctx.isolated, reach);
  const circles = analyseCircles(ctx.strokes, r);
  const agreement =
    figure.turn === null ? Math.abs(circles.consistency) : circles.consistency * figure.turn;
  const expectedLoops = figure.cycles;
  // Turns counted the way the figure's own are: its net turning counts `calibration.loops`
  // for its `cycles` circles, so the trace's count is scaled alike (for the pace too).
  const ownLoops = figure.calibration?.loops ?? 0;
  const loops =
    ownLoops > 0.5 * expectedLoops ? (circles.loops * expectedLoops) / ownLoops : circles.loops;
  const loopsWanted = Math.max(1, 0.6 * expectedLoops * Math.max(coverage, 0.2));
  const loopShare = clamp01(loops / loopsWanted);
  // Against what the same measures make of the figure itself (see `TraceFigure.calibration`).
  const ownRadius = figure.calibration?.radius ?? r;
  const ownSpread = figure.calibration?.spread ?? 0;
  const roundness =
    circles.radiusSpread === null
      ? null
      : clamp01(1 - (circles.radiusSpread - Math.max(0.15, ownSpread + 0.1)) / 0.4);
  const sizeRatio = circles.radius === null || ownRadius <= 0 ? null : circles.radius / ownRadius;
  const shape = loopShare * (0.5 * (roundness ?? 0) + 0.5 * sizeScore(sizeRatio));
  // The figure drawn exactly turns back a little where its loops travel or its line bends: a
  // trace as consistent as the figure itself turns fully the right way.
  const ownConsistency = Math.max(0.5, Math.min(1, figure.calibration?.consistency ?? 1));
  // A line that bends (a centre line round a joint) turns one way without drawing a circle: the
  // turning sense is a circle's, so there is none to credit until circles are drawn.
  const turn = circles.loops < 0.75 ? 0 : clamp01(agreement / ownConsistency);
  const direction = figure.centred
    ? null
    : measureProgress(
        ctx.strokes.map((s) => s.map((p) => p.p)),
        alongIndex,
        reach * DIRECTION_REACH,
        tolerance,
      );
  const d = direction === null ? null : directionMarks(direction, options.fullDirection);
  const gate = (figure.turn === null ? 1 : 0.6 + 0.4 * turn) * (d === null ? 1 : 0.5 + 0.5 * d);
  // The pace of circles only means something once there are circles.
  // The pace of circles only means something once there are circles. Circles that travel are
  // timed by their travel along the centre line (as the figure's own are spread over it), which
  // a wobble or a loop drawn a little oval does not change; circles in one place by their turns.
  const tempoRatio =
    circles.loops < 0.75
      ? null
      : figure.centred || along.glideLength < 4 * r
        ? paceRatio(ctx, loops, figure.cycleS, figure)
        : travelPace(ctx, figure, along.glideLength, alongIndex, reach * DIRECTION_REACH);

  const feedback: TraceFeedback[] = [];
  if (circles.loops < 0.75) feedback.push('no_circles');
  else {
    if (figure.turn !== null && agreement / ownConsistency < -0.3) feedback.push('turn_other_way');
    if (sizeRatio !== null && sizeRatio < 0.55) feedback.push('bigger_circles');
    if (sizeRatio !== null && sizeRatio > 1.8) feedback.push('smaller_circles');
    if (roundness !== null && roundness < 0.6) feedback.push('rounder_circles');
    if (loopShare < 0.6) feedback.push('more_circles');
  }
  if (direction !== null && direction <= -0.3) feedback.push('reversed');
  else if (direction !== null && direction < 0.5) feedback.push('wrong_direction');
  return {
    direction,
    coverage,
    shape,
    turn,
    tempoRatio,
    gate,
    detail: {
      drawn: loops,
      expected: expectedLoops,
      sizeRatio,
      turnAgreement: circles.loops >= 0.75 ? agreement : null,
      turn: figure.turn,
      roundness,
    },
    feedback,
    nearReach: tolerance + r,
    tooShort: ctx.traceLength < MIN_LENGTH_SHARE * Math.min(along.glideLength, 2 * Math.PI * r),
  };
}

function scoreZigzag(ctx: Context, figure: TraceFigure): FigureResult {
  const { tolerance, options } = ctx;
  const half = figure.sizeM;
  const along = flattenReference(figure.along, tolerance);
  const alongIndex = indexPath(figure.along);
  const reach = tolerance + half;
  const coverage = measureCoverage(along, ctx.segments, ctx.isolated, reach);
  const zigzag = analyseZigzag(ctx.strokes, alongIndex, Math.max(0.15 * half, 0.1 * tolerance));
  const wanted = Math.max(1, 0.6 * figure.cycles * Math.max(coverage, 0.2));
  const sweepShare = clamp01(zigzag.crossings / wanted);
  const sizeRatio = zigzag.halfWidth === null || half <= 0 ? null : zigzag.halfWidth / half;
  const shape = sweepShare * sizeScore(sizeRatio);
  const direction = measureProgress(
    ctx.strokes.map((s) => s.map((p) => p.p)),
    alongIndex,
    reach * DIRECTION_REACH,
    tolerance,
  );
  const d = direction === null ? null : directionMarks(direction, options.fullDirection);
  const gate = (0.5 + 0.5 * shape) * (d === null ? 1 : 0.5 + 0.5 * d);
  const tempoRatio =
    zigzag.crossings >= 2 ? paceRatio(ctx, zigzag.crossings, figure.cycleS, figure) : null;
  const feedback: TraceFeedback[] = [];
  if (zigzag.crossings < 2) feedback.push('no_sweeps');
  else {
    if (sizeRatio !== null && sizeRatio < 0.55) feedback.push('wider_zigzag');
    if (sizeRatio !== null && sizeRatio > 1.8) feedback.push('narrower_zigzag');
  }
  if (direction !== null && direction <= -0.3) feedback.push('reversed');
  else if (direction !== null && direction < 0.5) feedback.push('wrong_direction');
  return {
    direction,
    coverage,
    shape,
    turn: null,
    tempoRatio,
    gate,
    detail: {
      drawn: zigzag.crossings,
      expected: figure.cycles,
      sizeRatio,
      turnAgreement: null,
      turn: null,
      roundness: null,
    },
    feedback,
    nearReach: reach,
    tooShort: ctx.traceLength < MIN_LENGTH_SHARE * along.glideLength,
  };
}

function scoreEight(ctx: Context, figure: TraceFigure): FigureResult {
  const { tolerance, reference } = ctx;
  const half = figure.sizeM;
  const coverage = measureCoverage(reference, ctx.segments, ctx.isolated, tolerance);
  const points: Vec3[] = [];
  let nx = 0;
  let ny = 0;
  let nz = 0;
  for (const s of figure.shape.strokes) {
    for (let i = 0; i < s.count; i++) {
      points.push(readPoint(s.points, i));
      nx += s.normals[i * 3] ?? 0;
      ny += s.normals[i * 3 + 1] ?? 0;
      nz += s.normals[i * 3 + 2] ?? 0;
    }
  }
  const nl = Math.hypot(nx, ny, nz) || 1;
  const frame = eightFrame(points, [nx / nl, ny / nl, nz / nl]);
  const spacing = Math.min(0.004, Math.max(0.0005, half / 3));
  const lobes = analyseEight(ctx.strokes, frame, spacing);
  // Each loop turns half a turn on each side of the crossing, the two sides opposite ways.
  const loopsWanted = Math.max(1, 0.5 * figure.cycles);
  const share = lobes.map((l) => clamp01(Math.abs(l.turn) / Math.PI / loopsWanted));
  const [a, b] = lobes;
  const drawn = share.filter((s) => s >= 0.5).length;
  const opposite = drawn < 2 || Math.sign(a.turn) !== Math.sign(b.turn);
  const sizes = lobes.map((l) => (half > 0 && l.points > 0 ? l.reach / half : null));
  const lobeScores = lobes.map(
    (_, i) => (share[i] ?? 0) * (0.5 + 0.5 * sizeScore(sizes[i] ?? null)),
  );
  const [sa, sb] = lobeScores;
  // Two circles turning the same way are not an eight: the weaker one does not count.
  const shape = opposite ? ((sa ?? 0) + (sb ?? 0)) / 2 : Math.max(sa ?? 0, sb ?? 0) / 2;
  const measured = sizes.filter((s): s is number => s !== null && s > 0);
  const sizeRatio = measured.length > 0 ? Math.min(...measured) : null;
  const tempoRatio =
    figure.cycleS !== null && ctx.timed && reference.glideLength > 0 && drawn > 0
      ? (() => {
          const seconds = activeSeconds(ctx.strokes);
          const speed = reference.glideLength / (figure.cycles * figure.cycleS);
          return seconds === null ? null : ctx.traceLength / seconds / speed;
        })()
      : null;
  const feedback: TraceFeedback[] = [];
  if (drawn < 2) feedback.push('both_loops');
  else if (!opposite) feedback.push('loops_opposite');
  if (drawn > 0 && sizeRatio !== null && sizeRatio < 0.55) feedback.push('bigger_loops');
  if (drawn > 0 && measured.some((s) => s > 1.8)) feedback.push('smaller_loops');
  return {
    direction: null,
    coverage,
    shape,
    turn: null,
    tempoRatio,
    gate: 0.5 + 0.5 * shape,
    detail: {
      drawn: opposite ? drawn : Math.min(drawn, 1),
      expected: 2,
      sizeRatio,
      turnAgreement: null,
      turn: null,
      roundness: null,
    },
    feedback,
    nearReach: tolerance,
    tooShort: ctx.traceLength < MIN_LENGTH_SHARE * reference.glideLength,
  };
}

function scorePoints(ctx: Context, figure: TraceFigure): FigureResult {
  const { tolerance } = ctx;
  // Each stroke of the trace is one press: where it was, when it began, how far it moved.
  const presses = ctx.strokes
    .filter((s) => s.length > 0)
    .map((s) => {
      const c: Mut3 = [0, 0, 0];
      for (const p of s) {
        c[0] += p.p[0] / s.length;
        c[1] += p.p[1] / s.length;
        c[2] += p.p[2] / s.length;
      }
      let moved = 0;
      for (let i = 1; i < s.length; i++) moved += distance(itemAt(s, i - 1).p, itemAt(s, i).p);
      return { at: c, t: itemAt(s, 0).t, moved };
    });
  const stations = figure.stations;
  const firstHit = stations.map((st) => presses.findIndex((p) => distance(p.at, st) <= tolerance));
  const hit = firstHit.filter((i) => i >= 0).length;
  const coverage = stations.length > 0 ? hit / stations.length : 0;
  // Order: pairs of stations hit in the order of the path (Kendall's tau over the hits).
  const order = firstHit.filter((i) => i >= 0);
  let concordant = 0;
  let pairs = 0;
  for (let i = 0; i < order.length; i++)
    for (let j = i + 1; j < order.length; j++) {
      const oi = itemAt(order, i);
      const oj = itemAt(order, j);
      if (oi === oj) continue;
      pairs++;
      if (oi < oj) concordant++;
    }
  const direction = pairs > 0 ? (2 * concordant - pairs) / pairs : null;
  let tempoRatio: number | null = null;
  const times = presses.map((p) => p.t).filter((t): t is number => t !== null);
  if (ctx.timed && figure.cycleS !== null && times.length >= 3 && times.length === presses.length) {
    const span = (itemAt(times, times.length - 1) - itemAt(times, 0)) / 1000;
    if (span > 0) tempoRatio = (times.length - 1) / span / (1 / figure.cycleS);
  }
  const dragged = presses.filter((p) => p.moved > 3 * tolerance).length;
  const feedback: TraceFeedback[] = [];
  if (hit < stations.length) feedback.push('missed_points');
  if (dragged > presses.length / 2) feedback.push('press_not_drag');
  if (direction !== null && direction < 0) feedback.push('wrong_order');
  const d = direction === null ? null : clamp01(direction);
  return {
    direction,
    coverage,
    shape: null,
    turn: null,
    tempoRatio,
    gate: (0.5 + 0.5 * coverage) * (d === null ? 1 : 0.75 + 0.25 * d),
    detail: {
      drawn: hit,
      expected: stations.length,
      sizeRatio: null,
      turnAgreement: null,
      turn: null,
      roundness: null,
    },
    feedback,
    nearReach: tolerance,
    tooShort: presses.length === 0,
  };
}

// ---------------------------------------------------------------------------------------------
// The grade
// ---------------------------------------------------------------------------------------------

/** The trace as strokes with the normal of the nearest path point and the times. */
function shapeStrokes(trace: readonly TracePoint[], index: PathIndex): ShapeStroke[] {
  const strokes: { p: Vec3; n: Vec3; t: number | null }[][] = [];
  for (const [i, tp] of trace.entries()) {
    if (i === 0 || tp.newStroke === true) strokes.push([]);
    const near = nearestOnPath(index, tp.point);
    strokes.at(-1)?.push({
      p: tp.point,
      n: near?.normal ?? [0, 0, 1],
      t: Number.isFinite(tp.t) ? (tp.t ?? null) : null,
    });
  }
  return strokes;
}

/**
 * Scores a trace against a step's figure (or its path as a line). See the module comment for
 * the criteria, weights and gates.
 */
export function scoreTrace(input: TraceScoreInput): TraceScore {
  const options: TraceScoreOptions = { ...DEFAULT_TRACE_OPTIONS, ...input.options };
  const scale = input.bodyScale !== undefined && input.bodyScale > 0 ? input.bodyScale : 1;
  const tolerance = options.toleranceM * scale;
  const figure = input.figure;
  const kind: TraceFigureKind = figure?.kind ?? 'line';
  const reference = flattenReference(input.reference, tolerance);
  const referenceTotal = reference.samples.reduce((s, x) => s + x.weight, 0);
  if (reference.samples.length === 0 || referenceTotal <= 0)
    return emptyScore('no_reference', reference.glideLength, kind);

  const trace = input.trace.filter((p) => isFiniteVec(p.point));
  if (trace.length === 0) return emptyScore('empty_trace', reference.glideLength, kind);

  const segments = collectTraceSegments(trace);
  const traceLength = segments.reduce((s, x) => s + x.length, 0);
  const ctx: Context = {
    trace,
    segments,
    isolated: trace.map((p) => p.point),
    tolerance,
    options,
    reference,
    traceLength,
    strokes: shapeStrokes(trace, indexPath(input.reference)),
    timed: trace.every((p) => p.t !== undefined && Number.isFinite(p.t)),
  };
  const result =
    !figure || kind === 'line'
      ? scoreLine(ctx, figure)
      : kind === 'circles'
        ? scoreCircles(ctx, figure)
        : kind === 'zigzag'
          ? scoreZigzag(ctx, figure)
          : kind === 'figure_eight'
            ? scoreEight(ctx, figure)
            : scorePoints(ctx, figure);

  // Accuracy: points on the step's zones (and side) or near the figure itself.
  const stepZones = new Set(input.stepZones);
  const side = input.side ?? null;
  const near = flattenReference(input.reference, tolerance);
  const alongNear =
    figure && figure.along !== input.reference ? flattenReference(figure.along, tolerance) : null;
  let onTarget = 0;
  for (const p of trace) {
    const zoneOk =
      stepZones.has(p.zone) && (side === null || (p.side ?? null) === null || p.side === side);
    if (
      zoneOk ||
      nearReference(p.point, near, tolerance) ||
      (alongNear !== null && nearReference(p.point, alongNear, result.nearReach))
    )
      onTarget++;
  }
  const accuracy = clamp01(onTarget / trace.length);
  const avoid = findAvoidTouches(trace, new Set(input.avoidZones));
  const tempo = result.tempoRatio === null ? null : tempoScore(result.tempoRatio);

  const marks: Record<TraceCriterion, number | null> = {
    direction:
      result.direction === null
        ? kind === 'line' && reference.segments.length > 0
          ? 0
          : null
        : kind === 'points'
          ? clamp01(result.direction)
          : directionMarks(result.direction, options.fullDirection),
    coverage: result.coverage,
    shape: result.shape,
    turn: result.turn,
    accuracy,
    tempo,
  };
  const weights = WEIGHTS[kind];
  const judged = TRACE_CRITERIA.filter((c) => marks[c] !== null && (weights[c] ?? 0) > 0);
  const weightSum = judged.reduce((s, c) => s + (weights[c] ?? 0), 0);
  const norm = weightSum;
  const base =
    norm > 0 ? judged.reduce((s, c) => s + (weights[c] ?? 0) * (marks[c] ?? 0), 0) / norm : 0;
  const total = Math.max(
    0,
    Math.min(100, Math.round(100 * base * result.gate - options.avoidPenalty * avoid.touches)),
  );
  const passed = total >= options.passScore && avoid.touches === 0;
  const criteria: CriterionScore[] = judged.map((c) => ({
    criterion: c,
    score: Math.round(100 * (marks[c] ?? 0)),
    weight: (weights[c] ?? 0) / (norm > 0 ? norm : 1),
  }));

  const feedback: TraceFeedback[] = [];
  if (avoid.touches > 0) feedback.push('touched_avoid');
  if (result.tooShort) feedback.push('too_short');
  feedback.push(...result.feedback);
  if (result.coverage < 0.6 && !result.tooShort)
    feedback.push(kind === 'points' ? 'missed_points' : 'incomplete');
  if (accuracy < 0.7) feedback.push('off_zone');
  if (result.tempoRatio !== null && result.tempoRatio > TEMPO_FULL) feedback.push('slower');
  if (result.tempoRatio !== null && result.tempoRatio < 1 / TEMPO_FULL) feedback.push('faster');
  const unique = [...new Set(feedback)];
  if (passed && unique.length === 0) unique.push('good');

  return {
    figure: kind,
    direction: result.direction,
    coverage: result.coverage,
    accuracy,
    shape: result.shape,
    tempo,
    tempoRatio: result.tempoRatio,
    criteria,
    detail: result.detail,
    avoidTouches: avoid.touches,
    avoidZones: avoid.zones,
    traceLength,
    referenceLength: reference.glideLength,
    total,
    passed,
    feedback: unique,
  };
}

/** Whether `p` lies within `reach` of a flattened reference (its segments or press points). */
function nearReference(p: Vec3, reference: FlatReference, reach: number): boolean {
  for (const s of reference.segments)
    if (closestOnSegment(p, s.a, s.b).distance <= reach) return true;
  for (const q of reference.samples) if (distance(p, q.point) <= reach) return true;
  return false;
}
