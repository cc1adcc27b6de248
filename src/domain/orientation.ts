/**
 * The orientation cue over the 3D view: which way the head and the toes are on the screen, so
 * that someone looking at a close-up of a foot or a back knows what they see. Pure: directions in
 * the camera's frame in, what to draw out.
 */

/** A direction of the body as the screen shows it. */
export interface ScreenCue {
  /** Clockwise from straight up on the screen, in whole degrees, 0 ≤ angle < 360. */
  readonly angle: number;
  /**
   * Where a direction that runs mostly along the line of sight points: toward the viewer or away
   * from them (an arrow across the screen would mislead then); null when it runs across the screen.
   */
  readonly along: 'toward' | 'away' | null;
}

/** Below this share of its length across the screen, a direction is taken as along the line of sight. */
export const ACROSS_MIN = 0.35;

/**
 * The cue for a direction given in the camera's frame (x to the right of the screen, y up the
 * screen, z toward the viewer, as three.js's view space), or null for no direction.
 */
export function screenCue(x: number, y: number, z: number): ScreenCue | null {
  const length = Math.hypot(x, y, z);
  if (!(length > 1e-9)) return null;
  const across = Math.hypot(x, y) / length;
  // atan2(x, y): 0 straight up, 90 to the right (clockwise on the screen).
  const angle = (Math.round((Math.atan2(x, y) * 180) / Math.PI) + 360) % 360;
  return { angle, along: across < ACROSS_MIN ? (z > 0 ? 'toward' : 'away') : null };
}

/** Whether two cues draw the same (the view need not redraw the cue). */
export function sameCue(a: ScreenCue | null, b: ScreenCue | null): boolean {
  if (a === null || b === null) return a === b;
  return a.along === b.along && Math.abs(((a.angle - b.angle + 540) % 360) - 180) < 2;
}
