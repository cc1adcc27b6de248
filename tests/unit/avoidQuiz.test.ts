/** The avoid quiz (src/domain/avoidQuiz.ts): verdicts with their reasons, and the choices offered. */
import { describe, expect, it } from 'vitest';
import { AVOID_ZONES as AVOID } from '../../src/content/zoneCatalogue.ts';
import {
  avoidAnswerScore,
  avoidQuizChoices,
  checkAvoidAnswer,
} from '../../src/domain/avoidQuiz.ts';

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

  it('offers the answer among every avoid zone and the step zones, each once, in an order that gives nothing away', () => {
    const choices = avoidQuizChoices({
      nearAvoid: near,
      stepZones: ['first_mtp_joint', 'hallux', 'dorsum'],
      avoidZones: AVOID,
      side: 'L',
      bilateral: (z) => z !== 'vertebrae',
    });
    expect(choices).toEqual([
      { zone: 'bunion', side: 'L' },
      { zone: 'dorsum', side: 'L' },
      { zone: 'first_mtp_joint', side: 'L' },
      { zone: 'hallux', side: 'L' },
      { zone: 'knee', side: 'L' },
      { zone: 'patella', side: 'L' },
      { zone: 'vertebrae', side: null },
    ]);
  });
});
