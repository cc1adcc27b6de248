import type { ScreenCue } from '../domain/orientation.ts';

/** Which way the head and the toes point on the screen now (null: the body is not shown). */
export interface OrientationNow {
  readonly head: ScreenCue | null;
  readonly toes: ScreenCue | null;
}

type Listener = (now: OrientationNow) => void;
const listeners = new Set<Listener>();
let last: OrientationNow = { head: null, toes: null };

/**
 * The orientation the 3D view last drew, outside React state: the view reports it from its frame
 * loop when it changes, and the cue over the view redraws itself, so that a turn of the camera
 * never re-renders components.
 */
export const orientationTracker = {
  emit(now: OrientationNow): void {
    last = now;
    for (const l of listeners) l(now);
  },
  current(): OrientationNow {
    return last;
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
