/**
 * The body as one signed-distance function: smooth-min blends of ellipsoids and tapered capsules.
 * Shapes are defined for the left half (x ≥ 0) and the midline; the body is evaluated at |x|,
 * so both sides are exact mirror images.
 */
import { armChain, armPrims, type ArmChain } from './arm.ts';
import { ACHILLES_TOP, BUNION, FootFrame, MALLEOLUS_LATERAL, MALLEOLUS_MEDIAL } from './foot.ts';
import { addHead, hairPrim, headSpec, type HeadSpec } from './head.ts';
import type { Proportions } from './proportions.ts';
import {
  basisYPR,
  blendGroup,
  ellipsoid,
  OpList,
  polyCone,
  roundCone,
  sphere,
  type Prim,
  type V3,
} from './sdf.ts';

export type Sdf = (x: number, y: number, z: number) => number;

export interface BodyShape {
  readonly p: Proportions;
  readonly foot: FootFrame;
  /** Signed distance of the whole body (negative inside). */
  readonly sdf: Sdf;
  /** Leg axis centre (x, z) at height y, left side. */
  legAxis(y: number): [number, number];
  readonly ankleY: number;
  /** Spinous process heights from C7 down to L5. */
  readonly spineYs: readonly number[];
  /** Back surface z at the midline for height y (groove bottom, before the processes). */
  backZ(y: number): number;
  readonly sacrumTopY: number;
  readonly sacrumBottomY: number;
  readonly patella: V3;
  readonly kneeVertical: number;
  /** The left arm's chain (shoulder, elbow, wrist, fingertip) and hand frame. */
  readonly arm: ArmChain;
  /** Signed distance of the left arm and hand alone (for the arm zone). */
  readonly armSdf: Sdf;
  readonly head: HeadSpec;
  /** The hair cap's primitive (for the hair tint). */
  readonly hair: Prim;
  /** Joint centres of the left side, for posing (hip, knee, ankle, shoulder, elbow, wrist). */
  readonly joints: Readonly<Record<'hip' | 'knee' | 'ankle' | 'shoulder' | 'elbow' | 'wrist', V3>>;
  /** A box that contains the whole surface above height y (both sides). */
  boundsAbove(y: number): { min: V3; max: V3 };
}

