/**
 * The ways Footwork is used (DESIGN §1): Learn (the default), Present (a clinician showing a
 * parent), Train (assistants graded on the model) and Home (the parent's session at home with
 * the program the clinic gave). The mode is kept in the URL as `?mode=`.
 */
export const MODES = ['learn', 'present', 'train', 'home'] as const;
export type Mode = (typeof MODES)[number];

export const MODE_PARAM = 'mode';
export const DEFAULT_MODE: Mode = 'learn';

/** A mode from a URL value; undefined for anything else (case and spaces are forgiven). */
export function parseMode(value: string | null | undefined): Mode | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  return (MODES as readonly string[]).includes(v) ? (v as Mode) : undefined;
}

/**
 * `search` with the mode written in (the default mode is left out to keep links short); other
 * parameters keep their order.
 */
export function withMode(search: string, mode: Mode): string {
  const params = new URLSearchParams(search);
  if (mode === DEFAULT_MODE) params.delete(MODE_PARAM);
  else params.set(MODE_PARAM, mode);
  return params.toString();
}
