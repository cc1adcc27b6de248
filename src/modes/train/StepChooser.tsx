import { useEffect, useId } from 'react';
import { localized } from '../../content/localized.ts';
import { stepsWithPath } from '../../domain/traceInput.ts';
import { useCurrentStep } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { playerEngine, usePlayerStore } from '../../state/playerStore.ts';
import { ProtocolPicker } from '../../ui/ProtocolPicker.tsx';

/** The protocol and the step (one with a path on the body) to drill. */
export function StepChooser() {
  const { t, locale } = useT();
  const current = useCurrentStep();
  const id = useId();
  const steps = current?.protocol.protocol.steps ?? [];
  // Steps the safety check rules out cannot be shown, so they are not offered.
  const skipped = usePlayerStore((s) => s.player.skipped);
  const withPath = stepsWithPath(steps).filter((i) => !skipped.includes(i));
  const onPath = current ? withPath.includes(current.index) : false;
  const first = withPath.at(0);

  // Train drills steps done on the body: move off a step without a path (preparation, exercises).
  useEffect(() => {
    if (current && !onPath && first !== undefined)
      playerEngine.dispatch({ type: 'jump', stepIndex: first });
  }, [current, onPath, first]);
  // Nothing plays in Train mode: the trainee does the stroke.
  useEffect(() => {
    if (playerEngine.state.status === 'playing') playerEngine.dispatch({ type: 'pause' });
  }, [current]);

  return (
    <section className="train-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ui.train.step.title')}</h2>
      <ProtocolPicker />
      {current && withPath.length > 0 ? (
        <label className="train-field" htmlFor={`${id}-step`}>
          <span>{t('ui.train.step.label')}</span>
          <select
            id={`${id}-step`}
            value={current.index}
            onChange={(e) =>
              playerEngine.dispatch({ type: 'jump', stepIndex: Number(e.target.value) })
            }
          >
            {withPath.flatMap((i) => {
              const step = steps.at(i);
              return step
                ? [
                    <option key={step.id} value={i}>
                      {i + 1}. {localized(step.title, locale)}
                    </option>,
                  ]
                : [];
            })}
          </select>
        </label>
      ) : current ? (
        <p className="muted">{t('ui.train.step.none')}</p>
      ) : null}
    </section>
  );
}
