/**
 * Present mode's arithmetic: the countdown to the next step, how far a play-through has got,
 * caption lines that fit a width, the recording format, today's civil date. Pure: no DOM.
 */
import type { LocalDate } from './calendar.ts';
import { DEFAULT_STEP_DURATION_S, type PlayerState } from './player.ts';

/** What the countdown needs of the player. */
export type CountdownState = Pick<
  PlayerState,
  | 'status'
  | 'elapsed'
  | 'stepDuration'
  | 'speed'
  | 'stepIndex'
  | 'stepCount'
  | 'autoAdvance'
  | 'loopStep'
>;

/**
 * Seconds of real time until the player moves on to the next step by itself, or null when it
 * will not (not playing, not auto-advancing, looping the step, or on the last step).
 */
export function secondsToNextStep(state: CountdownState): number | null {
  if (state.status !== 'playing' || !state.autoAdvance || state.loopStep) return null;
  if (state.stepCount === 0 || state.stepIndex >= state.stepCount - 1) return null;
  const speed = state.speed > 0 ? state.speed : 1;
  return Math.max(0, state.stepDuration - state.elapsed) / speed;
}

/** Whole seconds shown for a remaining time: 2.1 s shows 3, 2.0 shows 2, never below 0. */
export function countdownDisplay(remaining: number): number {
  if (!Number.isFinite(remaining) || remaining <= 0) return 0;
  // A hair of tolerance so that 2.0000000001 (float noise) still reads 2.
  return Math.ceil(remaining - 1e-6);
}

/** "0:07", "1:05", "12:00". */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(Number.isFinite(seconds) ? seconds : 0));
  return `${String(Math.floor(s / 60))}:${String(s % 60).padStart(2, '0')}`;
}

/** Sum of step durations (safe defaults for bad values), seconds of step time. */
export function totalStepTime(durations: readonly number[]): number {
  return durations.reduce(
    (sum, d) => sum + (Number.isFinite(d) && d > 0 ? d : DEFAULT_STEP_DURATION_S),
    0,
  );
}

/** Real seconds a play-through of the whole protocol takes at a speed. */
export function playThroughSeconds(durations: readonly number[], speed: number): number {
  return totalStepTime(durations) / (speed > 0 ? speed : 1);
}

/** Fraction 0..1 of the whole protocol played so far (steps before this one plus this one's time). */
export function playedFraction(
  state: Pick<PlayerState, 'stepIndex' | 'elapsed' | 'stepDurations' | 'status' | 'stepCount'>,
): number {
  const total = totalStepTime(state.stepDurations);
  if (total <= 0 || state.stepCount === 0) return 0;
  if (state.status === 'finished') return 1;
  const before = totalStepTime(state.stepDurations.slice(0, state.stepIndex));
  const current = state.stepDurations[state.stepIndex] ?? DEFAULT_STEP_DURATION_S;
  return Math.min(1, Math.max(0, (before + Math.min(Math.max(0, state.elapsed), current)) / total));
}

/**
 * Breaks text into lines no wider than `maxWidth` as measured by `measure` (a canvas's
 * measureText in the app). Words longer than a line are cut between characters.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  const pushWord = (word: string) => {
    // Cut a word too long for a line on its own.
    let rest = word;
    while (measure(rest) > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(rest.slice(0, cut)) > maxWidth) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    return rest;
  };
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = pushWord(word);
  }
  if (line) lines.push(line);
  return lines;
}

/** Lines wrapped as `wrapText`, at most `maxLines`; the last kept line ends with "…" when cut. */
export function clampLines(lines: readonly string[], maxLines: number): string[] {
  if (lines.length <= maxLines) return [...lines];
  const kept = lines.slice(0, Math.max(1, maxLines));
  kept[kept.length - 1] = `${kept[kept.length - 1] ?? ''}…`;
  return kept;
}

/** Recording formats in order of preference (WebM: what a browser's MediaRecorder writes). */
export const RECORDING_TYPES = [
  'video/webm;codecs=vp9',
  'video/webm;codecs=vp8',
  'video/webm',
] as const;

/** The first recording format the browser supports, or null when it records none of them. */
export function pickRecordingType(isSupported: (type: string) => boolean): string | null {
  for (const type of RECORDING_TYPES) if (isSupported(type)) return type;
  return null;
}

/** Size of the recorded video for a view of `width`×`height`: at most `maxWidth` wide, even sides. */
export function recordingSize(
  width: number,
  height: number,
  maxWidth = 960,
): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: 640, height: 360 };
  const scale = Math.min(1, maxWidth / width);
  const even = (n: number) => Math.max(2, 2 * Math.round((n * scale) / 2));
  return { width: even(width), height: even(height) };
}

/** The civil date (`YYYY-MM-DD`) of an instant in the device's own time zone. */
export function localDateOf(at: Date): LocalDate {
  const y = String(at.getFullYear()).padStart(4, '0');
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** A file name made of a protocol id and a suffix: only safe characters. */
export function exportFileName(protocolId: string, extension: string): string {
  const base = protocolId.replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '') || 'footwork';
  return `footwork-${base}.${extension}`;
}

/**
 * Whether an RGBA picture shows next to nothing (a background, an empty table edge): fewer than
 * `minColours` distinct colours, or brightness spread below `minSpread`, over every `step`-th pixel.
 */
export function looksBlank(
  rgba: ArrayLike<number>,
  options: { step?: number; minColours?: number; minSpread?: number } = {},
): boolean {
  const { step = 5, minColours = 64, minSpread = 40 } = options;
  const colours = new Set<number>();
  let min = 255;
  let max = 0;
  for (let i = 0; i + 2 < rgba.length; i += 4 * step) {
    const r = rgba[i] ?? 0;
    const g = rgba[i + 1] ?? 0;
    const b = rgba[i + 2] ?? 0;
    colours.add((r << 16) | (g << 8) | b);
    const lum = (r + g + b) / 3;
    if (lum < min) min = lum;
    if (lum > max) max = lum;
  }
  return colours.size < minColours || max - min < minSpread;
}

/** Most of the picture a presentation shifts up to clear its captions, as a share of its height. */
export const MAX_CAPTION_SHIFT = 0.3;

/**
 * How far (pixels) to move the 3D picture up so that what the camera frames sits in the middle
 * of the part of the canvas the captions leave free (`freeHeight`, from the top of the canvas to
 * the top of the captions). Never down, never more than `MAX_CAPTION_SHIFT` of the height.
 */
export function captionShift(canvasHeight: number, freeHeight: number): number {
  if (!(canvasHeight > 0) || !Number.isFinite(freeHeight)) return 0;
  const shift = (canvasHeight - Math.max(0, freeHeight)) / 2;
  return Math.min(Math.max(0, shift), canvasHeight * MAX_CAPTION_SHIFT);
}
