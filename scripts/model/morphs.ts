/**
 * Morph targets as smooth displacement fields of position: every final vertex (and every landmark)
 * is displaced by the same function of its rest position, so vertices duplicated along zone borders
 * move identically and no cracks open. The foot fields are zero above the ankle band and outside
 * the foot zones; the arm pose fields are zero outside the arm zone and at its border.
 */
import {
  MORPH_TARGETS,
  POSE_MORPH_TARGETS,
  type MorphTarget,
  type PoseMorphTarget,
} from '../../src/domain/body.ts';
import { armCoords } from './arm.ts';
import { BUNION } from './foot.ts';
import { smoothstep, type V3 } from './sdf.ts';
import type { BodyShape } from './shape.ts';

/** The foot morph targets, in file order: the one list in src/domain/body.ts. */
export const MORPH_NAMES = MORPH_TARGETS;
export type MorphName = MorphTarget;
/** The arm pose targets (on the arm zone only), in file order. */
export const POSE_NAMES = POSE_MORPH_TARGETS;
export type AnyMorphName = MorphTarget | PoseMorphTarget;

const DEG = Math.PI / 180;

type Local = [number, number, number]; // a, h, l (metric)

function rotYaw(p: Local, pivot: Local, ang: number): Local {
  const da = p[0] - pivot[0],
    dl = p[2] - pivot[2];
  const c = Math.cos(ang),
    s = Math.sin(ang);
  return [pivot[0] + da * c - dl * s, p[1], pivot[2] + da * s + dl * c];
}

/** Rotate about a horizontal axis through pivot, perpendicular to ground direction dir; + lifts. */
function rotPitch(p: Local, pivot: Local, dir: Local, ang: number): Local {
  const da = p[0] - pivot[0],
    dh = p[1] - pivot[1],
    dl = p[2] - pivot[2];
  const u = da * dir[0] + dl * dir[2];
  const w = -da * dir[2] + dl * dir[0];
  const c = Math.cos(ang),
    s = Math.sin(ang);
  const u2 = u * c - dh * s;
  const h2 = u * s + dh * c;
  return [pivot[0] + u2 * dir[0] - w * dir[2], pivot[1] + h2, pivot[2] + u2 * dir[2] + w * dir[0]];
}

function mix(p: Local, q: Local, w: number): Local {
  return [p[0] + (q[0] - p[0]) * w, p[1] + (q[1] - p[1]) * w, p[2] + (q[2] - p[2]) * w];
}

export interface MorphField {
  /** World displacement at influence 1 for a world rest position. */
  (target: AnyMorphName, x: number, y: number, z: number): V3;
}

