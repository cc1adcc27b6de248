/**
 * UI strings of the app through i18next: every word the UI shows, in every language. The tables
 * are `content/locales/<locale>.json` (the same files as the content checker's messages, checked
 * to have the same keys), one per language of `LOCALES`: adding a language is adding its file.
 * Placeholders are written `{name}`; counts choose their plural form (`key_one`, `key_few`…)
 * with `{ count }`. An empty value falls back to English.
 */
import i18next from 'i18next';
import { LOCALES, type Locale } from '../content/locales.ts';
import type { Messages, Translate } from '../content/messages.ts';

export type { Translate, UiKey, UiParams } from '../content/messages.ts';

const tables = import.meta.glob<Messages>('../../content/locales/*.json', {
  eager: true,
  import: 'default',
});
const resources = Object.fromEntries(
  Object.entries(tables).flatMap(([path, table]) => {
    const code = /([a-z]{2})\.json$/.exec(path)?.[1];
    return code ? [[code, { translation: table }]] : [];
  }),
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
