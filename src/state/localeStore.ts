import { useMemo } from 'react';
import { create } from 'zustand';
import type { Locale } from '../content/schema.ts';
import { loadLocale, localeReady, translator, type Translate } from '../i18n/i18n.ts';
import { detectLocale, LANG_STORAGE_KEY } from '../i18n/locale.ts';
import { writeUrl } from './url.ts';

function readStored(): string | null {
  try {
    return window.localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

function remember(locale: Locale): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, locale);
  } catch {
    // No storage (private mode, blocked): the URL still carries the choice.
  }
}

function applyToDocument(locale: Locale): void {
  document.documentElement.lang = locale;
}

interface LocaleState {
  readonly locale: Locale;
  /** Switches the language: remembered, written to the URL and to `<html lang>`. */
  readonly setLocale: (locale: Locale) => void;
}

const start = detectLocale({
  search: window.location.search,
  stored: readStored(),
  navigatorLanguage: navigator.language,
});
if (start.fromUrl) remember(start.locale);
applyToDocument(start.locale);

/**
 * Resolves once the start language's table is here (at once for English): the app mounts after
 * it, so that it never shows another language first. A table that cannot be loaded leaves the
 * English fallback.
 */
export const startLocaleReady: Promise<void> = loadLocale(start.locale).catch(() => undefined);

export const useLocaleStore = create<LocaleState>()((set) => ({
  locale: start.locale,
  setLocale: (locale) => {
    const apply = () => {
      remember(locale);
      applyToDocument(locale);
      writeUrl({ lang: locale });
      set({ locale });
    };
    // A language not yet loaded switches once its table has arrived; if it cannot be loaded
    // (offline before it was cached), the page stays in the language it speaks.
    if (localeReady(locale)) apply();
    else void loadLocale(locale).then(apply, () => undefined);
  },
}));

/** The current locale and its translate function; re-renders on a language switch. */
export function useT(): { readonly locale: Locale; readonly t: Translate } {
  const locale = useLocaleStore((s) => s.locale);
  return useMemo(() => ({ locale, t: translator(locale) }), [locale]);
}
