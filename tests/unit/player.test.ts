import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STEP_DURATION_S,
  PLAYER_SPEEDS,
  createPlayerState,
  hasPlayableStep,
  isAtStepEnd,
  isSkipped,
  reducePlayer,
  snapSpeed,
  stepProgress,
  type PlayerEvent,
  type PlayerState,
} from '../../src/domain/player.ts';

/** Applies events in order. */
function run(state: PlayerState, ...events: PlayerEvent[]): PlayerState {
  return events.reduce(reducePlayer, state);
}

const loaded = (durations: number[] = [10, 20, 5], stepIndex?: number) =>
  reducePlayer(createPlayerState(), {
    type: 'load',
    protocolId: 'lymph-drainage',
    stepDurations: durations,
    stepIndex,
  });

const tick = (dt: number): PlayerEvent => ({ type: 'tick', dt });

describe('player: initial state and load', () => {
  it('starts idle with nothing loaded, at speed 1, no loop, no auto-advance', () => {
    const s = createPlayerState();
    expect(s).toMatchObject({
      protocolId: null,
      stepCount: 0,
      status: 'idle',
      speed: 1,
      loopStep: false,
      autoAdvance: false,
      elapsed: 0,
    });
  });

  it('takes preferences at creation, snapping the speed', () => {
    expect(createPlayerState({ speed: 1.6, loopStep: true, autoAdvance: true })).toMatchObject({
      speed: 1.5,
      loopStep: true,
      autoAdvance: true,
    });
    expect(createPlayerState({ speed: Number.NaN }).speed).toBe(1);
  });

  it('loads a protocol at its first step, idle, with that step’s duration', () => {
    const s = loaded();
    expect(s).toMatchObject({
      protocolId: 'lymph-drainage',
      stepCount: 3,
      stepIndex: 0,
      status: 'idle',
      elapsed: 0,
      stepDuration: 10,
    });
    expect(s.stepDurations).toEqual([10, 20, 5]);
  });

  it('loads at a given step (deep link), clamped into range', () => {
    expect(loaded(undefined, 2)).toMatchObject({ stepIndex: 2, stepDuration: 5 });
    expect(loaded(undefined, 7).stepIndex).toBe(2);
    expect(loaded(undefined, -3).stepIndex).toBe(0);
    expect(loaded(undefined, 1.5).stepIndex).toBe(0);
  });

  it('replaces bad durations with the default', () => {
    const s = loaded([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 3]);
    expect(s.stepDurations).toEqual([
      DEFAULT_STEP_DURATION_S,
      DEFAULT_STEP_DURATION_S,
      DEFAULT_STEP_DURATION_S,
      DEFAULT_STEP_DURATION_S,
      3,
    ]);
  });

  it('keeps speed, loop and auto-advance across loads and resets position and status', () => {
    const before = run(
      loaded(),
      { type: 'setSpeed', speed: 0.5 },
      { type: 'setLoop', loopStep: true },
      { type: 'setAutoAdvance', autoAdvance: true },
      { type: 'play' },
      tick(3),
      { type: 'next' },
    );
    const after = reducePlayer(before, { type: 'load', protocolId: 'other', stepDurations: [4] });
    expect(after).toMatchObject({
      protocolId: 'other',
      stepIndex: 0,
      elapsed: 0,
      status: 'idle',
      speed: 0.5,
      loopStep: true,
      autoAdvance: true,
      stepDuration: 4,
    });
  });

  it('ignores every playback event while nothing is loaded', () => {
    const empty = createPlayerState();
    const events: PlayerEvent[] = [
      { type: 'play' },
      { type: 'pause' },
      { type: 'toggle' },
      { type: 'next' },
      { type: 'previous' },
      { type: 'restart' },
      { type: 'jump', stepIndex: 0 },
      tick(1),
    ];
    for (const e of events) expect(reducePlayer(empty, e), e.type).toBe(empty);
    const none = reducePlayer(empty, { type: 'load', protocolId: 'x', stepDurations: [] });
    expect(none).toMatchObject({ stepCount: 0, stepDuration: 0 });
    expect(reducePlayer(none, { type: 'play' })).toBe(none);
  });
});

