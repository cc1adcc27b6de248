import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../content/locales/en.json';
import ru from '../../content/locales/ru.json';
import zonesFile from '../../content/zones.json';
import { localized } from '../../src/content/localized.ts';
import { LOCALES } from '../../src/content/schema.ts';
import { loadLocale, translator } from '../../src/i18n/i18n.ts';
import { detectLocale, parseLocale, withLang } from '../../src/i18n/locale.ts';
import { zoneAvoidReason, zoneDescription, zoneName, zoneSideLabel } from '../../src/i18n/zones.ts';

// Russian loads on demand in the app; these tests read it.
beforeAll(() => loadLocale('ru'));

describe('localized', () => {
  it('picks the locale and falls back to English', () => {
    expect(localized({ en: 'Stroke', ru: 'Поглаживание' }, 'ru')).toBe('Поглаживание');
    expect(localized({ en: 'Stroke', ru: 'Поглаживание' }, 'en')).toBe('Stroke');
    expect(localized({ en: 'Stroke' }, 'ru')).toBe('Stroke');
    expect(localized({ en: 'Stroke', ru: '' }, 'ru')).toBe('Stroke');
  });
});

describe('locale detection', () => {
  it('reads a locale code', () => {
    expect(parseLocale('ru')).toBe('ru');
    expect(parseLocale('RU-ru')).toBe('ru');
    expect(parseLocale('en_GB')).toBe('en');
    expect(parseLocale('de')).toBeUndefined();
    expect(parseLocale(null)).toBeUndefined();
    for (const locale of LOCALES) expect(parseLocale(locale)).toBe(locale);
  });

  it('prefers the URL, then the remembered choice, then the browser language', () => {
    expect(
      detectLocale({ search: '?step=3&lang=ru', stored: 'en', navigatorLanguage: 'en-US' }),
    ).toEqual({
      locale: 'ru',
      fromUrl: true,
    });
    expect(detectLocale({ search: 'lang=en', stored: 'ru', navigatorLanguage: 'ru-RU' })).toEqual({
      locale: 'en',
      fromUrl: true,
    });
    expect(detectLocale({ search: '?lang=xx', stored: 'ru', navigatorLanguage: 'en-US' })).toEqual({
      locale: 'ru',
      fromUrl: false,
    });
    expect(detectLocale({ search: '', stored: 'garbage', navigatorLanguage: 'ru-RU' }).locale).toBe(
      'ru',
    );
    expect(detectLocale({ search: '', stored: null, navigatorLanguage: 'ru' }).locale).toBe('ru');
    expect(detectLocale({ search: '', stored: null, navigatorLanguage: 'de-DE' }).locale).toBe(
      'en',
    );
    expect(detectLocale({ search: '', stored: null, navigatorLanguage: undefined }).locale).toBe(
      'en',
    );
  });

  it('sets lang in a query string, keeping the other parameters', () => {
    expect(withLang('?protocol=p1&step=3', 'ru')).toBe('protocol=p1&step=3&lang=ru');
    expect(withLang('step=3&lang=ru&view=plantar', 'en')).toBe('step=3&lang=en&view=plantar');
  });
});

describe('UI strings', () => {
  it('have the same keys in English and Russian, all translated', () => {
    const plural = /_(zero|one|two|few|many|other)$/;
    const plain = (table: object) =>
      Object.keys(table)
        .filter((k) => !plural.test(k))
        .sort();
    expect(plain(ru)).toEqual(plain(en));
    // Counted words come in the plural forms of each language (Russian: one, few, many, other).
    const families = Object.keys(en)
      .filter((k) => k.endsWith('_other'))
      .map((k) => k.slice(0, -'_other'.length));
    expect(families.length).toBeGreaterThan(0);
    const forms = (table: object, base: string) =>
      Object.keys(table)
        .filter((k) => k.startsWith(`${base}_`) && plural.test(k))
        .sort();
    for (const base of families) {
      expect(forms(en, base)).toEqual([`${base}_one`, `${base}_other`]);
      expect(forms(ru, base)).toEqual(['few', 'many', 'one', 'other'].map((c) => `${base}_${c}`));
    }
    const untranslated = Object.entries(ru).filter(([k, v]) =>
      k.startsWith('ui.') || k.startsWith('zone.') ? !v : false,
    );
    expect(untranslated).toEqual([]);
  });

  it('fill {name} placeholders in both languages', () => {
    expect(translator('en')('ui.player.count', { index: 2, count: 9 })).toBe('Step 2 / 9');
    expect(translator('ru')('ui.player.count', { index: 2, count: 9 })).toBe('Шаг 2 / 9');
    expect(translator('ru')('ui.player.play')).toBe('Старт');
  });

  it('name every zone in Russian, with English from zones.json', () => {
    for (const z of zonesFile.zones) {
      expect(zoneName(z.id, 'en')).toBe(z.name);
      expect(zoneDescription(z.id, 'en')).toBe(z.description);
      expect(zoneName(z.id, 'ru')).not.toBe(z.name);
      expect(zoneDescription(z.id, 'ru')).not.toBe(z.description);
      expect(zoneAvoidReason(z.id, 'ru') === undefined).toBe(z.avoid === null);
      // The English copy in en.json matches the catalogue.
      expect((en as Record<string, string>)[`zone.${z.id}.name`]).toBe(z.name);
    }
    expect(zoneSideLabel('bunion', 'L', 'en')).toBe('Bunion (left)');
    expect(zoneSideLabel('bunion', 'R', 'ru')).toBe('Косточка (справа)');
    expect(zoneName('no_such_zone', 'ru')).toBe('no_such_zone');
  });
});
