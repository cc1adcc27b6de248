/**
 * Stage 3 of the motion: the glyph's state at a time of the pass. Every offset from the path is
 * taken in the skin's tangent plane and re-projected onto the skin, so the position is always on
 * the surface; offsets that would land in an avoid zone are shrunk toward the path until they do
 * not. Writes into an output object so the renderer can call it every frame without allocating.
 */
import { tangentToward } from '../paths.ts';
import type { SkinHit } from '../projectToSkin.ts';
import { clamp01, copy3, crossInto, normalizeInPlace } from '../vec3.ts';
import { passTime, type MotionPlan, type MotionSegment } from './plan.ts';
import { evaluateLocal, isContinuous, smooth, type LocalMotion } from './primitives.ts';
import { frameAt } from './skinStroke.ts';

// ---------------------------------------------------------------------------------------------
// Sampling
// ---------------------------------------------------------------------------------------------

/** The contact glyph's state at one instant. Positions are on the skin. */
export interface MotionSample {
  readonly position: [number, number, number];
  /** Outward skin normal at `position`. */
  readonly normal: [number, number, number];
  /** Unit direction of travel in the tangent plane (the path direction while holding still). */
  readonly tangent: [number, number, number];
  /** 0 lifted … 1 pressing. Renderers lift the glyph by (1 − contact) along the normal. */
  contact: number;
  /** Intensity scalar for glyph size / colour: intensity × contact. */
  pressure: number;
  /** Opening of the grip for pinching and kneading: 0 closed … 1 open. */
  spread: number;
  /** Index of the stroke being done (or left, during a transfer). */
  stroke: number;
  /** True while the hand travels lifted between two strokes. */
  transfer: boolean;
  /** Zone id under the glyph ('' when the skin is empty). */
  zone: string;
  /** True only when even the path itself lies in an avoid zone (a content error). */
  inAvoidZone: boolean;
}

/** A fresh output object for `sampleMotion`; keep one per glyph and reuse it every frame. */
export function createMotionSample(): MotionSample {
  return {
    position: [0, 0, 0],
    normal: [0, 0, 1],
    tangent: [1, 0, 0],
    contact: 0,
    pressure: 0,
    spread: 0,
    stroke: 0,
    transfer: false,
    zone: '',
    inAvoidZone: false,
  };
}

/** Scratch state reused by every call (JS is single-threaded; nothing here survives a call). */
const local: LocalMotion = { u: 0, a: 0, b: 0, contact: 0, spread: 0 };
const localAhead: LocalMotion = { u: 0, a: 0, b: 0, contact: 0, spread: 0 };
const baseP: [number, number, number] = [0, 0, 0];
const baseT: [number, number, number] = [1, 0, 0];
const baseN: [number, number, number] = [0, 0, 1];
const baseB: [number, number, number] = [0, 1, 0];
const query: [number, number, number] = [0, 0, 0];

/**
 * The glyph's state at normalised time t ∈ [0, 1) of one pass (use `passTime` for seconds;
 * other values wrap).
 * `stepProgress` (0..1 through the whole step) ramps pressure from `intensity` to `intensityTo`.
 * Writes into `out` and returns it.
 */
export function sampleMotion(
  plan: MotionPlan,
  t: number,
  out: MotionSample = createMotionSample(),
  stepProgress = 0,
): MotionSample {
  const segments = plan.segments;
  // Times outside [0, 1] wrap into the pass (1 itself is the very end).
  const tt = !Number.isFinite(t) ? 0 : t >= 0 && t <= 1 ? t : ((t % 1) + 1) % 1;
  const intensity =
    plan.pressureFrom + (plan.pressureTo - plan.pressureFrom) * clamp01(stepProgress);
  let seg = segments.at(-1);
  for (const s of segments) {
    if (tt < s.t1) {
      seg = s;
      break;
    }
  }
  if (!seg) {
    out.contact = 0;
    out.pressure = 0;
    out.spread = 0;
    out.stroke = 0;
    out.transfer = false;
    out.zone = '';
    out.inAvoidZone = false;
    return out;
  }
  const tau = seg.t1 > seg.t0 ? clamp01((tt - seg.t0) / (seg.t1 - seg.t0)) : 0;
  out.stroke = seg.stroke;
  if (seg.kind === 'transfer') sampleTransfer(plan, seg.stroke, tau, out);
  else sampleStroke(plan, seg, tau, out);
  out.pressure = intensity * out.contact;
  return out;
}

/** `sampleMotion` at a time in seconds since the step started (step time, at speed 1). */
export function sampleMotionAt(
  plan: MotionPlan,
  seconds: number,
  out: MotionSample = createMotionSample(),
  stepProgress = 0,
): MotionSample {
  return sampleMotion(plan, passTime(plan, seconds), out, stepProgress);
}

