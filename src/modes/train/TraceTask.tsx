import { useId } from 'react';
import { localized } from '../../content/localized.ts';
import { zoneSideLabel } from '../../i18n/zones.ts';
import { useCurrentStep } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { useViewFlags } from '../../state/viewFlags.ts';
import { percent, TRACE_FEEDBACK_KEYS } from './feedback.ts';
import { stepKey, trainSession, useTrainSession } from './trainSession.ts';

/** "Trace the stroke": the Trace switch, what to do, and the grade of the last trace. */
export function TraceTask() {
  const { t, locale } = useT();
  const id = useId();
  const current = useCurrentStep();
  const tracing = useViewFlags((s) => s.orbitLocked);
  const result = useTrainSession((s) => s.traceResult);
  const trainee = useTrainSession((s) => s.trainee);
  if (!current?.step.path) return null;
  const key = stepKey(current.protocol.protocol.id, current.step.id, current.side);
  const score = result?.key === key ? result.score : null;
  return (
    <section className="train-card train-trace" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ui.train.trace.title')}</h2>
      <p className="train-step-name">{localized(current.step.title, locale)}</p>
      <p className="small">{t('ui.train.trace.how')}</p>
      <button
        type="button"
        className="train-toggle"
        aria-pressed={tracing}
        disabled={!trainee}
        onClick={() => useViewFlags.getState().setOrbitLocked(!tracing)}
      >
        {t('ui.train.trace.toggle')}
      </button>
      {tracing ? <p className="small train-tracing-hint">{t('ui.train.trace.on')}</p> : null}
      {!trainee ? <p className="small muted">{t('ui.train.needTrainee')}</p> : null}
      <div className="train-result" role="status" aria-live="polite">
        {score ? (
          <>
            <p
              className={`train-score ${score.passed ? 'passed' : 'failed'}`}
              data-score={score.total}
            >
              {t('ui.train.trace.score', { score: score.total })}{' '}
              <strong>{score.passed ? t('ui.train.passed') : t('ui.train.notYet')}</strong>
            </p>
            <ul className="train-feedback">
              {score.feedback.map((f) => (
                <li key={f} data-feedback={f}>
                  {t(TRACE_FEEDBACK_KEYS[f])}
                </li>
              ))}
            </ul>
            <dl className="train-measures">
              <dt>{t('ui.train.trace.direction')}</dt>
              <dd data-measure="direction">
                {score.direction === null ? '—' : `${percent(score.direction)} %`}
              </dd>
              <dt>{t('ui.train.trace.coverage')}</dt>
              <dd data-measure="coverage">{percent(score.coverage)} %</dd>
              <dt>{t('ui.train.trace.accuracy')}</dt>
              <dd data-measure="accuracy">{percent(score.accuracy)} %</dd>
              <dt>{t('ui.train.trace.avoid')}</dt>
              <dd data-measure="avoid">
                {score.avoidTouches === 0
                  ? t('ui.train.trace.avoidNone')
                  : score.avoidZones.map((z) => zoneSideLabel(z.zone, z.side, locale)).join(', ')}
              </dd>
            </dl>
            <p className="small">{t('ui.train.trace.shown')}</p>
            <button type="button" onClick={() => trainSession().getState().clearTrace()}>
              {t('ui.train.trace.again')}
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}
