import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protocol as protocolSchema } from '../../src/content/schema.ts';
import {
  countInversions,
  createOrderDrill,
  createRandom,
  dropIndex,
  hashSeed,
  longestIncreasing,
  moveItem,
  moveTo,
  orderPlaces,
  scoreOrder,
  shuffleSteps,
} from '../../src/domain/orderDrill.ts';

const ABCDE = ['a', 'b', 'c', 'd', 'e'];

describe('seeded shuffle', () => {
  it('gives the same order for the same seed and a permutation every time', () => {
    expect(shuffleSteps(ABCDE, 42)).toEqual(shuffleSteps(ABCDE, 42));
    expect(shuffleSteps(ABCDE, 'Anna/p1')).toEqual(shuffleSteps(ABCDE, 'Anna/p1'));
    for (let seed = 0; seed < 50; seed++)
      expect([...shuffleSteps(ABCDE, seed)].sort()).toEqual(ABCDE);
    const orders = new Set(
      Array.from({ length: 50 }, (_, seed) => shuffleSteps(ABCDE, seed).join('')),
    );
    expect(orders.size).toBeGreaterThan(30);
  });

  it('never hands back the original order', () => {
    for (let seed = 0; seed < 500; seed++) {
      expect(shuffleSteps(['x', 'y'], seed)).toEqual(['y', 'x']);
      expect(shuffleSteps(['x', 'y', 'z'], seed).join('')).not.toBe('xyz');
    }
    expect(shuffleSteps([], 1)).toEqual([]);
    expect(shuffleSteps(['only'], 1)).toEqual(['only']);
  });

  it('is uniform over the other orders', () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 6000; seed++) {
      const key = shuffleSteps(['a', 'b', 'c'], seed).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['acb', 'bac', 'bca', 'cab', 'cba']);
    // 1200 expected each; σ ≈ 31.
    for (const c of counts.values()) expect(Math.abs(c - 1200)).toBeLessThan(150);
  });

  it('draws numbers in [0, 1) and hashes text seeds stably', () => {
    const r = createRandom(7);
    const xs = Array.from({ length: 1000 }, r);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / 1000 - 0.5)).toBeLessThan(0.05);
    // FNV-1a 32-bit of "" is its offset basis; of "a" the published test vector.
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c);
  });
});

describe('order drill', () => {
  it('drills all steps, or a seeded run of consecutive ones', () => {
    const all = createOrderDrill(ABCDE, 3);
    expect(all.ok && all.drill.correct).toEqual(ABCDE);
    const part = createOrderDrill(ABCDE, 3, { maxSteps: 3 });
    if (!part.ok) throw new Error(part.reason);
    expect(part.drill.correct).toHaveLength(3);
    expect(ABCDE.join('')).toContain(part.drill.correct.join(''));
    const starts = new Set(
      Array.from({ length: 40 }, (_, s) => {
        const d = createOrderDrill(ABCDE, s, { maxSteps: 3 });
        return d.ok ? d.drill.correct[0] : '?';
      }),
    );
    expect([...starts].sort()).toEqual(['a', 'b', 'c']);
  });

  it('refuses too few or repeated steps', () => {
    expect(createOrderDrill(['a'], 1)).toEqual({ ok: false, reason: 'too_few_steps' });
    expect(createOrderDrill(ABCDE, 1, { maxSteps: 1 })).toEqual({
      ok: false,
      reason: 'too_few_steps',
    });
    expect(createOrderDrill(['a', 'b', 'a'], 1)).toEqual({ ok: false, reason: 'duplicate_steps' });
  });

  it('shuffles the steps of a real protocol', () => {
    const raw: unknown = JSON.parse(
      readFileSync(
        resolve(import.meta.dirname, '../../content/protocols/p1-hallux-valgus-adult-self.json'),
        'utf8',
      ),
    );
    const ids = protocolSchema.parse(raw).steps.map((s) => s.id);
    const drill = createOrderDrill(ids, 'trainee-1');
    if (!drill.ok) throw new Error(drill.reason);
    expect(drill.drill.shuffled).not.toEqual(ids);
    expect([...drill.drill.shuffled].sort()).toEqual([...ids].sort());
    const answered = scoreOrder(drill.drill.correct, drill.drill.correct);
    expect(answered.ok && answered.score).toBe(100);
  });
});

