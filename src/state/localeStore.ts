import { useMemo } from 'react';
import { create } from 'zustand';
import type { Locale } from '../content/schema.ts';
import { translator, type Translate } from '../i18n/i18n.ts';
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

export const useLocaleStore = create<LocaleState>()((set) => ({
  locale: start.locale,
  setLocale: (locale) => {
    remember(locale);
    applyToDocument(locale);
    writeUrl({ lang: locale });
    set({ locale });
  },
}));

/** The current locale and its translate function; re-renders on a language switch. */
export function useT(): { readonly locale: Locale; readonly t: Translate } {
  const locale = useLocaleStore((s) => s.locale);
  return useMemo(() => ({ locale, t: translator(locale) }), [locale]);
}
