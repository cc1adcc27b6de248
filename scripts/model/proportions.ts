/** Body proportions: every anatomical size the shape, zone and landmark modules derive from. */
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
}

export const ADULT: Proportions = {
  id: 'adult',
  footLength: 0.26,
  footWidth: 1,
  toeLength: 1,
  toeGirth: 1.04,
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
  chinY: 1.5,
  headTopY: 1.7,
  head: [0.076, 0.112, 0.096],
  edgeFoot: 0.0023,
  edgeBody: 0.0052,
};

export const CHILD: Proportions = {
  id: 'child',
  footLength: 0.152,
  footWidth: 1.12,
  toeLength: 0.86,
  toeGirth: 0.98,
  arch: 0.55,
  toeOut: (6 * Math.PI) / 180,
  ankleX: 0.058,
  kneeX: 0.06,
  hipX: 0.058,
  kneeY: 0.235,
  hipY: 0.43,
  girth: 0.62,
  limbFat: 1.14,
  iliacY: 0.52,
  waistY: 0.55,
  chestY: 0.64,
  shoulderY: 0.72,
  c7Y: 0.735,
  chinY: 0.765,
  headTopY: 0.95,
  head: [0.074, 0.096, 0.086],
  edgeFoot: 0.0019,
  edgeBody: 0.0034,
};
