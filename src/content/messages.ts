/**
 * UI strings of the content layer (problem messages of the loader and checker) from
 * `content/locales/<locale>.json`. English is the reference; another locale may leave a value empty
 * (not translated yet), and then the English template is used.
 */
import en from '../../content/locales/en.json';

export type MessageKey = keyof typeof en;
export type MessageParams = Readonly<Partial<Record<string, string | number>>>;
export type Messages = Readonly<Partial<Record<string, string>>>;

export const EN_MESSAGES: Messages = en;

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function fillTemplate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A message in the given locale table, falling back to English for empty or missing values. */
export function message(
  key: MessageKey,
  params: MessageParams = {},
  table: Messages = EN_MESSAGES,
): string {
  const template = table[key] || en[key];
  return fillTemplate(template, params);
}
