/**
 * The languages of the app and of content texts. Each has its UI table in
 * `content/locales/<locale>.json`; adding a language is adding its code here and its file there
 * (content texts then accept it as an optional translation). Free of zod, so the UI's language
 * code can use it without loading the schemas.
 */
export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
