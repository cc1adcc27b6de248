/**
 * Which way a stroke runs, measured on the body: the checks `checkModel` adds to the avoid-zone
 * ones.
 *
 * - **Direction words.** A step whose direction words say which way it goes ("up", "bottom to
 *   top", "toes to heel", "heel to toes", "outward from the spine", "big toe to little toe"…) has
 *   its sampled path measured: the net movement must go that way. Words that say both ways ("up
 *   and down", "back and forth", "in all directions") or only a shape ("circles") claim nothing.
 * - **Source rules.** A protocol's `directionRules` (e.g. 001: the lower leg from the bottom up,
 *   with the lymph) hold for every glide on those zones whose words do not say both ways.
 * - **The spine.** No sample of a step on the back or neck may lie on the midline of the back,
 *   over the spinous processes, whatever the zones of the model say there (the model's vertebrae
 *   zone stops at the base of the neck).
 *
 * Coordinates: model space, metres, Y up, the body facing +Z, the midline at X = 0.
 */
import type { DirectionRule, DirectionSense, PathKind, Step } from '../content/schema.ts';
import type { Vec3 } from './body.ts';
import type { Stroke } from './paths.ts';
import type { SkinProjector } from './projectToSkin.ts';

/** Words that say a stroke goes both ways, or everywhere: no single direction to check. */
const BOTH_WAYS =
  /\b(up and down|down and up|back and forth|to and fro|and back|in all directions|all over)\b/;

/** Phrases of each sense, tried in this order; a text may say several senses ("up and out"). */
const SENSE_WORDS: readonly (readonly [DirectionSense, RegExp])[] = [
  ['toward_heel', /\b(to|toward|towards) the heel\b|\btoes? to (the )?heel\b/],
  [
    'toward_toes',
    /\b(heel|ankle|base of (each |the )?toe) to (the |its )?(toes?|tip|ball)\b|\b(to|toward|towards|into) the (toes?|toe gaps|ball of the foot)\b|\bto its tip\b/,
  ],
  [
    'up',
    /\bup\b|\bupward\b|\bbottom to top\b|\bbottom up\b|\btoward the hips\b|\bto (the )?head\b/,
  ],
  ['down', /\bdown\b|\bdownward\b|\btop to bottom\b/],
  [
    'outward',
    /\boutward\b|\baway from the spine\b|\bout to the side\b|\btoward the outer edge\b|\bbig toe to little toe\b|\bout toward\b/,
  ],
  ['inward', /\binward\b|\btoward the spine\b|\blittle toe to big toe\b/],
];

/**
 * The senses a step's (English) direction words claim; empty when they claim none (a shape, or
 * both ways). "toes up to the ankle" is `up`; "upward and outward from the spine" is `up` and
 * `outward`.
 */
export function directionSenses(text: string): DirectionSense[] {
  const t = text.toLowerCase();
  if (BOTH_WAYS.test(t)) return [];
  return SENSE_WORDS.filter(([, re]) => re.test(t)).map(([s]) => s);
}

/** Whether the words say the stroke goes both ways or everywhere. */
export function saysBothWays(text: string): boolean {
  return BOTH_WAYS.test(text.toLowerCase());
}

/** Net movement of a path on the skin: start to end, or averaged over a fan's glides. */
export interface NetMove {
  /** Metres along +Y (up). */
  readonly up: number;
  /** Metres along +Z (toward the toes on the foot, forward on the body). */
  readonly forward: number;
  /** Metres away from the midline (|X| grows). */
  readonly outward: number;
  /** Length of the net movement, metres. */
  readonly chord: number;
}

const onSkin = (p: Vec3, projector: SkinProjector): Vec3 => projector.project(p)?.point ?? p;

/**
 * The net movement of a sampled path on the skin. Glides from one hub (a fan) or along each toe
 * count as the mean of their own movements; a single glide from its first to its last sample;
 * presses (and, with `sequence`, any strokes) in order from the first to the last. Null for a
 * closed shape (circles, a figure eight) or a single press.
 */
