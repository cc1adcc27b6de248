/**
 * How the hands hold for each hand part and technique: which part touches (points on bones),
 * which way the hand presses and heads, the keyframed poses and what drives them (the motion's
 * contact or grip opening), extra flexion under pressure, fingers that close onto the skin, and
 * for two-hand work where the second hand goes. `gripFor` picks the grip of a content step.
 */
import type { HandPart, Technique } from '../../content/schema.ts';
import type { Vec3 } from '../body.ts';
import { curl, finger, merge, thumb, wrist, type PoseKey, type PoseSpec } from './pose.ts';
import {
  FINGER_SPECS,
  PALM_HALF_THICKNESS_M,
  THUMB_SPEC,
  digitOf,
  type HandBone,
} from './skeleton.ts';

export const GRIP_IDS = [
  'thumb_pad',
  'fingertips',
  'finger_phalanges',
  'knuckles',
  'palm',
  'palm_edge',
  'heel_of_palm',
  'pincer',
  'toe_stretch',
  'tapping',
  'patting',
  'hacking',
  'shaking',
  'vibration',
  'both_knead',
  'both_grasp',
  'both_wring',
] as const;
export type GripId = (typeof GRIP_IDS)[number];

/** A point or direction in a bone's local frame (right hand; mirrored for the left). */
export interface BoneVector {
  readonly bone: HandBone;
  readonly v: Vec3;
}

