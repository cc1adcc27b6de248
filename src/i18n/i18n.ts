/**
 * UI strings of the app through i18next: every word the UI shows, in every language. The tables
 * are `content/locales/<locale>.json` (the same files as the content checker's messages, checked
 * to have the same keys), one per language of `LOCALES`: adding a language is adding its file.
 * Placeholders are written `{name}`; counts choose their plural form (`key_one`, `key_few`…)
 * with `{ count }`. An empty value falls back to English.
 *
 * English (the fallback) comes with the page; another language's table loads when it is first
 * used (`loadLocale`: before the app mounts when the page starts in it, or when it is chosen), so
 * the first view carries one language. Until then only its name for itself is known (each
 * language button is named in its own language). The words of the modes loaded on demand (Train,
 * Present, Home) load with them (`loadModeWords`), in every language loaded.
 */
import i18next from 'i18next';
import en from 'virtual:footwork/locale/en/core';
import localeNames from 'virtual:footwork/locale-names';
import { loaders } from 'virtual:footwork/locales';
import { LOCALES, type Locale } from '../content/locales.ts';
import type { Translate } from '../content/messages.ts';

export type { Translate, UiKey, UiParams } from '../content/messages.ts';

type Part = 'core' | 'modes';

const resources = Object.fromEntries(
  LOCALES.map((code) => [code, { translation: code === 'en' ? en : (localeNames[code] ?? {}) }]),
);

const i18n = i18next.createInstance();
void i18n.init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  keySeparator: false,
  nsSeparator: false,
  returnEmptyString: false,
  initAsync: false,
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
});

/** Loads of each language's parts, by `<locale>/<part>`; English's core came with the page. */
const loads = new Map<string, Promise<void>>([['en/core', Promise.resolve()]]);
const ready = new Set<string>(['en/core']);
let modeWordsWanted = false;

function loadPart(locale: Locale, part: Part): Promise<void> {
  const key = `${locale}/${part}`;
  let load = loads.get(key);
  if (!load) {
    const loader = loaders[locale]?.[part];
    load = (loader ? loader() : Promise.resolve({ default: {} })).then(
      ({ default: table }) => {
        i18n.addResourceBundle(locale, 'translation', table, true, true);
        ready.add(key);
      },
      (e: unknown) => {
        loads.delete(key);
        throw e;
      },
    );
    loads.set(key, load);
  }
  return load;
}

const parts = (): Part[] => (modeWordsWanted ? ['core', 'modes'] : ['core']);

/** Whether a language's table (with the mode words once they are wanted) is here. */
export function localeReady(locale: Locale): boolean {
  return parts().every((part) => ready.has(`${locale}/${part}`));
}

/** Loads a language's table (once; a failed load is tried again next time). */
export async function loadLocale(locale: Locale): Promise<void> {
  await Promise.all(parts().map((part) => loadPart(locale, part)));
}

/** Loads the words of the modes, in English and every language already loaded or loading. */
export async function loadModeWords(): Promise<void> {
  modeWordsWanted = true;
  const started = LOCALES.filter((l) => loads.has(`${l}/core`));
  await Promise.all(started.map((l) => loadPart(l, 'modes')));
}

const fixed = new Map<Locale, Translate>();

/** A translate function for one locale. */
export function translator(locale: Locale): Translate {
  let t = fixed.get(locale);
  if (!t) {
    const bound = i18n.getFixedT(locale);
    t = (key, params) => bound(key, params ?? {});
    fixed.set(locale, t);
  }
  return t;
}
