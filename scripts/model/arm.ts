/**
 * Arms and simple hands, hanging along the body (left arm; the body is mirrored at |x|). The arm
 * is a chain shoulder joint → elbow → wrist → hand; the hand hangs with the palm toward the thigh,
 * thumb forward, fingers together and slightly curled. Everything is in world metres.
 *
 * The chain is also what the zone rule, the pose morphs and the joint nodes use: one description.
 */
import type { Proportions } from './proportions.ts';
import {
  add,
  blendGroup,
  cross,
  dot,
  ellipsoid,
  len,
  norm,
  roundCone,
  scale,
  sub,
  type Prim,
  type V3,
} from './sdf.ts';

export interface ArmChain {
  readonly shoulder: V3;
  readonly elbow: V3;
  readonly wrist: V3;
  /** Middle fingertip. */
  readonly tip: V3;
  /** Hand frame: `down` along the hand, `front` toward the thumb, `palm` out of the palm. */
  readonly down: V3;
  readonly front: V3;
  readonly palm: V3;
  /** Radii along the chain: shoulder, mid upper arm, elbow, upper forearm, wrist. */
  readonly r: readonly [number, number, number, number, number];
  /** Where the arm zone starts: distance below the shoulder joint along the upper arm. */
  readonly zoneStart: number;
}

