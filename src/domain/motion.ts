/**
 * Motion primitives: how the contact glyph (the hand) moves over the skin during one pass of a
 * step — gliding, circling, rubbing across, tapping, pressing and holding, shaking, stretching.
 *
 * Three stages, all pure (three-free maths over plain arrays; the skin comes in as a projector):
 * 1. `projectStrokes` puts the strokes of a resolved path (`samplePath` in `paths.ts`) on the skin
 *    once per step: dense skin polylines with smoothed normals, tangents and arc lengths.
 * 2. `planMotion` lays one pass out in time for a primitive, intensity and tempo: how many cycles
 *    (circles, taps, presses…) each stroke gets, how long each stroke and each lifted transfer
 *    between strokes lasts, how far the hand swings off the path.
 * 3. `sampleMotion(plan, t)` gives the glyph's state at normalised time t ∈ [0, 1) of the pass:
 *    every offset from the path is taken in the skin's tangent plane and re-projected onto the
 *    skin, so the position is always on the surface; offsets that would land in an avoid zone are
 *    shrunk toward the path until they do not. It writes into an output object so the renderer
 *    can call it every frame without allocating.
 *
 * `samplePathTrail` gives the renderer the path line and arrowheads flowing at the tempo.
 *
 * Frame conventions: T is the direction of travel along the path (in the tangent plane), N the
 * outward skin normal, B = N × T the lateral direction. (T, B, N) is right-handed, so a rotation
 * from T toward B is counter-clockwise as seen from outside the skin.
 */
import type { HandPart, Intensity, Step, Technique } from '../content/schema.ts';
import type { Vec3 } from './body.ts';
import { resamplePolyline, tangentToward, type Stroke } from './paths.ts';
import type { SkinHit, SkinProjector } from './projectToSkin.ts';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

export const MOTION_PRIMITIVES = [
  'line',
  'circles',
  'spiral',
  'figure_eight',
  'zigzag',
  'kneading',
  'pinching',
  'tapping',
  'hacking',
  'pressing',
  'vibration',
  'shaking',
  'stretching',
] as const;
export type MotionPrimitive = (typeof MOTION_PRIMITIVES)[number];

export function isMotionPrimitive(value: unknown): value is MotionPrimitive {
  return typeof value === 'string' && (MOTION_PRIMITIVES as readonly string[]).includes(value);
}

/**
 * The primitive that animates each technique of the content schema; null for techniques the
 * hands do not perform on the skin (exercises, preparation, care). Passive movement is shown as
 * a slow pull with hold until the morph animation of the foot takes over.
 */
export const TECHNIQUE_PRIMITIVES: Readonly<Record<Technique, MotionPrimitive | null>> = {
  stroking: 'line',
  rubbing: 'circles',
  kneading: 'kneading',
  pinching: 'pinching',
  tapping: 'tapping',
  hacking: 'hacking',
  patting: 'tapping',
  pressing: 'pressing',
  vibration: 'vibration',
  shaking: 'shaking',
  stretching: 'stretching',
  passive_movement: 'stretching',
  active_exercise: null,
  preparation: null,
  care: null,
};

/** Path kinds whose shape already is the rubbing motion (the glyph just follows them). */
const SHAPED_PATH_KINDS: ReadonlySet<string> = new Set([
  'circles',
  'spiral',
  'figure_eight',
  'zigzag',
]);

/**
 * The primitive for a step: the technique's, except that rubbing along a path that is itself
 * circles, a spiral, a figure eight or a zigzag follows that shape (`line`) instead of adding
 * circles on top of it.
 */
export function choosePrimitive(technique: Technique, pathKind?: string): MotionPrimitive | null {
  const primitive = TECHNIQUE_PRIMITIVES[technique];
  if (primitive === 'circles' && pathKind !== undefined && SHAPED_PATH_KINDS.has(pathKind))
    return 'line';
  return primitive;
}

export type TempoWord = 'slow' | 'moderate' | 'brisk';
/** Structurally the content schema's `tempo`. */
export interface MotionTempo {
  readonly word: TempoWord;
  /** Strokes, cycles (circles, taps, presses) per minute; overrides the word's default rate. */
  readonly perMinute?: number;
}

/** Pressure scalar (glyph size / colour) of each intensity word. */
export const INTENSITY_PRESSURE: Readonly<Record<Intensity, number>> = {
  light: 0.35,
  moderate: 0.65,
  vigorous: 1,
};

/** Typical contact size of each hand part in metres (adult): the swing of circles, rubbing… */
export const HAND_PART_SIZE_M: Readonly<Record<HandPart, number>> = {
  thumb_pad: 0.008,
  fingertips: 0.009,
  finger_phalanges: 0.01,
  knuckles: 0.012,
  palm_edge: 0.014,
  heel_of_palm: 0.016,
  palm: 0.02,
  both_hands: 0.022,
  none: 0.01,
};