export function netMove(
  kind: PathKind,
  strokes: readonly Stroke[],
  projector: SkinProjector,
  sequence = false,
): NetMove | null {
  if (kind === 'circles' || kind === 'figure_eight') return null;
  const moves: [Vec3, Vec3][] = [];
  const presses = sequence || strokes.every((s) => s.contact === 'press');
  if (presses) {
    const first = strokes.at(0)?.points.at(0);
    const last = strokes.at(-1)?.points.at(-1);
    if (!first || !last || strokes.length < 2) return null;
    moves.push([onSkin(first, projector), onSkin(last, projector)]);
  } else if (kind === 'fan' || kind === 'each_toe') {
    for (const s of strokes) {
      const a = s.points.at(0);
      const b = s.points.at(-1);
      if (a && b && s.points.length > 1) moves.push([onSkin(a, projector), onSkin(b, projector)]);
    }
  } else {
    const a = strokes.at(0)?.points.at(0);
    const b = strokes.at(-1)?.points.at(-1);
    if (a && b) moves.push([onSkin(a, projector), onSkin(b, projector)]);
  }
  if (moves.length === 0) return null;
  let up = 0;
  let forward = 0;
  let outward = 0;
  for (const [a, b] of moves) {
    up += b[1] - a[1];
    forward += b[2] - a[2];
    outward += Math.abs(b[0]) - Math.abs(a[0]);
  }
  const n = moves.length;
  const sideways = moves.reduce((sum, [a, b]) => sum + (b[0] - a[0]), 0) / n;
  return {
    up: up / n,
    forward: forward / n,
    outward: outward / n,
    chord: Math.hypot(sideways, up / n, forward / n),
  };
}

/** Least movement that counts as going some way: 4 mm and 15 % of the net movement. */
export const MIN_MOVE_M = 0.004;
export const MIN_MOVE_SHARE = 0.15;

/** The signed movement along a sense (positive: that way). */
export function along(move: NetMove, sense: DirectionSense): number {
  switch (sense) {
    case 'up':
      return move.up;
    case 'down':
      return -move.up;
    case 'toward_toes':
      return move.forward;
    case 'toward_heel':
      return -move.forward;
    case 'outward':
      return move.outward;
    case 'inward':
      return -move.outward;
  }
}

/** Whether a net movement goes the way of a sense. */
export function goesWay(move: NetMove, sense: DirectionSense): boolean {
  return along(move, sense) >= Math.max(MIN_MOVE_M, MIN_MOVE_SHARE * move.chord);
}

const OPPOSITE: Readonly<Record<DirectionSense, DirectionSense>> = {
  up: 'down',
  down: 'up',
  toward_heel: 'toward_toes',
  toward_toes: 'toward_heel',
  outward: 'inward',
  inward: 'outward',
};

/**
 * The sense a movement mostly goes, among a sense and its opposite (for messages); `enough` is
 * false when it goes the asked way but too little to count.
 */
export function measuredSense(
  move: NetMove,
  sense: DirectionSense,
): { sense: DirectionSense; mm: number; enough: boolean } {
  const a = along(move, sense);
  return a >= 0
    ? { sense, mm: Math.round(a * 1000), enough: goesWay(move, sense) }
    : { sense: OPPOSITE[sense], mm: Math.round(-a * 1000), enough: true };
}

/** Senses about the order of the toes, measured on the sequence of strokes, not within each. */
const ORDER_SENSES: ReadonlySet<DirectionSense> = new Set(['outward', 'inward']);

/**
 * A sense the words claim that the movement does not follow; null when all hold. For strokes done
 * toe by toe, `sequence` (first stroke to last) is used for outward and inward ("big toe to
 * little toe").
 */
export function wordsAgainstMove(
  text: string,
  move: NetMove,
  sequence: NetMove | null = null,
): DirectionSense | null {
  return (
    directionSenses(text).find(
      (s) => !goesWay(sequence && ORDER_SENSES.has(s) ? sequence : move, s),
    ) ?? null
  );
}

/** The first direction rule of a protocol that a glide on `zones` breaks; null when none. */
export function ruleAgainstMove(
  rules: readonly DirectionRule[],
  step: Pick<Step, 'zones' | 'direction'>,
  move: NetMove,
): DirectionRule | null {
  if (step.direction && saysBothWays(step.direction.text.en)) return null;
  return (
    rules.find((r) => step.zones.some((z) => r.zones.includes(z)) && !goesWay(move, r.sense)) ??
    null
  );
}

/** Zones of the back and neck whose midline is the spine. */
export const SPINE_ZONES: ReadonlySet<string> = new Set([
  'neck',
  'upper_back',
  'lower_back',
  'lumbosacral_area',
]);

/** Least distance of a sample on the back or neck from the midline (the spinous processes). */
export const SPINE_MARGIN_M = 0.01;

/**
 * The first sample of a path, projected on the skin, that lies on a spine zone within the margin
 * of the midline; null when none does.
 */
export function onSpineMidline(
  points: readonly Vec3[],
  projector: SkinProjector,
  margin = SPINE_MARGIN_M,
): { index: number; distance: number } | null {
  for (const [index, p] of points.entries()) {
    const hit = projector.project(p);
    if (!hit || !SPINE_ZONES.has(hit.zone)) continue;
    // Only the back of the body: the front of the neck has no spine under the skin.
    if (hit.normal[2] > 0) continue;
    const distance = Math.abs(hit.point[0]);
    if (distance < margin) return { index, distance };
  }
  return null;
}
