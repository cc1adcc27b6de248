import { describe, expect, it } from 'vitest';
import { describeDose, describeIntensity, formatDuration } from '../../src/domain/stepWords.ts';

describe('step words', () => {
  it('formats durations in minutes and seconds', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(90)).toBe('1 min 30 s');
    expect(formatDuration(-3)).toBe('0 s');
  });

  it('says whether a dose comes from the source', () => {
    expect(describeDose({ durationS: 120, repetitions: 10, doseFromSource: true })).toBe(
      'about 2 min, 10 times',
    );
    expect(describeDose({ durationS: 30, doseFromSource: false })).toBe(
      'about 30 s (suggested; the source gives no figure)',
    );
    expect(describeDose({ doseFromSource: false })).toBe('as long as comfortable');
  });

  it('describes a growing intensity', () => {
    expect(describeIntensity({ intensity: 'light' })).toBe('light');
    expect(describeIntensity({ intensity: 'light', intensityTo: 'vigorous' })).toBe(
      'light, growing to vigorous',
    );
    expect(describeIntensity({ intensity: 'moderate', intensityTo: 'moderate' })).toBe('moderate');
  });
});
