/**
 * Which language the app speaks: chosen in the URL (`?lang=ru`), else remembered from the last
 * choice (`localStorage['footwork.lang']`), else the browser's language (`ru*` → Russian).
 * Pure, so that the rules can be tested without a browser.
 */
import { LOCALES, type Locale } from '../content/locales.ts';

export const LANG_PARAM = 'lang';
export const LANG_STORAGE_KEY = 'footwork.lang';

/** A supported locale from a value such as "ru", "RU" or "ru-RU"; undefined otherwise. */
export function parseLocale(value: string | null | undefined): Locale | undefined {
  if (!value) return undefined;
  const code = value.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LOCALES as readonly string[]).includes(code) ? (code as Locale) : undefined;
}

export interface LocaleSources {
  /** `window.location.search`, with or without the leading "?". */
  readonly search: string;
  /** The remembered choice, if any. */
  readonly stored: string | null;
  /** `navigator.language`. */
  readonly navigatorLanguage: string | undefined;
}

/** The locale to start in, and whether it came from the URL (then it is also remembered). */
export function detectLocale(sources: LocaleSources): { locale: Locale; fromUrl: boolean } {
  const fromUrl = parseLocale(new URLSearchParams(sources.search).get(LANG_PARAM));
  if (fromUrl) return { locale: fromUrl, fromUrl: true };
  const stored = parseLocale(sources.stored);
  if (stored) return { locale: stored, fromUrl: false };
  return {
    locale: parseLocale(sources.navigatorLanguage) ?? 'en',
    fromUrl: false,
  };
}

/** `search` with `lang` set to the locale, other parameters kept in order. */
export function withLang(search: string, locale: Locale): string {
  const params = new URLSearchParams(search);
  params.set(LANG_PARAM, locale);
  return params.toString();
}
