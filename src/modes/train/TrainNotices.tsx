import type { Translate } from '../../i18n/i18n.ts';
import { useT } from '../../state/localeStore.ts';
import { describeProgressNotice } from '../../ui/ProgressNotice.tsx';
import { nearLimit, trainSession, useTrainSession, type SaveProblem } from './trainSession.ts';

function describeSave(problem: SaveProblem, t: Translate): string {
  switch (problem.reason) {
    case 'storage_full':
      return t('ui.train.save.full');
    case 'limit_reached':
      return t('ui.train.save.limit');
    case 'too_many_trainees':
      return t('ui.train.trainee.tooMany');
    case 'unavailable':
      return t('ui.train.save.failed', { detail: problem.detail });
  }
}

/**
 * What happened to the saved progress: read back changed, a save that did not reach storage, or
 * the device nearing the most it can keep.
 */
export function TrainNotices() {
  const { t } = useT();
  const loadNotice = useTrainSession((s) => s.loadNotice);
  const saveProblem = useTrainSession((s) => s.saveProblem);
  const usage = useTrainSession((s) => s.usage);
  const session = trainSession();
  return (
    <>
      {saveProblem ? (
        <div className="notice train-save-problem" role="alert">
          <p>{describeSave(saveProblem, t)}</p>
          {saveProblem.reason === 'storage_full' || saveProblem.reason === 'unavailable' ? (
            <p className="small">{t('ui.train.save.kept')}</p>
          ) : null}
          <button type="button" onClick={() => session.getState().dismissSaveProblem()}>
            {t('ui.dismiss')}
          </button>
        </div>
      ) : null}
      {nearLimit(usage) && saveProblem?.reason !== 'limit_reached' ? (
        <div className="notice train-limit-notice" role="status">
          <p>
            {t('ui.train.limit.near', { percent: Math.min(100, Math.floor(usage.share * 100)) })}
          </p>
        </div>
      ) : null}
      {loadNotice &&
      !(loadNotice.kind === 'unavailable' && loadNotice.detail === 'no storage on this device') ? (
        <div className="notice train-load-notice" role="status">
          <p>{describeProgressNotice(loadNotice, t)}</p>
          {'backupKey' in loadNotice && loadNotice.backupKey ? (
            <p className="small">{t('ui.progress.backupKept')}</p>
          ) : null}
          <button type="button" onClick={() => session.getState().dismissLoadNotice()}>
            {t('ui.dismiss')}
          </button>
        </div>
      ) : null}
    </>
  );
}
