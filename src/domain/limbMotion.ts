/**
 * Exercise movements of the legs over time: pose keyframes per movement (data), blended by a
 * looping smooth curve at the step's tempo. The angles add to the step's sitting or standing
 * pose (`animatePosed` in limbPose). Pure: no React, no DOM.
 *
 * Angles are anatomical and in degrees in the data: hip flexion (thigh forward) and abduction
 * (out to the side), knee flexion, ankle dorsiflexion (toes up; negative: pointing), the toes
 * turned out, the sole turned in (inversion), and the knees swung out about the hip–ankle line.
 */
import type { Step } from '../content/schema.ts';
import type { Side } from './body.ts';
import { TEMPO_INDEX, type ByTempo } from './motion/primitives.ts';

type Movement = NonNullable<Step['movement']>;

export interface LegAngles {
  readonly hipFlex: number;
  readonly hipAbduct: number;
  readonly kneeFlex: number;
  readonly ankleFlex: number;
  readonly ankleTurn: number;
  readonly ankleInvert: number;
  readonly kneeOut: number;
}

export const REST_ANGLES: LegAngles = {
  hipFlex: 0,
  hipAbduct: 0,
  kneeFlex: 0,
  ankleFlex: 0,
  ankleTurn: 0,
  ankleInvert: 0,
  kneeOut: 0,
};

const JOINTS = Object.keys(REST_ANGLES) as (keyof LegAngles)[];

/** One key of a movement: the left leg's angles (degrees) and the body raised (m, adult). */
export interface MotionKey {
  readonly leg: Partial<LegAngles>;
  readonly lift?: number;
}

export interface LimbMotionDef {
  /** Seconds per cycle by tempo word (a step's `perMinute` wins). */
  readonly periodS: ByTempo;
  /** Evenly spaced over the cycle, looping. */
  readonly keys: readonly MotionKey[];
  /**
   * The right leg: the same angles (`same`), half a cycle later (`alternate`: walking,
   * cycling), or the same motion in the body's frame (`mirror`: both feet circle the same way,
   * so turning the toes out on one is turning them in on the other).
   */
  readonly right: 'same' | 'alternate' | 'mirror';
  /** Only this leg moves (the keys are its own); the other stays as posed. */
  readonly only?: Side;
  /** Standing: the body moves so the feet stay on the floor where they stood. */
  readonly grounded: boolean;
  /**
   * The movement turns the other way after this many cycles, and back again after as many
   * ("ten times clockwise and ten times counter-clockwise").
   */
  readonly reverseEvery?: number;
}

const circle = (a: number, n: number): MotionKey[] =>
  Array.from({ length: n }, (_, i) => {
    const t = (2 * Math.PI * i) / n;
    // Toes up, then toward the body's right (inward for the left foot), down, out: clockwise
    // as the person sees the foot.
    return {
      leg: {
        ankleFlex: Math.round(a * Math.cos(t)),
        ankleTurn: -Math.round(a * Math.sin(t)),
        ankleInvert: -Math.round(0.4 * a * Math.sin(t)),
      },
    };
  });

const WALK_LIFT: Partial<LegAngles> = { hipFlex: 38, kneeFlex: 70, ankleFlex: 5 };

/** The movements the legs show, by the content's `movement`. */
export const LIMB_MOTIONS: Readonly<Partial<Record<Movement, LimbMotionDef>>> = {
  ankle_circles: {
    periodS: [4, 2.5, 1.6],
    keys: circle(25, 8),
    right: 'mirror',
    grounded: false,
    reverseEvery: 10,
  },
  squat: {
    periodS: [5, 3.5, 2.5],
    keys: [{ leg: {} }, { leg: { hipFlex: 85, kneeFlex: 115, ankleFlex: 30, kneeOut: 22 } }],
    right: 'same',
    grounded: true,
  },
  mat_walk: {
    periodS: [1.8, 1.3, 1],
    keys: [{ leg: WALK_LIFT }, { leg: {} }, { leg: {} }, { leg: {} }],
    right: 'alternate',
    grounded: true,
  },
  barefoot_walk: {
    periodS: [1.8, 1.3, 1],
    keys: [{ leg: WALK_LIFT }, { leg: {} }, { leg: {} }, { leg: {} }],
    right: 'alternate',
    grounded: true,
  },
  outer_edge_walk: {
    periodS: [1.8, 1.3, 1],
    keys: [
      { leg: { ...WALK_LIFT, ankleInvert: 20 } },
      { leg: { ankleInvert: 20 } },
      { leg: { ankleInvert: 20 } },
      { leg: { ankleInvert: 20 } },
    ],
    right: 'alternate',
    grounded: true,
  },
  bounce: {
    periodS: [1.2, 0.8, 0.6],
    keys: [
      { leg: {} },
      { leg: { hipFlex: 14, kneeFlex: 28, ankleFlex: 14 } },
      { leg: { ankleFlex: -28 } },
    ],
    right: 'same',
    grounded: true,
  },
  jump: {
    periodS: [1.4, 1, 0.8],
    keys: [
      { leg: {} },
      { leg: { hipFlex: 30, kneeFlex: 60, ankleFlex: 25 } },
      { leg: { ankleFlex: -30 }, lift: 0.06 },
      { leg: { ankleFlex: -20 }, lift: 0.12 },
    ],
    right: 'same',
    grounded: true,
  },
  // On a chair: the feet go round as on pedals, off the floor.
  cycling: {
    periodS: [3, 2, 1.4],
    keys: [
      { leg: { hipFlex: 10, kneeFlex: -15 } },
      { leg: { hipFlex: 28, kneeFlex: -45 } },
      { leg: { hipFlex: 45, kneeFlex: -10 } },
      { leg: { hipFlex: 26, kneeFlex: 18 } },
    ],
    right: 'alternate',
    grounded: false,
  },
};

