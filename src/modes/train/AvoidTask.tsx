import { useEffect, useId } from 'react';
import { localized } from '../../content/localized.ts';
import { AVOID_ZONES, zoneInfo } from '../../content/zoneCatalogue.ts';
import { avoidQuizChoices, checkAvoidAnswer, type ZonePart } from '../../domain/avoidQuiz.ts';
import { zoneAvoidReason, zoneSideLabel } from '../../i18n/zones.ts';
import { useContentStore } from '../../state/contentStore.ts';
import { useCurrentStep } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { playerEngine, usePlayerStore } from '../../state/playerStore.ts';
import { useStepMotion } from '../../state/stepMotion.ts';
import { AVOID_REASON_KEYS } from './feedback.ts';
import {
  indexAvoidSteps,
  indexQuizNearby,
  stepKey,
  submitAvoidAnswer,
  trainSession,
  useTrainSession,
} from './trainSession.ts';

const NO_ZONES: readonly ZonePart[] = [];

/** "Which area must be avoided here?": answered by a click on the body or from a list. */
export function AvoidTask() {
  const { t, locale } = useT();
  const id = useId();
  const current = useCurrentStep();
  const nearAvoid = useStepMotion()?.nearAvoid ?? NO_ZONES;
  const result = useTrainSession((s) => s.avoidResult);
  const trainee = useTrainSession((s) => s.trainee);
  const avoidSteps = useTrainSession((s) => s.avoidSteps);
  const quizNearby = useTrainSession((s) => s.quizNearby);
  const quizRound = useTrainSession((s) => s.quizRound);
  const motionReady = useStepMotion()?.motion != null;
  const severity = usePlayerStore((s) => s.severity);
  const landmarks = useContentStore((s) => s.data?.landmarks);
  // Which steps of the protocol have an area to avoid within reach (offered when this one has none).
  useEffect(() => {
    if (!current) return;
    indexAvoidSteps(current, severity, (name) => landmarks?.get(name)?.bilateral ?? false).catch(
      (e: unknown) => console.warn('Footwork: the steps with an area to avoid were not found', e),
    );
  }, [current, severity, landmarks]);
  // The areas near this step's path: the believable wrong answers.
  useEffect(() => {
    if (!current || !motionReady) return;
    indexQuizNearby(current, severity).catch((e: unknown) =>
      console.warn('Footwork: the areas near the step were not found', e),
    );
  }, [current, severity, motionReady]);
  if (!current?.step.path) return null;
  const key = stepKey(current.protocol.protocol.id, current.step.id, current.side);
  const answer = result?.key === key ? result.answer : null;
  const nearby = quizNearby?.key === key ? quizNearby.zones : NO_ZONES;
  // A new draw per trainee, step and question: where the right answer stands tells nothing.
  const choices = avoidQuizChoices({
    nearAvoid,
    nearby,
    stepZones: current.step.zones,
    avoidZones: AVOID_ZONES,
    side: current.side,
    bilateral: (zone) => zoneInfo(zone)?.bilateral ?? false,
    groupOf: (zone) => zoneInfo(zone)?.group,
    seed: `${trainee ?? ''}:${key}:${quizRound}`,
  });
  const explain = (c: ZonePart): string => {
    const zone = zoneSideLabel(c.zone, c.side, locale);
    const verdict = checkAvoidAnswer(nearAvoid, c, AVOID_ZONES);
    if (verdict.correct)
      return t('ui.train.avoid.isAvoid', { zone, reason: zoneAvoidReason(c.zone, locale) ?? '' });
    return t(
      verdict.reason === 'safe'
        ? 'ui.train.avoid.isSafe'
        : verdict.reason === 'other_side'
          ? 'ui.train.avoid.isOtherSide'
          : 'ui.train.avoid.isFar',
      { zone },
    );
  };
  const right = nearAvoid
    .map(
      (z) => `${zoneSideLabel(z.zone, z.side, locale)}: ${zoneAvoidReason(z.zone, locale) ?? ''}`,
    )
    .join(' ');

  return (
    <section className="train-card train-avoid" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ui.train.avoid.title')}</h2>
      <p className="train-step-name">{localized(current.step.title, locale)}</p>
      {nearAvoid.length === 0 ? (
        <>
          <p className="muted">{t('ui.train.avoid.noneHere')}</p>
          {avoidSteps?.key === `${current.protocol.protocol.id}/${current.side}` ? (
            avoidSteps.indices.length > 0 ? (
              <ul className="train-choices" aria-label={t('ui.train.avoid.stepsWith')}>
                {avoidSteps.indices.map((i) => (
                  <li key={i}>
                    <button
                      type="button"
                      onClick={() => playerEngine.dispatch({ type: 'jump', stepIndex: i })}
                    >
                      {i + 1}.{' '}
                      {localized(current.protocol.protocol.steps[i]?.title ?? { en: '' }, locale)}
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="small muted">{t('ui.train.avoid.noneInProtocol')}</p>
            )
          ) : null}
        </>
      ) : !trainee ? (
        <p className="small muted">{t('ui.train.needTrainee')}</p>
      ) : (
        <>
          <p className="small">{t('ui.train.avoid.how')}</p>
          {answer ? null : (
            <ul className="train-choices" aria-label={t('ui.train.avoid.choices')}>
              {choices.map((c) => (
                <li key={`${c.zone}.${c.side ?? ''}`}>
                  <button
                    type="button"
                    data-zone={c.zone}
                    onClick={() => submitAvoidAnswer(current, c)}
                  >
                    {zoneSideLabel(c.zone, c.side, locale)}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="train-result" role="status" aria-live="polite">
        {answer ? (
          <>
            <p
              className={`train-verdict ${answer.correct ? 'passed' : 'failed'}`}
              data-correct={answer.correct}
            >
              <strong>
                {answer.correct ? t('ui.train.avoid.right') : t('ui.train.avoid.wrong')}
              </strong>{' '}
              {answer.correct
                ? t('ui.train.avoid.rightWhy', {
                    zone: zoneSideLabel(answer.answer.zone, answer.answer.side, locale),
                    reason: zoneAvoidReason(answer.answer.zone, locale) ?? '',
                  })
                : t(AVOID_REASON_KEYS[answer.reason], {
                    zone: zoneSideLabel(answer.answer.zone, answer.answer.side, locale),
                  })}
            </p>
            {answer.correct ? null : (
              <p className="small">{t('ui.train.avoid.answerIs', { answer: right })}</p>
            )}
            <p className="small train-explain-title">{t('ui.train.avoid.explain')}</p>
            <ul className="small train-explain">
              {choices.map((c) => {
                const isRight = checkAvoidAnswer(nearAvoid, c, AVOID_ZONES).correct;
                return (
                  <li
                    key={`${c.zone}.${c.side ?? ''}`}
                    data-zone={c.zone}
                    data-right={isRight}
                    className={isRight ? 'passed' : undefined}
                  >
                    {explain(c)}
                  </li>
                );
              })}
            </ul>
            <button type="button" onClick={() => trainSession().getState().clearAvoid()}>
              {t('ui.train.avoid.again')}
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}
