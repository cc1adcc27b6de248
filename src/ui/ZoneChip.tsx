import { zoneSideLabel } from '../i18n/zones.ts';
import { useT } from '../state/localeStore.ts';
import { usePendingTap } from '../state/pendingTap.ts';
import { useViewerStore } from '../state/viewerStore.ts';

/**
 * The name of the zone last tapped or clicked, over the 3D view: on a touch screen there is no
 * hover label, and the zone's panel may be out of sight below the view. A tap made while the body
 * is still loading says so here until the body is ready and the tap is answered.
 */
export function ZoneChip() {
  const selected = useViewerStore((s) => s.selected);
  const select = useViewerStore((s) => s.select);
  const waiting = usePendingTap((s) => s.tap !== null);
  const { t, locale } = useT();
  return (
    <div className="zone-chip" role="status" hidden={!selected && !waiting}>
      {!selected && waiting ? (
        <span className="zone-chip-name zone-chip-preparing">{t('ui.zoneChip.preparing')}</span>
      ) : null}
      {selected ? (
        <>
          <span className="zone-chip-name">
            {zoneSideLabel(selected.zone, selected.side, locale)}
          </span>
          <button
            type="button"
            className="zone-chip-close"
            aria-label={t('ui.zonePanel.close')}
            onClick={() => select(null)}
          >
            ×
          </button>
        </>
      ) : null}
    </div>
  );
}
