/**
 * Where each landmark sits: a ray from inside the body toward the skin (left side or midline).
 * The build finds the skin along the ray, checks the zone there, then snaps the point onto the
 * final mesh of that zone.
 */
import { BUNION, MALLEOLUS_LATERAL, MALLEOLUS_MEDIAL } from './foot.ts';
import { norm, type V3 } from './sdf.ts';
import type { BodyShape } from './shape.ts';

export interface LandmarkRay {
  readonly origin: V3;
  readonly dir: V3;
}

export function landmarkRays(shape: BodyShape): Map<string, LandmarkRay> {
  const { p, foot: F } = shape;
  const s = F.s,
    sw = F.sw;
  const G = p.girth;
  const kv = shape.kneeVertical;
  const m = new Map<string, LandmarkRay>();
  // foot rays in metric local coordinates
  const fr = (name: string, o: V3, d: V3): void => {
    const w = F.w(o[0] / s, o[1] / s, o[2] / sw);
    m.set(name, { origin: w, dir: norm(F.worldDir(d[0], d[1], d[2])) });
  };
  const axes = F.toes.map((t) => F.toeAxis(t));
  axes.forEach((A, i) => {
    const n = i + 1;
    const L = F.toes[i].length * s;
    fr(
      `toe${n}_tip`,
      [A.tip[0] - A.dir[0] * 0.004 * s, A.tip[1] + 0.001 * s, A.tip[2] - A.dir[2] * 0.004 * s],
      [A.dir[0], -0.1, A.dir[2]],
    );
    const web = F.toes[i].web * s;
    const bb = n === 1 ? Math.max(web + 0.006 * s, 0.4 * L) : web + 0.35 * (L - web);
    fr(`toe${n}_base`, [A.j[0] + A.dir[0] * bb, A.j[1], A.j[2] + A.dir[2] * bb], [0, 1, 0]);
  });
  // dorsal points in the webs between neighbouring toes, behind the line where the toes begin
  for (let i = 0; i + 1 < axes.length; i++) {
    const A = axes[i],
      B = axes[i + 1];
    const wa = F.toes[i].web * s * 0.55,
      wb = F.toes[i + 1].web * s * 0.55;
    const pa: V3 = [A.j[0] + A.dir[0] * wa, A.j[1], A.j[2] + A.dir[2] * wa];
    const pb: V3 = [B.j[0] + B.dir[0] * wb, B.j[1], B.j[2] + B.dir[2] * wb];
    fr(
      `toe_web_${i + 1}_${i + 2}`,
      [(pa[0] + pb[0]) / 2, Math.min(pa[1], pb[1]) * 0.8, (pa[2] + pb[2]) / 2],
      [0, 1, 0],
    );
  }
  const j1 = axes[0].j;
  fr('first_mtp_plantar_medial', [j1[0] + 0.008 * s, j1[1], j1[2] - 0.002 * sw], [0, -0.85, -0.45]);
  fr('first_mtp_center', [j1[0] + 0.011 * s, j1[1], j1[2]], [0, 0.85, -0.5]);
  fr('first_mtp_plantar', [j1[0] + 0.004 * s, j1[1], j1[2] + 0.007 * sw], [0, -1, 0]);
  fr('first_mtp_dorsal', [j1[0] + 0.002 * s, j1[1], j1[2]], [0, 1, 0]);
  const bun: V3 = [BUNION.c[0] * s, BUNION.c[1] * s, BUNION.c[2] * sw];
  fr('bunion_apex', [bun[0], bun[1], bun[2] + 0.01 * sw], [0, 0, -1]);
  fr('first_metatarsal_shaft', [0.085 * s, 0.026 * s, -0.02 * sw], [0, -0.15, -1]);
  fr('first_metatarsal_dorsal', [0.09 * s, 0.03 * s, -0.024 * sw], [0, 1, 0]);
  const j5 = axes[4].j;
  fr('fifth_mtp', [j5[0], j5[1], j5[2] - 0.01 * sw], [0, 0, 1]);
  fr('foot_outer_mid', [0.045 * s, 0.014 * s, 0.02 * sw], [0, -0.15, 1]);
  fr('metatarsal_heads', [0.12 * s, 0.015 * s, 0.012 * sw], [0, -1, 0]);
  fr('arch_center', [0.052 * s, 0.03 * s, -0.03 * sw], [0, -1, -0.25]);
  fr('sole_center', [0.045 * s, 0.02 * s, 0.015 * sw], [0, -1, 0]);
  fr('heel_bottom', [-0.028 * s, 0.03 * s, 0.005 * sw], [0, -1, 0]);
  fr('heel_back', [-0.03 * s, 0.028 * s, 0.005 * sw], [-1, 0, 0]);
  fr('dorsum_center', [0.075 * s, 0.02 * s, 0.004 * sw], [0.25, 1, 0]);
  fr('ankle_front', [0.005 * s, 0.075 * s, 0.0], [1, 0.1, 0]);
  const mm = MALLEOLUS_MEDIAL,
    ml = MALLEOLUS_LATERAL;
  fr('malleolus_medial', [mm[0] * s, mm[1] * s, 0], [0, 0, -1]);
  fr('malleolus_lateral', [ml[0] * s, ml[1] * s, 0], [0, 0, 1]);
  fr('achilles_low', [-0.03 * s, 0.068 * s, 0.003 * sw], [-1, 0, 0]);
  fr('achilles_high', [-0.02 * s, 0.165 * s, 0.003 * sw], [-1, 0, 0]);

  // legs: rays from the leg axis, horizontal
  const legRay = (name: string, y: number, dx: number, dz: number): void => {
    const [x, z] = shape.legAxis(y);
    m.set(name, { origin: [x, y, z], dir: norm([dx, 0, dz]) });
  };
  const ankleY = shape.ankleY;
  const lowY = (t: number): number => ankleY + t * (p.kneeY - ankleY);
  const upY = (t: number): number => p.kneeY + t * (p.hipY - p.kneeY);
  legRay('calf_low', lowY(0.42), 0, -1);
  legRay('calf_center', lowY(0.66), -0.15, -1);
  legRay('calf_high', lowY(0.84), 0, -1);
  legRay('shin_low', lowY(0.25), -0.3, 1);
  legRay('shin_center', lowY(0.5), -0.3, 1);
  legRay('shin_high', lowY(0.78), -0.3, 1);
  legRay('lateral_leg_low', lowY(0.3), 1, 0.1);
  legRay('lateral_leg_high', lowY(0.7), 1, 0.1);
  legRay('knee_medial', p.kneeY, -1, 0.05);
  legRay('knee_lateral', p.kneeY, 1, 0.05);
  m.set('patella_center', { origin: [shape.patella[0], shape.patella[1], 0], dir: [0, 0, 1] });
  legRay('popliteal_center', p.kneeY + 0.012 * kv, 0, -1);
  legRay('thigh_back_low', upY(0.24), 0, -1);
  legRay('thigh_back_center', upY(0.5), 0, -1);
  legRay('thigh_back_high', upY(0.7), 0, -1);
  legRay('thigh_front_low', upY(0.25), 0.1, 1);
  legRay('thigh_front_center', upY(0.5), 0.1, 1);
  legRay('thigh_front_high', upY(0.82), 0.1, 1);
  legRay('thigh_inner_center', upY(0.42), -1, 0.1);
  legRay('thigh_outer_center', upY(0.5), 1, 0);

  // pelvis and trunk
  const hipY = p.hipY;
  const bv = (p.hipY - p.kneeY) / 0.4;
  const tv = (p.shoulderY - p.hipY) / 0.545;
  const trunkRay = (name: string, x: number, y: number, dir: V3): void => {
    m.set(name, { origin: [x, y, 0], dir: norm(dir) });
  };
  trunkRay('buttock_center', p.hipX - 0.01 * G, hipY + 0.0 * bv, [0, 0, -1]);
  trunkRay('buttock_low', p.hipX - 0.012 * G, hipY - 0.055 * bv, [0, 0, -1]);
  trunkRay('buttock_high', p.hipX + 0.03 * G, hipY + 0.075 * bv, [0.5, 0, -1]);
  const sacY = (shape.sacrumTopY + shape.sacrumBottomY) / 2;
  trunkRay('sacrum_center', 0, sacY, [0, 0, -1]);
  trunkRay('lumbosacral_center', 0, shape.sacrumTopY + 0.006 * tv, [0, 0, -1]);
  trunkRay('lumbosacral_paraspinal', 0.032 * G, shape.sacrumTopY + 0.012 * tv, [0, 0, -1]);
  const armpitY = p.shoulderY - 0.095 * tv;
  trunkRay('armpit', 0, armpitY - 0.02 * tv, [1, 0, -0.05]);
  const lowBackY = (p.iliacY + p.waistY) / 2 + 0.03 * tv;
  trunkRay('lower_back_center', 0.045 * G, lowBackY, [0, 0, -1]);
  trunkRay('lower_back_side', 0.085 * G, lowBackY, [0.35, 0, -1]);
  const upBackY = p.chestY + 0.06 * tv;
  trunkRay('upper_back_center', 0.045 * G, upBackY, [0, 0, -1]);
  trunkRay('upper_back_side', 0.1 * G, upBackY, [0.3, 0, -1]);
  trunkRay('flank_low', 0, p.waistY, [1, 0, 0]);
  trunkRay('flank_high', 0, p.chestY + 0.02 * tv, [1, 0, 0]);
  const sy = shape.spineYs;
  trunkRay('spine_top', 0, sy[0], [0, 0, -1]);
  trunkRay('spine_mid', 0, sy[Math.round(sy.length * 0.33)], [0, 0, -1]);
  trunkRay('spine_low', 0, sy[sy.length - 1], [0, 0, -1]);
  trunkRay('neck_back', 0, (p.c7Y + p.chinY) / 2 + 0.015 * tv, [0, 0, -1]);
  return m;
}