/** What motion needs from the skin: `createSkinProjector` from `projectToSkin.ts` or a double. */
export type SkinQuery = Pick<SkinProjector, 'project'> &
  Partial<Pick<SkinProjector, 'nearestOfZones'>>;

// ---------------------------------------------------------------------------------------------
// Timing table
// ---------------------------------------------------------------------------------------------

type ByTempo = readonly [slow: number, moderate: number, brisk: number];
const TEMPO_INDEX: Readonly<Record<TempoWord, 0 | 1 | 2>> = { slow: 0, moderate: 1, brisk: 2 };

interface PrimitiveTiming {
  /** Cycles per second by tempo word (for `line` and `stretching`: glide / pull speed, m/s). */
  readonly rate: ByTempo;
  /** Swing off the path as a multiple of the hand part size. */
  readonly amplitude: number;
  /** Advance along the path per cycle as a multiple of the swing, or in metres if `advanceM`. */
  readonly advance: number;
  readonly advanceM?: boolean;
  /** Advance is speed (m/s) / rate instead: slow drift under a fast oscillation. */
  readonly driftMps?: number;
  /** Cycles on a point (a press stroke, no length). */
  readonly cyclesOnPoint: number;
  /** One cycle per station along the stroke: press / pinch, then move lifted to the next. */
  readonly stationed?: boolean;
}

const TIMING: Readonly<Record<MotionPrimitive, PrimitiveTiming>> = {
  line: { rate: [0.05, 0.08, 0.14], amplitude: 0, advance: 0, cyclesOnPoint: 1 },
  circles: { rate: [0.7, 1.1, 1.8], amplitude: 1, advance: 0.9, cyclesOnPoint: 3 },
  spiral: { rate: [0.7, 1.1, 1.8], amplitude: 1, advance: 2.2, cyclesOnPoint: 3 },
  figure_eight: { rate: [0.4, 0.6, 0.9], amplitude: 1.2, advance: 2, cyclesOnPoint: 2 },
  zigzag: { rate: [1, 1.6, 2.5], amplitude: 1, advance: 0.8, cyclesOnPoint: 4 },
  kneading: { rate: [0.35, 0.5, 0.8], amplitude: 1.3, advance: 1, cyclesOnPoint: 2 },
  pinching: {
    rate: [0.4, 0.6, 0.9],
    amplitude: 1,
    advance: 0.018,
    advanceM: true,
    cyclesOnPoint: 2,
    stationed: true,
  },
  tapping: { rate: [2, 3, 4.5], amplitude: 0, advance: 0.012, advanceM: true, cyclesOnPoint: 4 },
  hacking: { rate: [3, 4.5, 6], amplitude: 0.8, advance: 0.008, advanceM: true, cyclesOnPoint: 6 },
  pressing: {
    rate: [0.2, 0.3, 0.45],
    amplitude: 0,
    advance: 0.015,
    advanceM: true,
    cyclesOnPoint: 1,
    stationed: true,
  },
  vibration: { rate: [6, 8, 10], amplitude: 0.2, advance: 0, driftMps: 0.015, cyclesOnPoint: 12 },
  shaking: { rate: [1.5, 2.5, 3.5], amplitude: 0.8, advance: 0, driftMps: 0.03, cyclesOnPoint: 6 },
  stretching: { rate: [0.02, 0.035, 0.05], amplitude: 0, advance: 0, cyclesOnPoint: 1 },
};

/** Lifted travel between two strokes, seconds, by tempo word. */
const TRANSFER_S: ByTempo = [0.6, 0.45, 0.3];
/** Fraction of a stretch cycle spent pulling (the rest: grip, hold, release). */
const STRETCH_PULL_FRACTION = 0.48;

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
    const h = hits[i];
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

// ---------------------------------------------------------------------------------------------
// Planning one pass
// ---------------------------------------------------------------------------------------------

export interface MotionParams {
  readonly primitive: MotionPrimitive;
  readonly intensity: Intensity;
  /** Intensity reached at the end of the step (pressure ramps with `stepProgress`). */
  readonly intensityTo?: Intensity;
  readonly tempo: MotionTempo;
  readonly handPart?: HandPart;
  /** Swing off the path in metres; default: hand part size × the primitive's factor. */
  readonly amplitudeM?: number;
  /** Size of this body relative to the adult (a 3-year-old ≈ 0.55); scales swings and spacing. */
  readonly bodyScale?: number;
  /** Direction of circles, spirals, kneading as seen from outside the skin (default false). */
  readonly clockwise?: boolean;
  /** Zone ids the glyph must never land on. */
  readonly avoidZones?: ReadonlySet<string>;
  /** Also keep this far (metres) from avoid zones; needs `nearestOfZones` on the projector. */
  readonly avoidMarginM?: number;
}

