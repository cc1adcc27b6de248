/**
 * The step player as a pure reducer: `reducePlayer(state, event)` returns the next state, or the
 * very same object when the event changes nothing (an invalid or redundant transition), so a
 * store can skip the update with a reference check.
 *
 * Time: `elapsed` is seconds of step time at speed 1 (motion sampling uses it directly);
 * `tick(dt)` advances it by dt × speed. At the end of a step: with `loopStep` it wraps and keeps
 * playing; else with `autoAdvance` it goes on to the next step (carrying the overshoot), or
 * finishes after the last one; otherwise it pauses at the end of the step.
 *
 * Skipped steps (`skipped`, e.g. steps on a zone a contraindication rules out) are never played:
 * next, previous, jump and auto-advance pass over them, and the current step is never a skipped
 * one unless every step is skipped, in which case nothing plays at all.
 */
import { itemAt } from './arrays.ts';

export type PlayerStatus = 'idle' | 'playing' | 'paused' | 'finished';

/** Speeds the player offers; `setSpeed` clamps to 0.25–2 and snaps to the nearest of these. */
export const PLAYER_SPEEDS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 2;
/** Duration used for a step whose duration is missing or not a positive number, seconds. */
export const DEFAULT_STEP_DURATION_S = 10;

export interface PlayerState {
  readonly protocolId: string | null;
  readonly stepIndex: number;
  readonly stepCount: number;
  readonly status: PlayerStatus;
  readonly speed: number;
  readonly loopStep: boolean;
  readonly autoAdvance: boolean;
  /** Seconds into the current step (step time, at speed 1). */
  readonly elapsed: number;
  /** Duration of the current step, seconds. */
  readonly stepDuration: number;
  /** Durations of every step of the loaded protocol, seconds. */
  readonly stepDurations: readonly number[];
  /** Indices of the steps the player passes over, ascending, without duplicates. */
  readonly skipped: readonly number[];
}

export type PlayerEvent =
  /**
   * A protocol's step durations (seconds), starting idle at `stepIndex` (default 0, clamped; a
   * skipped one moves on to the next step that is not skipped). `skip`: steps to pass over.
   */
  | {
      readonly type: 'load';
      readonly protocolId: string;
      readonly stepDurations: readonly number[];
      readonly stepIndex?: number;
      readonly skip?: readonly number[];
    }
  /**
   * Replaces the steps to pass over. When the current step becomes skipped the player moves to
   * the start of the next step that is not (else the previous one), pausing if it was playing;
   * when every step is skipped it stays and pauses.
   */
  | { readonly type: 'setSkipped'; readonly skip: readonly number[] }
  /** Play or resume; at a step's end replays it; when finished starts over from step 0. */
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  /** Pause when playing, else `play`. */
  | { readonly type: 'toggle' }
  /** To the start of the next step, keeping playing / paused / idle (finished → paused). */
  | { readonly type: 'next' }
  /** To the start of the previous step; on the first step, back to its start. */
  | { readonly type: 'previous' }
  /** Replays the current step from its start (and plays). */
  | { readonly type: 'restart' }
  /** To the start of step `stepIndex` (0-based); out of range, not an integer or skipped: no-op. */
  | { readonly type: 'jump'; readonly stepIndex: number }
  /** Clamped to 0.25–2 and snapped to `PLAYER_SPEEDS`. */
  | { readonly type: 'setSpeed'; readonly speed: number }
  /** One notch up (+1) or down (−1) in `PLAYER_SPEEDS`. */
  | { readonly type: 'stepSpeed'; readonly by: 1 | -1 }
  | { readonly type: 'setLoop'; readonly loopStep: boolean }
  | { readonly type: 'setAutoAdvance'; readonly autoAdvance: boolean }
  | { readonly type: 'tick'; readonly dt: number };

/** The player before any protocol is loaded. Preferences (speed, loop, auto-advance) can be set. */
export function createPlayerState(
  options: { speed?: number; loopStep?: boolean; autoAdvance?: boolean } = {},
): PlayerState {
  return {
    protocolId: null,
    stepIndex: 0,
    stepCount: 0,
    status: 'idle',
    speed: options.speed === undefined ? 1 : (snapSpeed(options.speed) ?? 1),
    loopStep: options.loopStep ?? false,
    autoAdvance: options.autoAdvance ?? false,
    elapsed: 0,
    stepDuration: 0,
    stepDurations: [],
    skipped: [],
  };
}

