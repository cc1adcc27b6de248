import { describe, expect, it } from 'vitest';
import { SWIPE_MIN_PX, swipeStep } from '../../src/domain/swipe.ts';

describe('a swipe on the presentation’s caption', () => {
  it('goes to the next step when it runs left and to the previous one when it runs right', () => {
    expect(swipeStep(-120, 10)).toBe(1);
    expect(swipeStep(120, -10)).toBe(-1);
  });

  it('is a tap below the threshold, and nothing when it runs mostly up or down', () => {
    expect(swipeStep(-(SWIPE_MIN_PX - 1), 0)).toBe(0);
    expect(swipeStep(0, 0)).toBe(0);
    expect(swipeStep(-80, 120)).toBe(0);
    expect(swipeStep(80, 80)).toBe(0);
    expect(swipeStep(-SWIPE_MIN_PX, 0)).toBe(1);
  });
});
