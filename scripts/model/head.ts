/**
 * Head and neck: a neutral mannequin face (brow, closed eyes in shallow sockets, nose, cheeks,
 * lips, jaw and chin), ears and a hair cap, on a neck with the sternocleidomastoid muscles. The
 * adult and the toddler share the construction; their sizes and placements differ (a toddler's
 * cranium is large and round, the face small and low, cheeks full, neck short and thick).
 * World metres, midline and left side (mirrored at |x|), facing +Z.
 */
import type { Proportions } from './proportions.ts';
import { basisYPR, ellipsoid, roundCone, type OpList, type Prim, type V3 } from './sdf.ts';

export interface HeadSpec {
  readonly cranium: { c: V3; r: V3 };
  readonly occiput: { c: V3; r: V3 };
  readonly face: { c: V3; r: V3 };
  readonly brow: { c: V3; r: V3 };
  readonly cheekbone: { c: V3; r: V3 };
  readonly cheek: { c: V3; r: V3 };
  readonly jaw: { a: V3; b: V3; ra: number; rb: number };
  readonly chin: { c: V3; r: V3 };
  /** Closed eyelid over the eyeball, in a shallow socket. */
  readonly lid: { c: V3; r: V3 };
  readonly socket: { c: V3; r: V3 };
  readonly nose: { root: V3; tip: V3; ra: number; rb: number; ala: V3; alaR: V3 };
  /** The mouth's forward mass and the lips on it. */
  readonly muzzle: { c: V3; r: V3 };
  readonly lips: { c: V3; r: V3 };
  readonly ear: { c: V3; r: V3; yaw: number; pitch: number };
  readonly hair: { c: V3; r: V3 };
  /** Hair stops above this height at the sides and front (sideburns end at the ear top). */
  readonly hairlineY: number;
  readonly neck: { a: V3; b: V3; ra: number; rb: number };
  readonly scm: { a: V3; b: V3; ra: number; rb: number };
  /** Toddler: a soft roll of fat under the chin. */
  readonly chinRoll: { c: V3; r: V3 } | null;
  /** Blend scale (1 adult). */
  readonly k: number;
}

const ADULT_HEAD: HeadSpec = {
  cranium: { c: [0, 1.598, -0.014], r: [0.0735, 0.1, 0.094] },
  occiput: { c: [0, 1.572, -0.052], r: [0.06, 0.068, 0.058] },
  face: { c: [0, 1.535, 0.032], r: [0.057, 0.068, 0.05] },
  brow: { c: [0, 1.595, 0.071], r: [0.054, 0.014, 0.016] },
  cheekbone: { c: [0.045, 1.562, 0.05], r: [0.022, 0.016, 0.021] },
  cheek: { c: [0.036, 1.535, 0.054], r: [0.024, 0.024, 0.022] },
  jaw: { a: [0.05, 1.514, -0.006], b: [0.013, 1.487, 0.066], ra: 0.015, rb: 0.013 },
  chin: { c: [0, 1.489, 0.07], r: [0.019, 0.016, 0.015] },
  lid: { c: [0.031, 1.576, 0.075], r: [0.014, 0.009, 0.008] },
  socket: { c: [0.031, 1.578, 0.095], r: [0.02, 0.013, 0.014] },
  nose: {
    root: [0, 1.582, 0.083],
    tip: [0, 1.542, 0.1],
    ra: 0.006,
    rb: 0.0085,
    ala: [0.009, 1.54, 0.089],
    alaR: [0.008, 0.006, 0.007],
  },
  muzzle: { c: [0, 1.516, 0.073], r: [0.03, 0.02, 0.018] },
  lips: { c: [0, 1.512, 0.085], r: [0.019, 0.009, 0.006] },
  ear: { c: [0.0735, 1.563, -0.014], r: [0.0072, 0.031, 0.0175], yaw: -0.38, pitch: -0.25 },
  hair: { c: [0, 1.606, -0.019], r: [0.0772, 0.0995, 0.099] },
  hairlineY: 1.64,
  neck: { a: [0, 1.4, -0.018], b: [0, 1.52, -0.012], ra: 0.058, rb: 0.05 },
  scm: { a: [0.047, 1.535, -0.032], b: [0.014, 1.418, 0.045], ra: 0.013, rb: 0.011 },
  chinRoll: null,
  k: 1,
};