describe('order scoring', () => {
  it('gives full marks to the right order', () => {
    expect(scoreOrder(ABCDE, ABCDE)).toEqual({
      ok: true,
      exact: 5,
      longestInOrder: 5,
      discordantPairs: 0,
      totalPairs: 10,
      score: 100,
      passed: true,
      misplaced: [],
    });
  });

  it('scores a reversed order low', () => {
    // Only c stays; every pair is swapped; the longest kept run is one step.
    // 100 × (0.5 × 0 + 0.25 × 1/5 + 0.25 × 1/5) = 10
    expect(scoreOrder(ABCDE, ['e', 'd', 'c', 'b', 'a'])).toMatchObject({
      ok: true,
      exact: 1,
      longestInOrder: 1,
      discordantPairs: 10,
      score: 10,
      passed: false,
      misplaced: ['e', 'd', 'b', 'a'],
    });
  });

  it('scores one swapped neighbour pair and a rotation', () => {
    // 100 × (0.5 × 9/10 + 0.25 × 3/5 + 0.25 × 4/5) = 80
    expect(scoreOrder(ABCDE, ['b', 'a', 'c', 'd', 'e'])).toMatchObject({
      exact: 3,
      longestInOrder: 4,
      discordantPairs: 1,
      score: 80,
      passed: true,
    });
    // a moved to the end: 4 pairs swapped, nothing in place. 100 × (0.5 × 6/10 + 0 + 0.25 × 4/5) = 50
    expect(scoreOrder(ABCDE, ['b', 'c', 'd', 'e', 'a'])).toMatchObject({
      exact: 0,
      longestInOrder: 4,
      discordantPairs: 4,
      score: 50,
      passed: false,
    });
  });

  it('names what is wrong with a submission that is not a reordering', () => {
    expect(scoreOrder(ABCDE, ['a', 'b', 'c', 'd'])).toEqual({
      ok: false,
      reason: 'missing_step',
      ids: ['e'],
    });
    expect(scoreOrder(ABCDE, ['a', 'b', 'c', 'd', 'e', 'z'])).toEqual({
      ok: false,
      reason: 'unknown_step',
      ids: ['z'],
    });
    expect(scoreOrder(ABCDE, ['a', 'a', 'c', 'd', 'e'])).toEqual({
      ok: false,
      reason: 'duplicate_step',
      ids: ['a'],
    });
    expect(scoreOrder(['a', 'a'], ['a', 'a'])).toEqual({
      ok: false,
      reason: 'duplicate_steps',
      ids: ['a'],
    });
  });

  it('counts inversions and increasing runs like brute force, for any permutation', () => {
    const perm = fc
      .integer({ min: 0, max: 12 })
      .chain((n) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(perm, (ranks) => {
        let inv = 0;
        for (let i = 0; i < ranks.length; i++)
          for (let j = i + 1; j < ranks.length; j++) if ((ranks[i] ?? 0) > (ranks[j] ?? 0)) inv++;
        expect(countInversions(ranks)).toBe(inv);
        // Brute-force longest increasing subsequence over all subsets (n ≤ 12).
        let best = 0;
        for (let mask = 0; mask < 1 << ranks.length; mask++) {
          const picked = ranks.filter((_, i) => (mask >> i) & 1);
          if (picked.every((v, i) => i === 0 || v > (picked[i - 1] ?? 0)))
            best = Math.max(best, picked.length);
        }
        expect(longestIncreasing(ranks)).toBe(best);
        const ids = ranks.map((r) => `s${r}`);
        const correct = [...ranks].sort((a, b) => a - b).map((r) => `s${r}`);
        const scored = scoreOrder(correct, ids);
        const reversed = scoreOrder(correct, [...ids].reverse());
        if (!scored.ok || !reversed.ok) throw new Error('not scored');
        expect(scored.score).toBeGreaterThanOrEqual(0);
        expect(scored.score).toBeLessThanOrEqual(100);
        expect(scored.discordantPairs + reversed.discordantPairs).toBe(scored.totalPairs);
      }),
      { numRuns: 200 },
    );
  });
});

describe('moveItem', () => {
  it('moves one place up or down and clamps at the ends', () => {
    const list = ['a', 'b', 'c'] as const;
    expect(moveItem(list, 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(list, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(list, 0, -1)).toBe(list);
    expect(moveItem(list, 2, 1)).toBe(list);
    expect(moveItem(list, 5, -1)).toBe(list);
    expect(moveItem(list, 0, 5)).toEqual(['b', 'c', 'a']);
  });
});

describe('drag and drop in the order drill', () => {
  // Four items 40 px tall, their middles at 20, 60, 100, 140.
  const middles = [20, 60, 100, 140];

  it('drops a dragged item past each middle it crosses, and back where it started', () => {
    expect(dropIndex(20, middles, 0)).toBe(0);
    expect(dropIndex(59, middles, 0)).toBe(0);
    expect(dropIndex(61, middles, 0)).toBe(1);
    expect(dropIndex(139, middles, 0)).toBe(2);
    expect(dropIndex(500, middles, 0)).toBe(3);
    expect(dropIndex(-50, middles, 3)).toBe(0);
    expect(dropIndex(99, middles, 3)).toBe(2);
    expect(dropIndex(101, middles, 3)).toBe(3);
    expect(dropIndex(60, middles, 1)).toBe(1);
  });

  it('moves an item to a place and marks which places are wrong after checking', () => {
    const shown = ['c', 'a', 'b', 'd'];
    expect(moveTo(shown, 0, 2)).toEqual(['a', 'b', 'c', 'd']);
    expect(moveTo(shown, 3, 3)).toBe(shown);
    expect(moveTo(shown, 3, 10)).toBe(shown);
    expect(orderPlaces(['a', 'b', 'c', 'd'], shown)).toEqual([
      { id: 'c', belongs: 2, inPlace: false },
      { id: 'a', belongs: 0, inPlace: false },
      { id: 'b', belongs: 1, inPlace: false },
      { id: 'd', belongs: 3, inPlace: true },
    ]);
  });
});
