import { describe, expect, it } from 'vitest';
import { ACROSS_MIN, sameCue, screenCue } from '../../src/domain/orientation.ts';

describe('the orientation cue', () => {
  it('gives the screen angle of a direction across the screen, clockwise from up', () => {
    expect(screenCue(0, 1, 0)).toEqual({ angle: 0, along: null });
    expect(screenCue(1, 0, 0)).toEqual({ angle: 90, along: null });
    expect(screenCue(0, -1, 0)).toEqual({ angle: 180, along: null });
    expect(screenCue(-1, 0, 0)).toEqual({ angle: 270, along: null });
    expect(screenCue(1, 1, 0.2)?.angle).toBe(45);
    // Its length does not matter.
    expect(screenCue(-30, 30, 0)).toEqual(screenCue(-1, 1, 0));
  });

  it('says toward or away for a direction along the line of sight, not an arrow', () => {
    // three.js's view space: +z comes out of the screen, toward the viewer.
    expect(screenCue(0.1, 0.1, 1)?.along).toBe('toward');
    expect(screenCue(0.1, 0, -1)?.along).toBe('away');
    // Just across the threshold it is an arrow again.
    const across = ACROSS_MIN + 0.02;
    expect(screenCue(across, 0, Math.sqrt(1 - across * across))?.along).toBe(null);
    expect(screenCue(ACROSS_MIN - 0.02, 0, 1)?.along).toBe('toward');
  });

  it('has no cue for no direction', () => {
    expect(screenCue(0, 0, 0)).toBe(null);
    expect(screenCue(Number.NaN, 0, 0)).toBe(null);
  });

  it('treats cues within a degree or two as the same, across 0/360', () => {
    expect(sameCue({ angle: 359, along: null }, { angle: 0, along: null })).toBe(true);
    expect(sameCue({ angle: 10, along: null }, { angle: 13, along: null })).toBe(false);
    expect(sameCue({ angle: 0, along: 'toward' }, { angle: 0, along: 'away' })).toBe(false);
    expect(sameCue(null, null)).toBe(true);
    expect(sameCue(null, { angle: 0, along: null })).toBe(false);
  });
});
