import { useProgress } from '@react-three/drei';
import { useT } from '../state/localeStore.ts';

/** Thin progress bar over the canvas while the model downloads; gone once everything loaded. */
export function LoadingBar() {
  const { active, progress } = useProgress();
  const { t } = useT();
  if (!active) return null;
  const pct = Math.round(progress);
  return (
    <div
      className="loading"
      role="progressbar"
      aria-label={t('ui.loading.model')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
    >
      <div className="loading-track">
        <div className="loading-fill" style={{ width: `${pct}%` }} />
      </div>
      <span>{t('ui.loading.progress', { pct })}</span>
    </div>
  );
}
