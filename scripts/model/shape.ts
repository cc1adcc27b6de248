/**
 * The body as one signed-distance function: smooth-min blends of ellipsoids and tapered capsules.
 * Shapes are defined for the left half (x ≥ 0) and the midline; the body is evaluated at |x|,
 * so both sides are exact mirror images.
 */
import { ACHILLES_TOP, BUNION, FootFrame, MALLEOLUS_LATERAL, MALLEOLUS_MEDIAL } from './foot.ts';
import type { Proportions } from './proportions.ts';
import {
  basisYPR,
  blendGroup,
  ellipsoid,
  OpList,
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
  /** A box that contains the whole surface above height y (both sides). */
  boundsAbove(y: number): { min: V3; max: V3 };
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
  const ankleY = 0.075 * s;
  const Ll = p.kneeY - ankleY;
  const kv = Ll / 0.4;
  const Lu = p.hipY - p.kneeY;
  const uv = Lu / 0.4;
  const tv = (p.shoulderY - p.hipY) / 0.545;

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
    const r = [0.0155, 0.0105, 0.01, 0.0096, 0.0094][t.n - 1];
    footBody.push(fc([0.05, 0.033, t.joint[2] * 0.6], t.joint, 0.0105, r));
  }
  ops.add(blendGroup(footBody, 0.014), 0.014);
  // medial arch: carve the inner sole
  ops.sub(
    fe([0.054, -0.003, -0.046], [0.074, 0.03 * archK + 0.003, 0.036], (4 * Math.PI) / 180),
    0.014,
  );

  // toes: a small blend between toes, a larger one into the forefoot
  const toePrims: Prim[] = [];
  for (const t of F.toes) {
    const ax = F.toeAxis(t);
    const toW = (v: V3): V3 => F.w(v[0] / s, v[1] / s, v[2] / F.sw);
    const j = toW(ax.j),
      m = toW(ax.m),
      tip = toW(ax.tip);
    const sq = t.n === 1 ? 0.8 : 0.82;
    toePrims.push(
      blendGroup(
        [
          roundCone(j, m, t.radii[0] * s, t.radii[1] * s, sq),
          roundCone(m, tip, t.radii[1] * s, t.radii[2] * s, sq),
        ],
        0.002 * s,
      ),
    );
  }
  ops.add(blendGroup(toePrims, 0.0012 * s), 0.006 * s);
  // bunion, malleoli, Achilles tendon
  ops.add(sphere(F.w(BUNION.c[0], BUNION.c[1], BUNION.c[2]), BUNION.r * s), 0.0045 * s);
  ops.add(sphere(F.w(...MALLEOLUS_MEDIAL), 0.0095 * s), 0.013 * s);
  ops.add(sphere(F.w(...MALLEOLUS_LATERAL), 0.0093 * s), 0.013 * s);

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

  // ---------------------------------------------------------------- knee
  const patella: V3 = [p.kneeX + 0.001, p.kneeY + 0.022 * kv, 0.046 * G];
  ops.add(
    ellipsoid([p.kneeX, p.kneeY + 0.012 * kv, 0], [0.048 * G, 0.05 * kv, 0.044 * G]),
    0.03 * G,
  );
  ops.add(
    ellipsoid([p.kneeX, p.kneeY - 0.03 * kv, 0.004 * G], [0.046 * G, 0.035 * kv, 0.041 * G]),
    0.03 * G,
  );
  ops.add(
    ellipsoid([patella[0], patella[1], patella[2] - 0.005 * G], [0.025 * G, 0.029 * kv, 0.013 * G]),
    0.012 * G,
  );
  ops.add(
    roundCone(
      [p.kneeX, p.kneeY - 0.004 * kv, 0.04 * G],
      [p.kneeX, p.kneeY - 0.058 * kv, 0.035 * G],
      0.009 * G,
      0.011 * G,
    ),
    0.018 * G,
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
  ops.add(roundCone(up(0.1, 0, 0), up(0.93, 0, -0.004 * G), 0.047 * Fg, 0.081 * Fg), 0.022 * G);
  ops.add(ellipsoid(up(0.5, 0.004 * G, 0.028 * G), [0.055 * Fg, 0.19 * uv, 0.045 * Fg]), 0.022 * G);
  ops.add(ellipsoid(up(0.2, -0.03 * G, 0.02 * G), [0.03 * Fg, 0.07 * uv, 0.03 * Fg]), 0.018 * G);
  ops.add(
    ellipsoid(up(0.45, 0.034 * G, 0.004 * G), [0.036 * Fg, 0.17 * uv, 0.048 * Fg]),
    0.022 * G,
  );
  ops.add(ellipsoid(up(0.56, 0, -0.034 * G), [0.05 * Fg, 0.17 * uv, 0.044 * Fg]), 0.022 * G);
  ops.add(ellipsoid(up(0.72, -0.04 * G, 0.002 * G), [0.04 * Fg, 0.13 * uv, 0.054 * Fg]), 0.022 * G);
  // popliteal hollow carved between the tendons
  ops.sub(
    ellipsoid([p.kneeX, p.kneeY + 0.012 * kv, -0.064 * G], [0.019 * G, 0.045 * kv, 0.022 * G]),
    0.012 * G,
  );

  // ---------------------------------------------------------------- pelvis and trunk (midline)
  const trunkBase = new OpList();
  const pelvisY = (p.hipY + p.iliacY) / 2;
  const trunkPrims: [Prim, number][] = [
    [
      ellipsoid([0, pelvisY, -0.012 * G], [0.158 * G, (p.iliacY - p.hipY) * 0.82, 0.104 * G]),
      0.03 * G,
    ],
    [ellipsoid([0, p.waistY, 0.008 * G], [0.13 * G, 0.13 * tv, 0.09 * G]), 0.05 * G],
    // chest: rib cage and pectorals in front
    [ellipsoid([0, p.chestY + 0.05 * tv, 0.03 * G], [0.13 * G, 0.09 * tv, 0.07 * G]), 0.04 * G],
    [ellipsoid([0, p.chestY, -0.004 * G], [0.145 * G, 0.16 * tv, 0.1 * G]), 0.04 * G],
    [
      ellipsoid([0, p.shoulderY - 0.06 * tv, -0.006 * G], [0.175 * G, 0.075 * tv, 0.09 * G]),
      0.035 * G,
    ],
    [
      ellipsoid(
        [0.162 * G, p.shoulderY - 0.05 * tv, -0.008 * G],
        [0.046 * G, 0.055 * tv, 0.048 * G],
      ),
      0.04 * G,
    ],
    [
      ellipsoid(
        [0.068 * G, p.shoulderY - 0.004 * tv, -0.022 * G],
        [0.075 * G, 0.032 * tv, 0.048 * G],
        basisYPR(0, 0, -0.3),
      ),
      0.03 * G,
    ],
    // buttocks: lower edge blends with a small radius so a gluteal fold shows
    [
      ellipsoid(
        [p.hipX - 0.002 * G, p.hipY - 0.004 * uv, -0.06 * G],
        [0.077 * Fg, 0.096 * uv, 0.064 * Fg],
      ),
      0.014 * G,
    ],
    [
      ellipsoid(
        [p.hipX + 0.018 * G, p.hipY + 0.085 * uv, -0.03 * G],
        [0.05 * G, 0.06 * uv, 0.058 * G],
      ),
      0.045 * G,
    ],
  ];
  for (const [prim, k] of trunkPrims) {
    ops.add(prim, k);
    trunkBase.add(prim, k);
  }
  const baseSdf = trunkBase.compile();
  const zProfile = (x: number, y: number): number => surfaceZ(baseSdf, x, y, 0, -0.3);

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
  const paraR = [0.024, 0.026, 0.024, 0.021, 0.018];
  for (let i = 0; i + 1 < paraYs.length; i++) {
    const ya = paraYs[i],
      yb = paraYs[i + 1];
    para.push(
      roundCone(
        [pxs, ya, zProfile(pxs, ya) + paraR[i] * G - 0.009 * G],
        [pxs, yb, zProfile(pxs, yb) + paraR[i + 1] * G - 0.008 * G],
        paraR[i] * G,
        paraR[i + 1] * G,
      ),
    );
  }
  ops.add(blendGroup(para, 0.02 * G), 0.018 * G);
  // shoulder blades
  const scapY = p.shoulderY - 0.11 * tv;
  ops.add(
    ellipsoid(
      [0.088 * G, scapY, zProfile(0.088 * G, scapY) + 0.013 * G],
      [0.048 * G, 0.068 * tv, 0.012 * G],
      basisYPR(0.35, 0, 0.12),
    ),
    0.03 * G,
  );

  // neck and head
  const hs = p.head[1] / 0.112;
  const headC: V3 = [0, p.headTopY - p.head[1], 0.012 * hs];
  ops.add(
    roundCone(
      [0, p.shoulderY - 0.04 * tv, -0.016 * G],
      [0, p.chinY + 0.03 * hs, -0.008 * hs],
      0.058 * G,
      0.05 * hs * 0.95,
    ),
    0.03 * G,
  );
  ops.add(ellipsoid(headC, [p.head[0], p.head[1], p.head[2]]), 0.02 * hs);
  ops.add(
    ellipsoid([0, p.chinY + 0.04 * hs, 0.036 * hs], [0.052 * hs, 0.045 * hs, 0.058 * hs]),
    0.03 * hs,
  );

  // midline back profile with paraspinals, for the spine and sacrum details
  const withBack = ops.compile();
  const backZ = (y: number): number => surfaceZ(withBack, 0, y, -0.02, -0.3);

  // spinous processes C7 … L5, the sacrum plate and the intergluteal cleft
  const sacrumTopY = p.iliacY - 0.035 * tv;
  const sacrumBottomY = p.hipY - 0.005 * uv;
  const l5Y = sacrumTopY + 0.02 * tv;
  const spineYs: number[] = [];
  const nProc = 18;
  for (let i = 0; i < nProc; i++) spineYs.push(p.c7Y + ((l5Y - p.c7Y) * i) / (nProc - 1));
  const procs: Prim[] = [];
  // processes stay readable on the small body: they shrink less than the girth
  const Gs = Math.max(G, 0.7);
  for (let i = 0; i < nProc; i++) {
    const y = spineYs[i];
    const big = i === 0 ? 1.35 : i < 13 ? 1 : 1.15;
    const zb = backZ(y);
    procs.push(
      ellipsoid(
        [0, y, zb + 0.0042 * Gs],
        [0.0085 * Gs * big, 0.0105 * tv * big, 0.0078 * Gs * big],
      ),
    );
  }
  ops.add(blendGroup(procs, 0.0015 * Gs), 0.0055 * Gs);
  const sacY = (sacrumTopY + sacrumBottomY) / 2;
  ops.add(
    ellipsoid(
      [0, sacY, backZ(sacY) + 0.008 * G],
      [0.042 * G, (sacrumTopY - sacrumBottomY) * 0.55, 0.012 * G],
      basisYPR(0, 0.25),
    ),
    0.02 * G,
  );
  // feet stand flat on the ground
  ops.inter(halfSpaceAboveGround(), 0.003 * s);

  const body = ops.compile();
  const boundsAbove = (y: number): { min: V3; max: V3 } => {
    const half = ops.bounds(y);
    const ext = Math.max(Math.abs(half.min[0]), Math.abs(half.max[0])) + 0.01;
    return {
      min: [-ext, half.min[1] - 0.01, half.min[2] - 0.01],
      max: [ext, half.max[1] + 0.01, half.max[2] + 0.01],
    };
  };
  const sdf: Sdf = (x, y, z) => body(x < 0 ? -x : x, y, z);
  const backZFinal = (y: number): number => surfaceZ(sdf, 0, y, -0.02, -0.3);
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
    boundsAbove,
  };
}