/**
 * Clamps a speed to 0.25–2 and snaps it to the nearest offered speed; null for a value that is
 * not a finite number.
 */
export function snapSpeed(speed: number): number | null {
  if (!Number.isFinite(speed)) return null;
  const clamped = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
  let best: number = PLAYER_SPEEDS[0];
  for (const s of PLAYER_SPEEDS) if (Math.abs(s - clamped) < Math.abs(best - clamped)) best = s;
  return best;
}

/** Fraction of the current step done, 0..1 (0 when nothing is loaded). */
export function stepProgress(state: PlayerState): number {
  return state.stepDuration > 0 ? Math.min(1, state.elapsed / state.stepDuration) : 0;
}

/** Whether the player is at the end of its current step (paused there or finished). */
export function isAtStepEnd(state: PlayerState): boolean {
  return state.stepCount > 0 && state.elapsed >= state.stepDuration;
}

/** Whether step `index` is one the player passes over. */
export function isSkipped(state: PlayerState, index: number): boolean {
  return state.skipped.includes(index);
}

/** Whether any step of the loaded protocol can be played (false when nothing is loaded). */
export function hasPlayableStep(state: PlayerState): boolean {
  return state.stepCount > state.skipped.length;
}

/** The first step at or after `from` that is not skipped, or null. */
export function nextPlayable(state: PlayerState, from: number): number | null {
  for (let i = Math.max(0, from); i < state.stepCount; i++) if (!isSkipped(state, i)) return i;
  return null;
}

/** The last step at or before `from` that is not skipped, or null. */
export function previousPlayable(state: PlayerState, from: number): number | null {
  for (let i = Math.min(state.stepCount - 1, from); i >= 0; i--) if (!isSkipped(state, i)) return i;
  return null;
}