export function makeMorphField(shape: BodyShape): MorphField {
  const F = shape.foot;
  const s = F.s,
    sw = F.sw;
  const axes = F.toes.map((t) => ({ t, ...F.toeAxis(t) }));
  const sigma = 0.0024 * s;
  const footTopH = 0.1 * s;

  /** Soft toe partition times the distal weight (0 behind the joint, 1 beyond). */
  const toeWeights = (p: Local): { w: number[]; along: number[] } => {
    const raw: number[] = [];
    const along: number[] = [];
    let sum = 0;
    for (const A of axes) {
      const da = p[0] - A.j[0],
        dl = p[2] - A.j[2];
      const u = da * A.dir[0] + dl * A.dir[2];
      const L = A.t.length * s;
      const tt = Math.max(0, Math.min(L, u));
      const d = Math.hypot(da - A.dir[0] * tt, dl - A.dir[2] * tt);
      // distance to the toe's surface (a tapered capsule), so each toe's own skin weighs ~1
      const r = (A.t.radii[0] + (A.t.radii[2] - A.t.radii[0]) * (tt / L)) * s;
      const g = Math.exp(-((Math.max(0, d - r) / sigma) ** 2));
      raw.push(g);
      along.push(u);
      sum += g;
    }
    const w = raw.map((g, i) => {
      const distal = smoothstep(-0.011 * s, 0.007 * s, along[i]);
      return sum > 1e-12 ? (g / sum) * distal : 0;
    });
    return { w, along };
  };

  const j1 = axes[0].j;
  const tmt1: Local = [0.045 * s, j1[1], -0.029 * sw];
  const hvPivot: Local = [-0.04 * s, 0, 0.0];
  const bun: Local = [BUNION.c[0] * s, BUNION.c[1] * s, BUNION.c[2] * sw];
  const alpha = -8 * DEG,
    beta = 26 * DEG,
    gamma = 3.2 * DEG;
  // flat foot: how far the medial arch sinks (more than its height: the floor stops it)
  const archDrop = (0.03 * shape.p.arch + 0.02) * s;
  const heelPivot: [number] = [0.04 * s];
  const heelValgus = 9 * DEG;
  const midtarsal: Local = [0.065 * s, 0, 0.0];
  const abduction = 7 * DEG;

  const local = (target: MorphName, p: Local): Local => {
    if (p[1] > footTopH) return p;
    switch (target) {
      case 'hallux_valgus': {
        const { w } = toeWeights(p);
        // the first ray (metatarsal and the whole hallux) swings medially as one piece
        const ray = Math.max(1 - smoothstep(j1[2] + 0.006 * sw, j1[2] + 0.017 * sw, p[2]), w[0]);
        const w1 = ray * smoothstep(0.04 * s, 0.105 * s, p[0]);
        const j1r = rotYaw(j1, tmt1, alpha);
        let q = mix(p, rotYaw(p, tmt1, alpha), w1);
        q = mix(q, rotYaw(q, j1r, beta), w[0]);
        const wl = w[1] + w[2] + w[3] + w[4];
        q = mix(q, rotYaw(q, hvPivot, gamma), wl);
        const db = Math.hypot(p[0] - bun[0], p[1] - bun[1], p[2] - bun[2]);
        const bump = 0.0078 * s * Math.exp(-((db / (0.014 * s)) ** 2));
        return [q[0], q[1] + bump * 0.25, q[2] - bump];
      }
      case 'flat_foot': {
        // planovalgus: the medial arch sinks to the floor, the talar head bulges medially, the
        // heel everts (valgus, seen from behind) and the forefoot abducts at the midtarsal joint
        const ga =
          smoothstep(-0.016 * s, 0.03 * s, p[0]) * (1 - smoothstep(0.088 * s, 0.128 * s, p[0]));
        const gl = 1 - smoothstep(-0.016 * sw, 0.022 * sw, p[2]);
        const top = 1 - smoothstep(0.08 * s, 0.1 * s, p[1]);
        const wv = p[1] < 0.034 * s ? 1 : 1 - 0.78 * smoothstep(0.034 * s, 0.085 * s, p[1]);
        const drop = ga * gl * wv * top * archDrop;
        let q: Local = [p[0], p[1] - drop, p[2] - 0.004 * sw * ga * gl * top];
        // talar head and navicular: a soft medial bulge in front of the medial malleolus
        const tb =
          Math.exp(
            -(((p[0] - 0.038 * s) / (0.026 * s)) ** 2) - ((p[1] - 0.036 * s) / (0.02 * s)) ** 2,
          ) *
          (1 - smoothstep(-0.03 * sw, 0.004 * sw, p[2])) *
          smoothstep(-0.012 * s, 0.008 * s, p[0]) *
          top;
        q = [q[0], q[1], q[2] - 0.0052 * s * tb];
        // heel eversion about the foot's long axis, fading out below the Achilles tendon
        const wh =
          (1 - smoothstep(-0.004 * s, 0.045 * s, p[0])) *
          (1 - smoothstep(0.03 * s, 0.047 * s, p[1]));
        if (wh > 0) {
          // a shear in the heel's cross-section: the pad stays on the floor and moves out, the
          // top of the calcaneus moves in, so the heel's axis tilts by the valgus angle
          const dh = q[1] - heelPivot[0];
          q = [q[0], q[1], q[2] - dh * Math.tan(heelValgus) * wh];
        }
        // forefoot abduction: the front of the foot swings laterally as one piece
        const wf = smoothstep(0.045 * s, 0.105 * s, p[0]) * top;
        if (wf > 0) q = mix(q, rotYaw(q, midtarsal, abduction), wf);
        // pressed onto the floor, not through it
        const floor = Math.min(p[1], 0.0004);
        return [q[0], Math.max(q[1], floor), q[2]];
      }
      case 'toes_extend':
      case 'toes_flex':
      case 'toes_spread': {
        const { w, along } = toeWeights(p);
        let dx = 0,
          dy = 0,
          dz = 0;
        for (let i = 0; i < axes.length; i++) {
          if (w[i] < 1e-9) continue;
          const A = axes[i];
          let q: Local;
          if (target === 'toes_spread') {
            q = rotYaw(p, A.j, [-10, -4, 0, 5, 11][i] * DEG);
          } else if (target === 'toes_extend') {
            q = rotPitch(p, A.j, A.dir, (i === 0 ? 34 : 30) * DEG);
          } else {
            // claw: the proximal phalanx lifts, the distal part curls down
            q = rotPitch(p, A.j, A.dir, 18 * DEG);
            const mRot = rotPitch(A.m, A.j, A.dir, 18 * DEG);
            const um = (A.m[0] - A.j[0]) * A.dir[0] + (A.m[2] - A.j[2]) * A.dir[2];
            const g2 = smoothstep(um - 0.005 * s, um + 0.004 * s, along[i]);
            q = mix(q, rotPitch(q, mRot, A.dir, -44 * DEG), g2);
          }
          dx += (q[0] - p[0]) * w[i];
          dy += (q[1] - p[1]) * w[i];
          dz += (q[2] - p[2]) * w[i];
        }
        return [p[0] + dx, p[1] + dy, p[2] + dz];
      }
    }
  };

  const chain = shape.arm;
  const hs = shape.p.arm.handScale;
  const armPose = (target: PoseMorphTarget, x: number, y: number, z: number): V3 => {
    const xa = Math.abs(x);
    if (y > chain.shoulder[1] || xa < chain.shoulder[0] * 0.5) return [0, 0, 0];
    const c = armCoords(chain, [xa, y, z]);
    const start = chain.zoneStart;
    if (c.along <= start + 0.012 * hs || shape.armSdf(xa, y, z) >= 0.004 * hs) return [0, 0, 0];
    const w = smoothstep(start + 0.012 * hs, start + 0.11 * hs, c.along);
    const swing =
      (target === 'arms_prone' ? shape.p.arm.proneSwing : shape.p.arm.supineSwing) * DEG * w;
    const S = chain.shoulder;
    const dy = y - S[1],
      dz = z - S[2];
    const co = Math.cos(swing),
      si = Math.sin(swing);
    const ny = S[1] + dy * co + dz * si;
    const nz = S[2] + dz * co - dy * si;
    return [0, ny - y, nz - z];
  };

  return (target, x, y, z) => {
    if (target === 'arms_supine' || target === 'arms_prone') return armPose(target, x, y, z);
    const left = x >= 0;
    const xa = left ? x : -x;
    const p = F.local(xa, y, z);
    if (p[1] > footTopH || p[0] < -0.02 * s) {
      if (target !== 'flat_foot' || p[1] > footTopH) return [0, 0, 0];
    }
    const q = local(target, p);
    const d = F.worldDir(q[0] - p[0], q[1] - p[1], q[2] - p[2]);
    const dx = left ? d[0] : -d[0];
    return [
      Math.abs(dx) < 1e-12 ? 0 : dx,
      Math.abs(d[1]) < 1e-12 ? 0 : d[1],
      Math.abs(d[2]) < 1e-12 ? 0 : d[2],
    ];
  };
}
