/**
 * Languages load on demand (src/i18n/i18n.ts): English comes with the page; Russian is known by
 * its own name only until its table is loaded, then speaks Russian.
 */
import { describe, expect, it } from 'vitest';
import { loadLocale, localeReady, translator } from '../../src/i18n/i18n.ts';

describe('loadLocale', () => {
  it('has English at once and Russian after loading it', async () => {
    expect(localeReady('en')).toBe(true);
    expect(localeReady('ru')).toBe(false);
    const ru = translator('ru');
    // Each language button is named in its own language from the first view.
    expect(ru('ui.lang.name')).toBe('Русский');
    expect(ru('ui.player.count', { index: 2, count: 9 })).toBe(
      translator('en')('ui.player.count', { index: 2, count: 9 }),
    );
    await loadLocale('ru');
    expect(localeReady('ru')).toBe(true);
    expect(ru('ui.player.count', { index: 2, count: 9 })).toBe('Шаг 2 / 9');
  });
});