describe('player: play, pause, toggle', () => {
  it('plays from idle and pauses; repeated play / pause are no-ops returning the same object', () => {
    const playing = reducePlayer(loaded(), { type: 'play' });
    expect(playing.status).toBe('playing');
    expect(reducePlayer(playing, { type: 'play' })).toBe(playing);
    const paused = reducePlayer(playing, { type: 'pause' });
    expect(paused.status).toBe('paused');
    expect(reducePlayer(paused, { type: 'pause' })).toBe(paused);
    const idle = loaded();
    expect(reducePlayer(idle, { type: 'pause' })).toBe(idle);
  });

  it('resumes from where it paused', () => {
    const s = run(loaded(), { type: 'play' }, tick(4), { type: 'pause' }, { type: 'play' });
    expect(s).toMatchObject({ status: 'playing', elapsed: 4 });
  });

  it('toggles between playing and paused', () => {
    const a = reducePlayer(loaded(), { type: 'toggle' });
    expect(a.status).toBe('playing');
    const b = reducePlayer(a, { type: 'toggle' });
    expect(b.status).toBe('paused');
    expect(reducePlayer(b, { type: 'toggle' }).status).toBe('playing');
  });

  it('replays a step that is paused at its end', () => {
    const atEnd = run(loaded(), { type: 'play' }, tick(12));
    expect(atEnd).toMatchObject({ status: 'paused', elapsed: 10, stepIndex: 0 });
    expect(isAtStepEnd(atEnd)).toBe(true);
    expect(reducePlayer(atEnd, { type: 'play' })).toMatchObject({
      status: 'playing',
      elapsed: 0,
      stepIndex: 0,
    });
  });

  it('starts over from the first step when finished', () => {
    const finished = run(
      loaded(),
      { type: 'setAutoAdvance', autoAdvance: true },
      { type: 'play' },
      tick(100),
    );
    expect(finished.status).toBe('finished');
    expect(reducePlayer(finished, { type: 'play' })).toMatchObject({
      status: 'playing',
      stepIndex: 0,
      elapsed: 0,
      stepDuration: 10,
    });
    expect(reducePlayer(finished, { type: 'toggle' })).toMatchObject({
      status: 'playing',
      stepIndex: 0,
    });
    expect(reducePlayer(finished, { type: 'pause' })).toBe(finished);
  });
});

