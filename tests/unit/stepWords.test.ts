import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeDose,
  describeIntensity,
  formatDuration,
  handPartWord,
  phaseWord,
  techniqueWord,
} from '../../src/domain/stepWords.ts';
import { loadLocale, translator } from '../../src/i18n/i18n.ts';

// Russian loads on demand in the app; these tests read it.
beforeAll(() => loadLocale('ru'));

const en = translator('en');
const ru = translator('ru');

describe('step words', () => {
  it('formats durations in minutes and seconds', () => {
    expect(formatDuration(45, en)).toBe('45 s');
    expect(formatDuration(600, en)).toBe('10 min');
    expect(formatDuration(90, en)).toBe('1 min 30 s');
    expect(formatDuration(-3, en)).toBe('0 s');
  });

  it('says whether a dose comes from the source', () => {
    expect(describeDose({ durationS: 120, repetitions: 10, doseFromSource: true }, en)).toBe(
      'about 2 min, 10 times',
    );
    expect(describeDose({ repetitions: 1, doseFromSource: true }, en)).toBe('1 time');
    expect(describeDose({ durationS: 30, doseFromSource: false }, en)).toBe(
      'about 30 s (suggested; the source gives no figure)',
    );
    expect(describeDose({ doseFromSource: false }, en)).toBe('as long as comfortable');
  });

  it('describes a growing intensity', () => {
    expect(describeIntensity({ intensity: 'light' }, en)).toBe('light');
    expect(describeIntensity({ intensity: 'light', intensityTo: 'vigorous' }, en)).toBe(
      'light, growing to vigorous',
    );
    expect(describeIntensity({ intensity: 'moderate', intensityTo: 'moderate' }, en)).toBe(
      'moderate',
    );
  });
});

describe('step words in Russian', () => {
  it('names techniques, hand parts and phases', () => {
    expect(techniqueWord('stroking', ru)).toBe('Поглаживание');
    expect(techniqueWord('stroking', en)).toBe('Stroking');
    expect(handPartWord('thumb_pad', ru)).toBe('подушечка большого пальца');
    expect(phaseWord('main', ru)).toBe('Массаж');
  });

  it('formats durations and doses, with the plural the count takes', () => {
    expect(formatDuration(90, ru)).toBe('1 мин 30 с');
    expect(formatDuration(45, ru)).toBe('45 с');
    expect(describeDose({ durationS: 120, repetitions: 10, doseFromSource: true }, ru)).toBe(
      'около 2 мин, 10 раз',
    );
    expect(describeDose({ repetitions: 1, doseFromSource: true }, ru)).toBe('1 раз');
    expect(describeDose({ repetitions: 3, doseFromSource: true }, ru)).toBe('3 раза');
    expect(describeDose({ repetitions: 12, doseFromSource: true }, ru)).toBe('12 раз');
    expect(describeDose({ repetitions: 21, doseFromSource: true }, ru)).toBe('21 раз');
    expect(describeDose({ repetitions: 22, doseFromSource: true }, ru)).toBe('22 раза');
    expect(describeDose({ durationS: 30, doseFromSource: false }, ru)).toBe(
      'около 30 с (ориентировочно; в источнике цифры нет)',
    );
    expect(describeDose({ doseFromSource: false }, ru)).toBe('сколько комфортно');
  });

  it('describes a growing intensity', () => {
    expect(describeIntensity({ intensity: 'light' }, ru)).toBe('лёгкая');
    expect(describeIntensity({ intensity: 'light', intensityTo: 'vigorous' }, ru)).toBe(
      'от лёгкой до интенсивной',
    );
  });
});
