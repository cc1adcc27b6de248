import { useT } from '../../state/localeStore.ts';
import { useTrainStore } from '../../state/viewFlags.ts';

/** Over the canvas while tracing: says that a drag draws (and does not turn the view). */
export function TrainOverlay() {
  const { t } = useT();
  const tracing = useTrainStore((s) => s.tracing);
  if (!tracing) return null;
  return (
    <p className="train-overlay" aria-hidden="true">
      {t('ui.train.trace.on')}
    </p>
  );
}
