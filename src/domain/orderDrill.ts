/**
 * The step-order drill: a protocol's steps shown shuffled (deterministically from a seed, so a
 * drill can be repeated or shared), put back in order by the trainee, and scored.
 *
 * The score blends three views of "how right" an order is, all 0…1:
 * - pair order (half the weight): 1 − discordant pairs / all pairs, a Kendall-tau distance;
 * - exact positions (a quarter): steps in their own place;
 * - longest run kept (a quarter): the longest subsequence of steps in correct relative order.
 */
import { itemAt } from './arrays.ts';

export interface OrderDrill {
  /** Step ids in the protocol's order. */
  readonly correct: readonly string[];
  /** The same ids as shown to the trainee. */
  readonly shuffled: readonly string[];
  readonly seed: number;
}

export type DrillResult =
  | { readonly ok: true; readonly drill: OrderDrill }
  | { readonly ok: false; readonly reason: 'too_few_steps' | 'duplicate_steps' };

export interface OrderScore {
  readonly exact: number;
  readonly longestInOrder: number;
  readonly discordantPairs: number;
  readonly totalPairs: number;
  /** 0–100, rounded. */
  readonly score: number;
  readonly passed: boolean;
  /** Ids not in their own place, in the submitted order. */
  readonly misplaced: readonly string[];
}

export type OrderScoreResult =
  | ({ readonly ok: true } & OrderScore)
  | {
      readonly ok: false;
      readonly reason: 'missing_step' | 'unknown_step' | 'duplicate_step' | 'duplicate_steps';
      readonly ids: readonly string[];
    };

/** Score needed to pass a drill. */
export const ORDER_PASS_SCORE = 80;
/** Reshuffles tried before giving up on avoiding the original order. */
const MAX_RESHUFFLES = 64;

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** A 32-bit seed from any text (FNV-1a over UTF-16 code units). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform generator on [0, 1) from a 32-bit seed (mulberry32). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The 32-bit seed of a number or text seed. */
export function toSeed(seed: number | string): number {
  return typeof seed === 'string'
    ? hashSeed(seed)
    : Number.isFinite(seed)
      ? Math.trunc(seed) >>> 0
      : 0;
}

/** Fisher–Yates shuffle of a copy with the given generator. */
export function shuffleWith<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = itemAt(out, i);
    out[i] = itemAt(out, j);
    out[j] = tmp;
  }
  return out;
}

/**
 * A deterministic shuffle of `items` for a seed: uniform over the orders that differ from the
 * given one (there is nothing to drill in an unshuffled list) when there are at least two items.
 */
export function shuffleSteps<T>(items: readonly T[], seed: number | string): T[] {
  const random = createRandom(toSeed(seed));
  const same = (order: readonly T[]) => order.every((x, i) => x === items[i]);
  let out = shuffleWith(items, random);
  for (let tries = 1; items.length >= 2 && same(out) && tries < MAX_RESHUFFLES; tries++)
    out = shuffleWith(items, random);
  if (items.length >= 2 && same(out)) out = [...items.slice(1), ...items.slice(0, 1)];
  return out;
}

/**
 * A drill over a protocol's step ids. With `maxSteps`, a run of that many consecutive steps
 * (starting where the seed says) is drilled instead of all of them.
 */
export function createOrderDrill(
  stepIds: readonly string[],
  seed: number | string,
  options: { readonly maxSteps?: number } = {},
): DrillResult {
  if (new Set(stepIds).size !== stepIds.length) return { ok: false, reason: 'duplicate_steps' };
  const numeric = toSeed(seed);
  let correct = [...stepIds];
  const max = options.maxSteps === undefined ? Infinity : Math.floor(options.maxSteps);
  if (max < correct.length) {
    if (max < 2) return { ok: false, reason: 'too_few_steps' };
    const startAt = Math.floor(createRandom(numeric ^ 0x5bd1e995)() * (correct.length - max + 1));
    correct = correct.slice(startAt, startAt + max);
  }
  if (correct.length < 2) return { ok: false, reason: 'too_few_steps' };
  return { ok: true, drill: { correct, shuffled: shuffleSteps(correct, numeric), seed: numeric } };
}

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

