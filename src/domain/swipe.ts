/** Reading a swipe on the presentation's caption. Pure. */

/** A horizontal swipe: at least this far (CSS px) sideways, and more sideways than up or down. */
export const SWIPE_MIN_PX = 50;

/**
 * The step a drag from its start to its end asks for: +1 for a swipe to the left (the next
 * step, as pages turn), -1 for one to the right, 0 for a tap or a mostly vertical drag.
 */
export function swipeStep(dx: number, dy: number): -1 | 0 | 1 {
  if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) <= Math.abs(dy)) return 0;
  return dx < 0 ? 1 : -1;
}
