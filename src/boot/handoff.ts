/**
 * Hand-off between the first-frame renderer and the app: the boot overlay stays on top until
 * the app has drawn its own first frame (or cannot draw one), then it is removed.
 */
let release: (() => void) | null = null;
let ended = false;

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
