/**
 * "Which area must be avoided here?": the trainee points at a zone near the step's path and is
 * told whether it is one that must not be touched there, and why not if it is wrong.
 */
import type { BodyData, Side, Vec3 } from './body.ts';
import { createRandom, shuffleWith, toSeed } from './orderDrill.ts';

export interface ZonePart {
  readonly zone: string;
  readonly side: Side | null;
}

export type AvoidAnswer =
  | { readonly correct: true; readonly answer: ZonePart }
  | {
      readonly correct: false;
      readonly answer: ZonePart;
      /**
       * `safe`: the zone may be massaged; `out_of_reach`: an avoid zone, but not near this step;
       * `other_side`: the right zone on the other leg.
       */
      readonly reason: 'safe' | 'out_of_reach' | 'other_side';
    };

function samePart(a: ZonePart, b: ZonePart): boolean {
  return a.zone === b.zone && (a.side ?? null) === (b.side ?? null);
}

/** Checks the zone part the trainee chose against the avoid zones within reach of the step. */
export function checkAvoidAnswer(
  nearAvoid: readonly ZonePart[],
  answer: ZonePart,
  avoidZones: ReadonlySet<string>,
): AvoidAnswer {
  if (nearAvoid.some((z) => samePart(z, answer))) return { correct: true, answer };
  if (nearAvoid.some((z) => z.zone === answer.zone))
    return { correct: false, answer, reason: 'other_side' };
  if (avoidZones.has(answer.zone)) return { correct: false, answer, reason: 'out_of_reach' };
  return { correct: false, answer, reason: 'safe' };
}

/** Score of an answer for the progress record (0 or 100). */
export function avoidAnswerScore(answer: AvoidAnswer): number {
  return answer.correct ? 100 : 0;
}

/** A zone part near a step's path and how near, metres. */
export interface ZoneNear extends ZonePart {
  readonly distance: number;
}

/**
 * The zone parts of a body within `reach` of a path's points, nearest first (the distance of
 * each part's nearest vertex). Skin with no zone (`body`) is left out.
 */
export function zonesNearPath(body: BodyData, points: readonly Vec3[], reach: number): ZoneNear[] {
  if (points.length === 0 || !(reach > 0)) return [];
  // At most 64 path points: enough for "which zones are near", cheap over every vertex.
  const stride = Math.max(1, Math.ceil(points.length / 64));
  const probe = points.filter((_, i) => i % stride === 0);
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const p of probe)
    for (let c = 0; c < 3; c++) {
      lo[c] = Math.min(lo[c] ?? Infinity, (p[c] ?? 0) - reach);
      hi[c] = Math.max(hi[c] ?? -Infinity, (p[c] ?? 0) + reach);
    }
  const best = new Map<number, number>();
  const { positions, indices, triangleParts } = body;
  for (let t = 0; t < triangleParts.length; t++) {
    const part = triangleParts[t] ?? 0;
    for (let k = 0; k < 3; k++) {
      const v = (indices[t * 3 + k] ?? 0) * 3;
      const x = positions[v] ?? 0;
      const y = positions[v + 1] ?? 0;
      const z = positions[v + 2] ?? 0;
      if (x < (lo[0] ?? 0) || x > (hi[0] ?? 0) || y < (lo[1] ?? 0) || y > (hi[1] ?? 0)) continue;
      if (z < (lo[2] ?? 0) || z > (hi[2] ?? 0)) continue;
      let d2 = Infinity;
      for (const p of probe) d2 = Math.min(d2, (x - p[0]) ** 2 + (y - p[1]) ** 2 + (z - p[2]) ** 2);
      if (d2 <= reach * reach && d2 < (best.get(part) ?? Infinity)) best.set(part, d2);
    }
  }
  const out: ZoneNear[] = [];
  for (const [index, d2] of best) {
    const part = body.parts[index];
    if (!part || part.zone === 'body') continue;
    out.push({ zone: part.zone, side: part.side, distance: Math.sqrt(d2) });
  }
  return out.sort((a, b) => a.distance - b.distance);
}

/** How many areas the quiz offers at most (the right ones among them). */
export const QUIZ_CHOICES = 5;

/**
 * The areas offered for "which area must be avoided here?": the right ones (the avoid zones
 * within reach of the step) and wrong ones a trainee could believe: first the areas to avoid
 * elsewhere in the same part of the body (the kneecap for a step on the shin), then the areas
 * nearest the step's path (its own zones among them), on the step's side. They are put in an
 * order drawn from `seed`, so where the right answer stands tells nothing; the same seed gives
 * the same order.
 */
export function avoidQuizChoices(input: {
  readonly nearAvoid: readonly ZonePart[];
  /** Zone parts near the path, nearest first (`zonesNearPath`); empty while not known. */
  readonly nearby: readonly ZonePart[];
  readonly stepZones: readonly string[];
  readonly avoidZones: ReadonlySet<string>;
  readonly side: Side;
  /** Whether a zone exists on both sides (so a choice names the side). */
  readonly bilateral: (zone: string) => boolean;
  /** The catalogue group of a zone (foot, leg, back…). */
  readonly groupOf: (zone: string) => string | undefined;
  readonly seed: number | string;
  readonly count?: number;
}): ZonePart[] {
  const count = Math.max(2, input.count ?? QUIZ_CHOICES);
  const chosen: ZonePart[] = [];
  const add = (p: ZonePart) => {
    if (chosen.length >= Math.max(count, input.nearAvoid.length + 1)) return;
    if (p.zone === 'body' || chosen.some((q) => samePart(p, q))) return;
    chosen.push(p);
  };
  for (const z of input.nearAvoid) add(z);
  const sided = (zone: string): ZonePart => ({
    zone,
    side: input.bilateral(zone) ? input.side : null,
  });
  const groups = new Set(input.stepZones.map((z) => input.groupOf(z)).filter(Boolean));
  const right = new Set(input.nearAvoid.map((z) => z.zone));
  const random = createRandom(toSeed(input.seed));
  // Avoid zones of the same part of the body, in a drawn order (there are seldom many).
  const sameGroup = [...input.avoidZones]
    .filter((z) => !right.has(z) && groups.has(input.groupOf(z)))
    .sort();
  for (const zone of shuffleWith(sameGroup, random).slice(0, 2)) add(sided(zone));
  // The nearest areas on the step's side (or midline), then the step's own zones.
  for (const z of input.nearby)
    if (!right.has(z.zone) && (z.side === null || z.side === input.side)) add(z);
  for (const zone of input.stepZones) add(sided(zone));
  return shuffleWith(chosen, random);
}
