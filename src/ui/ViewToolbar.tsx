import type { Side } from '../domain/body.ts';
import { VIEW_IDS, type ViewId } from '../domain/views.ts';
import { useViewerStore } from '../state/viewerStore.ts';

const VIEW_LABELS: Record<ViewId, string> = {
  whole: 'Whole body',
  anterior: 'Front',
  posterior: 'Back',
  medial: 'Inner side',
  lateral: 'Outer side',
  dorsal: 'Top of foot',
  plantar: 'Sole',
};

const SIDE_LABELS: Record<Side, string> = { L: 'Left foot', R: 'Right foot' };

/** Preset views, foot focus and reset. */
export function ViewToolbar() {
  const view = useViewerStore((s) => s.view);
  const side = useViewerStore((s) => s.side);
  const setView = useViewerStore((s) => s.setView);
  const setSide = useViewerStore((s) => s.setSide);
  const resetView = useViewerStore((s) => s.resetView);
  return (
    <nav className="toolbar" aria-label="Views">
      <div className="toolbar-group" role="group" aria-label="Preset views">
        {VIEW_IDS.map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)} data-view={v}>
            {VIEW_LABELS[v]}
          </button>
        ))}
      </div>
      <div className="toolbar-group" role="group" aria-label="Foot focus">
        {(['L', 'R'] as const).map((s) => (
          <button key={s} type="button" aria-pressed={side === s} onClick={() => setSide(s)} data-side={s}>
            {SIDE_LABELS[s]}
          </button>
        ))}
        <button type="button" onClick={resetView}>
          Reset view
        </button>
      </div>
    </nav>
  );
}