export interface GripSpec {
  /**
   * `one`: the working hand alone; `alternate`: both hands striking in turn, each on its side
   * of the path; `two`: both hands at once, one on each side of the limb.
   */
  readonly hands: 'one' | 'alternate' | 'two';
  /** Where the hand part touches: the mean of these points. */
  readonly contact: readonly BoneVector[];
  /** Other bones whose skin touches with the contact (the rest of the palm, say). */
  readonly touching?: readonly HandBone[];
  /** Direction from the contact into the skin: the mean of these. */
  readonly press: readonly BoneVector[];
  /** The hand direction that follows the travel heading (made perpendicular to `press`). */
  readonly heading: BoneVector;
  /** Turn of that direction from the travel heading, counter-clockwise seen from outside. */
  readonly yawDeg: number;
  /**
   * Whether the hand heads along the travel (`always`), turns its forearm toward the massaging
   * person whatever the path (`never`), or does the first on lines and the second on circles,
   * spirals, figure eights and points (`auto`).
   */
  readonly lead: 'always' | 'never' | 'auto';
  /** What moves between the keyframes: nothing, the motion's contact, or its grip opening. */
  readonly driver: 'none' | 'contact' | 'spread';
  readonly keys: readonly PoseKey[];
  /** Added at full pressure (vigorous and in contact), scaled by pressure. */
  readonly pressure?: PoseSpec;
  /** Digits that close onto the skin: the added flexion when fully closed. */
  readonly conform?: PoseSpec;
  /** Height the hand lifts to when contact is 0, metres (adult). */
  readonly liftM: number;
  /** Two-hand placement: each hand's offset around the limb from the path, metres. */
  readonly sideOffsetM?: number;
  /** Two-hand placement: the left hand this far ahead along the path, the right behind. */
  readonly alongOffsetM?: number;
  /** Two hands: whether the second hand's swing mirrors the first's (opposite phase). */
  readonly opposite?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Contact points on the skin of the hand (bone-local, right hand)
// ---------------------------------------------------------------------------------------------

/** Radius of a digit's segment at fraction t of its length. */
function radiusAt(bone: HandBone, t: number): number {
  const digit = digitOf(bone);
  const seg = Number(bone.slice(-1)) - 1;
  const radii = digit === 'thumb' ? THUMB_SPEC.radii : digit ? FINGER_SPECS[digit].radii : null;
  if (!radii) return PALM_HALF_THICKNESS_M;
  const ra = radii[seg] ?? 0;
  const rb = radii[seg + 1] ?? 0;
  return ra + (rb - ra) * t;
}

function lengthOf(bone: HandBone): number {
  const digit = digitOf(bone);
  const seg = Number(bone.slice(-1)) - 1;
  if (digit === 'thumb') return THUMB_SPEC.lengths[seg] ?? 0;
  return digit ? (FINGER_SPECS[digit].lengths[seg] ?? 0) : 0;
}

/** A point on the palmar skin of a phalanx at fraction t of its length. */
export function pad(bone: HandBone, t: number): BoneVector {
  return { bone, v: [0, -radiusAt(bone, t) * 0.98, t * lengthOf(bone)] };
}

/** A point on the back of a phalanx at fraction t. */
function back(bone: HandBone, t: number): BoneVector {
  return { bone, v: [0, radiusAt(bone, t) * 0.9, t * lengthOf(bone)] };
}

/** The fingertip: where pad turns into tip, pressing half into the skin, half along the finger. */
function tip(bone: HandBone): BoneVector {
  const L = lengthOf(bone);
  const r = radiusAt(bone, 1);
  return { bone, v: [0, -0.72 * r, L - 0.36 * r] };
}

const dir = (bone: HandBone, x: number, y: number, z: number): BoneVector => {
  const l = Math.hypot(x, y, z) || 1;
  return { bone, v: [x / l, y / l, z / l] };
};

/**
 * The middle of the palm, just below its hollow: between the skin there and the plane of the
 * heel and the ball of the hand, which press a little into the skin with it.
 */
const PALM_CENTRE: BoneVector = { bone: 'palm', v: [0.002, -0.0147, 0.056] };
const PALM_HEEL: BoneVector = { bone: 'palm', v: [0, -0.016, 0.02] };
const PALM_EDGE: BoneVector = { bone: 'palm', v: [-0.039, -0.004, 0.048] };

// ---------------------------------------------------------------------------------------------
// Poses
// ---------------------------------------------------------------------------------------------

const FIST = merge(curl(88, 100, 65), thumb([30, 0, 20], 35, 30));

export const GRIPS: Readonly<Record<GripId, GripSpec>> = {
  thumb_pad: {
    hands: 'one',
    contact: [pad('thumb3', 0.6)],
    touching: ['thumb2'],
    press: [dir('thumb3', 0, -1, 0.12)],
    heading: dir('thumb3', 0, 0, 1),
    yawDeg: 0,
    lead: 'auto',
    driver: 'contact',
    keys: [
      { at: 0, pose: merge(curl(22, 32, 16, 4), thumb([0, 20, 0], 5, 10), wrist(5)) },
      { at: 1, pose: merge(curl(25, 35, 16, 4), thumb([-5, 18, 0], 0, -5), wrist(10)) },
    ],
    pressure: merge(thumb([0, 0, 0], -6, -16), wrist(8)),
    liftM: 0.014,
  },
  fingertips: {
    hands: 'one',
    contact: [tip('middle3')],
    touching: ['index3', 'ring3'],
    press: [dir('palm', 0, -1, 0.25)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'auto',
    driver: 'spread',
    keys: [
      {
        at: 0,
        pose: merge(
          curl(42, 52, 24, 2),
          finger('index', 40, 48, 22, 2),
          finger('little', 55, 70, 40, -4),
          thumb([25, -5, 10], 20, 15),
        ),
      },
      {
        at: 1,
        pose: merge(
          curl(30, 40, 18, 6),
          finger('little', 45, 60, 35, -8),
          thumb([20, 5, 10], 15, 10),
        ),
      },
    ],
    pressure: merge(curl(6, 12, -10)),
    liftM: 0.014,
  },
  finger_phalanges: {
    hands: 'one',
    contact: [back('middle2', 0.5)],
    touching: ['index2', 'ring2', 'middle1', 'middle3'],
    press: [dir('middle2', 0, 1, 0)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'auto',
    driver: 'none',
    // The thumb lies along the index finger, clear of the skin the knuckles circle on.
    keys: [{ at: 0, pose: merge(curl(80, 95, 45), thumb([-10, 10, 0], 10, 5), wrist(-10)) }],
    pressure: merge(curl(5, 5, 5)),
    liftM: 0.012,
  },
  knuckles: {
    hands: 'one',
    contact: [back('middle1', 0.85), back('index1', 0.85)],
    touching: ['ring1', 'little1', 'index2', 'middle2'],
    press: [dir('middle1', 0, 1, 0.3)],
    heading: dir('palm', 0, -1, 0),
    yawDeg: 0,
    lead: 'always',
    driver: 'none',
    keys: [{ at: 0, pose: merge(FIST, wrist(-15)) }],
    liftM: 0.012,
  },
  palm: {
    hands: 'one',
    contact: [PALM_CENTRE],
    touching: ['thumb1', 'index1', 'middle1', 'ring1', 'little1'],
    press: [dir('palm', 0, -1, 0)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'auto',
    driver: 'none',
    keys: [{ at: 0, pose: merge(curl(4, 6, 4, -1.5), thumb([-18, -22, 0], 5, 5), wrist(12)) }],
    pressure: merge(wrist(-6)),
    conform: merge(curl(35, 40, 20), thumb([15, 0, 0], 10, 10)),
    liftM: 0.014,
  },
  palm_edge: {
    hands: 'one',
    contact: [PALM_EDGE],
    touching: ['little1', 'little2'],
    press: [dir('palm', -1, 0, 0)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'auto',
    driver: 'contact',
    // Fingers loosely curled: the little-finger edge rubs, and the hand stays compact enough
    // for a small child's toes.
    keys: [
      { at: 0, pose: merge(curl(70, 80, 40, 8), thumb([10, 25, 0], 5, 5)) },
      { at: 1, pose: merge(curl(60, 70, 35, 0), thumb([8, 20, 0], 5, 5)) },
    ],
    liftM: 0.03,
  },
  heel_of_palm: {
    hands: 'one',
    contact: [PALM_HEEL],
    touching: ['thumb1'],
    press: [dir('palm', 0, -1, 0.3)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'auto',
    driver: 'none',
    keys: [{ at: 0, pose: merge(curl(-12, 8, 4, 4), thumb([-15, 10, 0], 0, 0), wrist(30)) }],
    pressure: merge(wrist(12), curl(-6, 0, 0)),
    liftM: 0.014,
  },
  pincer: {
    hands: 'one',
    contact: [tip('thumb3'), tip('index3')],
    press: [dir('palm', 0, -1, 0.35)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'never',
    driver: 'spread',
    keys: [
      {
        at: 0,
        pose: merge(
          finger('index', 48, 52, 22),
          finger('middle', 62, 75, 40),
          finger('ring', 72, 85, 45, -2),
          finger('little', 78, 90, 50, -5),
          thumb([32, -9, 28], -6, -28),
        ),
      },
      {
        at: 1,
        pose: merge(
          finger('index', 25, 30, 12, 4),
          finger('middle', 55, 65, 35),
          finger('ring', 65, 80, 40, -2),
          finger('little', 72, 85, 45, -6),
          thumb([15, 20, 28], 0, -15),
        ),
      },
    ],
    liftM: 0.015,
  },
  toe_stretch: {
    hands: 'one',
    contact: [pad('thumb3', 0.55)],
    touching: ['thumb2'],
    press: [dir('thumb3', 0, -1, 0.1)],
    heading: dir('thumb3', 0, 0, 1),
    yawDeg: 0,
    lead: 'always',
    driver: 'none',
    keys: [
      {
        at: 0,
        pose: merge(
          finger('index', 30, 45, 25),
          finger('middle', 55, 70, 40),
          finger('ring', 65, 80, 45),
          finger('little', 70, 85, 50),
          thumb([5, 25, 0], 5, 5),
        ),
      },
    ],
    conform: finger('index', 35, 35, 20),
    liftM: 0.012,
  },
  tapping: {
    hands: 'one',
    contact: [tip('middle3')],
    touching: ['index3', 'ring3'],
    press: [dir('palm', 0, -1, 0.25)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'never',
    driver: 'contact',
    keys: [
      { at: 0, pose: merge(curl(5, 30, 15, 8), thumb([15, 10, 10], 10, 10), wrist(25)) },
      { at: 1, pose: merge(curl(42, 50, 22, 4), thumb([25, -5, 10], 20, 15), wrist(0)) },
    ],
    liftM: 0.022,
  },
  patting: {
    hands: 'one',
    contact: [PALM_CENTRE],
    touching: ['thumb1', 'index1', 'middle1', 'ring1', 'little1'],
    press: [dir('palm', 0, -1, 0)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'never',
    driver: 'contact',
    keys: [
      { at: 0, pose: merge(curl(-5, 5, 3, 3), thumb([0, 0, 0], 0, 0), wrist(20)) },
      { at: 1, pose: merge(curl(16, 16, 8, -1), thumb([5, -10, 0], 10, 5), wrist(0)) },
    ],
    liftM: 0.035,
  },
  hacking: {
    hands: 'alternate',
    contact: [PALM_EDGE],
    touching: ['little1', 'little2'],
    press: [dir('palm', -1, 0, 0)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'never',
    driver: 'contact',
    keys: [
      { at: 0, pose: merge(curl(12, 15, 8, 10), thumb([10, 25, 0], 5, 5)) },
      { at: 1, pose: merge(curl(6, 8, 4, 0), thumb([8, 18, 0], 5, 5)) },
    ],
    liftM: 0.045,
  },
  shaking: {
    hands: 'one',
    contact: [tip('middle3')],
    touching: ['index3', 'ring3'],
    press: [dir('palm', 0, -1, 0.25)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'never',
    driver: 'none',
    keys: [{ at: 0, pose: merge(curl(32, 38, 18, 10), thumb([20, 20, 10], 10, 10), wrist(5)) }],
    liftM: 0.012,
  },
  vibration: {
    hands: 'one',
    contact: [tip('middle3')],
    touching: ['index3', 'ring3'],
    press: [dir('palm', 0, -1, 0.25)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'never',
    driver: 'none',
    keys: [
      {
        at: 0,
        pose: merge(
          curl(45, 55, 20, 2),
          finger('little', 55, 70, 40, -4),
          thumb([25, -5, 10], 20, 15),
        ),
      },
    ],
    pressure: merge(curl(4, 8, -8)),
    liftM: 0.01,
  },
  both_knead: {
    hands: 'two',
    contact: [PALM_CENTRE],
    touching: ['thumb1', 'index1', 'middle1', 'ring1', 'little1'],
    press: [dir('palm', 0, -1, 0)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 40,
    lead: 'always',
    driver: 'spread',
    keys: [
      { at: 0, pose: merge(curl(30, 40, 20, -1), thumb([-5, -13, -30], -12, -25)) },
      { at: 1, pose: merge(curl(10, 14, 8, 2), thumb([-12, 1, -26], -12, -25)) },
    ],
    conform: merge(curl(35, 35, 18), thumb([12, 0, 0], 5, 5)),
    liftM: 0.012,
    sideOffsetM: 0.026,
    alongOffsetM: 0.03,
    opposite: true,
  },
  both_grasp: {
    hands: 'two',
    contact: [PALM_CENTRE],
    touching: ['thumb1', 'index1', 'middle1', 'ring1', 'little1'],
    press: [dir('palm', 0, -1, 0)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 0,
    lead: 'always',
    driver: 'none',
    keys: [{ at: 0, pose: merge(curl(15, 18, 10, -1), thumb([-8, -6, -28], -12, -25)) }],
    conform: merge(curl(40, 40, 20), thumb([25, 0, 0], 10, 10)),
    liftM: 0.012,
    sideOffsetM: 0.008,
    alongOffsetM: 0.05,
    opposite: false,
  },
  both_wring: {
    hands: 'two',
    contact: [PALM_CENTRE],
    touching: ['thumb1', 'index1', 'middle1', 'ring1', 'little1'],
    press: [dir('palm', 0, -1, 0)],
    heading: dir('palm', 0, 0, 1),
    yawDeg: 40,
    lead: 'always',
    driver: 'spread',
    keys: [
      { at: 0, pose: merge(curl(25, 30, 15, -1), thumb([-5, -13, -30], -12, -25)) },
      { at: 1, pose: merge(curl(12, 15, 8, 1), thumb([-12, 1, -26], -12, -25)) },
    ],
    conform: merge(curl(35, 35, 18), thumb([12, 0, 0], 5, 5)),
    liftM: 0.012,
    sideOffsetM: 0.026,
    alongOffsetM: 0.03,
    opposite: true,
  },
};

// ---------------------------------------------------------------------------------------------
// Which grip a step uses
// ---------------------------------------------------------------------------------------------

/** First matching rule wins; a rule without a technique or path kind matches any. */
export interface GripRule {
  readonly handPart: HandPart;
  readonly technique?: Technique;
  readonly pathKinds?: readonly string[];
  readonly grip: GripId;
}

export const GRIP_RULES: readonly GripRule[] = [
  { handPart: 'fingertips', technique: 'pinching', grip: 'pincer' },
  { handPart: 'thumb_pad', technique: 'pinching', grip: 'pincer' },
  { handPart: 'fingertips', technique: 'stretching', pathKinds: ['each_toe'], grip: 'toe_stretch' },
  {
    handPart: 'fingertips',
    technique: 'passive_movement',
    pathKinds: ['each_toe'],
    grip: 'toe_stretch',
  },
  { handPart: 'fingertips', technique: 'tapping', grip: 'tapping' },
  { handPart: 'fingertips', technique: 'patting', grip: 'tapping' },
  { handPart: 'fingertips', technique: 'shaking', grip: 'shaking' },
  { handPart: 'fingertips', technique: 'vibration', grip: 'vibration' },
  { handPart: 'fingertips', grip: 'fingertips' },
  { handPart: 'thumb_pad', grip: 'thumb_pad' },
  { handPart: 'finger_phalanges', grip: 'finger_phalanges' },
  { handPart: 'knuckles', grip: 'knuckles' },
  { handPart: 'palm', technique: 'patting', grip: 'patting' },
  { handPart: 'palm', technique: 'tapping', grip: 'patting' },
  { handPart: 'palm', grip: 'palm' },
  { handPart: 'palm_edge', technique: 'hacking', grip: 'hacking' },
  { handPart: 'palm_edge', grip: 'palm_edge' },
  { handPart: 'heel_of_palm', grip: 'heel_of_palm' },
  { handPart: 'both_hands', technique: 'kneading', pathKinds: ['zigzag'], grip: 'both_wring' },
  { handPart: 'both_hands', technique: 'kneading', grip: 'both_knead' },
  { handPart: 'both_hands', grip: 'both_grasp' },
];

/** Techniques done without touching the body with the hands. */
const NO_HANDS: ReadonlySet<Technique> = new Set(['active_exercise', 'preparation', 'care']);

/**
 * The grip of a step, or null where no hand is shown: no hand part (a tool does it) or a
 * technique the hands do not perform on the skin.
 */
export function gripFor(
  technique: Technique,
  handPart: HandPart,
  pathKind?: string,
): GripId | null {
  if (handPart === 'none' || NO_HANDS.has(technique)) return null;
  for (const rule of GRIP_RULES) {
    if (rule.handPart !== handPart) continue;
    if (rule.technique && rule.technique !== technique) continue;
    if (rule.pathKinds && (pathKind === undefined || !rule.pathKinds.includes(pathKind))) continue;
    return rule.grip;
  }
  return null;
}
