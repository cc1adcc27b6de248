/** The avoid quiz (src/domain/avoidQuiz.ts): verdicts with their reasons, and the choices offered. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { AVOID_ZONES as AVOID, zoneInfo } from '../../src/content/zoneCatalogue.ts';
import {
  avoidAnswerScore,
  avoidQuizChoices,
  checkAvoidAnswer,
  zonesNearPath,
} from '../../src/domain/avoidQuiz.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('avoid quiz', () => {
  const near = [{ zone: 'bunion', side: 'L' as const }];

  it('is right for the avoid zone within reach, and says why otherwise', () => {
    const right = checkAvoidAnswer(near, { zone: 'bunion', side: 'L' }, AVOID);
    expect(right.correct).toBe(true);
    expect(avoidAnswerScore(right)).toBe(100);
    const otherSide = checkAvoidAnswer(near, { zone: 'bunion', side: 'R' }, AVOID);
    expect(otherSide).toEqual({
      correct: false,
      answer: { zone: 'bunion', side: 'R' },
      reason: 'other_side',
    });
    expect(avoidAnswerScore(otherSide)).toBe(0);
    expect(checkAvoidAnswer(near, { zone: 'knee', side: 'L' }, AVOID)).toMatchObject({
      correct: false,
      reason: 'out_of_reach',
    });
    expect(checkAvoidAnswer(near, { zone: 'hallux', side: 'L' }, AVOID)).toMatchObject({
      correct: false,
      reason: 'safe',
    });
    // Midline zones have no side.
    expect(
      checkAvoidAnswer(
        [{ zone: 'vertebrae', side: null }],
        { zone: 'vertebrae', side: null },
        AVOID,
      ).correct,
    ).toBe(true);
  });

  it('places the answer where a seeded draw says, among distractors near the step', () => {
    const nearby = [
      { zone: 'first_mtp_joint', side: 'L' as const },
      { zone: 'hallux', side: 'L' as const },
      { zone: 'bunion', side: 'L' as const },
      { zone: 'dorsum', side: 'L' as const },
      { zone: 'toe2', side: 'L' as const },
      { zone: 'sole', side: 'L' as const },
      { zone: 'hallux', side: 'R' as const },
    ];
    const ask = (seed: string) =>
      avoidQuizChoices({
        nearAvoid: near,
        nearby,
        stepZones: ['first_mtp_joint', 'hallux', 'dorsum'],
        avoidZones: AVOID,
        side: 'L',
        bilateral: (z) => z !== 'vertebrae',
        groupOf: (z) => zoneInfo(z)?.group,
        seed,
      });
    const first = ask('Eva:p1/circles-around-joint/L:0');
    expect(first).toHaveLength(5);
    // The same seed gives the same list; each area once; the answer among them.
    expect(ask('Eva:p1/circles-around-joint/L:0')).toEqual(first);
    expect(new Set(first.map((c) => `${c.zone}.${c.side}`)).size).toBe(5);
    expect(first).toContainEqual({ zone: 'bunion', side: 'L' });
    // Distractors: the nearest areas on this side, never the knee, kneecap or spine.
    const zones = new Set(first.map((c) => c.zone));
    for (const far of ['knee', 'patella', 'vertebrae']) expect(zones.has(far)).toBe(false);
    expect(first.every((c) => c.side === 'L')).toBe(true);
    expect([...zones].sort()).toEqual(['bunion', 'dorsum', 'first_mtp_joint', 'hallux', 'toe2']);
    // Over rounds the answer stands in every place.
    const places = new Set(
      Array.from({ length: 40 }, (_, round) =>
        ask(`Eva:p1/circles-around-joint/L:${round}`).findIndex((c) => c.zone === 'bunion'),
      ),
    );
    expect([...places].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('offers the other areas to avoid of the same part of the body first', () => {
    const choices = avoidQuizChoices({
      nearAvoid: [{ zone: 'patella', side: 'L' }],
      nearby: [
        { zone: 'lateral_lower_leg', side: 'L' },
        { zone: 'patella', side: 'L' },
        { zone: 'shin', side: 'L' },
        { zone: 'calf', side: 'L' },
        { zone: 'thigh_outer', side: 'L' },
      ],
      stepZones: ['lateral_lower_leg'],
      avoidZones: AVOID,
      side: 'L',
      bilateral: () => true,
      groupOf: (z) => zoneInfo(z)?.group,
      seed: 1,
    });
    // The knee is an area to avoid of the leg too: a believable wrong answer.
    expect(choices).toContainEqual({ zone: 'knee', side: 'L' });
    expect(choices).toContainEqual({ zone: 'patella', side: 'L' });
    expect(choices.map((c) => c.zone)).not.toContain('bunion');
    expect(choices).toHaveLength(5);
  });
});

describe('zones near a path on the real model', () => {
  it('finds different areas near a toe step and a leg step, nearest first', async () => {
    const body = await readBodyFile(resolve(ROOT, 'models/body-adult.glb'));
    const at = (key: string) => {
      const p = body.landmarks.get(key)?.position;
      if (!p) throw new Error(`no landmark ${key}`);
      return p;
    };
    const toe = zonesNearPath(body, [at('first_mtp_dorsal.L'), at('toe1_base.L')], 0.04);
    const toeZones = toe.map((z) => z.zone);
    expect(toeZones).toContain('first_mtp_joint');
    expect(toeZones).toContain('hallux');
    expect(toeZones).not.toContain('patella');
    expect(toeZones).not.toContain('vertebrae');
    for (let i = 1; i < toe.length; i++)
      expect(toe[i]?.distance ?? 0).toBeGreaterThanOrEqual(toe[i - 1]?.distance ?? 0);
    const leg = zonesNearPath(body, [at('lateral_leg_high.L'), at('lateral_leg_low.L')], 0.04);
    const legZones = new Set(leg.map((z) => z.zone));
    expect(legZones.has('hallux')).toBe(false);
    expect(legZones.has('lateral_lower_leg')).toBe(true);
    expect(toe.every((z) => z.distance <= 0.04)).toBe(true);
  });
});
