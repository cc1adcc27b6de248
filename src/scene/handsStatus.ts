/** Which hands are drawn now (read by the test probe; written by `Hands`). */
export const handsStatus: {
  shown: number;
  sides: string;
  /**
   * When the current step's hands were first drawn: its plan key, the player's time into the
   * step then (seconds), and whether the plan was made ahead, while the step before played.
   */
  firstShown: { readonly key: string; readonly elapsed: number; readonly ahead: boolean } | null;
  /** Plans made ahead that are ready and not yet used. */
  plannedAhead: number;
} = { shown: 0, sides: '', firstShown: null, plannedAhead: 0 };
