import { describe, expect, it } from 'vitest';
import {
  createPlayerState,
  reducePlayer,
  type PlayerEvent,
  type PlayerState,
} from '../../src/domain/player.ts';
import { formatClock, sessionTime } from '../../src/domain/sessionTimer.ts';

function run(state: PlayerState, ...events: PlayerEvent[]): PlayerState {
  return events.reduce(reducePlayer, state);
}

const load = (stepDurations: number[], skip: number[] = []): PlayerState =>
  reducePlayer(createPlayerState(), { type: 'load', protocolId: 'p', stepDurations, skip });
const tick = (dt: number): PlayerEvent => ({ type: 'tick', dt });

describe('session timer', () => {
  it('is all zero when nothing is loaded', () => {
    expect(sessionTime(createPlayerState())).toEqual({
      stepElapsed: 0,
      stepRemaining: 0,
      sessionElapsed: 0,
      sessionRemaining: 0,
      sessionTotal: 0,
    });
  });

  it('sums the step durations for the session and counts the current step', () => {
    const s = run(load([10, 20, 30]), { type: 'play' }, tick(4));
    expect(sessionTime(s)).toEqual({
      stepElapsed: 4,
      stepRemaining: 6,
      sessionElapsed: 4,
      sessionRemaining: 56,
      sessionTotal: 60,
    });
  });

  it('counts the steps before the current one as done', () => {
    const s = run(load([10, 20, 30]), { type: 'jump', stepIndex: 2 }, { type: 'play' }, tick(5));
    expect(sessionTime(s)).toMatchObject({
      stepElapsed: 5,
      stepRemaining: 25,
      sessionElapsed: 35,
      sessionRemaining: 25,
    });
  });

  it('leaves skipped steps out of the session', () => {
    const s = run(load([10, 20, 30], [1]), { type: 'next' }, { type: 'play' }, tick(3));
    expect(s.stepIndex).toBe(2);
    expect(sessionTime(s)).toMatchObject({
      sessionTotal: 40,
      sessionElapsed: 13,
      sessionRemaining: 27,
    });
  });

  it('is in real seconds at the chosen speed', () => {
    const half = run(load([10, 20]), { type: 'setSpeed', speed: 0.5 }, { type: 'play' }, tick(2));
    // 2 real seconds at 0.5× are 1 s of step time; the 30 s session takes 60 real seconds.
    expect(sessionTime(half)).toEqual({
      stepElapsed: 2,
      stepRemaining: 18,
      sessionElapsed: 2,
      sessionRemaining: 58,
      sessionTotal: 60,
    });
    const double = run(load([10, 20]), { type: 'setSpeed', speed: 2 }, { type: 'play' }, tick(2));
    expect(sessionTime(double)).toMatchObject({
      stepElapsed: 2,
      sessionRemaining: 13,
      sessionTotal: 15,
    });
  });

  it('reads the whole session as done once finished', () => {
    const s = run(
      load([3, 4]),
      { type: 'setAutoAdvance', autoAdvance: true },
      { type: 'play' },
      tick(60),
    );
    expect(s.status).toBe('finished');
    expect(sessionTime(s)).toMatchObject({
      sessionElapsed: 7,
      sessionRemaining: 0,
      stepRemaining: 0,
    });
  });

  it('is zero when every step is skipped', () => {
    expect(sessionTime(load([3, 4], [0, 1])).sessionTotal).toBe(0);
  });
});

describe('clock format', () => {
  it('writes m:ss and h:mm:ss', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(59.9)).toBe('0:59');
    expect(formatClock(59.9, 'up')).toBe('1:00');
    expect(formatClock(125)).toBe('2:05');
    expect(formatClock(3600 + 61)).toBe('1:01:01');
  });

  it('tolerates rounding noise and bad numbers', () => {
    expect(formatClock(2.9999999)).toBe('0:03');
    expect(formatClock(3.0000001, 'up')).toBe('0:03');
    expect(formatClock(-4)).toBe('0:00');
    expect(formatClock(Number.NaN)).toBe('0:00');
  });
});
