import { useT } from '../../state/localeStore.ts';
import { trainSession, useTrainSession } from './trainSession.ts';

/** What happened to the saved progress: read back changed, or a save that did not reach storage. */
export function TrainNotices() {
  const { t } = useT();
  const loadNotice = useTrainSession((s) => s.loadNotice);
  const saveProblem = useTrainSession((s) => s.saveProblem);
  const session = trainSession();
  return (
    <>
      {saveProblem ? (
        <div className="notice train-save-problem" role="alert">
          <p>
            {saveProblem.reason === 'storage_full'
              ? t('ui.train.save.full')
              : t('ui.train.save.failed', { detail: saveProblem.detail })}
          </p>
          <p className="small">{t('ui.train.save.kept')}</p>
          <button type="button" onClick={() => session.getState().dismissSaveProblem()}>
            {t('ui.dismiss')}
          </button>
        </div>
      ) : null}
      {loadNotice &&
      !(loadNotice.kind === 'unavailable' && loadNotice.detail === 'no storage on this device') ? (
        <div className="notice train-load-notice" role="status">
          <p>
            {loadNotice.kind === 'migrated'
              ? t('ui.progress.migrated', { detail: loadNotice.detail })
              : loadNotice.kind === 'reset'
                ? t('ui.progress.reset', { detail: loadNotice.detail })
                : t('ui.progress.unavailable', { detail: loadNotice.detail })}
          </p>
          {'backupKey' in loadNotice && loadNotice.backupKey ? (
            <p className="small">{t('ui.progress.backup', { key: loadNotice.backupKey })}</p>
          ) : null}
          <button type="button" onClick={() => session.getState().dismissLoadNotice()}>
            {t('ui.dismiss')}
          </button>
        </div>
      ) : null}
    </>
  );
}
