/**
 * Hand-off between the page as the HTML draws it (a skeleton with the first-frame canvas) and the
 * app: the app adopts the first-frame canvas into its own 3D area when it mounts (and the skeleton
 * goes), and the canvas is removed once the interactive 3D view has drawn its own first frame (or
 * cannot draw one).
 */
import type { FirstFrame } from './firstFrame.ts';

let frame: FirstFrame | null = null;
let webgl: boolean | null = null;
let ended = false;

/**
 * Registers the first-frame canvas (null when none could be made) and whether WebGL works
 * (null when the page had no place for the canvas and did not try).
 */
export function setFirstFrame(f: FirstFrame | null, hasWebGL: boolean | null): void {
  frame = f;
  webgl = hasWebGL;
  if (ended) f?.dispose();
}

/** The first-frame canvas while it is shown, else null. */
export function firstFrame(): FirstFrame | null {
  return ended ? null : frame;
}

/** Whether the first-frame renderer could make a WebGL context; null when it did not try. */
export function bootHasWebGL(): boolean | null {
  return webgl;
}

/** Removes the HTML skeleton shown before the app mounted (the canvas, once adopted, stays). */
export function dropBootSkeleton(): void {
  document.getElementById('boot')?.remove();
}

/** Removes the first-frame canvas and the skeleton; safe to call more than once. */
export function endBoot(): void {
  ended = true;
  frame?.dispose();
  frame = null;
  dropBootSkeleton();
}
