/** The performance mark of the body's first frame on screen (tests and the bench wait for it). */
export const FIRST_FRAME_MARK = 'footwork:first-frame';

/** Marks the first frame once per page, whoever draws it first (the boot renderer or the app). */
export function markFirstFrame(): void {
  if (performance.getEntriesByName(FIRST_FRAME_MARK).length === 0)
    performance.mark(FIRST_FRAME_MARK);
}
