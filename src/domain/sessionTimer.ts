/**
 * The session timer: elapsed and remaining time of the current step and of the whole session, in
 * real seconds at the player's speed. The session is the steps the player will play (skipped
 * steps left out), each lasting its play duration; a step's time at speed 1 takes 1 / speed real
 * seconds. Pure: it reads a player state only.
 */
import { isSkipped, type PlayerState } from './player.ts';

export interface SessionTime {
  /** Real seconds into the current step. */
  readonly stepElapsed: number;
  /** Real seconds left of the current step. */
  readonly stepRemaining: number;
  /** Real seconds of the session already played (the playable steps before this one, and this one's part). */
  readonly sessionElapsed: number;
  /** Real seconds left of the session. */
  readonly sessionRemaining: number;
  /** Real seconds of the whole session at this speed. */
  readonly sessionTotal: number;
}

const ZERO: SessionTime = {
  stepElapsed: 0,
  stepRemaining: 0,
  sessionElapsed: 0,
  sessionRemaining: 0,
  sessionTotal: 0,
};

/** The timer for a player state; all zero when nothing is loaded or every step is skipped. */
export function sessionTime(state: PlayerState): SessionTime {
  if (state.stepCount === 0 || state.speed <= 0) return ZERO;
  let total = 0;
  let before = 0;
  for (let i = 0; i < state.stepCount; i++) {
    if (isSkipped(state, i)) continue;
    const d = state.stepDurations[i] ?? 0;
    total += d;
    if (i < state.stepIndex) before += d;
  }
  if (total === 0 || isSkipped(state, state.stepIndex)) return ZERO;
  const inStep = Math.min(Math.max(0, state.elapsed), state.stepDuration);
  const done = Math.min(total, before + inStep);
  const real = (s: number) => s / state.speed;
  return {
    stepElapsed: real(inStep),
    stepRemaining: real(state.stepDuration - inStep),
    sessionElapsed: real(done),
    sessionRemaining: real(total - done),
    sessionTotal: real(total),
  };
}

/**
 * A clock reading in whole seconds, `m:ss` (or `h:mm:ss` from an hour on). Elapsed time rounds
 * down, remaining time up (so a countdown shows 0:00 only at the end).
 */
export function formatClock(seconds: number, round: 'down' | 'up' = 'down'): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  // A hair of tolerance so that 2.9999999 elapsed reads 0:03 and 3.0000001 remaining reads 0:03.
  const whole = round === 'down' ? Math.floor(safe + 1e-6) : Math.ceil(safe - 1e-6);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${String(h)}:${String(m).padStart(2, '0')}:${ss}` : `${String(m)}:${ss}`;
}