describe('player: next, previous, restart, jump', () => {
  it('moves to the next step at its start, keeping the playing status', () => {
    const s = run(loaded(), { type: 'play' }, tick(3), { type: 'next' });
    expect(s).toMatchObject({ stepIndex: 1, elapsed: 0, stepDuration: 20, status: 'playing' });
    const idle = reducePlayer(loaded(), { type: 'next' });
    expect(idle).toMatchObject({ stepIndex: 1, status: 'idle' });
  });

  it('does nothing on next at the last step', () => {
    const last = loaded(undefined, 2);
    expect(reducePlayer(last, { type: 'next' })).toBe(last);
  });

  it('goes to the previous step, rewinds the first one, and is a no-op at the very start', () => {
    const s = run(loaded(undefined, 2), { type: 'play' }, tick(1), { type: 'previous' });
    expect(s).toMatchObject({ stepIndex: 1, elapsed: 0, status: 'playing', stepDuration: 20 });
    const first = run(loaded(), { type: 'play' }, tick(2));
    expect(reducePlayer(first, { type: 'previous' })).toMatchObject({
      stepIndex: 0,
      elapsed: 0,
      status: 'playing',
    });
    const atStart = loaded();
    expect(reducePlayer(atStart, { type: 'previous' })).toBe(atStart);
  });

  it('leaves the finished state as paused when stepping back', () => {
    const finished = run(
      loaded(),
      { type: 'setAutoAdvance', autoAdvance: true },
      { type: 'play' },
      tick(100),
    );
    expect(reducePlayer(finished, { type: 'previous' })).toMatchObject({
      stepIndex: 1,
      status: 'paused',
      elapsed: 0,
    });
    expect(reducePlayer(finished, { type: 'next' })).toBe(finished);
  });

  it('restarts the current step from its start and plays it', () => {
    const s = run(
      loaded(),
      { type: 'next' },
      { type: 'play' },
      tick(5),
      { type: 'pause' },
      { type: 'restart' },
    );
    expect(s).toMatchObject({ stepIndex: 1, elapsed: 0, status: 'playing' });
    expect(reducePlayer(s, { type: 'restart' })).toBe(s);
    const idle = reducePlayer(loaded(), { type: 'restart' });
    expect(idle).toMatchObject({ status: 'playing', elapsed: 0, stepIndex: 0 });
  });

  it('jumps to any valid step and ignores invalid indices', () => {
    const s = loaded();
    expect(reducePlayer(s, { type: 'jump', stepIndex: 2 })).toMatchObject({
      stepIndex: 2,
      elapsed: 0,
      stepDuration: 5,
      status: 'idle',
    });
    for (const bad of [-1, 3, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(reducePlayer(s, { type: 'jump', stepIndex: bad }), String(bad)).toBe(s);
    expect(reducePlayer(s, { type: 'jump', stepIndex: 0 })).toBe(s);
    const midway = run(s, { type: 'play' }, tick(2));
    expect(reducePlayer(midway, { type: 'jump', stepIndex: 0 })).toMatchObject({
      stepIndex: 0,
      elapsed: 0,
      status: 'playing',
    });
  });
});

describe('player: speed, loop, auto-advance settings', () => {
  it('snaps speeds to the offered steps and clamps to 0.25–2', () => {
    expect(snapSpeed(1)).toBe(1);
    expect(snapSpeed(0.6)).toBe(0.5);
    expect(snapSpeed(0.7)).toBe(0.75);
    expect(snapSpeed(1.8)).toBe(2);
    expect(snapSpeed(1.7)).toBe(1.5);
    expect(snapSpeed(0.01)).toBe(0.25);
    expect(snapSpeed(-4)).toBe(0.25);
    expect(snapSpeed(9)).toBe(2);
    expect(snapSpeed(Number.NaN)).toBeNull();
    expect(snapSpeed(Number.POSITIVE_INFINITY)).toBeNull();
    for (const s of PLAYER_SPEEDS) expect(snapSpeed(s)).toBe(s);
  });

  it('sets the speed, clamped; same speed or not a number is a no-op', () => {
    const s = loaded();
    expect(reducePlayer(s, { type: 'setSpeed', speed: 5 }).speed).toBe(2);
    expect(reducePlayer(s, { type: 'setSpeed', speed: 0.1 }).speed).toBe(0.25);
    expect(reducePlayer(s, { type: 'setSpeed', speed: 1 })).toBe(s);
    expect(reducePlayer(s, { type: 'setSpeed', speed: 1.1 })).toBe(s);
    expect(reducePlayer(s, { type: 'setSpeed', speed: Number.NaN })).toBe(s);
  });

  it('steps the speed one notch up or down and stops at the ends', () => {
    const s = loaded();
    expect(reducePlayer(s, { type: 'stepSpeed', by: 1 }).speed).toBe(1.25);
    expect(reducePlayer(s, { type: 'stepSpeed', by: -1 }).speed).toBe(0.75);
    const fastest = reducePlayer(s, { type: 'setSpeed', speed: 2 });
    expect(reducePlayer(fastest, { type: 'stepSpeed', by: 1 })).toBe(fastest);
    const slowest = reducePlayer(s, { type: 'setSpeed', speed: 0.25 });
    expect(reducePlayer(slowest, { type: 'stepSpeed', by: -1 })).toBe(slowest);
  });

  it('sets loop and auto-advance, no-op when unchanged', () => {
    const s = loaded();
    const looping = reducePlayer(s, { type: 'setLoop', loopStep: true });
    expect(looping.loopStep).toBe(true);
    expect(reducePlayer(looping, { type: 'setLoop', loopStep: true })).toBe(looping);
    expect(reducePlayer(s, { type: 'setLoop', loopStep: false })).toBe(s);
    const auto = reducePlayer(s, { type: 'setAutoAdvance', autoAdvance: true });
    expect(auto.autoAdvance).toBe(true);
    expect(reducePlayer(auto, { type: 'setAutoAdvance', autoAdvance: true })).toBe(auto);
    expect(reducePlayer(s, { type: 'setAutoAdvance', autoAdvance: false })).toBe(s);
  });
});

describe('player: tick', () => {
  const playing = (durations?: number[]) => reducePlayer(loaded(durations), { type: 'play' });

  it('advances elapsed by dt × speed while playing', () => {
    expect(reducePlayer(playing(), tick(2)).elapsed).toBe(2);
    const fast = run(playing(), { type: 'setSpeed', speed: 2 }, tick(2));
    expect(fast.elapsed).toBe(4);
    const slow = run(playing(), { type: 'setSpeed', speed: 0.25 }, tick(2));
    expect(slow.elapsed).toBe(0.5);
    expect(stepProgress(slow)).toBeCloseTo(0.05, 12);
  });

  it('ignores ticks unless playing, and bad or non-positive dt', () => {
    const idle = loaded();
    expect(reducePlayer(idle, tick(1))).toBe(idle);
    const paused = run(playing(), tick(1), { type: 'pause' });
    expect(reducePlayer(paused, tick(1))).toBe(paused);
    const p = playing();
    for (const dt of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(reducePlayer(p, tick(dt)), String(dt)).toBe(p);
  });

  it('pauses at the end of the step without loop or auto-advance', () => {
    const s = run(playing(), tick(9), tick(2));
    expect(s).toMatchObject({ status: 'paused', elapsed: 10, stepIndex: 0 });
    expect(stepProgress(s)).toBe(1);
  });

  it('wraps within the step when looping, and keeps playing', () => {
    const s = run(playing(), { type: 'setLoop', loopStep: true }, tick(9), tick(2.5));
    expect(s.status).toBe('playing');
    expect(s.stepIndex).toBe(0);
    expect(s.elapsed).toBeCloseTo(1.5, 12);
    // Looping wins over auto-advance.
    const both = run(
      playing(),
      { type: 'setLoop', loopStep: true },
      { type: 'setAutoAdvance', autoAdvance: true },
      tick(25),
    );
    expect(both).toMatchObject({ stepIndex: 0, status: 'playing' });
    expect(both.elapsed).toBeCloseTo(5, 12);
  });

  it('auto-advances to the next step carrying the overshoot', () => {
    const s = run(playing(), { type: 'setAutoAdvance', autoAdvance: true }, tick(9), tick(3));
    expect(s).toMatchObject({ stepIndex: 1, stepDuration: 20, status: 'playing' });
    expect(s.elapsed).toBeCloseTo(2, 12);
  });

  it('crosses several steps in one long tick and finishes at the end of the last', () => {
    const across = run(playing(), { type: 'setAutoAdvance', autoAdvance: true }, tick(32));
    expect(across).toMatchObject({ stepIndex: 2, status: 'playing' });
    expect(across.elapsed).toBeCloseTo(2, 12);
    const done = run(playing(), { type: 'setAutoAdvance', autoAdvance: true }, tick(1000));
    expect(done).toMatchObject({ stepIndex: 2, status: 'finished', elapsed: 5, stepDuration: 5 });
    expect(reducePlayer(done, tick(1))).toBe(done);
  });

  it('finishes exactly at the end of the last step', () => {
    const s = run(
      reducePlayer(loaded(), { type: 'jump', stepIndex: 2 }),
      { type: 'setAutoAdvance', autoAdvance: true },
      { type: 'play' },
      tick(5),
    );
    expect(s).toMatchObject({ status: 'finished', stepIndex: 2, elapsed: 5 });
  });
});

describe('player: skipped steps', () => {
  /** Five steps of 10, 20, 5, 8 and 4 s, with `skip` passed over. */
  const withSkip = (skip: number[], stepIndex?: number) =>
    reducePlayer(createPlayerState(), {
      type: 'load',
      protocolId: 'p',
      stepDurations: [10, 20, 5, 8, 4],
      stepIndex,
      skip,
    });

  it('loads without skipped steps when none are given (as before)', () => {
    expect(loaded().skipped).toEqual([]);
    expect(hasPlayableStep(loaded())).toBe(true);
    expect(hasPlayableStep(createPlayerState())).toBe(false);
  });

  it('cleans the skip list: integers in range, sorted, once each', () => {
    const s = withSkip([3, 1, 3, -1, 9, 1.5, Number.NaN]);
    expect(s.skipped).toEqual([1, 3]);
    expect(isSkipped(s, 1)).toBe(true);
    expect(isSkipped(s, 2)).toBe(false);
  });

  it('loads at the next playable step when the asked one is skipped, else the previous one', () => {
    expect(withSkip([0, 1]).stepIndex).toBe(2);
    expect(withSkip([1], 1)).toMatchObject({ stepIndex: 2, stepDuration: 5 });
    expect(withSkip([3, 4], 4).stepIndex).toBe(2);
  });

  it('next and previous pass over skipped steps', () => {
    let s = withSkip([1, 2]);
    s = reducePlayer(s, { type: 'next' });
    expect(s).toMatchObject({ stepIndex: 3, stepDuration: 8 });
    s = reducePlayer(s, { type: 'next' });
    expect(s.stepIndex).toBe(4);
    // No playable step after the last: no-op.
    expect(reducePlayer(s, { type: 'next' })).toBe(s);
    s = run(s, { type: 'previous' }, { type: 'previous' });
    expect(s.stepIndex).toBe(0);
  });

  it('previous on the first playable step rewinds it', () => {
    const s = run(withSkip([0]), { type: 'play' }, tick(3));
    expect(s.stepIndex).toBe(1);
    const back = reducePlayer(s, { type: 'previous' });
    expect(back).toMatchObject({ stepIndex: 1, elapsed: 0, status: 'playing' });
    expect(reducePlayer(back, { type: 'previous' })).toBe(back);
  });

  it('jump to a skipped step does nothing; to a playable one works', () => {
    const s = withSkip([2]);
    expect(reducePlayer(s, { type: 'jump', stepIndex: 2 })).toBe(s);
    expect(reducePlayer(s, { type: 'jump', stepIndex: 3 }).stepIndex).toBe(3);
  });

  it('auto-advance passes over skipped steps, carrying the overshoot', () => {
    const s = run(
      withSkip([1, 2]),
      { type: 'setAutoAdvance', autoAdvance: true },
      { type: 'play' },
      tick(11),
    );
    expect(s).toMatchObject({ stepIndex: 3, status: 'playing' });
    expect(s.elapsed).toBeCloseTo(1, 9);
  });

  it('finishes at the last playable step when the steps after it are skipped', () => {
    const s = run(
      withSkip([3, 4]),
      { type: 'setAutoAdvance', autoAdvance: true },
      { type: 'play' },
      tick(40),
    );
    expect(s).toMatchObject({ stepIndex: 2, status: 'finished', elapsed: 5 });
    // Playing again starts over at the first playable step.
    const again = run(
      withSkip([0, 3, 4]),
      { type: 'setAutoAdvance', autoAdvance: true },
      { type: 'play' },
      tick(40),
      { type: 'play' },
    );
    expect(again).toMatchObject({ stepIndex: 1, status: 'playing', elapsed: 0 });
  });

  it('plays nothing when every step is skipped', () => {
    const s = withSkip([0, 1, 2, 3, 4], 2);
    expect(s.stepIndex).toBe(2);
    expect(hasPlayableStep(s)).toBe(false);
    for (const e of [
      { type: 'play' },
      { type: 'toggle' },
      { type: 'restart' },
      { type: 'next' },
      { type: 'previous' },
      { type: 'jump', stepIndex: 0 },
      tick(1),
    ] as PlayerEvent[]) {
      expect(reducePlayer(s, e), e.type).toBe(s);
    }
  });

  it('setSkipped leaves the current step alone when it stays playable', () => {
    const s = run(withSkip([]), { type: 'play' }, tick(2));
    const next = reducePlayer(s, { type: 'setSkipped', skip: [3] });
    expect(next).toMatchObject({ stepIndex: 0, status: 'playing', elapsed: 2, skipped: [3] });
    // The same list again changes nothing.
    expect(reducePlayer(next, { type: 'setSkipped', skip: [3, 3] })).toBe(next);
  });

  it('setSkipped moves off a step that becomes skipped and pauses', () => {
    const playing = run(withSkip([]), { type: 'jump', stepIndex: 1 }, { type: 'play' }, tick(2));
    const moved = reducePlayer(playing, { type: 'setSkipped', skip: [1, 2] });
    expect(moved).toMatchObject({ stepIndex: 3, status: 'paused', elapsed: 0, stepDuration: 8 });
    // None after: back to the previous playable step.
    const last = run(
      withSkip([]),
      { type: 'jump', stepIndex: 4 },
      { type: 'setSkipped', skip: [3, 4] },
    );
    expect(last).toMatchObject({ stepIndex: 2, status: 'idle' });
  });

  it('setSkipped with every step pauses where it is; clearing it lets it play again', () => {
    const playing = run(withSkip([]), { type: 'play' }, tick(1));
    const blocked = reducePlayer(playing, { type: 'setSkipped', skip: [0, 1, 2, 3, 4] });
    expect(blocked).toMatchObject({ stepIndex: 0, status: 'paused' });
    expect(reducePlayer(blocked, { type: 'play' })).toBe(blocked);
    const cleared = run(blocked, { type: 'setSkipped', skip: [] }, { type: 'play' });
    expect(cleared.status).toBe('playing');
  });

  it('a new load replaces the skipped steps', () => {
    const s = reducePlayer(withSkip([1]), { type: 'load', protocolId: 'q', stepDurations: [3, 3] });
    expect(s.skipped).toEqual([]);
  });
});