/** One piece of the pass timeline: a stroke done with the primitive, or lifted travel. */
export interface MotionSegment {
  readonly kind: 'stroke' | 'transfer';
  /** Stroke index (for a transfer: the stroke it leaves). */
  readonly stroke: number;
  /** Normalised start and end time within the pass. */
  readonly t0: number;
  readonly t1: number;
  readonly durationS: number;
  /** Cycles of the primitive (circles, taps, presses, stations…) in this stroke. */
  readonly cycles: number;
  /** Fraction of the stroke's time spent landing and lifting the hand at each end. */
  readonly landing: number;
}

export interface MotionPlan {
  readonly path: SkinPath;
  readonly skin: SkinQuery;
  readonly primitive: MotionPrimitive;
  readonly segments: readonly MotionSegment[];
  /** Length of one pass in seconds at speed 1. */
  readonly passDurationS: number;
  /** Swing off the path, metres. */
  readonly amplitudeM: number;
  /** Mean speed of progress along the path, m/s (arrowheads flow at it). */
  readonly flowSpeedMps: number;
  readonly pressureFrom: number;
  readonly pressureTo: number;
  /** +1 counter-clockwise, -1 clockwise as seen from outside. */
  readonly turn: 1 | -1;
  readonly avoidZones: ReadonlySet<string> | null;
  readonly avoidMarginM: number;
}

/** Cycles per second for a primitive at a tempo (perMinute wins over the word). */
function cycleRate(timing: PrimitiveTiming, tempo: MotionTempo): number {
  if (tempo.perMinute !== undefined && tempo.perMinute > 0) return tempo.perMinute / 60;
  return timing.rate[TEMPO_INDEX[tempo.word]];
}

/** Cycles and duration of one stroke of a pass. */
function planStroke(
  primitive: MotionPrimitive,
  stroke: SkinStroke,
  tempo: MotionTempo,
  amplitude: number,
  scale: number,
): { cycles: number; durationS: number } {
  const timing = TIMING[primitive];
  const L = stroke.length;
  const perMinute = tempo.perMinute !== undefined && tempo.perMinute > 0 ? tempo.perMinute : null;
  if (primitive === 'line' || primitive === 'stretching') {
    const speed = timing.rate[TEMPO_INDEX[tempo.word]] * scale;
    const minS = primitive === 'line' ? 0.8 : 3;
    const natural = primitive === 'line' ? L / speed : L / speed / STRETCH_PULL_FRACTION;
    return { cycles: 1, durationS: perMinute ? 60 / perMinute : Math.max(minS, natural) };
  }
  const rate = cycleRate(timing, tempo);
  let cycles: number;
  if (L <= 0) cycles = timing.cyclesOnPoint;
  else {
    const advance =
      timing.driftMps !== undefined
        ? (timing.driftMps * scale) / rate
        : timing.advanceM
          ? timing.advance * scale
          : timing.advance * amplitude;
    const steps = Math.round(L / Math.max(advance, 1e-4));
    cycles = timing.stationed ? Math.max(2, steps + 1) : Math.max(timing.cyclesOnPoint, steps);
  }
  return { cycles, durationS: cycles / rate };
}

/**
 * Lays out one pass of a step: per stroke the cycles and time, lifted transfers between strokes,
 * the swing and pressure. Called once per step (or when tempo / intensity change).
 */
export function planMotion(path: SkinPath, skin: SkinQuery, params: MotionParams): MotionPlan {
  const scale = params.bodyScale !== undefined && params.bodyScale > 0 ? params.bodyScale : 1;
  const timing = TIMING[params.primitive];
  const hand = HAND_PART_SIZE_M[params.handPart ?? 'thumb_pad'];
  const amplitude =
    params.amplitudeM !== undefined && params.amplitudeM >= 0
      ? params.amplitudeM
      : hand * timing.amplitude * scale;
  const transferS = TRANSFER_S[TEMPO_INDEX[params.tempo.word]];

  const raw: Omit<MotionSegment, 't0' | 't1'>[] = [];
  let strokeTime = 0;
  path.strokes.forEach((stroke, i) => {
    if (i > 0)
      raw.push({ kind: 'transfer', stroke: i - 1, durationS: transferS, cycles: 0, landing: 0 });
    const { cycles, durationS } = planStroke(
      params.primitive,
      stroke,
      params.tempo,
      amplitude,
      scale,
    );
    strokeTime += durationS;
    raw.push({
      kind: 'stroke',
      stroke: i,
      durationS,
      cycles,
      landing: Math.min(0.08, 0.15 / durationS),
    });
  });
  const total = raw.reduce((sum, s) => sum + s.durationS, 0);
  const segments: MotionSegment[] = [];
  let clock = 0;
  for (const s of raw) {
    const t0 = total > 0 ? clock / total : 0;
    clock += s.durationS;
    segments.push({ ...s, t0, t1: total > 0 ? clock / total : 1 });
  }
  const pressureFrom = INTENSITY_PRESSURE[params.intensity];
  return {
    path,
    skin,
    primitive: params.primitive,
    segments,
    passDurationS: total > 0 ? total : 1,
    amplitudeM: amplitude,
    flowSpeedMps: Math.min(0.15, Math.max(0.01, strokeTime > 0 ? path.length / strokeTime : 0)),
    pressureFrom,
    pressureTo: params.intensityTo ? INTENSITY_PRESSURE[params.intensityTo] : pressureFrom,
    turn: params.clockwise ? -1 : 1,
    avoidZones: params.avoidZones && params.avoidZones.size > 0 ? params.avoidZones : null,
    avoidMarginM: params.avoidMarginM ?? 0,
  };
}

