import { describe, expect, it } from 'vitest';
import { parseMode, withMode } from '../../src/domain/modes.ts';

describe('modes', () => {
  it('reads a mode from a URL value, forgiving case and spaces', () => {
    expect(parseMode('present')).toBe('present');
    expect(parseMode(' TRAIN ')).toBe('train');
    expect(parseMode('learn')).toBe('learn');
  });

  it('ignores anything that is not a mode', () => {
    expect(parseMode('admin')).toBeUndefined();
    expect(parseMode('')).toBeUndefined();
    expect(parseMode(null)).toBeUndefined();
    expect(parseMode(undefined)).toBeUndefined();
  });

  it('writes the mode into a search string and keeps the other parameters in order', () => {
    expect(withMode('protocol=p1&step=2&lang=ru', 'present')).toBe(
      'protocol=p1&step=2&lang=ru&mode=present',
    );
    expect(withMode('mode=train&lang=ru', 'present')).toBe('mode=present&lang=ru');
  });

  it('leaves the default mode out of the URL', () => {
    expect(withMode('protocol=p1&mode=train', 'learn')).toBe('protocol=p1');
    expect(withMode('', 'learn')).toBe('');
  });
});
