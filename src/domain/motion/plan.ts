/**
 * Stage 2 of the motion: one pass of a step laid out in time for a primitive, intensity and
 * tempo: how many cycles (circles, taps, presses…) each stroke gets, how long each stroke and
 * each lifted transfer between strokes lasts, how far the hand swings off the path.
 */
import type { HandPart, Intensity, Step } from '../../content/schema.ts';
import {
  choosePrimitive,
  HAND_PART_SIZE_M,
  INTENSITY_PRESSURE,
  STRETCH_PULL_FRACTION,
  TEMPO_INDEX,
  TIMING,
  TRANSFER_S,
  type MotionPrimitive,
  type MotionTempo,
  type PrimitiveTiming,
} from './primitives.ts';
import type { SkinPath, SkinQuery, SkinStroke } from './skinStroke.ts';

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
  /**
   * The figure a shaped path already draws, when the glyph just follows it (`line`): its kind
   * and repeats (circle and spiral turns, figure-eight loops, zigzag sweeps). The tempo counts
   * these, so the stroke lasts `cycles` of them rather than one stroke's time.
   */
  readonly figure?: PathFigure;
  /** Zone ids the glyph must never land on. */
  readonly avoidZones?: ReadonlySet<string>;
  /** Also keep this far (metres) from avoid zones; needs `nearestOfZones` on the projector. */
  readonly avoidMarginM?: number;
}

/** A path kind that draws a figure by itself, with how many times it repeats the figure. */
export interface PathFigure {
  readonly kind: 'circles' | 'spiral' | 'figure_eight' | 'zigzag';
  readonly cycles: number;
}

/** The figure of a shaped content path (null for lines, fans, points, toes). */
export function pathFigure(path: Step['path']): PathFigure | null {
  if (!path) return null;
  switch (path.kind) {
    case 'circles':
    case 'spiral':
      return { kind: path.kind, cycles: path.turns };
    case 'figure_eight':
      return { kind: 'figure_eight', cycles: path.loops };
    case 'zigzag':
      return { kind: 'zigzag', cycles: path.segments };
    default:
      return null;
  }
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
  /** The shaped path's figure the glyph follows (`line` on circles, spiral, eight, zigzag). */
  readonly figure: PathFigure | null;
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
  figure: PathFigure | null,
): { cycles: number; durationS: number } {
  const timing = TIMING[primitive];
  const L = stroke.length;
  const perMinute = tempo.perMinute !== undefined && tempo.perMinute > 0 ? tempo.perMinute : null;
  if (primitive === 'line' && figure && figure.cycles > 0 && L > 0) {
    // Following a shaped path: its circles, loops or sweeps at the tempo (or the figure's rate).
    const rate = cycleRate(TIMING[figure.kind], tempo);
    const natural = L / (timing.rate[TEMPO_INDEX[tempo.word]] * scale);
    return { cycles: 1, durationS: Math.max(figure.cycles / rate, perMinute ? 0 : natural) };
  }
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
  const figure = params.figure && params.figure.cycles > 0 ? params.figure : null;

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
      figure,
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
    figure: params.primitive === 'line' ? figure : null,
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
  const figure = primitive === 'line' ? pathFigure(path) : null;
  return {
    ...(figure ? { figure } : {}),
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
