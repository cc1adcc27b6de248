/**
 * The motion vocabulary: which primitive animates each technique, and how each primitive moves
 * the hand relative to the path (`evaluateLocal`) with its timing (`TIMING`). To change how a
 * technique looks, this is the file. Pure maths; see `index.ts` for the stages.
 *
 * Frame conventions: T is the direction of travel along the path (in the tangent plane), N the
 * outward skin normal, B = N × T the lateral direction. (T, B, N) is right-handed, so a rotation
 * from T toward B is counter-clockwise as seen from outside the skin.
 */
import type { HandPart, Intensity, Technique } from '../../content/schema.ts';
import { clamp01 } from '../vec3.ts';

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

// ---------------------------------------------------------------------------------------------
// Timing table
// ---------------------------------------------------------------------------------------------

export type ByTempo = readonly [slow: number, moderate: number, brisk: number];
export const TEMPO_INDEX: Readonly<Record<TempoWord, 0 | 1 | 2>> = {
  slow: 0,
  moderate: 1,
  brisk: 2,
};

export interface PrimitiveTiming {
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

export const TIMING: Readonly<Record<MotionPrimitive, PrimitiveTiming>> = {
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
export const TRANSFER_S: ByTempo = [0.6, 0.45, 0.3];
/** Fraction of a stretch cycle spent pulling (the rest: grip, hold, release). */
export const STRETCH_PULL_FRACTION = 0.48;

// ---------------------------------------------------------------------------------------------
// Local motion of each primitive
// ---------------------------------------------------------------------------------------------

/** The primitive's motion relative to the path, before it is placed on the skin. */
export interface LocalMotion {
  /** Progress along the stroke, 0..1 of its length. */
  u: number;
  /** Offset along T (forward) and B (lateral), metres. */
  a: number;
  b: number;
  contact: number;
  spread: number;
}

const TAU = Math.PI * 2;
/** Smoothstep on [0, 1]. */
export const smooth = (x: number) => {
  const c = clamp01(x);
  return c * c * (3 - 2 * c);
};
/** Linear ramp of x from `from` to `to`, clamped. */
export const ramp = (x: number, from: number, to: number) => clamp01((x - from) / (to - from));

/** Station position (0..1) of station j of m along a stroke. */
const station = (j: number, m: number) => (m > 1 ? j / (m - 1) : 0);

/**
 * Evaluates a primitive at local time τ ∈ [0, 1] of a stroke with `cycles` cycles, swing `A`
 * and turn sense `turn`. Pure maths, writes into `out`.
 */
export function evaluateLocal(
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

/** Primitives whose hand stays down through the stroke (lands at its start, lifts at its end). */
export function isContinuous(primitive: MotionPrimitive): boolean {
  return !(
    primitive === 'pinching' ||
    primitive === 'pressing' ||
    primitive === 'tapping' ||
    primitive === 'hacking' ||
    primitive === 'stretching'
  );
}
