import { useT } from '../state/localeStore.ts';
import { useModeFailure } from './useModeUi.ts';

/** Says that a mode's code could not be loaded, with a retry; the mode shown before stays open. */
export function ModeFailureNotice() {
  const failure = useModeFailure((s) => s.failure);
  const retry = useModeFailure((s) => s.retry);
  const dismiss = useModeFailure((s) => s.dismiss);
  const { t } = useT();
  if (!failure) return null;
  return (
    <div className="notice mode-failure" role="alert">
      <p>
        {t('ui.mode.failed', {
          mode: t(`ui.mode.${failure.mode}`),
          previous: t(`ui.mode.${failure.previous}`),
          error: failure.error,
        })}
      </p>
      <div className="row">
        <button type="button" onClick={retry}>
          {t('ui.retry')}
        </button>
        <button type="button" onClick={dismiss}>
          {t('ui.dismiss')}
        </button>
      </div>
    </div>
  );
}