type StepLike = Pick<Step, 'movement' | 'tempo'>;

/** The step's leg movement, if it has one. */
export function limbMotionOf(step: StepLike): LimbMotionDef | null {
  return step.movement ? (LIMB_MOTIONS[step.movement] ?? null) : null;
}

/** Seconds per cycle of a movement at the step's tempo. */
export function limbPeriodS(def: LimbMotionDef, tempo: StepLike['tempo']): number {
  if (tempo.perMinute !== undefined && tempo.perMinute > 0) return 60 / tempo.perMinute;
  return def.periodS[TEMPO_INDEX[tempo.word]];
}

/** Looping Catmull–Rom through evenly spaced values at phase 0..1. */
export function loopValue(values: readonly number[], phase: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const x = (((phase % 1) + 1) % 1) * n;
  const i = Math.floor(x);
  const f = x - i;
  const at = (k: number) => values[(((i + k) % n) + n) % n] ?? 0;
  const p0 = at(-1);
  const p1 = at(0);
  const p2 = at(1);
  const p3 = at(2);
  return (
    0.5 *
    (2 * p1 +
      (-p0 + p2) * f +
      (2 * p0 - 5 * p1 + 4 * p2 - p3) * f * f +
      (-p0 + 3 * p1 - 3 * p2 + p3) * f * f * f)
  );
}

const RAD = Math.PI / 180;

function anglesAt(def: LimbMotionDef, phase: number, mirror: boolean): LegAngles {
  const out: Record<keyof LegAngles, number> = { ...REST_ANGLES };
  for (const j of JOINTS) {
    const v = loopValue(
      def.keys.map((k) => k.leg[j] ?? 0),
      phase,
    );
    const sign = mirror && (j === 'ankleTurn' || j === 'ankleInvert') ? -1 : 1;
    out[j] = v * RAD * sign;
  }
  return out;
}

export interface LimbPoseAt {
  /** Radians, anatomical, per leg. */
  readonly legs: Readonly<Record<Side, LegAngles>>;
  /** Body raised off the floor (m, adult), on top of keeping the feet down. */
  readonly lift: number;
  readonly grounded: boolean;
}

/**
 * Cycles done, as the keys are read: straight on, or, for a movement that turns both ways,
 * folded so that it runs backward through every second block of `reverseEvery` cycles (the
 * pose stays continuous where it turns).
 */
export function cyclePhase(def: Pick<LimbMotionDef, 'reverseEvery'>, cycles: number): number {
  const n = def.reverseEvery;
  if (n === undefined || n <= 0) return cycles;
  const m = (((cycles % (2 * n)) + 2 * n) % (2 * n)) - n;
  return n - Math.abs(m);
}

/** The legs' angles at `tS` seconds into the step. */
export function limbPoseAt(def: LimbMotionDef, tempo: StepLike['tempo'], tS: number): LimbPoseAt {
  const phase = cyclePhase(def, tS / limbPeriodS(def, tempo));
  const lift = Math.max(
    0,
    loopValue(
      def.keys.map((k) => k.lift ?? 0),
      phase,
    ),
  );
  if (def.only) {
    const own = anglesAt(def, phase, false);
    const legs = def.only === 'L' ? { L: own, R: REST_ANGLES } : { L: REST_ANGLES, R: own };
    return { legs, lift, grounded: def.grounded };
  }
  const L = anglesAt(def, phase, false);
  const R =
    def.right === 'alternate'
      ? anglesAt(def, phase + 0.5, false)
      : def.right === 'mirror'
        ? anglesAt(def, phase, true)
        : L;
  return { legs: { L, R }, lift, grounded: def.grounded };
}

/** Which joints a movement turns (the scene rewrites only the meshes that move with them). */
export function jointsMoved(def: LimbMotionDef): { hip: boolean; knee: boolean; ankle: boolean } {
  const turnsAny = (...js: (keyof LegAngles)[]) =>
    def.keys.some((k) => js.some((j) => (k.leg[j] ?? 0) !== 0));
  return {
    hip: turnsAny('hipFlex', 'hipAbduct', 'kneeOut'),
    knee: turnsAny('kneeFlex'),
    ankle: turnsAny('ankleFlex', 'ankleTurn', 'ankleInvert'),
  };
}
