/**
 * Zone rules: every surface point gets a zone from anatomical coordinates (foot frame, leg axis
 * angle, trunk angle, heights). All rules are inequalities on smooth functions of position and
 * surface normal, so zone borders are smooth curves; the mesh is cut exactly along them.
 */
import { ACHILLES_TOP, ANKLE_TOP, BUNION, HEEL_FRONT } from './foot.ts';
import type { BodyShape } from './shape.ts';

export type ZoneId = string;

const DEG = 180 / Math.PI;

export interface Classifier {
  (x: number, y: number, z: number, nx: number, ny: number, nz: number): ZoneId;
}

export function makeClassifier(shape: BodyShape): Classifier {
  const { p, foot: F } = shape;
  const s = F.s,
    sw = F.sw;
  const G = p.girth;
  const kv = shape.kneeVertical;
  const toeAxes = F.toes.map((t) => ({ t, ...F.toeAxis(t) }));
  const j1 = toeAxes[0].j;
  const bun = [BUNION.c[0] * s, BUNION.c[1] * s, BUNION.c[2] * sw];
  const bunR = BUNION.r * s * 1.25;
  const footTop = ANKLE_TOP * s;
  const achTop = ACHILLES_TOP * s;
  const heelFront = HEEL_FRONT * s;
  // the MTP line as a smooth parabola through the first, third and fifth joints
  const mtpLineA = (() => {
    const P1 = toeAxes[0].j,
      P3 = toeAxes[2].j,
      P5 = toeAxes[4].j;
    const [x1, y1, x3, y3, x5, y5] = [P1[2], P1[0], P3[2], P3[0], P5[2], P5[0]];
    const d = (x1 - x3) * (x1 - x5) * (x3 - x5);
    const A = (x5 * (y3 - y1) + x3 * (y1 - y5) + x1 * (y5 - y3)) / d;
    const B = (x5 * x5 * (y1 - y3) + x3 * x3 * (y5 - y1) + x1 * x1 * (y3 - y5)) / d;
    const C = (x3 * x5 * (x3 - x5) * y1 + x5 * x1 * (x5 - x1) * y3 + x1 * x3 * (x1 - x3) * y5) / d;
    return (l: number): number => A * l * l + B * l + C;
  })();
  const kneeLo = p.kneeY - 0.05 * kv;
  const kneeHi = p.kneeY + 0.065 * kv;
  const pat = shape.patella;

  // the strip of skin behind the tendon's axis (the axis of the tendon shape in shape.ts)
  const isAchilles = (a: number, h: number, l: number): boolean => {
    if (h < 0.048 * s || h > achTop) return false;
    const t = (h / s - 0.04) / (achTop / s + 0.02 - 0.04);
    const axisA = (-0.055 + 0.014 * Math.max(0, Math.min(1, t))) * s;
    return a < axisA + 0.002 * s && Math.abs(l - 0.003 * F.sw) < 0.0155 * F.sw;
  };

  const foot = (x: number, y: number, z: number, nx: number, ny: number, nz: number): ZoneId => {
    const [a, h, l] = F.local(x, y, z);
    const [, nh, nl] = F.localDir(nx, ny, nz);
    // Achilles tendon: the ridge at the back, above the heel
    if (isAchilles(a, h, l)) return 'achilles_tendon';
    // toes, beyond their webs
    let best = -1,
      bestD = Infinity,
      bestAlong = 0;
    for (let i = 0; i < toeAxes.length; i++) {
      const T = toeAxes[i];
      const da = a - T.j[0],
        dl = l - T.j[2];
      const along = da * T.dir[0] + dl * T.dir[2];
      const L = T.t.length * s;
      const tt = Math.max(0, Math.min(L, along));
      const d = Math.hypot(da - T.dir[0] * tt, dl - T.dir[2] * tt);
      if (d < bestD) {
        bestD = d;
        best = i;
        bestAlong = along;
      }
    }
    const T = toeAxes[best];
    const Lb = T.t.length * s;
    const rAt =
      (T.t.radii[0] + (T.t.radii[2] - T.t.radii[0]) * Math.max(0, Math.min(1, bestAlong / Lb))) * s;
    // a toe is its own skin, beyond its web; the webs between toes stay with the forefoot
    const inToe = bestAlong > T.t.web * s && h < 0.04 * s && bestD < rAt * 1.12 + 0.0006;
    // bunion: the prominence on the medial side of the first metatarsal head
    const db = Math.hypot(a - bun[0], h - bun[1], l - bun[2]);
    if (db < bunR && l < bun[2] + 0.004 * s && !(inToe && best === 0 && bestAlong > 0.02 * s))
      return 'bunion';
    if (inToe) return (['hallux', 'toe2', 'toe3', 'toe4', 'toe5'] as const)[best];
    // first MTP joint: a ring around the joint of the first column
    {
      const da = a - j1[0],
        dl = l - j1[2];
      const along = da * toeAxes[0].dir[0] + dl * toeAxes[0].dir[2];
      const side = -da * toeAxes[0].dir[2] + dl * toeAxes[0].dir[0];
      if (
        Math.abs(along - 0.003 * s) < 0.0125 * s &&
        side < 0.011 * s &&
        side > -0.03 * s &&
        h < 0.05 * s
      )
        return 'first_mtp_joint';
    }
    // heel: the pad below and behind the calcaneus
    if (a < heelFront - 0.006 * s * Math.max(0, h / s - 0.02) * 40 && h < 0.05 * s) return 'heel';
    // ankle: the band with both malleoli and the front of the joint
    if (h - 0.05 * s - Math.max(0, a - 0.02 * s) * 0.9 > 0) return 'ankle';
    // outer edge of the foot
    if (nl > 0.42 && h < 0.034 * s && l > 0.01 * s) return 'foot_outer_edge';
    const plantar = nh < -0.45 || h < 0.0045 * s;
    if (plantar) {
      const mtp = mtpLineA(l);
      if (l > toeAxes[1].j[2] - 0.011 * s && l < toeAxes[3].j[2] + 0.011 * s && a > mtp - 0.03 * s)
        return 'plantar_forefoot';
      if (l < -0.014 * sw && a < j1[0] - 0.016 * s) return 'arch';
      return 'sole';
    }
    // the medial side of the foot below the dorsum belongs to the arch
    if (nl < -0.35 && h < 0.045 * s && a < j1[0] - 0.014 * s) return 'arch';
    return 'dorsum';
  };

  return (x, y, z, nx, ny, nz) => {
    const left = x >= 0;
    const xa = left ? x : -x;
    const nxa = left ? nx : -nx;
    const sided = (zone: ZoneId): ZoneId => `${zone}.${left ? 'L' : 'R'}`;

    // ---- feet
    if (y < footTop) return sided(foot(xa, y, z, nxa, ny, nz));
    if (y < achTop) {
      const [a, h, l] = F.local(xa, y, z);
      if (isAchilles(a, h, l)) return sided('achilles_tendon');
    }

    // ---- trunk, neck, head
    const neckLo = p.c7Y + 0.012 * (p.head[1] / 0.112);
    if (y > neckLo) {
      const headBase = p.chinY + 0.03 * (p.head[1] / 0.112);
      if (y < headBase + 0.01 && z < 0.012) return 'neck';
      return 'body';
    }
    const [cx, cz] = shape.legAxis(y);
    // gluteal fold height varies a little across the buttock so the border is a curve
    const foldY =
      p.hipY -
      (0.095 * (p.hipY - p.kneeY)) / 0.4 +
      0.02 * G * Math.cos(((xa - p.hipX) / (0.09 * G)) * 1.2);
    const isBack = z < cz - 0.02 * G;
    // in front, the groin crease: high at the outer hip, down toward the crotch
    const uvz = (p.hipY - p.kneeY) / 0.4;
    const groinY = p.hipY + 0.015 * uvz - 0.6 * Math.max(0, p.hipX + 0.07 * G - xa);
    if (xa > 0.012 * G && (isBack ? y < foldY : y < groinY)) {
      const dx = xa - cx,
        dz = z - cz;
      const phi = Math.atan2(dx, dz) * DEG; // 0 front, +90 lateral, ±180 back, −90 medial
      if (y < kneeLo) {
        if (Math.abs(phi) > 114) return sided('calf');
        if (phi > 35) return sided('lateral_lower_leg');
        return sided('shin');
      }
      if (y < kneeHi) {
        const ep = ((xa - pat[0]) / (0.027 * G)) ** 2 + ((y - pat[1]) / (0.032 * kv)) ** 2;
        if (ep < 1 && dz > 0) return sided('patella');
        if (Math.abs(phi) > 128 && y > kneeLo + 0.008 * kv) return sided('popliteal_fossa');
        return sided('knee');
      }
      if (Math.abs(phi) <= 50) return sided('thigh_front');
      if (Math.abs(phi) >= 112) return sided('thigh_back');
      return sided(phi > 0 ? 'thigh_outer' : 'thigh_inner');
    }
    // trunk angle: 0 front, 90 side, 180 back
    const psi = Math.atan2(xa / (0.15 * G), z / (0.1 * G)) * DEG;
    const back = psi > 118 || (nz < -0.55 && psi > 95);
    const tvs = (p.shoulderY - p.hipY) / 0.545;
    const l5Y = shape.spineYs[shape.spineYs.length - 1];
    const spineTop = p.c7Y + 0.012 * (p.head[1] / 0.112);
    if (back && xa < 0.013 * G && y < spineTop && y > l5Y - 0.012 * tvs) return 'vertebrae';
    if (y < p.iliacY - 0.005 && y >= foldY - 0.03 && psi > 80) {
      // buttock and sacrum region
      const sacHalf =
        0.012 * G +
        ((y - shape.sacrumBottomY) / (shape.sacrumTopY - shape.sacrumBottomY)) * 0.045 * G;
      if (back && y > shape.sacrumBottomY && y < shape.sacrumTopY && xa < sacHalf) return 'sacrum';
      if (back && y >= shape.sacrumTopY - 0.001 && xa < 0.06 * G) return 'lumbosacral_area';
      if (y > shape.sacrumTopY - 0.005 && back) return sided('lower_back');
      if (y < p.hipY + 0.12 * kv && !(xa < 0.01 * G && y > shape.sacrumBottomY))
        return sided('buttock');
      if (back) return sided('lower_back');
    }
    const lumboTop = shape.sacrumTopY + 0.045 * ((p.shoulderY - p.hipY) / 0.545);
    if (back && y < lumboTop && y >= shape.sacrumTopY - 0.001 && xa < 0.06 * G)
      return 'lumbosacral_area';
    const t12 = (p.waistY + p.chestY) / 2 + 0.01;
    const armpit = p.shoulderY - 0.095 * ((p.shoulderY - p.hipY) / 0.545);
    if (psi > 62 && psi <= 118 && y > p.iliacY - 0.03 && y < armpit) return sided('flank');
    if (back && y >= p.iliacY - 0.03 && y < t12) return sided('lower_back');
    if (back && y >= t12 && y < p.shoulderY - 0.02 && xa < 0.14 * G) return sided('upper_back');
    return 'body';
  };
}
