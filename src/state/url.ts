/**
 * The app's URL, written in one place: the player link (protocol, step, side, speed, view, body,
 * `src/domain/playerLink.ts`), the mode (`src/domain/modes.ts`) and the language
 * (`src/i18n/locale.ts`). Each writer gives its own part; the other parts are kept as the URL has
 * them. The only caller of `history.replaceState`.
 */
import type { Locale } from '../content/locales.ts';
import { MODE_PARAM, parseMode, withMode, type Mode } from '../domain/modes.ts';
import { encodePlayerLink, type PlayerLinkInput } from '../domain/playerLink.ts';
import { LANG_PARAM, parseLocale, withLang } from '../i18n/locale.ts';

export interface UrlParts {
  /** The player's part; absent: kept as it is. */
  readonly link?: PlayerLinkInput;
  readonly mode?: Mode;
  readonly lang?: Locale;
}

/** The search string (without `?`) with `parts` written into `search`: link first, then lang, mode. */
export function composeSearch(search: string, parts: UrlParts): string {
  const params = new URLSearchParams(search);
  const lang = parts.lang ?? parseLocale(params.get(LANG_PARAM));
  const mode = parts.mode ?? parseMode(params.get(MODE_PARAM));
  params.delete(LANG_PARAM);
  params.delete(MODE_PARAM);
  let out = parts.link ? encodePlayerLink(parts.link) : params.toString();
  if (lang) out = withLang(out, lang);
  if (mode) out = withMode(out, mode);
  return out;
}

/** Writes `parts` into the page's URL (no history entry; nothing when it would not change). */
export function writeUrl(parts: UrlParts): void {
  const { pathname, search, hash } = window.location;
  const next = composeSearch(search, parts);
  const url = `${pathname}${next ? `?${next}` : ''}${hash}`;
  if (url !== `${pathname}${search}${hash}`)
    window.history.replaceState(window.history.state, '', url);
}
