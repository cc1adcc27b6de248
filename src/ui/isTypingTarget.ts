/**
 * Whether a key press belongs to the control it was typed in, so the app's own shortcuts leave it
 * alone: text fields, selects and editable text always; a focused button too when `buttons` is
 * set, for shortcuts on keys a button uses itself (Space and Enter press it: the player's keys).
 * Present's F and Escape are not a button's keys, so they work with a button focused.
 */
export function isTypingTarget(target: EventTarget | null, options: { buttons: boolean }): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return (
    tag === 'INPUT' ||
    tag === 'SELECT' ||
    tag === 'TEXTAREA' ||
    (options.buttons && tag === 'BUTTON')
  );
}
