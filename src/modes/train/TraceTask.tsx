import { useEffect, useId, useMemo, useRef } from 'react';
import { localized } from '../../content/localized.ts';
import { traceFigureFor, type TraceFigure } from '../../domain/traceFigure.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { zoneSideLabel } from '../../i18n/zones.ts';
import { useCurrentStep } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { useStepMotion } from '../../state/stepMotion.ts';
import { useViewFlags } from '../../state/viewFlags.ts';
import { CRITERION_KEYS, feedbackText, turnWords } from './feedback.ts';
import { stepKey, traceAgain, useTrainSession } from './trainSession.ts';

/** What to draw for a figure, in words, with its count, turning sense and time. */
function askFor(t: Translate, figure: TraceFigure): string {
  const seconds =
    figure.cycleS === null ? null : Math.max(1, Math.round(figure.cycles * figure.cycleS));
  const count = Math.round(figure.cycles);
  switch (figure.kind) {
    case 'circles':
      return figure.turn === null
        ? t('ui.train.trace.ask.circlesEither', { seconds: seconds ?? '—' })
        : t('ui.train.trace.ask.circles', {
            count,
            turn: turnWords(t, figure.turn),
            seconds: seconds ?? '—',
          });
    case 'zigzag':
      return t('ui.train.trace.ask.zigzag', { count, seconds: seconds ?? '—' });
    case 'figure_eight':
      return t('ui.train.trace.ask.eight', { seconds: seconds ?? '—' });
    case 'points':
      return t('ui.train.trace.ask.points', { count: figure.stations.length });
    case 'line':
      return t('ui.train.trace.ask.line');
  }
}

/** "Trace the stroke": the Trace switch, what to draw, and the grade of the last trace. */
export function TraceTask() {
  const { t, locale } = useT();
  const id = useId();
  const current = useCurrentStep();
  const plan = useStepMotion()?.motion?.plan ?? null;
  const tracing = useViewFlags((s) => s.orbitLocked);
  const result = useTrainSession((s) => s.traceResult);
  const trainee = useTrainSession((s) => s.trainee);
  const step = current?.step ?? null;
  const figure = useMemo(() => (step && plan ? traceFigureFor(step, plan) : null), [step, plan]);
  const againRef = useRef<HTMLButtonElement>(null);
  const key = current ? stepKey(current.protocol.protocol.id, current.step.id, current.side) : '';
  const score = result?.key === key ? result.score : null;
  // A new grade comes in below the instructions: bring it and "Try again" into view (the side
  // column or the phone's sheet may have the trace switch at its bottom edge).
  useEffect(() => {
    if (score) againRef.current?.scrollIntoView({ block: 'nearest' });
  }, [score]);
  if (!current?.step.path) return null;
  return (
    <section className="train-card train-trace" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ui.train.trace.title')}</h2>
      <p className="train-step-name">{localized(current.step.title, locale)}</p>
      <p className="small">{t('ui.train.trace.how')}</p>
      {figure ? (
        <p className="train-ask" data-figure={figure.kind}>
          {askFor(t, figure)}
        </p>
      ) : null}
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
              data-figure={score.figure}
            >
              {t('ui.train.trace.score', { score: score.total })}{' '}
              <strong>{score.passed ? t('ui.train.passed') : t('ui.train.notYet')}</strong>
            </p>
            <button type="button" className="train-again" ref={againRef} onClick={traceAgain}>
              {t('ui.train.trace.tryAgain')}
            </button>
            <ul className="train-feedback">
              {score.feedback.map((f) => (
                <li key={f} data-feedback={f}>
                  {feedbackText(t, locale, f, score)}
                </li>
              ))}
            </ul>
            <dl className="train-measures">
              {score.criteria.map((c) => (
                <div key={c.criterion} className="train-measure">
                  <dt>{t(CRITERION_KEYS[c.criterion])}</dt>
                  <dd data-measure={c.criterion}>{c.score} %</dd>
                </div>
              ))}
              <div className="train-measure">
                <dt>{t('ui.train.trace.avoid')}</dt>
                <dd data-measure="avoid">
                  {score.avoidTouches === 0
                    ? t('ui.train.trace.avoidNone')
                    : score.avoidZones.map((z) => zoneSideLabel(z.zone, z.side, locale)).join(', ')}
                </dd>
              </div>
            </dl>
            <p className="small">{t('ui.train.trace.together')}</p>
          </>
        ) : null}
      </div>
    </section>
  );
}