/** Valid step indices, ascending and unique. */
function cleanSkip(skip: readonly number[], count: number): number[] {
  return [...new Set(skip)]
    .filter((i) => Number.isInteger(i) && i >= 0 && i < count)
    .sort((a, b) => a - b);
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A step's duration made safe: positive and finite, else the default. */
function sanitizeDuration(d: number | undefined): number {
  return d !== undefined && Number.isFinite(d) && d > 0 ? d : DEFAULT_STEP_DURATION_S;
}

/** The state moved to the start of step `index` with the given status. */
function atStep(state: PlayerState, index: number, status: PlayerStatus): PlayerState {
  return {
    ...state,
    stepIndex: index,
    elapsed: 0,
    stepDuration: sanitizeDuration(state.stepDurations[index]),
    status,
  };
}

/** Status to keep when moving between steps: playing stays playing; finished becomes paused. */
function statusAfterMove(status: PlayerStatus): PlayerStatus {
  return status === 'finished' ? 'paused' : status;
}

/** The next state for an event; the same object when nothing changes. */
export function reducePlayer(state: PlayerState, event: PlayerEvent): PlayerState {
  switch (event.type) {
    case 'load':
      return load(state, event.protocolId, event.stepDurations, event.stepIndex, event.skip);
    case 'play':
      return play(state);
    case 'pause':
      return state.status === 'playing' ? { ...state, status: 'paused' } : state;
    case 'toggle':
      return state.status === 'playing' ? { ...state, status: 'paused' } : play(state);
    case 'next': {
      const to = nextPlayable(state, state.stepIndex + 1);
      if (state.stepCount === 0 || to === null) return state;
      return atStep(state, to, statusAfterMove(state.status));
    }
    case 'previous': {
      if (state.stepCount === 0 || !hasPlayableStep(state)) return state;
      const to = previousPlayable(state, state.stepIndex - 1);
      if (to === null) {
        // Rewind the first playable step; nothing to do when already at its start.
        return state.elapsed > 0
          ? atStep(state, state.stepIndex, statusAfterMove(state.status))
          : state;
      }
      return atStep(state, to, statusAfterMove(state.status));
    }
    case 'restart':
      // Replays the current step from its start.
      if (state.stepCount === 0 || isSkipped(state, state.stepIndex)) return state;
      if (state.status === 'playing' && state.elapsed === 0) return state;
      return atStep(state, state.stepIndex, 'playing');
    case 'jump': {
      const i = event.stepIndex;
      if (!Number.isInteger(i) || i < 0 || i >= state.stepCount || isSkipped(state, i))
        return state;
      if (i === state.stepIndex && state.elapsed === 0 && state.status !== 'finished') return state;
      return atStep(state, i, statusAfterMove(state.status));
    }
    case 'setSkipped':
      return setSkipped(state, event.skip);
    case 'setSpeed': {
      const speed = snapSpeed(event.speed);
      return speed === null || speed === state.speed ? state : { ...state, speed };
    }
    case 'stepSpeed': {
      const at = PLAYER_SPEEDS.indexOf(state.speed as (typeof PLAYER_SPEEDS)[number]);
      const next = itemAt(
        PLAYER_SPEEDS,
        Math.min(PLAYER_SPEEDS.length - 1, Math.max(0, (at < 0 ? 3 : at) + event.by)),
      );
      return next === state.speed ? state : { ...state, speed: next };
    }
    case 'setLoop':
      return event.loopStep === state.loopStep ? state : { ...state, loopStep: event.loopStep };
    case 'setAutoAdvance':
      return event.autoAdvance === state.autoAdvance
        ? state
        : { ...state, autoAdvance: event.autoAdvance };
    case 'tick':
      return tick(state, event.dt);
  }
}

/** Loads a protocol: its step durations, at step `stepIndex` (default 0, clamped), idle. */
function load(
  state: PlayerState,
  protocolId: string,
  durations: readonly number[],
  stepIndex = 0,
  skip: readonly number[] = [],
): PlayerState {
  const stepDurations = durations.map(sanitizeDuration);
  const count = stepDurations.length;
  const asked =
    count === 0 || !Number.isInteger(stepIndex) ? 0 : Math.min(count - 1, Math.max(0, stepIndex));
  const loaded: PlayerState = {
    ...state,
    protocolId,
    stepDurations,
    stepCount: count,
    skipped: cleanSkip(skip, count),
  };
  const index = nextPlayable(loaded, asked) ?? previousPlayable(loaded, asked) ?? asked;
  return {
    ...loaded,
    stepIndex: index,
    elapsed: 0,
    stepDuration: count > 0 ? (stepDurations[index] ?? DEFAULT_STEP_DURATION_S) : 0,
    status: 'idle',
  };
}

/** Replaces the skipped steps, moving off the current step when it becomes skipped. */
function setSkipped(state: PlayerState, skip: readonly number[]): PlayerState {
  const skipped = cleanSkip(skip, state.stepCount);
  if (sameList(skipped, state.skipped)) return state;
  const next: PlayerState = { ...state, skipped };
  if (!isSkipped(next, state.stepIndex)) return next;
  const paused: PlayerStatus = state.status === 'idle' ? 'idle' : 'paused';
  const to = nextPlayable(next, state.stepIndex + 1) ?? previousPlayable(next, state.stepIndex - 1);
  if (to === null) return { ...next, status: paused };
  return atStep(next, to, paused);
}

/**
 * Starts or resumes playback. At the end of a step (paused there) it replays that step; when the
 * protocol is finished it starts over from the first step.
 */
function play(state: PlayerState): PlayerState {
  if (state.stepCount === 0 || state.status === 'playing' || !hasPlayableStep(state)) return state;
  if (state.status === 'finished') return atStep(state, nextPlayable(state, 0) ?? 0, 'playing');
  if (isAtStepEnd(state)) return atStep(state, state.stepIndex, 'playing');
  return { ...state, status: 'playing' };
}

/** Advances time while playing; handles loop, auto-advance, finish and pause at the step end. */
function tick(state: PlayerState, dt: number): PlayerState {
  if (state.status !== 'playing' || !Number.isFinite(dt) || dt <= 0) return state;
  let elapsed = state.elapsed + dt * state.speed;
  if (elapsed < state.stepDuration) return { ...state, elapsed };
  if (state.loopStep) {
    return { ...state, elapsed: elapsed % state.stepDuration };
  }
  if (!state.autoAdvance) {
    return { ...state, elapsed: state.stepDuration, status: 'paused' };
  }
  // Auto-advance, carrying the overshoot (possibly across several short steps).
  let index = state.stepIndex;
  let duration = state.stepDuration;
  while (elapsed >= duration) {
    const following = nextPlayable(state, index + 1);
    if (following === null) {
      return {
        ...state,
        stepIndex: index,
        stepDuration: duration,
        elapsed: duration,
        status: 'finished',
      };
    }
    elapsed -= duration;
    index = following;
    duration = sanitizeDuration(state.stepDurations[index]);
  }
  return { ...state, stepIndex: index, stepDuration: duration, elapsed };
}
