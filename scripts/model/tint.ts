/**
 * Skin tints baked into the vertex colours, relative to plain skin (1 = plain): pale toenails with
 * a darker nail fold, hair, lips and eyebrows. A material's colour is the skin colour divided by
 * `SKIN_BASE_COLOR`; a tint t gives that colour times `SKIN_BASE_COLOR · t` (clamped at 1).
 */
import { SKIN_BASE_COLOR } from '../../src/domain/body.ts';
import { hairWeight } from './head.ts';
import { ellipsoid, smoothstep, type V3 } from './sdf.ts';
import type { BodyShape } from './shape.ts';

/** Linear sRGB of the app's skin (#e4b79b). */
const SKIN_LINEAR: V3 = [0.776, 0.474, 0.332];

function relative(target: V3): V3 {
  return [target[0] / SKIN_LINEAR[0], target[1] / SKIN_LINEAR[1], target[2] / SKIN_LINEAR[2]];
}

export function skinTint(shape: BodyShape): (x: number, y: number, z: number) => V3 {
  const F = shape.foot;
  const s = F.s;
  const h = shape.head;
  const adult = shape.p.id === 'adult';
  const nail: V3 = [1 / SKIN_BASE_COLOR[0], 1 / SKIN_BASE_COLOR[1], 1 / SKIN_BASE_COLOR[2]];
  const hair = relative(adult ? [0.055, 0.032, 0.018] : [0.2, 0.11, 0.055]);
  const brow = relative(adult ? [0.12, 0.07, 0.045] : [0.32, 0.2, 0.13]);
  const lips = relative(adult ? [0.56, 0.25, 0.2] : [0.62, 0.3, 0.25]);
  const toes = F.toes.map((t) => {
    const ax = F.toeAxis(t);
    // nail on the distal phalanx: length and width scale with the toe's tip
    const r = t.radii[2] * s;
    const half = t.n === 1 ? 0.0085 * s : r * 0.7;
    const len = t.n === 1 ? 0.0105 * s : r * 0.8;
    const um = (ax.m[0] - ax.j[0]) * ax.dir[0] + (ax.m[2] - ax.j[2]) * ax.dir[2];
    return { ax, r, half, len, L: t.length * s, um };
  });
  const lipC: V3 = [0, h.lips.c[1], h.lips.c[2] + h.lips.r[2] * 0.6];
  const lipZone = ellipsoid(lipC, [h.lips.r[0] * 1.0, h.lips.r[1] * 1.0, h.lips.r[2] * 2.2]);
  const browC: V3 = [h.socket.c[0] * 1.05, h.socket.c[1] + h.socket.r[1] * 1.6, h.socket.c[2]];
  const browZone = ellipsoid(browC, [
    h.socket.r[0] * 1.15,
    h.socket.r[1] * 0.42,
    h.socket.r[2] * 2,
  ]);
  const footTop = 0.06 * s;
  const mixTo = (a: V3, b: V3, w: number): V3 => [
    a[0] + (b[0] - a[0]) * w,
    a[1] + (b[1] - a[1]) * w,
    a[2] + (b[2] - a[2]) * w,
  ];

  return (x, y, z) => {
    const xa = Math.abs(x);
    let t: V3 = [1, 1, 1];
    if (y < footTop) {
      const [a, hh, l] = F.local(xa, y, z);
      for (const T of toes) {
        const da = a - T.ax.j[0],
          dl = l - T.ax.j[2];
        const u = da * T.ax.dir[0] + dl * T.ax.dir[2];
        const w = -da * T.ax.dir[2] + dl * T.ax.dir[0];
        if (u < T.L - T.len * 2 || u > T.L + T.r * 1.5) continue;
        // height above the toe's axis (the axis runs from the mid joint down to the tip)
        const axisH = T.ax.m[1] + ((T.ax.tip[1] - T.ax.m[1]) * (u - T.um)) / (T.L - T.um);
        const up = smoothstep(0.25 * T.r, 0.55 * T.r, hh - axisH);
        if (up <= 0) continue;
        const uc = T.L - T.len * 0.3;
        const e = ((u - uc) / T.len) ** 2 + (w / T.half) ** 2;
        const inNail = (1 - smoothstep(0.72, 1.0, e)) * up;
        const rim = smoothstep(0.9, 1.05, e) * (1 - smoothstep(1.1, 1.45, e)) * up;
        t = mixTo(t, nail, inNail);
        t = [t[0] * (1 - 0.08 * rim), t[1] * (1 - 0.12 * rim), t[2] * (1 - 0.12 * rim)];
      }
      return t;
    }
    if (y > h.neck.a[1]) {
      const hw = hairWeight(h, shape.hair, xa, y, z);
      if (hw > 0) t = mixTo(t, hair, hw);
      const lw = 1 - smoothstep(-0.002, 0.003, lipZone.d(xa, y, z));
      if (lw > 0) t = mixTo(t, lips, 0.6 * lw);
      const bw = 1 - smoothstep(-0.003, 0.003, browZone.d(xa, y, z));
      if (bw > 0) t = mixTo(t, brow, (adult ? 0.5 : 0.25) * bw);
    }
    return t;
  };
}
