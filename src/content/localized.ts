import type { Locale, LocalizedText } from './schema.ts';

/** A content text in the given locale, falling back to English where it is missing or empty. */
export function localized(text: LocalizedText, locale: Locale): string {
  return (locale === 'en' ? undefined : text[locale]) || text.en;
}
