import { zoneInfo } from '../content/zoneCatalogue.ts';
import { originWords } from '../domain/sourceNotes.ts';
import { zoneAvoidReason, zoneDescription, zoneSideLabel } from '../i18n/zones.ts';
import { useT } from '../state/localeStore.ts';
import { useSafetyVerdict } from '../state/safetyStore.ts';
import { useZoneUsage } from '../state/useZoneUsage.ts';
import { useViewerStore } from '../state/viewerStore.ts';
import { reasonsText } from './safetyWords.ts';

/**
 * Details of the selected zone: name, description, avoid warning (from the catalogue, or from a
 * contraindication ticked in the safety check), the steps that use it.
 */
export function ZonePanel() {
  const usageOf = useZoneUsage();
  const selected = useViewerStore((s) => s.selected);
  const select = useViewerStore((s) => s.select);
  const verdict = useSafetyVerdict();
  const { t, locale } = useT();
  if (!selected) return null;
  const info = zoneInfo(selected.zone);
  const usage = usageOf(selected.zone);
  const ticked = verdict?.avoidReasons.get(selected.zone) ?? [];
  return (
    <aside className="zone-panel" aria-labelledby="zone-panel-title" data-zone={selected.zone}>
      <header>
        <h2 id="zone-panel-title">{zoneSideLabel(selected.zone, selected.side, locale)}</h2>
        <button
          type="button"
          className="close"
          aria-label={t('ui.zonePanel.close')}
          onClick={() => select(null)}
        >
          ×
        </button>
      </header>
      {info?.avoid ? (
        <div className="avoid-warning" role="alert">
          <strong>{t('ui.zonePanel.avoid')}</strong> {zoneAvoidReason(selected.zone, locale)}
        </div>
      ) : null}
      {ticked.length > 0 ? (
        <div className="avoid-warning safety-avoid" role="alert">
          <strong>{t('ui.zonePanel.avoid')}</strong>{' '}
          {t('ui.learn.zone.avoidTicked', {
            items: reasonsText(ticked, t, locale),
          })}
        </div>
      ) : null}
      <p>{zoneDescription(selected.zone, locale) ?? t('ui.zonePanel.noDescription')}</p>
      <h3>{t('ui.zonePanel.usedIn')}</h3>
      {usage.length === 0 ? (
        <p className="muted">
          {t(info?.avoid ? 'ui.zonePanel.goneAround' : 'ui.zonePanel.unused')}
        </p>
      ) : (
        <ul className="usage">
          {usage.map((u, i) => (
            <li key={`${u.protocolId}-${String(i)}`}>
              <span className="usage-protocol">{u.protocolTitle}</span> — {u.stepTitle}{' '}
              <span className="source">({originWords({ source: u.source }, t)})</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
