/**
 * Zone rules: every surface point gets a zone from anatomical coordinates (foot frame and the
 * angle around the foot's cross-section, leg axis angle, trunk angle, heights, distance to the
 * arm). All rules are inequalities on smooth functions of position only (never of the surface
 * normal, whose small wiggles would leave islands), so zone borders are smooth curves and each
 * zone part is one piece; the mesh is cut exactly along them.
 */
import { armCoords } from './arm.ts';
import { ACHILLES_TOP, ANKLE_TOP, BUNION, HEEL_FRONT } from './foot.ts';
import type { BodyShape, Sdf } from './shape.ts';

export type ZoneId = string;

const DEG = 180 / Math.PI;

export interface Classifier {
  (x: number, y: number, z: number): ZoneId;
}

/**
 * The foot's cross-section along its length (left foot, metric local coordinates): the centre
 * (lateral offset and height) and the half-width and half-height, sampled from the shape at rest
 * and smoothed over about a centimetre, so that the angle around it is a smooth coordinate.
 */
export interface FootSection {
  at(a: number): { lc: number; hc: number; hw: number; hh: number };
}

export function footSection(shape: BodyShape): FootSection {
  const F = shape.foot;
  const s = F.s;
  const sdf: Sdf = shape.sdf;
  const inside = (a: number, h: number, l: number): boolean => {
    const w = F.w(a / s, h / s, l / F.sw);
    return sdf(w[0], w[1], w[2]) < 0;
  };
  const a0 = -0.07 * s,
    a1 = 0.2 * s,
    step = 0.001 * s;
  const n = Math.round((a1 - a0) / step) + 1;
  const raw: { lo: number; hi: number; top: number }[] = [];
  const hRef = 0.012 * s;
  for (let i = 0; i < n; i++) {
    const a = a0 + i * step;
    // lateral and medial extent at a low height, then the top at the centre
    let lo = 0,
      hi = 0;
    for (let l = 0; l > -0.09 * s; l -= 0.0005 * s) if (inside(a, hRef, l)) lo = l;
    for (let l = 0; l < 0.09 * s; l += 0.0005 * s) if (inside(a, hRef, l)) hi = l;
    const mid = (lo + hi) / 2;
    let top = 0.02 * s;
    for (let h = 0.004 * s; h < 0.12 * s; h += 0.0005 * s) if (inside(a, h, mid)) top = h;
    raw.push({ lo, hi, top });
  }
  const sigma = 0.009 * s;
  const smooth = raw.map((_, i) => {
    let wsum = 0,
      lo = 0,
      hi = 0,
      top = 0;
    for (let j = Math.max(0, i - 30); j < Math.min(n, i + 31); j++) {
      const w = Math.exp(-((((j - i) * step) / sigma) ** 2));
      wsum += w;
      lo += raw[j].lo * w;
      hi += raw[j].hi * w;
      top += raw[j].top * w;
    }
    return { lo: lo / wsum, hi: hi / wsum, top: top / wsum };
  });
  return {
    at(a) {
      const x = Math.min(n - 1.0001, Math.max(0, (a - a0) / step));
      const i = Math.floor(x),
        f = x - i;
      const A = smooth[i],
        B = smooth[i + 1];
      const lo = A.lo + (B.lo - A.lo) * f,
        hi = A.hi + (B.hi - A.hi) * f,
        top = A.top + (B.top - A.top) * f;
      const hw = Math.max(0.01 * s, (hi - lo) / 2);
      const hh = Math.max(0.008 * s, top * 0.5);
      return { lc: (lo + hi) / 2, hc: top * 0.46, hw, hh };
    },
  };
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
  const section = footSection(shape);
  // the crotch: below it, skin near the midline is the inner thighs
  let crotchY = p.hipY;
  for (let y = p.hipY; y > p.kneeY; y -= 0.001) {
    let inside = false;
    for (let z = -0.12; z <= 0.12 && !inside; z += 0.002) inside = shape.sdf(0, y, z) < 0;
    if (!inside) break;
    crotchY = y;
  }
  crotchY += 0.006 + 0.006 * G;
  const arm = shape.arm;
  const armTop = arm.shoulder[1] + 0.02;
  const armBottom = Math.min(arm.tip[1], arm.wrist[1]) - 0.03;
  const hs = p.arm.handScale;

  // the strip of skin behind the tendon's axis (the axis of the tendon shape in shape.ts)
  const isAchilles = (a: number, h: number, l: number): boolean => {
    if (h < 0.048 * s || h > achTop) return false;
    const t = (h / s - 0.04) / (achTop / s + 0.02 - 0.04);
    const axisA = (-0.055 + 0.014 * Math.max(0, Math.min(1, t))) * s;
    return a < axisA + 0.002 * s && Math.abs(l - 0.003 * F.sw) < 0.0155 * F.sw;
  };

  const foot = (x: number, y: number, z: number): ZoneId => {
    const [a, h, l] = F.local(x, y, z);
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
    // ahead of its web line the skin belongs to the nearest toe, the web between toes included
    const inToe = bestAlong > T.t.web * s && h < 0.04 * s && bestD < rAt * 1.6 + 0.002;
    // bunion: the prominence on the medial side of the first metatarsal head
    const db = Math.hypot(a - bun[0], h - bun[1], l - bun[2]);
    if (db < bunR && l < bun[2] + 0.004 * s && !(inToe && best === 0 && bestAlong > 0.02 * s))
      return 'bunion';
    if (inToe) return (['hallux', 'toe2', 'toe3', 'toe4', 'toe5'] as const)[best];
    // first MTP joint: a ring around the joint of the first column
    const along1 = (a - j1[0]) * toeAxes[0].dir[0] + (l - j1[2]) * toeAxes[0].dir[2];
    {
      const da = a - j1[0],
        dl = l - j1[2];
      const along = along1;
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
    // the angle around the foot's cross-section: 0 lateral, 90 up, ±180 medial, −90 down
    const sec = section.at(a);
    const th = Math.atan2((h - sec.hc) / sec.hh, (l - sec.lc) / sec.hw) * DEG;
    const L2 = toeAxes[1].j[2] - 0.011 * s;
    const L4 = toeAxes[3].j[2] + 0.011 * s;
    // the arch ends where the first MTP ring begins (the ring's own coordinate)
    const behindRing = along1 < 0.003 * s - 0.0125 * s;
    // outer edge of the foot: the low lateral side, from the heel to the little toe
    const j5 = toeAxes[4].j;
    const lateralOfToes = a < j5[0] + 0.012 * s || l > j5[2];
    if (th >= -42 && th <= 22 && h < 0.034 * s && l > 0.01 * s && lateralOfToes)
      return 'foot_outer_edge';
    // among the toe bases (ahead of the joints) the sole side is what lies below the toes' axes
    const plantar =
      a > mtpLineA(l) + 0.004 * s ? h < T.j[1] * 0.9 : (th > -140 && th < -42) || h < 0.003 * s;
    if (plantar) {
      if (l < L2) return behindRing ? 'arch' : 'plantar_forefoot';
      if (l < L4 && a > mtpLineA(l) - 0.03 * s) return 'plantar_forefoot';
      return 'sole';
    }
    // the medial side of the foot below the dorsum belongs to the arch
    if ((th >= 150 || th <= -140) && h < 0.045 * s && behindRing) return 'arch';
    return 'dorsum';
  };

  return (x, y, z) => {
    const left = x >= 0;
    const xa = left ? x : -x;
    const sided = (zone: ZoneId): ZoneId => `${zone}.${left ? 'L' : 'R'}`;

    // ---- feet
    if (y < footTop) return sided(foot(xa, y, z));
    // ---- arms: the skin of the arm and hand below the shoulder cap
    if (y > armBottom && y < armTop && xa > arm.shoulder[0] * 0.5) {
      const c = armCoords(arm, [xa, y, z]);
      if (c.along > arm.zoneStart && shape.armSdf(xa, y, z) < 0.004 * hs) return sided('arm');
    }
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
    const groinY = Math.max(
      crotchY,
      p.hipY + 0.015 * uvz - 0.6 * Math.max(0, p.hipX + 0.07 * G - xa),
    );
    if ((xa > 0.012 * G || y < crotchY) && (isBack ? y < foldY : y < groinY)) {
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
    // the back: behind the trunk's side, within a band either side of the spine (further out, a
    // fold of the shoulder or the buttock that turns backward again is still the side)
    const back = psi > 110 && xa < 0.14 * G;
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
      if (y < p.iliacY - 0.03 && !(xa < 0.01 * G && y > shape.sacrumBottomY))
        return sided('buttock');
      if (back) return sided('lower_back');
    }
    const lumboTop = shape.sacrumTopY + 0.045 * ((p.shoulderY - p.hipY) / 0.545);
    if (back && y < lumboTop && y >= shape.sacrumTopY - 0.001 && xa < 0.06 * G)
      return 'lumbosacral_area';
    const t12 = (p.waistY + p.chestY) / 2 + 0.01;
    const armpit = p.shoulderY - 0.095 * ((p.shoulderY - p.hipY) / 0.545);
    if (psi > 62 && !back && y > p.iliacY - 0.03 && y < armpit) return sided('flank');
    if (back && y >= p.iliacY - 0.03 && y < t12) return sided('lower_back');
    if (back && y >= t12 && y < p.shoulderY - 0.02 && xa < 0.14 * G) return sided('upper_back');
    return 'body';
  };
}