function smoothstepN(e0: number, e1: number, v: number): number {
  const t = Math.min(1, Math.max(0, (v - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}

function halfSpaceAboveGround(): Prim {
  return { min: [-2, -0.05, -2], max: [2, 0.004, 2], d: (_x, y) => -y };
}

function surfaceZ(sdf: Sdf, x: number, y: number, zFrom: number, zTo: number): number {
  // March from inside (zFrom) toward outside (zTo) and bisect the crossing.
  const steps = 200;
  let prevZ = zFrom;
  for (let i = 1; i <= steps; i++) {
    const z = zFrom + ((zTo - zFrom) * i) / steps;
    if (sdf(x, y, z) > 0) {
      let lo = prevZ,
        hi = z;
      for (let k = 0; k < 40; k++) {
        const mid = (lo + hi) / 2;
        if (sdf(x, y, mid) > 0) hi = mid;
        else lo = mid;
      }
      return (lo + hi) / 2;
    }
    prevZ = z;
  }
  return zTo;
}

export function buildShape(p: Proportions): BodyShape {
  const s = p.footLength / 0.26;
  const F = new FootFrame(p, p.ankleX, 0);
  const G = p.girth;
  const Fg = G * p.limbFat;
  const M = p.muscle;
  const ankleY = 0.075 * s;
  const Ll = p.kneeY - ankleY;
  const kv = Ll / 0.4;
  const Lu = p.hipY - p.kneeY;
  const uv = Lu / 0.4;
  const tv = (p.shoulderY - p.hipY) / 0.545;
  const T = p.trunk;

  const fe = (c: V3, r: V3, yaw = 0, pitch = 0): Prim =>
    ellipsoid(
      F.w(c[0], c[1], c[2]),
      [r[2] * F.sw, r[1] * F.sh, r[0] * F.s],
      basisYPR(F.yaw + yaw, pitch),
    );
  const fc = (a: V3, b: V3, ra: number, rb: number, squash = 1): Prim =>
    roundCone(F.w(a[0], a[1], a[2]), F.w(b[0], b[1], b[2]), ra * s, rb * s, squash);

  const legAxis = (y: number): [number, number] => {
    if (y <= ankleY) return [p.ankleX, 0];
    if (y <= p.kneeY) {
      const t = (y - ankleY) / Ll;
      return [p.ankleX + (p.kneeX - p.ankleX) * t, 0.004 * t];
    }
    const t = Math.min(1, (y - p.kneeY) / Lu);
    return [p.kneeX + (p.hipX - p.kneeX) * t, 0.004 * (1 - t)];
  };
  const low = (t: number, dx: number, dz: number): V3 => {
    const y = ankleY + t * Ll;
    const [x, z] = legAxis(y);
    return [x + dx, y, z + dz];
  };
  const up = (t: number, dx: number, dz: number): V3 => {
    const y = p.kneeY + t * Lu;
    const [x, z] = legAxis(y);
    return [x + dx, y, z + dz];
  };

  const ops = new OpList();

  // ---------------------------------------------------------------- foot
  const archK = p.arch;
  const footBody: Prim[] = [
    // calcaneus and heel pad
    fe([-0.03, 0.033, 0.005], [0.04, 0.032, 0.027]),
    fe([-0.027, 0.02, 0.005], [0.037, 0.021, 0.029]),
    // talus / ankle block
    fe([0.006, 0.058, 0.0], [0.032, 0.03, 0.029]),
    // medial column (raised: the arch) and lateral column (on the ground)
    fc([0.0, 0.042 - 0.01 * (1 - archK), -0.017], [0.128, 0.0205, -0.029], 0.02, 0.0152),
    fc([-0.016, 0.02, 0.017], [0.108, 0.0118, 0.0405], 0.019, 0.0115),
    // midfoot dorsum
    fe([0.062, 0.033, 0.006], [0.074, 0.027, 0.036], 0, (10 * Math.PI) / 180),
    fc([0.012, 0.052, -0.002], [0.112, 0.024, -0.004], 0.021, 0.0135),
    // plantar pad under the metatarsal heads, along the oblique MTP line
    fe([0.124, 0.0125, 0.006], [0.019, 0.0125, 0.046], (16 * Math.PI) / 180),
  ];
  for (const t of F.toes) {
    const r = [0.0155, 0.0105, 0.01, 0.0096, 0.0094][t.n - 1] * (0.55 + 0.45 * p.toeGirth);
    footBody.push(fc([0.05, 0.033, t.joint[2] * 0.6], t.joint, 0.0105, r));
  }
  ops.add(blendGroup(footBody, 0.014), 0.014);
  // medial arch: carve the inner sole
  ops.sub(
    fe([0.054, -0.003, -0.046], [0.074, 0.03 * archK + 0.003, 0.036], (4 * Math.PI) / 180),
    0.014,
  );
  if (p.folds) {
    // a toddler's plantar fat pad fills part of the arch
    ops.add(fe([0.05, 0.014, -0.02], [0.05, 0.008, 0.02], (4 * Math.PI) / 180), 0.012);
  }
  // plantar sulcus: the soft crease between the ball of the foot and the toe pads
  {
    const pts: V3[] = [];
    const radii: number[] = [];
    for (const t of F.toes) {
      const ax = F.toeAxis(t);
      const u = t.web * s * 0.55;
      pts.push(F.w((ax.j[0] + ax.dir[0] * u) / s, -0.0012, (ax.j[2] + ax.dir[2] * u) / F.sw));
      radii.push(0.0032 * s);
    }
    ops.sub(polyCone(pts, radii, 0.002 * s), 0.003 * s);
  }

  // toes: a small blend between toes, a larger one into the forefoot
  const toePrims: Prim[] = [];
  for (const t of F.toes) {
    const ax = F.toeAxis(t);
    const toW = (v: V3): V3 => F.w(v[0] / s, v[1] / s, v[2] / F.sw);
    const j = toW(ax.j),
      m = toW(ax.m),
      tip = toW(ax.tip);
    const sq = t.n === 1 ? 0.8 : 0.82;
    // pulp: the tip pad, a little below and behind the nail end
    const pad = toW([
      ax.tip[0] - ax.dir[0] * t.radii[2] * s * 0.5,
      ax.tip[1] - t.radii[2] * s * 0.28,
      ax.tip[2] - ax.dir[2] * t.radii[2] * s * 0.5,
    ]);
    toePrims.push(
      blendGroup(
        [
          roundCone(j, m, t.radii[0] * s, t.radii[1] * s, sq),
          roundCone(m, tip, t.radii[1] * s, t.radii[2] * s, sq),
          ellipsoid(
            pad,
            [t.radii[2] * s * 0.82, t.radii[2] * s * 0.62, t.radii[2] * s * 0.95],
            basisYPR(F.yaw + t.yaw),
          ),
        ],
        0.002 * s,
      ),
    );
  }
  ops.add(blendGroup(toePrims, 0.0012 * s), 0.006 * s);
  // bunion (small at rest: the hallux-valgus morph grows it), malleoli, Achilles tendon
  ops.add(sphere(F.w(BUNION.c[0], BUNION.c[1], BUNION.c[2]), BUNION.restR * s), 0.0045 * s);
  // malleoli: vertical tapered knobs, the medial one higher and further forward
  {
    const mm = MALLEOLUS_MEDIAL,
      ml = MALLEOLUS_LATERAL;
    ops.add(
      fc(
        [mm[0], mm[1] - 0.012, mm[2]],
        [mm[0] - 0.002, mm[1] + 0.016, mm[2] + 0.003],
        0.0088,
        0.0105,
      ),
      0.012 * s,
    );
    ops.add(
      fc(
        [ml[0], ml[1] - 0.014, ml[2]],
        [ml[0] + 0.002, ml[1] + 0.02, ml[2] - 0.004],
        0.0082,
        0.0105,
      ),
      0.012 * s,
    );
  }
  // extensor hallucis longus and tibialis anterior tendons on the front of the ankle and dorsum
  if (M > 0) {
    ops.add(
      polyCone(
        [
          F.w(0.02, 0.078, -0.004),
          F.w(0.06, 0.055, -0.018),
          F.w(0.1, 0.037, -0.027),
          F.w(0.128, 0.031, -0.03),
        ],
        [0.0032 * s, 0.003 * s, 0.0028 * s, 0.0026 * s],
        0.004 * s,
      ),
      0.0045 * s,
    );
    ops.add(
      polyCone(
        [F.w(0.012, 0.1, -0.006), F.w(0.022, 0.074, -0.016), F.w(0.04, 0.052, -0.028)],
        [0.0042 * s, 0.0038 * s, 0.0032 * s],
        0.005 * s,
      ),
      0.006 * s,
    );
  }

  // ---------------------------------------------------------------- lower leg
  const achTopY = ACHILLES_TOP * s;
  ops.add(
    roundCone(
      [p.ankleX, ankleY - 0.005 * s, 0.003],
      low(0.75, 0, 0.006 * G),
      0.0245 * G,
      0.036 * G,
    ),
    0.02 * s,
  );
  // deep flexors and the fat pad in front of the tendon: a narrower fill so the tendon stands out
  ops.add(fe([-0.027, 0.14, 0.003], [0.017, 0.09, 0.011]), 0.014 * s);
  ops.add(
    fc([-0.055, 0.04, 0.004], [-0.041, achTopY / s + 0.02, 0.002], 0.0085, 0.0088),
    0.011 * s,
  );
  // tibial crest
  ops.add(
    roundCone(
      low(0.12, -0.006 * G, 0.017 * G),
      low(0.9, -0.004 * G, 0.031 * G),
      0.0095 * G,
      0.0135 * G,
    ),
    0.016 * G,
  );
  if (M > 0) {
    // fibular muscles, soleus, gastrocnemius (medial head lower and larger)
    ops.add(
      ellipsoid(low(0.55, 0.022 * G, -0.002 * G), [0.02 * Fg, 0.14 * kv, 0.024 * Fg]),
      0.02 * G,
    );
    ops.add(ellipsoid(low(0.52, 0, -0.022 * G), [0.046 * Fg, 0.15 * kv, 0.035 * Fg]), 0.024 * G);
    ops.add(
      ellipsoid(low(0.68, -0.018 * G, -0.036 * G), [0.041 * Fg, 0.11 * kv, 0.04 * Fg]),
      0.02 * G,
    );
    ops.add(
      ellipsoid(low(0.76, 0.019 * G, -0.033 * G), [0.036 * Fg, 0.095 * kv, 0.036 * Fg]),
      0.02 * G,
    );
  } else {
    // a toddler's calf: one soft mass
    ops.add(ellipsoid(low(0.6, 0, -0.02 * G), [0.05 * Fg, 0.22 * kv, 0.048 * Fg]), 0.045 * G);
  }

  // ---------------------------------------------------------------- knee
  const patella: V3 = [p.kneeX + 0.001, p.kneeY + 0.024 * kv, 0.046 * G];
  // condyles and tibial plateau: one mass, no groove under it
  ops.add(
    ellipsoid([p.kneeX, p.kneeY - 0.004 * kv, 0.001 * G], [0.047 * G, 0.07 * kv, 0.043 * G]),
    0.03 * G,
  );
  const pr = 0.45 + 0.55 * M; // a toddler's kneecap is soft, barely proud
  // patella: a rounded plate standing proud of the condyles
  ops.add(
    ellipsoid(
      [patella[0], patella[1], patella[2] - 0.006 * G + 0.008 * G * pr],
      [0.022 * G, 0.025 * kv, 0.01 * G],
    ),
    0.005 * G,
  );
  // quadriceps tendon above, patellar ligament below down to the tibial tuberosity
  ops.add(
    ellipsoid(
      [p.kneeX - 0.001, patella[1] + 0.056 * kv, 0.039 * G],
      [0.021 * G, 0.04 * kv, 0.011 * G],
    ),
    0.016 * G,
  );
  const tub: V3 = [p.kneeX - 0.002 * G, p.kneeY - 0.066 * kv, 0.036 * G];
  ops.add(
    roundCone(
      [p.kneeX, patella[1] - 0.02 * kv, 0.044 * G],
      [tub[0], tub[1] + 0.008 * kv, tub[2] + 0.002 * G],
      0.0085 * G,
      0.0078 * G,
    ),
    0.006 * G,
  );
  ops.add(ellipsoid(tub, [0.012 * G, 0.017 * kv, 0.008 * G]), 0.01 * G);
  // infrapatellar fat pads either side of the ligament
  for (const dx of [-0.017, 0.016])
    ops.add(
      ellipsoid(
        [p.kneeX + dx * G, p.kneeY - 0.017 * kv, 0.036 * G],
        [0.012 * G, 0.015 * kv, 0.011 * G],
      ),
      0.012 * G,
    );
  // hamstring tendons framing the popliteal fossa
  ops.add(
    roundCone(
      [p.kneeX - 0.031 * G, p.kneeY - 0.04 * kv, -0.03 * G],
      [p.kneeX - 0.03 * G, p.kneeY + 0.13 * kv, -0.045 * G],
      0.0085 * G,
      0.016 * G,
    ),
    0.012 * G,
  );
  ops.add(
    roundCone(
      [p.kneeX + 0.038 * G, p.kneeY - 0.035 * kv, -0.024 * G],
      [p.kneeX + 0.035 * G, p.kneeY + 0.13 * kv, -0.045 * G],
      0.0085 * G,
      0.016 * G,
    ),
    0.012 * G,
  );

  // ---------------------------------------------------------------- thigh
  ops.add(
    roundCone(up(0.1, 0, 0), up(0.93, 0, -0.004 * G), 0.047 * Fg, (M > 0 ? 0.081 : 0.074) * Fg),
    0.022 * G,
  );
  if (M > 0) {
    ops.add(
      ellipsoid(up(0.5, 0.004 * G, 0.028 * G), [0.055 * Fg, 0.19 * uv, 0.045 * Fg]),
      0.022 * G,
    );
    // vastus medialis: the teardrop above and inside the kneecap
    ops.add(
      ellipsoid(up(0.2, -0.028 * G, 0.018 * G), [0.026 * Fg, 0.068 * uv, 0.027 * Fg]),
      0.022 * G,
    );
    ops.add(
      ellipsoid(up(0.45, 0.034 * G, 0.004 * G), [0.036 * Fg, 0.17 * uv, 0.048 * Fg]),
      0.022 * G,
    );
    ops.add(ellipsoid(up(0.56, 0, -0.034 * G), [0.05 * Fg, 0.17 * uv, 0.044 * Fg]), 0.022 * G);
    ops.add(
      ellipsoid(up(0.72, -0.04 * G, 0.002 * G), [0.04 * Fg, 0.13 * uv, 0.054 * Fg]),
      0.022 * G,
    );
  } else {
    // toddler thigh: soft fat, fuller inside and behind
    ops.add(
      ellipsoid(up(0.55, -0.004 * G, 0.004 * G), [0.06 * Fg, 0.26 * uv, 0.06 * Fg]),
      0.04 * G,
    );
  }
  // popliteal hollow carved between the tendons
  ops.sub(
    ellipsoid(
      [p.kneeX, p.kneeY + 0.012 * kv, -0.064 * G - 0.006 * G * (1 - M)],
      [0.019 * G, 0.045 * kv, 0.022 * G],
    ),
    (0.012 + 0.01 * (1 - M)) * G,
  );

  // ---------------------------------------------------------------- pelvis and trunk (midline)
  const trunkBase = new OpList();
  const pelvisY = (p.hipY + p.iliacY) / 2;
  const chestF = T.chest[0] / 0.145;
  const trunkPrims: [Prim, number][] = [
    [
      ellipsoid([0, pelvisY, -0.012 * G], [T.pelvis[0], (p.iliacY - p.hipY) * 0.82, T.pelvis[2]]),
      0.03 * G,
    ],
    [ellipsoid([0, p.waistY, 0.008 * G], [T.waist[0], T.waist[1] * tv, T.waist[2]]), 0.05 * G],
    // chest: rib cage and pectorals in front
    [
      ellipsoid([0, p.chestY + 0.05 * tv, 0.03 * G], [0.13 * chestF, 0.09 * tv, 0.07 * G]),
      0.04 * G,
    ],
    [
      ellipsoid([0, p.chestY, -0.004 * G], [T.chest[0], T.chest[1] * tv, T.chest[2]]),
      (0.04 + 0.04 * (1 - M)) * G,
    ],
    [
      ellipsoid([0, p.shoulderY - 0.06 * tv, -0.006 * G], [0.172 * G, 0.075 * tv, 0.09 * G]),
      (0.035 + 0.045 * (1 - M)) * G,
    ],
    [
      ellipsoid(
        [0.068 * G, p.shoulderY - 0.004 * tv, -0.022 * G],
        [0.075 * G, 0.032 * tv, 0.048 * G],
        basisYPR(0, 0, -0.3),
      ),
      (0.03 + 0.035 * (1 - M)) * G,
    ],
    // buttocks: lower edge blends with a small radius so a gluteal fold shows
    [ellipsoid([p.hipX - 0.002 * G, p.hipY - 0.004 * uv, -0.06 * G], T.buttock), 0.014 * G],
  ];
  if (T.trochanter > 0)
    trunkPrims.push([
      ellipsoid(
        [p.hipX + 0.012 * G, p.hipY + 0.085 * uv, -0.03 * G],
        [0.05 * G * T.trochanter + 0.02 * G, 0.06 * uv, 0.058 * G],
      ),
      0.045 * G,
    ]);
  if (T.belly)
    trunkPrims.push([ellipsoid([0, p.waistY - 0.012 * tv, 0.022 * G], T.belly), 0.035 * G]);
  for (const [prim, k] of trunkPrims) {
    ops.add(prim, k);
    trunkBase.add(prim, k);
  }
  const baseSdf = trunkBase.compile();
  const zProfile = (x: number, y: number): number => surfaceZ(baseSdf, x, y, 0, -0.3);

  // shoulder: the deltoid capping the top of the arm
  const chain = armChain(p);
  {
    const S = chain.shoulder;
    ops.add(
      ellipsoid(
        [S[0] + 0.004 * G, S[1] - 0.016 * tv, S[2] + 0.002 * G],
        [0.043 * G, 0.066 * tv, 0.047 * G],
        basisYPR(0, 0, (p.arm.abduct * Math.PI) / 180),
      ),
      0.035 * G,
    );
  }

  // paraspinal muscles (erector spinae) following the back
  const pxs = 0.03 * G;
  const para: Prim[] = [];
  const paraYs = [
    p.iliacY - 0.05 * tv,
    p.waistY,
    (p.waistY + p.chestY) / 2,
    p.chestY,
    p.chestY + 0.09 * tv,
  ];
  const paraR = [0.024, 0.026, 0.024, 0.021, 0.018].map((r) => r * (0.62 + 0.38 * M));
  // many short segments along a smooth (Catmull–Rom) profile, so no joints show
  const nPara = 14;
  const sample = (t: number): [number, number] => {
    const f = t * (paraYs.length - 1);
    const i = Math.min(paraYs.length - 2, Math.floor(f));
    const u = f - i;
    const at = (arr: number[], j: number): number => arr[Math.max(0, Math.min(arr.length - 1, j))];
    const cr = (arr: number[]): number => {
      const p0 = at(arr, i - 1),
        p1 = at(arr, i),
        p2 = at(arr, i + 1),
        p3 = at(arr, i + 2);
      return (
        0.5 *
        (2 * p1 +
          (-p0 + p2) * u +
          (2 * p0 - 5 * p1 + 4 * p2 - p3) * u * u +
          (-p0 + 3 * p1 - 3 * p2 + p3) * u * u * u)
      );
    };
    return [cr(paraYs), cr(paraR)];
  };
  let prev: [V3, number] | null = null;
  for (let i = 0; i <= nPara; i++) {
    const [y, r] = sample(i / nPara);
    const c: V3 = [pxs, y, zProfile(pxs, y) + r * G - 0.0085 * G];
    if (prev) para.push(roundCone(prev[0], c, prev[1] * G, r * G));
    prev = [c, r];
  }
  const paraGroup = blendGroup(para, 0.05 * G);
  // with no spinous processes in it (the toddler), the groove between the two columns is rounded:
  // the columns are evaluated at a smooth |x|, so they do not meet their mirror image in a V
  const paraE = 0.018 * G;
  const paraPrim: Prim =
    p.spine > 0
      ? paraGroup
      : {
          min: [0, paraGroup.min[1], paraGroup.min[2]],
          max: paraGroup.max,
          d: (x, y, z) => paraGroup.d(Math.sqrt(x * x + paraE * paraE), y, z),
        };
  ops.add(paraPrim, (0.018 + 0.02 * (1 - M)) * G);
  // shoulder blades: thick soft pads, no sharp rim. A toddler's are hidden under fat: on a thin
  // pad the wide blend a soft child back would need left a ridge round the whole upper back
  const scapY = p.shoulderY - 0.11 * tv;
  if (M > 0.5)
    ops.add(
      ellipsoid(
        [0.088 * G, scapY, zProfile(0.088 * G, scapY) + (0.008 + 0.006 * M) * G],
        [0.05 * G, 0.07 * tv, (0.011 + 0.006 * M) * G],
        basisYPR(0.35, 0, 0.12),
      ),
      (0.045 + 0.03 * (1 - M)) * G,
    );

  // arms and hands
  const armP = armPrims(p, M);
  ops.add(armP.arm, armP.k);

  // neck and head
  const head = headSpec(p);
  addHead(ops, head);

  // midline back profile with paraspinals, for the spine and sacrum details
  const withBack = ops.compile();
  const backZ = (y: number): number => surfaceZ(withBack, 0, y, -0.02, -0.3);

  // spinous processes C7 … L5, spaced by vertebral height (lumbar taller), graded in size
  const sacrumTopY = p.iliacY - 0.035 * tv;
  const sacrumBottomY = p.hipY - 0.005 * uv;
  const l5Y = sacrumTopY + 0.02 * tv;
  const nProc = 18;
  const gaps = [1.0, ...Array<number>(11).fill(1.0), 1.2, 1.45, 1.45, 1.45, 1.45];
  const gapSum = gaps.reduce((a, b) => a + b, 0);
  const spineYs: number[] = [p.c7Y];
  for (const g of gaps) spineYs.push(spineYs[spineYs.length - 1] - ((p.c7Y - l5Y) * g) / gapSum);
  if (p.spine > 0) {
    const procs: Prim[] = [];
    for (let i = 0; i < nProc; i++) {
      const y = spineYs[i];
      // C7 and T1 stand out; thoracic processes are slender and overlapping; lumbar ones broad
      const proud = (i === 0 ? 0.0045 : i === 1 ? 0.0034 : i < 13 ? 0.0022 : 0.0026) * p.spine;
      const rx = i < 2 ? 0.0068 : i < 13 ? 0.0058 : 0.0072;
      const ry = (i < 13 ? 0.0092 : 0.011) * tv;
      const rz = 0.0065;
      const zb = backZ(y);
      procs.push(ellipsoid([0, y, zb - proud + rz], [rx * G, ry, rz]));
    }
    ops.add(blendGroup(procs, 0.003), 0.007 * G);
  }
  const sacY = (sacrumTopY + sacrumBottomY) / 2;
  ops.add(
    ellipsoid(
      [0, sacY, backZ(sacY) + 0.013 * G],
      [0.04 * G, (sacrumTopY - sacrumBottomY) * 0.55, 0.012 * G],
      basisYPR(0, 0.25),
    ),
    0.035 * G,
  );
  // the top of the intergluteal cleft: rounded, not a V
  ops.add(
    ellipsoid(
      [0, sacrumBottomY + 0.012 * uv, backZ(sacrumBottomY + 0.012 * uv) + 0.012 * G],
      [0.016 * G, 0.03 * uv, 0.012 * G],
    ),
    0.02 * G,
  );
  // feet stand flat on the ground
  ops.inter(halfSpaceAboveGround(), 0.003 * s);

  const body0 = ops.compile();
  // toddler skin folds: the surface sinks by a millimetre or two along a line (a uniform-depth
  // groove, whatever the local girth) at the ankles, wrists, behind the knees and at the groin
  const folds: Sdf[] = [];
  if (p.folds) {
    const g = (u: number): number => Math.exp(-u * u);
    const ank = ankleY + 0.07 * Ll;
    folds.push((x, y, z) => {
      const dy = (y - ank) / 0.0035;
      if (dy > 4 || dy < -4) return 0;
      const r = Math.hypot(x - p.ankleX, z - 0.002);
      return 0.0012 * g(dy) * (1 - smoothstepN(0.03, 0.045, r));
    });
    const { elbow: E, wrist: Wr } = chain;
    const wd: V3 = [Wr[0] - E[0], Wr[1] - E[1], Wr[2] - E[2]];
    const wl = Math.hypot(wd[0], wd[1], wd[2]);
    folds.push((x, y, z) => {
      const t = ((x - Wr[0]) * wd[0] + (y - Wr[1]) * wd[1] + (z - Wr[2]) * wd[2]) / wl;
      const u = (t + 0.004) / 0.0032;
      if (u > 4 || u < -4) return 0;
      const qx = x - Wr[0] - (wd[0] / wl) * t,
        qy = y - Wr[1] - (wd[1] / wl) * t,
        qz = z - Wr[2] - (wd[2] / wl) * t;
      return 0.001 * g(u) * (1 - smoothstepN(0.025, 0.035, Math.hypot(qx, qy, qz)));
    });
    const kY = p.kneeY - 0.004 * kv;
    folds.push((x, y, z) => {
      const u = (y - kY) / 0.0035;
      if (u > 4 || u < -4) return 0;
      const back = smoothstepN(-0.02 * G, -0.035 * G, z);
      return 0.0015 * g(u) * back * (1 - smoothstepN(0.04 * G, 0.06 * G, Math.abs(x - p.kneeX)));
    });
    // groin: from the front of the hip down and in toward the crotch, on the front surface
    const gA: V3 = [p.hipX + 0.055 * G, p.hipY + 0.02, 0];
    const gB: V3 = [0.012, p.hipY - 0.035, 0];
    gA[2] = surfaceZ(body0, gA[0], gA[1], 0, 0.3);
    gB[2] = surfaceZ(body0, gB[0], gB[1], 0, 0.3);
    const gd: V3 = [gB[0] - gA[0], gB[1] - gA[1], gB[2] - gA[2]];
    const gl2 = gd[0] * gd[0] + gd[1] * gd[1] + gd[2] * gd[2];
    folds.push((x, y, z) => {
      if (z < 0 || y > gA[1] + 0.02 || y < gB[1] - 0.02) return 0;
      let t = ((x - gA[0]) * gd[0] + (y - gA[1]) * gd[1] + (z - gA[2]) * gd[2]) / gl2;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const dd = Math.hypot(x - gA[0] - gd[0] * t, y - gA[1] - gd[1] * t, z - gA[2] - gd[2] * t);
      return 0.0014 * g(dd / 0.004) * smoothstepN(0, 0.15, t) * (1 - smoothstepN(0.85, 1, t));
    });
  }
  const body: Sdf = folds.length
    ? (x, y, z) => {
        let d = body0(x, y, z);
        if (d < 0.01 && d > -0.01) for (const f of folds) d += f(x, y, z);
        return d;
      }
    : body0;
  const boundsAbove = (y: number): { min: V3; max: V3 } => {
    const half = ops.bounds(y);
    const ext = Math.max(Math.abs(half.min[0]), Math.abs(half.max[0])) + 0.01;
    return {
      min: [-ext, half.min[1] - 0.01, half.min[2] - 0.01],
      max: [ext, half.max[1] + 0.01, half.max[2] + 0.01],
    };
  };
  const sdf: Sdf = (x, y, z) => body(x < 0 ? -x : x, y, z);
  const armD = armP.arm;
  const armSdf: Sdf = (x, y, z) => armD.d(x < 0 ? -x : x, y, z);
  const backZFinal = (y: number): number => surfaceZ(sdf, 0, y, -0.02, -0.3);
  const [kx, kz] = legAxis(p.kneeY);
  return {
    p,
    foot: F,
    sdf,
    legAxis,
    ankleY,
    spineYs,
    backZ: backZFinal,
    sacrumTopY,
    sacrumBottomY,
    patella,
    kneeVertical: kv,
    arm: chain,
    armSdf,
    head,
    hair: hairPrim(head),
    joints: {
      hip: [p.hipX, p.hipY, 0],
      knee: [kx, p.kneeY, kz],
      ankle: [p.ankleX, ankleY, 0],
      shoulder: chain.shoulder,
      elbow: chain.elbow,
      wrist: chain.wrist,
    },
    boundsAbove,
  };
}
