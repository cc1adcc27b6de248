/**
 * Hand-off between the first-frame renderer and the app: the boot overlay stays on top until
 * the app has drawn its own first frame (or cannot draw one), then it is removed.
 */
export const FIRST_FRAME_MARK = 'footwork:first-frame';

let release: (() => void) | null = null;
let ended = false;

/** Marks the first frame once per page, whoever draws it first. */
export function markFirstFrame(): void {
  if (performance.getEntriesByName(FIRST_FRAME_MARK).length === 0)
    performance.mark(FIRST_FRAME_MARK);
}

/** Registers what removes the boot overlay (its canvas and DOM). */
export function setBootRelease(fn: () => void): void {
  if (ended) fn();
  else release = fn;
}

/** Removes the boot overlay; safe to call more than once. */
export function endBoot(): void {
  ended = true;
  const fn = release;
  release = null;
  fn?.();
}