/** What of a content step the motion needs. */
export type StepMotionFields = Pick<
  Step,
  'technique' | 'handPart' | 'intensity' | 'intensityTo' | 'tempo' | 'path'
>;

/**
 * Motion parameters for a content step: its technique's primitive (see `choosePrimitive`), hand
 * part, intensity (and ramp), tempo and the turn sense of its circles; null when the hands do not
 * touch the skin in this step (exercises, preparation, care).
 */
export function motionParamsForStep(
  step: StepMotionFields,
  options: {
    readonly avoidZones?: ReadonlySet<string>;
    readonly avoidMarginM?: number;
    readonly bodyScale?: number;
  } = {},
): MotionParams | null {
  const primitive = choosePrimitive(step.technique, step.path?.kind);
  if (primitive === null) return null;
  const path = step.path;
  const clockwise =
    path && (path.kind === 'circles' || path.kind === 'spiral') ? path.clockwise : false;
  return {
    primitive,
    intensity: step.intensity,
    intensityTo: step.intensityTo,
    tempo: step.tempo,
    handPart: step.handPart,
    clockwise,
    avoidZones: options.avoidZones,
    avoidMarginM: options.avoidMarginM,
    bodyScale: options.bodyScale,
  };
}

/** Normalised pass time for a time in seconds since the step started (at speed 1). */
export function passTime(plan: MotionPlan, seconds: number): number {
  if (!Number.isFinite(seconds)) return 0;
  const t = (seconds / plan.passDurationS) % 1;
  return t < 0 ? t + 1 : t;
}

// ---------------------------------------------------------------------------------------------
// Local motion of each primitive
// ---------------------------------------------------------------------------------------------

/** The primitive's motion relative to the path, before it is placed on the skin. */
interface LocalMotion {
  /** Progress along the stroke, 0..1 of its length. */
  u: number;
  /** Offset along T (forward) and B (lateral), metres. */
  a: number;
  b: number;
  contact: number;
  spread: number;
}

const TAU = Math.PI * 2;
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
/** Smoothstep on [0, 1]. */
const smooth = (x: number) => {
  const c = clamp01(x);
  return c * c * (3 - 2 * c);
};
/** Linear ramp of x from `from` to `to`, clamped. */
const ramp = (x: number, from: number, to: number) => clamp01((x - from) / (to - from));

/** Station position (0..1) of station j of m along a stroke. */
const station = (j: number, m: number) => (m > 1 ? j / (m - 1) : 0);

/**
 * Evaluates a primitive at local time τ ∈ [0, 1] of a stroke with `cycles` cycles, swing `A`
 * and turn sense `turn`. Pure maths, writes into `out`.
 */
