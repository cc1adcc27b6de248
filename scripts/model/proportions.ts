/** Body proportions: every anatomical size the shape, zone and landmark modules derive from. */
import type { V3 } from './sdf.ts';

/** The arm hanging along the body (left side). */
export interface ArmSpec {
  /** Glenohumeral joint centre (m). */
  readonly shoulder: V3;
  /** Upper arm, forearm and hand lengths (m). */
  readonly upper: number;
  readonly fore: number;
  readonly hand: number;
  /** Hand size relative to the adult hand. */
  readonly handScale: number;
  /** Abduction of the upper arm from vertical and the extra carrying angle of the forearm (°). */
  readonly abduct: number;
  readonly carry: number;
  /** Backward slope of the upper arm and forward slope of the forearm (z per unit length). */
  readonly elbowBack: number;
  readonly foreForward: number;
  /** Radii: shoulder, mid upper arm, elbow, upper forearm, wrist (m). */
  readonly r: readonly [number, number, number, number, number];
  /** The arm zone starts this far below the shoulder joint along the upper arm (m). */
  readonly zoneStart: number;
  /** Rotation of the arms about the shoulders that lays them on the table (°, + forward). */
  readonly proneSwing: number;
  readonly supineSwing: number;
}

/** Trunk masses (radii in m): pelvis, waist, chest; a toddler's round belly. */
export interface TrunkSpec {
  readonly pelvis: V3;
  readonly waist: V3;
  readonly chest: V3;
  readonly belly: V3 | null;
  readonly buttock: V3;
  /** Bulge over the greater trochanter (0 for none). */
  readonly trochanter: number;
}

export interface Proportions {
  readonly id: 'adult' | 'child';
  /** Foot length, heel to the tip of the longest toe (m). */
  readonly footLength: number;
  /** Foot width multiplier relative to the adult reference shape. */
  readonly footWidth: number;
  /** Toe length and girth multipliers relative to the adult reference toes. */
  readonly toeLength: number;
  readonly toeGirth: number;
  /** Medial arch height multiplier (children have a flatter, padded arch). */
  readonly arch: number;
  /** Toe-out angle of each foot (radians). */
  readonly toeOut: number;
  /** Lateral offset of the ankle, knee and hip joint centres (m). */
  readonly ankleX: number;
  readonly kneeX: number;
  readonly hipX: number;
  readonly kneeY: number;
  readonly hipY: number;
  /** Horizontal girth multiplier of legs and trunk relative to the adult. */
  readonly girth: number;
  /** Extra thigh/calf chubbiness. */
  readonly limbFat: number;
  readonly iliacY: number;
  readonly waistY: number;
  readonly chestY: number;
  readonly shoulderY: number;
  readonly c7Y: number;
  readonly chinY: number;
  readonly headTopY: number;
  /** Head radii (x, y, z). */
  readonly head: readonly [number, number, number];
  /** Mesher edge lengths: fine (feet) and coarse (rest). */
  readonly edgeFoot: number;
  readonly edgeBody: number;
  /** Muscle relief (1 adult: calf and thigh heads, biceps; 0 toddler: smooth chubby limbs). */
  readonly muscle: number;
  /** Spinous process relief (1 adult; 0 toddler: a soft furrow, no bumps). */
  readonly spine: number;
  /** Toddler skin folds at the ankles, wrists, behind the knees and at the groin. */
  readonly folds: boolean;
  readonly arm: ArmSpec;
  readonly trunk: TrunkSpec;
}

export const ADULT: Proportions = {
  id: 'adult',
  footLength: 0.25,
  footWidth: 1,
  toeLength: 1,
  toeGirth: 1.1,
  arch: 1,
  toeOut: (7 * Math.PI) / 180,
  ankleX: 0.092,
  kneeX: 0.1,
  hipX: 0.09,
  kneeY: 0.475,
  hipY: 0.875,
  girth: 1,
  limbFat: 1,
  iliacY: 1.03,
  waistY: 1.07,
  chestY: 1.25,
  shoulderY: 1.42,
  c7Y: 1.45,
  chinY: 1.478,
  headTopY: 1.7,
  head: [0.0735, 0.111, 0.094],
  edgeFoot: 0.0023,
  edgeBody: 0.0052,
  muscle: 1,
  spine: 1,
  folds: false,
  arm: {
    shoulder: [0.182, 1.383, -0.016],
    upper: 0.305,
    fore: 0.25,
    hand: 0.185,
    handScale: 1,
    abduct: 10,
    carry: -5,
    elbowBack: -0.06,
    foreForward: 0.12,
    r: [0.046, 0.043, 0.034, 0.039, 0.0235],
    zoneStart: 0.14,
    proneSwing: 10,
    supineSwing: -9,
  },
  trunk: {
    pelvis: [0.156, 0.127, 0.104],
    waist: [0.134, 0.13, 0.092],
    chest: [0.145, 0.16, 0.1],
    belly: null,
    buttock: [0.077, 0.096, 0.064],
    trochanter: 0.6,
  },
};

export const CHILD: Proportions = {
  id: 'child',
  footLength: 0.14,
  footWidth: 1.04,
  toeLength: 0.74,
  toeGirth: 1.14,
  arch: 0.55,
  toeOut: (6 * Math.PI) / 180,
  ankleX: 0.058,
  kneeX: 0.06,
  hipX: 0.047,
  kneeY: 0.235,
  hipY: 0.43,
  girth: 0.62,
  limbFat: 1.04,
  iliacY: 0.52,
  waistY: 0.55,
  chestY: 0.64,
  shoulderY: 0.72,
  c7Y: 0.735,
  chinY: 0.765,
  headTopY: 0.95,
  head: [0.0685, 0.0925, 0.085],
  edgeFoot: 0.0019,
  edgeBody: 0.0034,
  muscle: 0,
  spine: 0,
  folds: true,
  arm: {
    shoulder: [0.112, 0.686, -0.01],
    upper: 0.158,
    fore: 0.128,
    hand: 0.102,
    handScale: 0.55,
    abduct: 12,
    carry: -5,
    elbowBack: -0.05,
    foreForward: 0.1,
    r: [0.029, 0.0275, 0.0225, 0.025, 0.0175],
    zoneStart: 0.1,
    proneSwing: 12,
    supineSwing: -14,
  },
  trunk: {
    pelvis: [0.086, 0.072, 0.068],
    waist: [0.088, 0.2, 0.066],
    chest: [0.091, 0.16, 0.068],
    belly: [0.083, 0.078, 0.068],
    buttock: [0.046, 0.058, 0.044],
    trochanter: 0,
  },
};
