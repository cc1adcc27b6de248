import { ZONES } from '../content/zoneCatalogue.ts';
import type { UiKey } from '../i18n/i18n.ts';
import { zoneName } from '../i18n/zones.ts';
import { useT } from '../state/localeStore.ts';
import { useViewerStore } from '../state/viewerStore.ts';

const GROUP_LABELS: Record<string, UiKey> = {
  foot: 'ui.zoneGroup.foot',
  leg: 'ui.zoneGroup.leg',
  trunk: 'ui.zoneGroup.trunk',
};

/** Every massage zone as a list of buttons: the keyboard and screen-reader way to pick a zone. */
export function ZoneList() {
  const side = useViewerStore((s) => s.side);
  const select = useViewerStore((s) => s.select);
  const selected = useViewerStore((s) => s.selected);
  const { t, locale } = useT();
  const groups = Object.keys(GROUP_LABELS);
  return (
    <details className="zone-list">
      <summary>{t('ui.zones')}</summary>
      {groups.map((g) => (
        <section key={g} aria-label={t(GROUP_LABELS[g] ?? 'ui.zones')}>
          <h3>{t(GROUP_LABELS[g] ?? 'ui.zones')}</h3>
          <ul>
            {ZONES.filter((z) => z.group === g).map((z) => (
              <li key={z.id}>
                <button
                  type="button"
                  aria-pressed={selected?.zone === z.id}
                  onClick={() => select({ zone: z.id, side: z.bilateral ? side : null })}
                >
                  {zoneName(z.id, locale)}
                  {z.avoid ? <span className="avoid-tag"> {t('ui.zone.avoidTag')}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </details>
  );
}