/** Length of the longest strictly increasing subsequence (patience sorting, O(n log n)). */
export function longestIncreasing(values: readonly number[]): number {
  const tails: number[] = [];
  for (const v of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return tails.length;
}

/** Number of pairs i < j with values[i] > values[j]. */
export function countInversions(values: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++) if ((values[i] ?? 0) > (values[j] ?? 0)) n++;
  return n;
}

/**
 * Scores a submitted order against the correct one. The submission must be a permutation of the
 * correct ids; otherwise the result names the missing, unknown or repeated ids.
 */
export function scoreOrder(
  correct: readonly string[],
  submitted: readonly string[],
  passScore = ORDER_PASS_SCORE,
): OrderScoreResult {
  const rank = new Map(correct.map((id, i) => [id, i]));
  if (rank.size !== correct.length)
    return { ok: false, reason: 'duplicate_steps', ids: repeatedIn(correct) };
  const unknown = submitted.filter((id) => !rank.has(id));
  if (unknown.length > 0) return { ok: false, reason: 'unknown_step', ids: unknown };
  const repeated = repeatedIn(submitted);
  if (repeated.length > 0) return { ok: false, reason: 'duplicate_step', ids: repeated };
  const given = new Set(submitted);
  const missing = correct.filter((id) => !given.has(id));
  if (missing.length > 0) return { ok: false, reason: 'missing_step', ids: missing };

  const n = correct.length;
  const ranks = submitted.map((id) => rank.get(id) ?? 0);
  const exact = ranks.filter((r, i) => r === i).length;
  const longestInOrder = longestIncreasing(ranks);
  const discordantPairs = countInversions(ranks);
  const totalPairs = n < 2 ? 0 : (n * (n - 1)) / 2;
  const pairShare = totalPairs > 0 ? 1 - discordantPairs / totalPairs : 1;
  const score =
    n === 0
      ? 0
      : Math.round(100 * (0.5 * pairShare + 0.25 * (exact / n) + 0.25 * (longestInOrder / n)));
  return {
    ok: true,
    exact,
    longestInOrder,
    discordantPairs,
    totalPairs,
    score,
    passed: n > 0 && score >= passScore,
    misplaced: submitted.filter((id, i) => rank.get(id) !== i),
  };
}

/** Ids that occur more than once, each listed once. */
function repeatedIn(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

/** Moves the item at `index` by `delta` places (clamped); the same array when nothing moves. */
export function moveItem<T>(items: readonly T[], index: number, delta: number): readonly T[] {
  if (index < 0 || index >= items.length) return items;
  const to = Math.max(0, Math.min(items.length - 1, index + delta));
  if (to === index) return items;
  const out = [...items];
  const [item] = out.splice(index, 1);
  if (item === undefined) return items;
  out.splice(to, 0, item);
  return out;
}

/** Moves the item at `from` to index `to` (clamped); the same array when nothing moves. */
export function moveTo<T>(items: readonly T[], from: number, to: number): readonly T[] {
  return moveItem(items, from, to - from);
}

/**
 * Where a dragged item lands in a vertical list: the index it takes when dropped at `y`, given
 * the vertical middle of each item as laid out (the dragged one included, at `from`). Passing an
 * item's middle moves the dragged one past it.
 */
export function dropIndex(y: number, middles: readonly number[], from: number): number {
  let to = from;
  for (let i = from + 1; i < middles.length; i++) if (y > (middles[i] ?? Infinity)) to = i;
  for (let i = from - 1; i >= 0; i--) if (y < (middles[i] ?? -Infinity)) to = i;
  return to;
}

/** Per place of a checked order: which step stands there, and where it belongs (0-based). */
export function orderPlaces(
  correct: readonly string[],
  submitted: readonly string[],
): { readonly id: string; readonly belongs: number; readonly inPlace: boolean }[] {
  return submitted.map((id, i) => {
    const belongs = correct.indexOf(id);
    return { id, belongs, inPlace: belongs === i };
  });
}
