/**
 * UI strings of the content layer (problem messages of the loader and checker) from
 * `content/locales/<locale>.json`. English is the reference; another locale may leave a value empty
 * (not translated yet), and then the English template is used.
 */
import en from '../../content/locales/en.json' with { type: 'json' };

export type MessageKey = keyof typeof en;
export type MessageParams = Readonly<Partial<Record<string, string | number>>>;

/** The plural categories a key may carry (`key_one`, `key_few`…; CLDR, as `Intl.PluralRules`). */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
type PluralBase<K> = K extends `${infer B}_other` ? B : never;

/** A key of the UI tables: a plain key, or the base of a plural family (`t(key, { count })`). */
export type UiKey = MessageKey | PluralBase<MessageKey>;
export type UiParams = Readonly<Record<string, string | number>>;
/** Translates a UI key in one locale (see `src/i18n/i18n.ts`); what domain code takes for words. */
export type Translate = (key: UiKey, params?: UiParams) => string;

/**
 * The key family of a key: `{ base, category }` for a plural form whose family is in `table`
 * (`times_few` → `times`, `few`), else null.
 */
export function pluralForm(
  key: string,
  table: Readonly<Partial<Record<string, unknown>>>,
): { base: string; category: string } | null {
  const m = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
  if (!m?.[1] || !m[2]) return null;
  return `${m[1]}_other` in table ? { base: m[1], category: m[2] } : null;
}
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