function evaluateLocal(
  primitive: MotionPrimitive,
  tau: number,
  cycles: number,
  A: number,
  turn: number,
  landing: number,
  out: LocalMotion,
): LocalMotion {
  const n = Math.max(1, cycles);
  const cyc = tau * n;
  const k = Math.min(n - 1, Math.floor(cyc));
  const phi = cyc - k;
  const theta = TAU * cyc;
  // Swings grow from the path at the start and shrink back to it at the end of the stroke.
  const w = Math.min(0.2, 0.5 / n);
  const env = smooth(tau / w) * smooth((1 - tau) / w);
  // The hand lands at the start and lifts at the end of a continuous stroke.
  const land = landing > 0 ? smooth(tau / landing) * smooth((1 - tau) / landing) : 1;
  out.u = tau;
  out.a = 0;
  out.b = 0;
  out.contact = land;
  out.spread = 0;
  switch (primitive) {
    case 'line':
      // Glide with a gentle ease: never stops, never goes back (speed ≥ 0.88 of the mean).
      out.u = tau - (0.12 * Math.sin(TAU * tau)) / TAU;
      break;
    case 'circles':
    case 'spiral':
      out.a = A * env * Math.sin(theta);
      out.b = -turn * A * env * Math.cos(theta);
      break;
    case 'figure_eight':
      out.b = A * env * Math.sin(theta);
      out.a = 0.5 * A * env * Math.sin(2 * theta);
      break;
    case 'zigzag':
      // A triangle wave with rounded reversals: rubbing back and forth across the path.
      out.b = A * env * (2 / Math.PI) * Math.asin(0.97 * Math.sin(theta));
      break;
    case 'kneading':
      out.a = A * env * Math.sin(theta);
      out.b = -turn * A * env * Math.cos(theta);
      // Presses while the circle pushes forward, eases off (nearly lifts) on the way back.
      out.contact = land * (0.6 + 0.4 * Math.cos(theta));
      out.spread = 0.5 - 0.5 * Math.cos(theta);
      break;
    case 'pinching': {
      // move (lifted, open) → grasp → hold → release → lifted
      const from = k > 0 ? station(k - 1, n) : station(0, n);
      out.u = from + (station(k, n) - from) * smooth(ramp(phi, 0, 0.2));
      const grasp = smooth(ramp(phi, 0.2, 0.45)) * (1 - smooth(ramp(phi, 0.7, 0.9)));
      out.contact = grasp;
      out.spread = 1 - grasp;
      break;
    }
    case 'tapping':
      out.contact = phi < 0.35 ? Math.sin((Math.PI * phi) / 0.35) ** 2 : 0;
      break;
    case 'hacking':
      // Two palm edges striking in turn, each on its side of the path.
      out.contact = phi < 0.3 ? Math.sin((Math.PI * phi) / 0.3) ** 2 : 0;
      out.b = 0.5 * A * env * Math.cos(Math.PI * cyc);
      break;
    case 'pressing': {
      // move (lifted) → press → hold → release
      const from = k > 0 ? station(k - 1, n) : station(0, n);
      out.u = from + (station(k, n) - from) * smooth(ramp(phi, 0, 0.2));
      out.contact = smooth(ramp(phi, 0.2, 0.4)) * (1 - smooth(ramp(phi, 0.85, 1)));
      break;
    }
    case 'vibration':
      out.b = A * env * Math.sin(theta);
      out.a = 0.4 * A * env * Math.sin(1.7 * theta);
      break;
    case 'shaking':
      out.b = A * env * Math.sin(theta);
      break;
    case 'stretching': {
      // grip → slow pull along the path → hold at the end → release
      const pullEnd = 0.12 + STRETCH_PULL_FRACTION;
      out.u = smooth(ramp(phi, 0.12, pullEnd));
      out.contact = smooth(ramp(phi, 0, 0.12)) * (1 - smooth(ramp(phi, 0.88, 1)));
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sampling
// ---------------------------------------------------------------------------------------------

/** The contact glyph's state at one instant. Positions are on the skin. */
export interface MotionSample {
  readonly position: [number, number, number];
  /** Outward skin normal at `position`. */
  readonly normal: [number, number, number];
  /** Unit direction of travel in the tangent plane (the path direction while holding still). */
  readonly tangent: [number, number, number];
  /** 0 lifted … 1 pressing. Renderers lift the glyph by (1 − contact) along the normal. */
  contact: number;
  /** Intensity scalar for glyph size / colour: intensity × contact. */
  pressure: number;
  /** Opening of the grip for pinching and kneading: 0 closed … 1 open. */
  spread: number;
  /** Index of the stroke being done (or left, during a transfer). */
  stroke: number;
  /** True while the hand travels lifted between two strokes. */
  transfer: boolean;
  /** Zone id under the glyph ('' when the skin is empty). */
  zone: string;
  /** True only when even the path itself lies in an avoid zone (a content error). */
  inAvoidZone: boolean;
}

/** A fresh output object for `sampleMotion`; keep one per glyph and reuse it every frame. */
export function createMotionSample(): MotionSample {
  return {
    position: [0, 0, 0],
    normal: [0, 0, 1],
    tangent: [1, 0, 0],
    contact: 0,
    pressure: 0,
    spread: 0,
    stroke: 0,
    transfer: false,
    zone: '',
    inAvoidZone: false,
  };
}

/** Scratch state reused by every call (JS is single-threaded; nothing here survives a call). */
const local: LocalMotion = { u: 0, a: 0, b: 0, contact: 0, spread: 0 };
const localAhead: LocalMotion = { u: 0, a: 0, b: 0, contact: 0, spread: 0 };
const baseP: [number, number, number] = [0, 0, 0];
const baseT: [number, number, number] = [1, 0, 0];
const baseN: [number, number, number] = [0, 0, 1];
const baseB: [number, number, number] = [0, 1, 0];
const query: [number, number, number] = [0, 0, 0];

/**
 * The glyph's state at normalised time t ∈ [0, 1) of one pass (use `passTime` for seconds;
 * other values wrap).
 * `stepProgress` (0..1 through the whole step) ramps pressure from `intensity` to `intensityTo`.
 * Writes into `out` and returns it.
 */
export function sampleMotion(
  plan: MotionPlan,
  t: number,
  out: MotionSample = createMotionSample(),
  stepProgress = 0,
): MotionSample {
  const segments = plan.segments;
  // Times outside [0, 1] wrap into the pass (1 itself is the very end).
  const tt = !Number.isFinite(t) ? 0 : t >= 0 && t <= 1 ? t : ((t % 1) + 1) % 1;
  const intensity =
    plan.pressureFrom + (plan.pressureTo - plan.pressureFrom) * clamp01(stepProgress);
  if (segments.length === 0) {
    out.contact = 0;
    out.pressure = 0;
    out.spread = 0;
    out.stroke = 0;
    out.transfer = false;
    out.zone = '';
    out.inAvoidZone = false;
    return out;
  }
  let seg = segments[segments.length - 1];
  for (const s of segments) {
    if (tt < s.t1) {
      seg = s;
      break;
    }
  }
  const tau = seg.t1 > seg.t0 ? clamp01((tt - seg.t0) / (seg.t1 - seg.t0)) : 0;
  out.stroke = seg.stroke;
  if (seg.kind === 'transfer') sampleTransfer(plan, seg.stroke, tau, out);
  else sampleStroke(plan, seg, tau, out);
  out.pressure = intensity * out.contact;
  return out;
}

/** `sampleMotion` at a time in seconds since the step started (step time, at speed 1). */
export function sampleMotionAt(
  plan: MotionPlan,
  seconds: number,
  out: MotionSample = createMotionSample(),
  stepProgress = 0,
): MotionSample {
  return sampleMotion(plan, passTime(plan, seconds), out, stepProgress);
}

/** The stroke part of `sampleMotion`. */
function sampleStroke(plan: MotionPlan, seg: MotionSegment, tau: number, out: MotionSample): void {
  if (seg.stroke >= plan.path.strokes.length) return;
  const stroke = plan.path.strokes[seg.stroke];
  const landing = isContinuous(plan.primitive) ? seg.landing : 0;
  evaluateLocal(plan.primitive, tau, seg.cycles, plan.amplitudeM, plan.turn, landing, local);
  frameAt(stroke, local.u * stroke.length, baseP, baseT, baseN);
  crossInto(baseN, baseT, baseB);

  // Heading: where the local motion goes next, mapped through the path frame.
  const delta = Math.min(1e-3, 0.02 / Math.max(1, seg.cycles));
  const ahead = tau + delta <= 1;
  evaluateLocal(
    plan.primitive,
    ahead ? tau + delta : tau - delta,
    seg.cycles,
    plan.amplitudeM,
    plan.turn,
    landing,
    localAhead,
  );
  const sign = ahead ? 1 : -1;
  const du = sign * ((localAhead.u - local.u) * stroke.length + (localAhead.a - local.a));
  const db = sign * (localAhead.b - local.b);
  const moving = Math.abs(du) + Math.abs(db) > 1e-9;
  const hx = moving ? baseT[0] * du + baseB[0] * db : baseT[0];
  const hy = moving ? baseT[1] * du + baseB[1] * db : baseT[1];
  const hz = moving ? baseT[2] * du + baseB[2] * db : baseT[2];

  placeOnSkin(plan, local.a, local.b, out);
  out.contact = local.contact;
  out.spread = local.spread;
  out.transfer = false;
  writeTangent(out, hx, hy, hz);
}

/** Primitives whose hand stays down through the stroke (lands at its start, lifts at its end). */
function isContinuous(primitive: MotionPrimitive): boolean {
  return !(
    primitive === 'pinching' ||
    primitive === 'pressing' ||
    primitive === 'tapping' ||
    primitive === 'hacking' ||
    primitive === 'stretching'
  );
}

/**
 * Puts base + a·T + b·B on the skin. If that lands in an avoid zone, the offset shrinks toward
 * the path (½, ¼, 0) until it does not; `inAvoidZone` tells when even the path point is in one.
 */
function placeOnSkin(plan: MotionPlan, a: number, b: number, out: MotionSample): void {
  const factors = plan.avoidZones && (a !== 0 || b !== 0) ? SHRINK : ONLY_FULL;
  for (let i = 0; i < factors.length; i++) {
    const f = factors[i] ?? 0;
    query[0] = baseP[0] + (baseT[0] * a + baseB[0] * b) * f;
    query[1] = baseP[1] + (baseT[1] * a + baseB[1] * b) * f;
    query[2] = baseP[2] + (baseT[2] * a + baseB[2] * b) * f;
    const hit = plan.skin.project(query);
    if (!hit) {
      copy3(out.position, baseP);
      copy3(out.normal, baseN);
      out.zone = '';
      out.inAvoidZone = false;
      return;
    }
    const avoided = isAvoided(plan, hit);
    if (!avoided || i === factors.length - 1) {
      copy3(out.position, hit.point);
      copy3(out.normal, hit.normal);
      out.zone = hit.zone;
      out.inAvoidZone = avoided;
      return;
    }
  }
}
const SHRINK = [1, 0.5, 0.25, 0] as const;
const ONLY_FULL = [1] as const;

/** Whether a skin point is in (or, with a margin, near) one of the plan's avoid zones. */
function isAvoided(plan: MotionPlan, hit: SkinHit): boolean {
  const zones = plan.avoidZones;
  if (!zones) return false;
  if (zones.has(hit.zone)) return true;
  if (plan.avoidMarginM > 0 && plan.skin.nearestOfZones) {
    return plan.skin.nearestOfZones(hit.point, zones, plan.avoidMarginM) !== null;
  }
  return false;
}

/** Lifted travel from the end of stroke `from` to the start of the next one. */
function sampleTransfer(plan: MotionPlan, from: number, tau: number, out: MotionSample): void {
  if (from + 1 >= plan.path.strokes.length) return;
  const a = plan.path.strokes[from];
  const b = plan.path.strokes[from + 1];
  const s = smooth(tau);
  const ia = (a.count - 1) * 3;
  for (let c = 0; c < 3; c++) {
    const pa = a.points[ia + c] ?? 0;
    const pb = b.points[c] ?? 0;
    baseP[c] = pa + (pb - pa) * s;
    baseN[c] = (a.normals[ia + c] ?? 0) * (1 - s) + (b.normals[c] ?? 0) * s;
    baseT[c] = pb - pa;
    baseB[c] = 0;
  }
  normalizeInPlace(baseN, 0, 0, 1);
  // Hovering over an avoid zone on the way is fine (no contact), but show the glyph beside it:
  // fall back to the nearer stroke end.
  const hit = plan.skin.project(baseP);
  if (hit && !isAvoided(plan, hit)) {
    copy3(out.position, hit.point);
    copy3(out.normal, hit.normal);
    out.zone = hit.zone;
  } else {
    const end = s < 0.5 ? a.points.subarray(ia, ia + 3) : b.points.subarray(0, 3);
    const nrm = s < 0.5 ? a.normals.subarray(ia, ia + 3) : b.normals.subarray(0, 3);
    copy3(out.position, end);
    copy3(out.normal, nrm);
    out.zone = plan.skin.project(out.position)?.zone ?? '';
  }
  out.inAvoidZone = false;
  out.contact = 0;
  out.spread = plan.primitive === 'pinching' ? 1 : 0;
  out.transfer = true;
  writeTangent(out, baseT[0], baseT[1], baseT[2]);
}

/** Sets `out.tangent` to (x, y, z) with its normal component removed, normalised. */
function writeTangent(out: MotionSample, x: number, y: number, z: number): void {
  const n = out.normal;
  const d = x * n[0] + y * n[1] + z * n[2];
  const tx = x - d * n[0];
  const ty = y - d * n[1];
  const tz = z - d * n[2];
  const len = Math.hypot(tx, ty, tz);
  if (len > 1e-12) {
    out.tangent[0] = tx / len;
    out.tangent[1] = ty / len;
    out.tangent[2] = tz / len;
  } else {
    const fallback = tangentToward(n);
    copy3(out.tangent, fallback);
  }
}

/**
 * Position, tangent and normal of a stroke at arc length `s` (clamped), interpolated between its
 * points. Binary search over the cumulative lengths.
 */
function frameAt(stroke: SkinStroke, s: number, p: number[], t: number[], n: number[]): void {
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

// ---------------------------------------------------------------------------------------------
// Path trail for the renderer
// ---------------------------------------------------------------------------------------------

/** Line points and flowing arrowheads of a path; buffers are reused between calls. */
export interface PathTrail {
  /** xyz per line point, on the path (chords between skin points). */
  points: Float32Array;
  normals: Float32Array;
  pointCount: number;
  /** Per stroke: index of its first point and how many points it has (1 for a press). */
  strokeStart: Uint32Array;
  strokeCount: Uint32Array;
  /** Arrowhead positions, unit directions of travel and normals. */
  arrows: Float32Array;
  arrowDirections: Float32Array;
  arrowNormals: Float32Array;
  arrowCount: number;
}

export function createPathTrail(): PathTrail {
  return {
    points: new Float32Array(0),
    normals: new Float32Array(0),
    pointCount: 0,
    strokeStart: new Uint32Array(0),
    strokeCount: new Uint32Array(0),
    arrows: new Float32Array(0),
    arrowDirections: new Float32Array(0),
    arrowNormals: new Float32Array(0),
    arrowCount: 0,
  };
}

export interface PathTrailOptions {
  /** Line points over the whole path (default 160); each glide gets at least 2. */
  readonly pointCount?: number;
  /** Distance between arrowheads, metres (default 25 mm; adjusted to fit each stroke evenly). */
  readonly arrowSpacingM?: number;
  /** Flow speed of the arrowheads, m/s (default the plan's progress speed). */
  readonly speedMps?: number;
}

const trailP: [number, number, number] = [0, 0, 0];
const trailT: [number, number, number] = [1, 0, 0];
const trailN: [number, number, number] = [0, 0, 1];

/**
 * The path line (N points) and arrowheads flowing along it in the direction of travel at the
 * tempo: arrowheads move by speed × `timeS` and wrap seamlessly (a whole number per stroke).
 * Pass a fixed `timeS` for reduced motion. Writes into `out` (grows its buffers when needed).
 */
export function samplePathTrail(
  plan: MotionPlan,
  timeS: number,
  options: PathTrailOptions = {},
  out: PathTrail = createPathTrail(),
): PathTrail {
  const strokes = plan.path.strokes;
  const wanted = Math.max(2, Math.floor(options.pointCount ?? 160));
  const spacingWanted = Math.max(0.002, options.arrowSpacingM ?? 0.025);
  const speed = options.speedMps ?? plan.flowSpeedMps;
  const time = Number.isFinite(timeS) ? timeS : 0;

  // Budget points by length.
  let pointTotal = 0;
  let arrowTotal = 0;
  for (const s of strokes) {
    pointTotal += pointsFor(s, wanted, plan.path.length);
    arrowTotal += arrowsFor(s, spacingWanted);
  }
  if (out.points.length < pointTotal * 3) {
    out.points = new Float32Array(pointTotal * 3);
    out.normals = new Float32Array(pointTotal * 3);
  }
  if (out.strokeStart.length < strokes.length) {
    out.strokeStart = new Uint32Array(strokes.length);
    out.strokeCount = new Uint32Array(strokes.length);
  }
  if (out.arrows.length < arrowTotal * 3) {
    out.arrows = new Float32Array(arrowTotal * 3);
    out.arrowDirections = new Float32Array(arrowTotal * 3);
    out.arrowNormals = new Float32Array(arrowTotal * 3);
  }

  let p = 0;
  let a = 0;
  strokes.forEach((stroke, si) => {
    const count = pointsFor(stroke, wanted, plan.path.length);
    out.strokeStart[si] = p;
    out.strokeCount[si] = count;
    for (let k = 0; k < count; k++) {
      frameAt(stroke, count > 1 ? (stroke.length * k) / (count - 1) : 0, trailP, trailT, trailN);
      out.points.set(trailP, p * 3);
      out.normals.set(trailN, p * 3);
      p++;
    }
    const arrows = arrowsFor(stroke, spacingWanted);
    if (arrows === 0) return;
    const spacing = stroke.length / arrows;
    const phase = (((time * speed) % spacing) + spacing) % spacing;
    for (let k = 0; k < arrows; k++) {
      frameAt(stroke, phase + k * spacing, trailP, trailT, trailN);
      out.arrows.set(trailP, a * 3);
      out.arrowDirections.set(trailT, a * 3);
      out.arrowNormals.set(trailN, a * 3);
      a++;
    }
  });
  out.pointCount = p;
  out.arrowCount = a;
  return out;
}

function pointsFor(stroke: SkinStroke, wanted: number, total: number): number {
  if (stroke.count < 2 || stroke.length <= 0) return 1;
  return Math.max(2, Math.round((wanted * stroke.length) / Math.max(total, 1e-9)));
}

function arrowsFor(stroke: SkinStroke, spacing: number): number {
  if (stroke.count < 2 || stroke.length <= 0) return 0;
  return Math.max(1, Math.round(stroke.length / spacing));
}

// ---------------------------------------------------------------------------------------------
// Small vector helpers on mutable arrays
// ---------------------------------------------------------------------------------------------

function distanceSq(a: Vec3, b: Vec3): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
}

function distanceSqAt(points: Float64Array, i: number, j: number): number {
  let sum = 0;
  for (let c = 0; c < 3; c++) sum += ((points[i * 3 + c] ?? 0) - (points[j * 3 + c] ?? 0)) ** 2;
  return sum;
}

function writeUnit(
  target: Float64Array,
  at: number,
  x: number,
  y: number,
  z: number,
  fx: number,
  fy: number,
  fz: number,
): void {
  const len = Math.hypot(x, y, z);
  if (len > 1e-12) {
    target[at] = x / len;
    target[at + 1] = y / len;
    target[at + 2] = z / len;
  } else {
    target[at] = fx;
    target[at + 1] = fy;
    target[at + 2] = fz;
  }
}

function normalizeInPlace(v: number[], fx: number, fy: number, fz: number): void {
  const len = Math.hypot(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0);
  if (len > 1e-12) {
    v[0] = (v[0] ?? 0) / len;
    v[1] = (v[1] ?? 0) / len;
    v[2] = (v[2] ?? 0) / len;
  } else {
    v[0] = fx;
    v[1] = fy;
    v[2] = fz;
  }
}

function crossInto(a: readonly number[], b: readonly number[], out: number[]): void {
  const ax = a[0] ?? 0;
  const ay = a[1] ?? 0;
  const az = a[2] ?? 0;
  const bx = b[0] ?? 0;
  const by = b[1] ?? 0;
  const bz = b[2] ?? 0;
  out[0] = ay * bz - az * by;
  out[1] = az * bx - ax * bz;
  out[2] = ax * by - ay * bx;
}

function copy3(target: number[], source: ArrayLike<number>): void {
  target[0] = source[0];
  target[1] = source[1];
  target[2] = source[2];
}
