import { useT } from '../../state/localeStore.ts';
import { useViewFlags } from '../../state/viewFlags.ts';

/** Over the canvas while tracing: says that a drag draws (and does not turn the view). */
export function TrainOverlay() {
  const { t } = useT();
  const tracing = useViewFlags((s) => s.orbitLocked);
  if (!tracing) return null;
  return (
    <p className="train-overlay" aria-hidden="true">
      {t('ui.train.trace.on')}
    </p>
  );
}
