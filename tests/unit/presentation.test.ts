import { describe, expect, it } from 'vitest';
import { createPlayerState, reducePlayer, type PlayerState } from '../../src/domain/player.ts';
import {
  captionShift,
  clampLines,
  countdownDisplay,
  exportFileName,
  formatClock,
  localDateOf,
  looksBlank,
  MAX_CAPTION_SHIFT,
  pickRecordingType,
  playedFraction,
  playThroughSeconds,
  recordingSize,
  secondsToNextStep,
  wrapText,
} from '../../src/domain/presentation.ts';

/** A player with a protocol of the given step durations loaded, playing with auto-advance. */
function playing(durations: number[], extra: Partial<PlayerState> = {}): PlayerState {
  let s = createPlayerState({ autoAdvance: true });
  s = reducePlayer(s, { type: 'load', protocolId: 'p', stepDurations: durations });
  s = reducePlayer(s, { type: 'play' });
  return { ...s, ...extra };
}

describe('countdown to the next step', () => {
  it('is the step time left divided by the speed', () => {
    const s = reducePlayer(playing([10, 20, 5]), { type: 'tick', dt: 3 });
    expect(secondsToNextStep(s)).toBeCloseTo(7);
    const fast = reducePlayer(reducePlayer(playing([10, 20, 5]), { type: 'setSpeed', speed: 2 }), {
      type: 'tick',
      dt: 1,
    });
    // 1 s of real time at 2× is 2 s of step time: 8 s of step time left, 4 s of real time.
    expect(secondsToNextStep(fast)).toBeCloseTo(4);
  });

  it('follows the player across an automatic step change', () => {
    const s = reducePlayer(playing([10, 20, 5]), { type: 'tick', dt: 10.5 });
    expect(s.stepIndex).toBe(1);
    expect(secondsToNextStep(s)).toBeCloseTo(19.5);
  });

  it('is absent when the player will not move on by itself', () => {
    expect(secondsToNextStep(playing([10, 20], { autoAdvance: false }))).toBeNull();
    expect(secondsToNextStep(playing([10, 20], { loopStep: true }))).toBeNull();
    expect(secondsToNextStep(playing([10, 20], { status: 'paused' }))).toBeNull();
    expect(secondsToNextStep(playing([10, 20], { stepIndex: 1, stepDuration: 20 }))).toBeNull();
    expect(secondsToNextStep(createPlayerState())).toBeNull();
  });

  it('shows whole seconds rounded up, never below zero', () => {
    expect(countdownDisplay(7)).toBe(7);
    expect(countdownDisplay(6.01)).toBe(7);
    expect(countdownDisplay(0.2)).toBe(1);
    expect(countdownDisplay(0)).toBe(0);
    expect(countdownDisplay(-3)).toBe(0);
    expect(countdownDisplay(Number.NaN)).toBe(0);
  });

  it('formats clock times', () => {
    expect(formatClock(7)).toBe('0:07');
    expect(formatClock(65)).toBe('1:05');
    expect(formatClock(720)).toBe('12:00');
    expect(formatClock(-1)).toBe('0:00');
  });
});

describe('play-through', () => {
  it('takes the sum of the steps divided by the speed', () => {
    expect(playThroughSeconds([8, 8, 8], 2)).toBe(12);
    expect(playThroughSeconds([8, 8, 8], 1)).toBe(24);
    expect(playThroughSeconds([10, Number.NaN], 1)).toBe(20);
  });

  it('reports how much of the protocol has been played', () => {
    const start = playing([10, 30]);
    expect(playedFraction(start)).toBe(0);
    expect(playedFraction(reducePlayer(start, { type: 'tick', dt: 5 }))).toBeCloseTo(5 / 40);
    expect(playedFraction(reducePlayer(start, { type: 'tick', dt: 20 }))).toBeCloseTo(20 / 40);
    const done = reducePlayer(start, { type: 'tick', dt: 100 });
    expect(done.status).toBe('finished');
    expect(playedFraction(done)).toBe(1);
    expect(playedFraction(createPlayerState())).toBe(0);
  });
});

describe('caption lines', () => {
  // One unit per character: easy to reason about.
  const measure = (s: string) => s.length;

  it('wraps at word boundaries within the width', () => {
    const lines = wrapText('Hold the little toe and gently pull it straight.', 16, measure);
    expect(lines).toEqual(['Hold the little', 'toe and gently', 'pull it', 'straight.']);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(16);
  });

  it('cuts a word longer than a line and ignores extra spaces', () => {
    expect(wrapText('  a   bbbbbbbbbb c ', 4, measure)).toEqual(['a', 'bbbb', 'bbbb', 'bb c']);
    expect(wrapText('', 10, measure)).toEqual([]);
  });

  it('keeps at most a number of lines, marking the cut', () => {
    expect(clampLines(['a', 'b', 'c', 'd'], 2)).toEqual(['a', 'b…']);
    expect(clampLines(['a', 'b'], 3)).toEqual(['a', 'b']);
  });
});

describe('recording', () => {
  it('picks the first supported WebM type', () => {
    expect(pickRecordingType(() => true)).toBe('video/webm;codecs=vp9');
    expect(pickRecordingType((t) => t !== 'video/webm;codecs=vp9')).toBe('video/webm;codecs=vp8');
    expect(pickRecordingType((t) => t === 'video/webm')).toBe('video/webm');
    expect(pickRecordingType(() => false)).toBeNull();
  });

  it('sizes the video to the view, at most 960 wide, with even sides', () => {
    expect(recordingSize(940, 677)).toEqual({ width: 940, height: 678 });
    expect(recordingSize(1920, 1080)).toEqual({ width: 960, height: 540 });
    expect(recordingSize(0, 100)).toEqual({ width: 640, height: 360 });
  });

  it('names files from the protocol id with safe characters only', () => {
    expect(exportFileName('p7-anti-stress-toes', 'webm')).toBe('footwork-p7-anti-stress-toes.webm');
    expect(exportFileName('../x y', 'ics')).toBe('footwork-x-y.ics');
    expect(exportFileName('', 'ics')).toBe('footwork-footwork.ics');
  });
});

describe('dates and pictures', () => {
  it("gives the device's civil date", () => {
    expect(localDateOf(new Date(2027, 2, 1, 23, 59))).toBe('2027-03-01');
    expect(localDateOf(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
  });

  it('tells a blank picture from one with something in it', () => {
    const size = 40 * 40 * 4;
    const flat = new Uint8ClampedArray(size).map((_, i) => (i % 4 === 3 ? 255 : 30));
    expect(looksBlank(flat)).toBe(true);
    const busy = new Uint8ClampedArray(size).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
    expect(looksBlank(busy)).toBe(false);
    // Many colours but all nearly the same brightness: still blank.
    const noise = new Uint8ClampedArray(size).map((_, i) =>
      i % 4 === 3 ? 255 : 30 + ((i * 7) % 9),
    );
    expect(looksBlank(noise)).toBe(true);
  });
});

describe('room for the captions', () => {
  it('centres the picture in the space above the captions', () => {
    // Captions start 500 px down a 700 px canvas: move the picture up by half the covered 200 px.
    expect(captionShift(700, 500)).toBe(100);
  });

  it('never moves the picture down and never more than the cap', () => {
    expect(captionShift(700, 700)).toBe(0);
    expect(captionShift(700, 900)).toBe(0);
    expect(captionShift(700, 0)).toBe(700 * MAX_CAPTION_SHIFT);
    expect(captionShift(0, 100)).toBe(0);
    expect(captionShift(700, Number.NaN)).toBe(0);
  });
});