/** The stroke part of `sampleMotion`. */
function sampleStroke(plan: MotionPlan, seg: MotionSegment, tau: number, out: MotionSample): void {
  const stroke = plan.path.strokes[seg.stroke];
  if (!stroke) return;
  const landing = isContinuous(plan.primitive) ? seg.landing : 0;
  evaluateLocal(plan.primitive, tau, seg.cycles, plan.amplitudeM, plan.turn, landing, local);
  frameAt(stroke, local.u * stroke.length, baseP, baseT, baseN);
  crossInto(baseN, baseT, baseB);

  // Heading: where the local motion goes next, mapped through the path frame.
  const delta = Math.min(1e-3, 0.02 / Math.max(1, seg.cycles));
  const ahead = tau + delta <= 1;
  evaluateLocal(
    plan.primitive,
    ahead ? tau + delta : tau - delta,
    seg.cycles,
    plan.amplitudeM,
    plan.turn,
    landing,
    localAhead,
  );
  const sign = ahead ? 1 : -1;
  const du = sign * ((localAhead.u - local.u) * stroke.length + (localAhead.a - local.a));
  const db = sign * (localAhead.b - local.b);
  const moving = Math.abs(du) + Math.abs(db) > 1e-9;
  const hx = moving ? baseT[0] * du + baseB[0] * db : baseT[0];
  const hy = moving ? baseT[1] * du + baseB[1] * db : baseT[1];
  const hz = moving ? baseT[2] * du + baseB[2] * db : baseT[2];

  placeOnSkin(plan, local.a, local.b, out);
  out.contact = local.contact;
  out.spread = local.spread;
  out.transfer = false;
  writeTangent(out, hx, hy, hz);
}

/**
 * Puts base + a·T + b·B on the skin. If that lands in an avoid zone, the offset shrinks toward
 * the path (½, ¼, 0) until it does not; `inAvoidZone` tells when even the path point is in one.
 */
function placeOnSkin(plan: MotionPlan, a: number, b: number, out: MotionSample): void {
  const factors = plan.avoidZones && (a !== 0 || b !== 0) ? SHRINK : ONLY_FULL;
  for (let i = 0; i < factors.length; i++) {
    const f = factors[i] ?? 0;
    query[0] = baseP[0] + (baseT[0] * a + baseB[0] * b) * f;
    query[1] = baseP[1] + (baseT[1] * a + baseB[1] * b) * f;
    query[2] = baseP[2] + (baseT[2] * a + baseB[2] * b) * f;
    const hit = plan.skin.project(query);
    if (!hit) {
      copy3(out.position, baseP);
      copy3(out.normal, baseN);
      out.zone = '';
      out.inAvoidZone = false;
      return;
    }
    const avoided = isAvoided(plan, hit);
    if (!avoided || i === factors.length - 1) {
      copy3(out.position, hit.point);
      copy3(out.normal, hit.normal);
      out.zone = hit.zone;
      out.inAvoidZone = avoided;
      return;
    }
  }
}
const SHRINK = [1, 0.5, 0.25, 0] as const;
const ONLY_FULL = [1] as const;

/** Whether a skin point is in (or, with a margin, near) one of the plan's avoid zones. */
function isAvoided(plan: MotionPlan, hit: SkinHit): boolean {
  const zones = plan.avoidZones;
  if (!zones) return false;
  if (zones.has(hit.zone)) return true;
  if (plan.avoidMarginM > 0 && plan.skin.nearestOfZones) {
    return plan.skin.nearestOfZones(hit.point, zones, plan.avoidMarginM) !== null;
  }
  return false;
}

/** Lifted travel from the end of stroke `from` to the start of the next one. */
function sampleTransfer(plan: MotionPlan, from: number, tau: number, out: MotionSample): void {
  const a = plan.path.strokes[from];
  const b = plan.path.strokes[from + 1];
  if (!a || !b) return;
  const s = smooth(tau);
  const ia = (a.count - 1) * 3;
  for (let c = 0; c < 3; c++) {
    const pa = a.points[ia + c] ?? 0;
    const pb = b.points[c] ?? 0;
    baseP[c] = pa + (pb - pa) * s;
    baseN[c] = (a.normals[ia + c] ?? 0) * (1 - s) + (b.normals[c] ?? 0) * s;
    baseT[c] = pb - pa;
    baseB[c] = 0;
  }
  normalizeInPlace(baseN, 0, 0, 1);
  // Hovering over an avoid zone on the way is fine (no contact), but show the glyph beside it:
  // fall back to the nearer stroke end.
  const hit = plan.skin.project(baseP);
  if (hit && !isAvoided(plan, hit)) {
    copy3(out.position, hit.point);
    copy3(out.normal, hit.normal);
    out.zone = hit.zone;
  } else {
    const end = s < 0.5 ? a.points.subarray(ia, ia + 3) : b.points.subarray(0, 3);
    const nrm = s < 0.5 ? a.normals.subarray(ia, ia + 3) : b.normals.subarray(0, 3);
    copy3(out.position, end);
    copy3(out.normal, nrm);
    out.zone = plan.skin.project(out.position)?.zone ?? '';
  }
  out.inAvoidZone = false;
  out.contact = 0;
  out.spread = plan.primitive === 'pinching' ? 1 : 0;
  out.transfer = true;
  writeTangent(out, baseT[0], baseT[1], baseT[2]);
}

/** Sets `out.tangent` to (x, y, z) with its normal component removed, normalised. */
function writeTangent(out: MotionSample, x: number, y: number, z: number): void {
  const n = out.normal;
  const d = x * n[0] + y * n[1] + z * n[2];
  const tx = x - d * n[0];
  const ty = y - d * n[1];
  const tz = z - d * n[2];
  const len = Math.hypot(tx, ty, tz);
  if (len > 1e-12) {
    out.tangent[0] = tx / len;
    out.tangent[1] = ty / len;
    out.tangent[2] = tz / len;
  } else {
    const fallback = tangentToward(n);
    copy3(out.tangent, fallback);
  }
}