/** Point on a segment a→b closest to p, as the parameter t ∈ [0, 1]. */
function segT(p: V3, a: V3, b: V3): number {
  const ab = sub(b, a);
  const t = dot(sub(p, a), ab) / dot(ab, ab);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

export function armChain(p: Proportions): ArmChain {
  const A = p.arm;
  const deg = Math.PI / 180;
  const ab = A.abduct * deg;
  const upperDir: V3 = norm([Math.sin(ab), -Math.cos(ab), A.elbowBack]);
  const elbow = add(A.shoulder, scale(upperDir, A.upper));
  const fa = (A.abduct + A.carry) * deg;
  const foreDir: V3 = norm([Math.sin(fa), -Math.cos(fa), A.foreForward]);
  const wrist = add(elbow, scale(foreDir, A.fore));
  // the hand hangs a little more inward than the forearm, palm toward the thigh
  const ha = (A.abduct + A.carry - 3) * deg;
  const down: V3 = norm([Math.sin(ha), -Math.cos(ha), A.foreForward * 0.5]);
  const palm0: V3 = [-1, 0, 0];
  const front = norm(cross(palm0, down)); // ≈ +z for a hand hanging down
  const palm = norm(cross(down, front)); // ≈ −x, toward the thigh
  const tip = add(wrist, scale(down, A.hand));
  return {
    shoulder: A.shoulder,
    elbow,
    wrist,
    tip,
    down,
    front,
    palm,
    r: A.r,
    zoneStart: A.zoneStart,
  };
}

/** The left arm and hand as one primitive (its own blends inside), to add to the body. */
export function armPrims(p: Proportions, muscle: number): { arm: Prim; k: number } {
  const c = armChain(p);
  const { shoulder: S, elbow: E, wrist: W } = c;
  const [rS, rM, rE, rF, rW] = c.r;
  const hs = p.arm.handScale;
  const parts: Prim[] = [];
  const upperDir = norm(sub(E, S));
  const foreDir = norm(sub(W, E));
  const mid = add(S, scale(upperDir, p.arm.upper * 0.45));
  // upper arm: a tapered tube from the joint to the elbow, biceps in front, triceps behind
  parts.push(roundCone(S, mid, rS, rM));
  parts.push(roundCone(mid, E, rM, rE));
  if (muscle > 0) {
    const b = add(S, scale(upperDir, p.arm.upper * 0.58));
    parts.push(
      ellipsoid(add(b, [0, 0, rM * 0.35]), [rM * 0.78, p.arm.upper * 0.26, rM * 0.72]),
      ellipsoid(add(b, [0.002, p.arm.upper * 0.08, -rM * 0.3]), [
        rM * 0.8,
        p.arm.upper * 0.3,
        rM * 0.72,
      ]),
    );
  }
  // elbow: the olecranon behind
  parts.push(ellipsoid(add(E, [0, 0.004, -rE * 0.45]), [rE * 0.7, rE * 0.8, rE * 0.6]));
  // forearm: muscle mass near the elbow, narrowing to a wrist wider front to back
  const f1 = add(E, scale(foreDir, p.arm.fore * 0.3));
  parts.push(roundCone(E, f1, rE * 0.98, rF));
  parts.push(
    ellipsoid(add(f1, [0.001, 0, 0]), [rF * 0.85, p.arm.fore * 0.32, rF * 0.95]),
    roundCone(f1, W, rF, rW),
    ellipsoid(add(W, scale(foreDir, -0.01 * hs)), [rW * 0.78, rW * 1.2, rW * 1.12]),
  );
  const arm = blendGroup(parts, 0.022 * hs);

  // hand in its own frame: d along the hand, f toward the thumb, n out of the palm
  const { down: d, front: f, palm: n } = c;
  const at = (a: number, fr: number, nn: number): V3 =>
    add(W, add(scale(d, a * hs), add(scale(f, fr * hs), scale(n, nn * hs))));
  const basis = (): [V3, V3, V3] => [n, d, f];
  const hand: Prim[] = [];
  // palm: a flattened block from the wrist to the knuckles
  hand.push(ellipsoid(at(0.05, 0, 0.001), [0.0135 * hs, 0.05 * hs, 0.041 * hs], basis()));
  hand.push(ellipsoid(at(0.028, 0.017, 0.006), [0.012 * hs, 0.028 * hs, 0.02 * hs], basis()));
  // fingers together (index at the front to the little finger), slightly curled toward the palm:
  // neighbours overlap along their whole length, so grooves suggest them without gaps
  const fingers: [number, number, number][] = [
    // front offset at the knuckle, length, radius at the knuckle
    [0.0262, 0.074, 0.0092],
    [0.0088, 0.082, 0.0094],
    [-0.0088, 0.077, 0.0089],
    [-0.0252, 0.061, 0.0081],
  ];
  const knuckle = 0.094;
  const fingerPrims: Prim[] = [];
  for (const [fo, L, r] of fingers) {
    const k0 = at(knuckle - 0.004 * Math.abs(fo) * 20, fo, -0.001);
    const k1 = add(
      k0,
      add(scale(d, L * 0.5 * hs), add(scale(n, 0.004 * hs), scale(f, -fo * 0.12 * hs))),
    );
    const k2 = add(
      k1,
      add(scale(d, L * 0.46 * hs), add(scale(n, 0.012 * hs), scale(f, -fo * 0.16 * hs))),
    );
    fingerPrims.push(
      blendGroup(
        [roundCone(k0, k1, r * hs, r * 0.9 * hs), roundCone(k1, k2, r * 0.9 * hs, r * 0.8 * hs)],
        0.002 * hs,
      ),
    );
  }
  hand.push(blendGroup(fingerPrims, 0.0042 * hs));
  // thumb: from the thenar eminence forward and down, lying against the index finger
  const t0 = at(0.022, 0.03, 0.004);
  const t1 = at(0.062, 0.041, 0.008);
  const t2 = at(0.092, 0.037, 0.006);
  hand.push(
    ellipsoid(at(0.032, 0.03, 0.006), [0.012 * hs, 0.026 * hs, 0.015 * hs], basis()),
    roundCone(t0, t1, 0.0115 * hs, 0.0098 * hs),
    roundCone(t1, t2, 0.0098 * hs, 0.0084 * hs),
  );
  const handPrim = blendGroup(hand, 0.007 * hs);
  return { arm: blendGroup([arm, handPrim], 0.012 * hs), k: 0.014 * hs };
}

/**
 * Distance-like coordinates of a point relative to the left arm: the parameter along the chain
 * (metres from the shoulder joint) and the distance from the chain's axis.
 */
export function armCoords(c: ArmChain, p: V3): { along: number; dist: number } {
  const segs: [V3, V3][] = [
    [c.shoulder, c.elbow],
    [c.elbow, c.wrist],
    [c.wrist, c.tip],
  ];
  let best = Infinity,
    along = 0,
    base = 0;
  for (const [a, b] of segs) {
    const t = segT(p, a, b);
    const q = add(a, scale(sub(b, a), t));
    const dd = len(sub(p, q));
    if (dd < best) {
      best = dd;
      along = base + t * len(sub(b, a));
    }
    base += len(sub(b, a));
  }
  return { along, dist: best };
}
