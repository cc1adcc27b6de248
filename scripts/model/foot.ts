/**
 * The foot frame and the foot's anatomical reference points, shared by the shape, the zone rules,
 * the morph targets and the landmarks. Local coordinates (a, h, l) of the LEFT foot: a forward from
 * the ankle joint centre's ground projection, h up from the ground, l toward the little toe side.
 * The numbers below describe an adult reference foot of 0.26 m and are scaled per body.
 */
import type { Proportions } from './proportions.ts';
import type { V3 } from './sdf.ts';

export const REF_FOOT = 0.26;

export interface ToeDef {
  /** 1 = hallux … 5 = little toe. */
  readonly n: number;
  /** MTP joint centre (local, reference metres). */
  readonly joint: V3;
  /** Direction in the ground plane: yaw toward lateral (radians). */
  readonly yaw: number;
  /** Joint centre to tip pad centre (reference metres). */
  readonly length: number;
  /** Radii at the joint, the interphalangeal joint and the tip. */
  readonly radii: V3;
  /** Where the toe starts (the web), distance from the joint along the toe. */
  readonly web: number;
}

const deg = Math.PI / 180;

export const TOES: readonly ToeDef[] = [
  {
    n: 1,
    joint: [0.134, 0.0195, -0.031],
    yaw: 1.5 * deg,
    length: 0.059,
    radii: [0.0134, 0.0113, 0.0117],
    web: 0.014,
  },
  {
    n: 2,
    joint: [0.145, 0.0145, -0.0045],
    yaw: 2.5 * deg,
    length: 0.046,
    radii: [0.0082, 0.0068, 0.0071],
    web: 0.018,
  },
  {
    n: 3,
    joint: [0.138, 0.0128, 0.0135],
    yaw: 4.5 * deg,
    length: 0.041,
    radii: [0.0078, 0.0065, 0.0068],
    web: 0.017,
  },
  {
    n: 4,
    joint: [0.128, 0.0118, 0.0295],
    yaw: 7 * deg,
    length: 0.036,
    radii: [0.0075, 0.0062, 0.0065],
    web: 0.016,
  },
  {
    n: 5,
    joint: [0.114, 0.011, 0.0435],
    yaw: 10.5 * deg,
    length: 0.03,
    radii: [0.0072, 0.006, 0.0062],
    web: 0.014,
  },
];

/**
 * Bunion prominence centre and radius (reference metres), medial to the first metatarsal head.
 * The zone and the hallux-valgus bump use `r`; at rest only a small sphere (`restR`) is part of
 * the shape, so a straight foot shows no knob.
 */
export const BUNION = { c: [0.131, 0.021, -0.0425] as V3, r: 0.0105, restR: 0.0058 };
export const MALLEOLUS_MEDIAL: V3 = [0.006, 0.083, -0.024];
export const MALLEOLUS_LATERAL: V3 = [-0.011, 0.064, 0.027];
export const HEEL_FRONT = -0.006;
export const ACHILLES_TOP = 0.2;
export const ANKLE_TOP = 0.118;

export class FootFrame {
  readonly s: number;
  readonly sw: number;
  readonly sh: number;
  /** The toes of this body (reference toes with the body's toe length and girth). */
  readonly toes: readonly ToeDef[];
  private readonly sy: number;
  private readonly cy: number;

  constructor(
    readonly p: Proportions,
    readonly x0: number,
    readonly z0: number,
  ) {
    this.s = p.footLength / REF_FOOT;
    this.sw = this.s * p.footWidth;
    this.sh = this.s;
    this.sy = Math.sin(p.toeOut);
    this.cy = Math.cos(p.toeOut);
    this.toes = TOES.map((t) => ({
      ...t,
      length: t.length * p.toeLength,
      radii: [t.radii[0] * p.toeGirth, t.radii[1] * p.toeGirth, t.radii[2] * p.toeGirth],
      web: t.web * (0.5 + 0.5 * p.toeLength),
    }));
  }

  get yaw(): number {
    return this.p.toeOut;
  }

  /** Reference local (a, h, l) to world (left foot). */
  w(a: number, h: number, l: number): V3 {
    const A = a * this.s,
      H = h * this.sh,
      Lat = l * this.sw;
    return [this.x0 + A * this.sy + Lat * this.cy, H, this.z0 + A * this.cy - Lat * this.sy];
  }

  /** World point (x ≥ 0 side) to metric local (a, h, l), not divided by scale. */
  local(x: number, y: number, z: number): V3 {
    const dx = x - this.x0,
      dz = z - this.z0;
    return [dx * this.sy + dz * this.cy, y, dx * this.cy - dz * this.sy];
  }

  /** World direction to local direction. */
  localDir(x: number, y: number, z: number): V3 {
    return [x * this.sy + z * this.cy, y, x * this.cy - z * this.sy];
  }

  /** Local direction to world direction. */
  worldDir(a: number, h: number, l: number): V3 {
    return [a * this.sy + l * this.cy, h, a * this.cy - l * this.sy];
  }

  /** Toe axis points in metric local coordinates: joint, interphalangeal joint, tip pad centre. */
  toeAxis(t: ToeDef): { j: V3; m: V3; tip: V3; dir: V3 } {
    const s = this.s,
      sw = this.sw;
    const j: V3 = [t.joint[0] * s, t.joint[1] * s, t.joint[2] * sw];
    const dir: V3 = [Math.cos(t.yaw), 0, Math.sin(t.yaw)];
    const L = t.length * s;
    const tipH = t.radii[2] * s * 0.78 + 0.0004;
    // lesser toes rest a little curled at the interphalangeal joint, their pads on the ground
    const frac = t.n === 1 ? 0.5 : 0.57;
    const midH = t.radii[1] * s * 0.78 + (t.n === 1 ? 0.0035 : 0.0062) * s;
    const m: V3 = [j[0] + dir[0] * L * frac, midH, j[2] + dir[2] * L * frac];
    const tip: V3 = [j[0] + dir[0] * L, tipH, j[2] + dir[2] * L];
    return { j, m, tip, dir };
  }
}