const CHILD_HEAD: HeadSpec = {
  cranium: { c: [0, 0.868, -0.012], r: [0.0685, 0.08, 0.085] },
  occiput: { c: [0, 0.852, -0.046], r: [0.056, 0.06, 0.052] },
  face: { c: [0, 0.813, 0.024], r: [0.049, 0.047, 0.044] },
  brow: { c: [0, 0.857, 0.058], r: [0.042, 0.012, 0.012] },
  cheekbone: { c: [0.035, 0.833, 0.044], r: [0.018, 0.014, 0.017] },
  cheek: { c: [0.03, 0.812, 0.041], r: [0.024, 0.022, 0.022] },
  jaw: { a: [0.036, 0.797, -0.004], b: [0.01, 0.778, 0.043], ra: 0.011, rb: 0.0095 },
  chin: { c: [0, 0.776, 0.05], r: [0.0135, 0.011, 0.0115] },
  lid: { c: [0.026, 0.844, 0.063], r: [0.011, 0.0075, 0.0065] },
  socket: { c: [0.026, 0.845, 0.078], r: [0.015, 0.01, 0.011] },
  nose: {
    root: [0, 0.841, 0.066],
    tip: [0, 0.819, 0.079],
    ra: 0.0045,
    rb: 0.0078,
    ala: [0.0068, 0.817, 0.073],
    alaR: [0.0058, 0.0048, 0.005],
  },
  muzzle: { c: [0, 0.8, 0.056], r: [0.019, 0.012, 0.013] },
  lips: { c: [0, 0.795, 0.07], r: [0.015, 0.007, 0.005] },
  ear: { c: [0.0675, 0.836, -0.012], r: [0.0062, 0.025, 0.0152], yaw: -0.38, pitch: -0.2 },
  hair: { c: [0, 0.874, -0.016], r: [0.0712, 0.079, 0.088] },
  hairlineY: 0.9,
  neck: { a: [0, 0.7, -0.012], b: [0, 0.79, -0.01], ra: 0.045, rb: 0.043 },
  scm: { a: [0.038, 0.815, -0.025], b: [0.01, 0.718, 0.03], ra: 0.0115, rb: 0.01 },
  chinRoll: null,
  k: 0.72,
};

export function headSpec(p: Proportions): HeadSpec {
  return p.id === 'adult' ? ADULT_HEAD : CHILD_HEAD;
}

/** Adds the neck and head to the body's operation list. */
export function addHead(ops: OpList, h: HeadSpec): void {
  const k = h.k;
  ops.add(roundCone(h.neck.a, h.neck.b, h.neck.ra, h.neck.rb), 0.03 * k);
  ops.add(roundCone(h.scm.a, h.scm.b, h.scm.ra, h.scm.rb), 0.016 * k);
  if (h.chinRoll) ops.add(ellipsoid(h.chinRoll.c, h.chinRoll.r), 0.018 * k);
  ops.add(ellipsoid(h.cranium.c, h.cranium.r), 0.02 * k);
  ops.add(ellipsoid(h.occiput.c, h.occiput.r), 0.03 * k);
  ops.add(ellipsoid(h.face.c, h.face.r), 0.022 * k);
  ops.add(roundCone(h.jaw.a, h.jaw.b, h.jaw.ra, h.jaw.rb), 0.018 * k);
  ops.add(ellipsoid(h.chin.c, h.chin.r), 0.012 * k);
  ops.add(ellipsoid(h.cheekbone.c, h.cheekbone.r), 0.014 * k);
  ops.add(ellipsoid(h.cheek.c, h.cheek.r), 0.016 * k);
  ops.add(ellipsoid(h.brow.c, h.brow.r), 0.025 * k);
  // shallow eye sockets with closed lids
  ops.sub(ellipsoid(h.socket.c, h.socket.r), 0.012 * k);
  ops.add(ellipsoid(h.lid.c, h.lid.r), 0.006 * k);
  ops.add(roundCone(h.nose.root, h.nose.tip, h.nose.ra, h.nose.rb), 0.012 * k);
  ops.add(ellipsoid(h.nose.ala, h.nose.alaR), 0.01 * k);
  ops.add(ellipsoid(h.muzzle.c, h.muzzle.r), 0.02 * k);
  ops.add(ellipsoid(h.lips.c, h.lips.r), 0.008 * k);
  // ears: flattened ellipsoids standing out behind, with the hollow of the concha
  const earAxes = basisYPR(h.ear.yaw, h.ear.pitch);
  ops.add(ellipsoid(h.ear.c, h.ear.r, earAxes), 0.0035 * k);
  const lat = earAxes[0];
  ops.sub(
    ellipsoid(
      [
        h.ear.c[0] + lat[0] * h.ear.r[0] * 1.1,
        h.ear.c[1] - h.ear.r[1] * 0.12,
        h.ear.c[2] + lat[2] * h.ear.r[0] * 1.1 + h.ear.r[2] * 0.15,
      ],
      [h.ear.r[0] * 0.6, h.ear.r[1] * 0.42, h.ear.r[2] * 0.48],
      earAxes,
    ),
    0.003 * k,
  );
  ops.add(hairPrim(h), 0.008 * k);
}

export function hairPrim(h: HeadSpec): Prim {
  return ellipsoid(h.hair.c, h.hair.r);
}

/**
 * Hair tint weight at a skin point (0 skin, 1 hair): where the hair cap is the surface, above the
 * hairline at the front and the sides, down to the nape at the back.
 */
export function hairWeight(h: HeadSpec, hair: Prim, x: number, y: number, z: number): number {
  const d = hair.d(Math.abs(x), y, z);
  const onCap = 1 - smooth(0.001 * h.k, 0.004 * h.k, d);
  if (onCap <= 0) return 0;
  // front and sides stop at the hairline; the back of the head keeps its hair lower down
  const back = smooth(-0.01 * h.k, -0.05 * h.k, z - h.cranium.c[2]);
  const line = h.hairlineY - back * (h.hairlineY - h.neck.b[1] - 0.01 * h.k);
  return onCap * smooth(line - 0.006 * h.k, line + 0.01 * h.k, y);
}

function smooth(e0: number, e1: number, v: number): number {
  const t = Math.min(1, Math.max(0, (v - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}
