import type { Side } from '../domain/body.ts';
import { VIEW_IDS, type ViewId } from '../domain/views.ts';
import type { UiKey } from '../i18n/i18n.ts';
import { useCurrentStep } from '../state/currentStep.ts';
import { useT } from '../state/localeStore.ts';
import { useViewerStore } from '../state/viewerStore.ts';
import { HandsToolbar } from './HandsToolbar.tsx';

const VIEW_LABELS: Record<ViewId, UiKey> = {
  whole: 'ui.view.whole',
  anterior: 'ui.view.anterior',
  posterior: 'ui.view.posterior',
  medial: 'ui.view.medial',
  lateral: 'ui.view.lateral',
  dorsal: 'ui.view.dorsal',
  plantar: 'ui.view.plantar',
};

const SIDE_LABELS: Record<Side, UiKey> = { L: 'ui.foot.L', R: 'ui.foot.R' };

/**
 * Preset views, foot focus and reset. Left foot / Right foot is the one place where the side is
 * chosen: for the views, and for the step in the player (it shows the step's side; a step fixed to
 * one side leaves the other button off).
 */
export function ViewToolbar() {
  const view = useViewerStore((s) => s.view);
  const chosen = useViewerStore((s) => s.side);
  const current = useCurrentStep();
  const side = current?.side ?? chosen;
  const fixedSide =
    current !== null && current.step.side !== 'both' && current.step.side !== 'chosen';
  const setView = useViewerStore((s) => s.setView);
  const setSide = useViewerStore((s) => s.setSide);
  const resetView = useViewerStore((s) => s.resetView);
  const { t } = useT();
  return (
    <nav className="toolbar" aria-label={t('ui.toolbar.views')}>
      <div className="toolbar-group" role="group" aria-label={t('ui.toolbar.presets')}>
        {VIEW_IDS.map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => setView(v)}
            data-view={v}
          >
            {t(VIEW_LABELS[v])}
          </button>
        ))}
      </div>
      <div className="toolbar-group" role="group" aria-label={t('ui.toolbar.focus')}>
        {(['L', 'R'] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={side === s}
            disabled={fixedSide && side !== s}
            onClick={() => setSide(s)}
            data-side={s}
          >
            {t(SIDE_LABELS[s])}
          </button>
        ))}
        <button type="button" onClick={resetView}>
          {t('ui.toolbar.reset')}
        </button>
      </div>
      <HandsToolbar />
    </nav>
  );
}
