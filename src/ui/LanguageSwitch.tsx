import { LOCALES } from '../content/locales.ts';
import { translator } from '../i18n/i18n.ts';
import { useLocaleStore, useT } from '../state/localeStore.ts';

/**
 * The language buttons in the header; each is named in its own language, its name starting with
 * the text it shows ("EN (English)"), so that a user who says what they see finds it (WCAG 2.5.3).
 */
export function LanguageSwitch() {
  const { t, locale } = useT();
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <div className="lang-switch" role="group" aria-label={t('ui.lang.label')}>
      {LOCALES.map((l) => {
        // Each language names itself, in its own locale file.
        const own = translator(l);
        return (
          <button
            key={l}
            type="button"
            lang={l}
            aria-label={`${own('ui.lang.short')} (${own('ui.lang.name')})`}
            aria-pressed={locale === l}
            onClick={() => setLocale(l)}
          >
            {own('ui.lang.short')}
          </button>
        );
      })}
    </div>
  );
}
