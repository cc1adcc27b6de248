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
 * language button is named in its own language).
 */
import i18next from 'i18next';
import localeNames from 'virtual:footwork/locale-names';
import en from '../../content/locales/en.json';
import { LOCALES, type Locale } from '../content/locales.ts';
import type { Messages, Translate } from '../content/messages.ts';

export type { Translate, UiKey, UiParams } from '../content/messages.ts';

const loaders = import.meta.glob<Messages>(
  ['../../content/locales/*.json', '!../../content/locales/en.json'],
  { import: 'default' },
);
const loaderOf = (locale: Locale) => loaders[`../../content/locales/${locale}.json`];
const resources = Object.fromEntries(
  LOCALES.map((code) => [
    code,
    { translation: code === 'en' ? (en as Messages) : (localeNames[code] ?? {}) },
  ]),
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

const loaded = new Map<Locale, Promise<void>>([['en', Promise.resolve()]]);
const ready = new Set<Locale>(['en']);

/** Whether a language's whole table is here (then `translator` speaks it). */
export function localeReady(locale: Locale): boolean {
  return ready.has(locale);
}

/** Loads a language's table (once; a failed load is tried again next time). */
export function loadLocale(locale: Locale): Promise<void> {
  let load = loaded.get(locale);
  if (!load) {
    const loader = loaderOf(locale);
    load = (loader ? loader() : Promise.resolve({})).then(
      (table) => {
        i18n.addResourceBundle(locale, 'translation', table, true, true);
        ready.add(locale);
      },
      (e: unknown) => {
        loaded.delete(locale);
        throw e;
      },
    );
    loaded.set(locale, load);
  }
  return load;
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
