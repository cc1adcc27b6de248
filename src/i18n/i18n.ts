/**
 * UI strings of the app through i18next. The tables are `content/locales/<locale>.json` (the
 * same files as the content checker's messages, so both languages always have the same keys);
 * placeholders are written `{name}`. An empty Russian value falls back to English.
 */
import i18next from 'i18next';
import en from '../../content/locales/en.json';
import ru from '../../content/locales/ru.json';
import type { Locale } from '../content/schema.ts';

export type UiKey = keyof typeof en;
export type UiParams = Readonly<Record<string, string | number>>;
export type Translate = (key: UiKey, params?: UiParams) => string;

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'ru'],
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
