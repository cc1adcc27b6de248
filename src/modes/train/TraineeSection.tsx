import { useId, useState, type SyntheticEvent } from 'react';
import { useT } from '../../state/localeStore.ts';
import { trainSession, useTrainSession } from './trainSession.ts';

/** Who is training: a new name or one already kept on this device. */
export function TraineeSection() {
  const { t } = useT();
  const trainee = useTrainSession((s) => s.trainee);
  const doc = useTrainSession((s) => s.doc);
  const loaded = useTrainSession((s) => s.loaded);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const selectId = useId();
  const known = Object.keys(doc.trainees).sort((a, b) => a.localeCompare(b));

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const result = trainSession().getState().chooseTrainee(name);
    if (result.ok) {
      setName('');
      setProblem(null);
      return;
    }
    setProblem(
      result.reason === 'empty'
        ? t('ui.train.trainee.empty')
        : result.reason === 'too_long'
          ? t('ui.train.trainee.tooLong')
          : result.reason === 'too_many_trainees'
            ? t('ui.train.trainee.tooMany')
            : t('ui.train.trainee.invalid'),
    );
  };

  return (
    <section className="train-card train-trainee" aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`}>{t('ui.train.trainee.title')}</h2>
      <p className="train-current" data-testid="current-trainee">
        {trainee ? t('ui.train.trainee.current', { name: trainee }) : t('ui.train.trainee.none')}
      </p>
      {!loaded ? (
        <p className="small muted" role="status">
          {t('ui.train.progress.loading')}
        </p>
      ) : null}
      {trainee ? (
        <button
          type="button"
          className="train-remove"
          onClick={() => {
            if (window.confirm(t('ui.train.trainee.removeConfirm', { name: trainee })))
              void trainSession().getState().removeTrainee(trainee);
          }}
        >
          {t('ui.train.trainee.remove', { name: trainee })}
        </button>
      ) : null}
      {known.length > 0 ? (
        <label htmlFor={selectId} className="train-field">
          <span>{t('ui.train.trainee.choose')}</span>
          <select
            id={selectId}
            value={trainee ?? ''}
            onChange={(e) => {
              if (e.target.value) trainSession().getState().chooseTrainee(e.target.value);
            }}
          >
            <option value="" disabled>
              {t('ui.train.trainee.choosePlaceholder')}
            </option>
            {known.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <form onSubmit={submit} className="train-field">
        <label htmlFor={inputId}>{t('ui.train.trainee.new')}</label>
        <div className="train-row">
          <input
            id={inputId}
            type="text"
            value={name}
            maxLength={200}
            autoComplete="off"
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${inputId}-problem` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit">{t('ui.train.trainee.start')}</button>
        </div>
        {problem ? (
          <p id={`${inputId}-problem`} className="train-problem" role="alert">
            {problem}
          </p>
        ) : null}
      </form>
    </section>
  );
}
