import { useEffect } from 'react';
import { localized } from '../../content/localized.ts';
import { useCurrentStep } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { currentStepKey } from '../../state/stepMotion.ts';
import { useViewFlags } from '../../state/viewFlags.ts';
import { usePresentStore } from './presentStore.ts';
import { setTracing, useTeachBack } from './teachBack.ts';

/**
 * "Teach-back": the parent traces the current step's stroke on the body with a finger; the grade
 * (Train's trace scoring) is shown, kept with the program on this device and printed on the
 * handout.
 */
export function TeachBackSection() {
  const { t, locale } = useT();
  const current = useCurrentStep();
  const tracing = useViewFlags((s) => s.orbitLocked);
  const result = useTeachBack((s) => s.result);
  const busy = usePresentStore((s) => s.busy);
  const made = usePresentStore((s) => s.program);
  // Tracing ends with the section (Present mode left).
  useEffect(() => () => setTracing(false), []);
  if (!current) return null;
  const key = currentStepKey(current);
  const shown = result?.key === key ? result : null;
  const program = made?.program.protocolId === current.protocol.protocol.id ? made.program : null;
  const hasPath = current.step.path !== undefined;
  return (
    <section className="present-section present-teachback" aria-labelledby="present-teachback-h">
      <h2 id="present-teachback-h">{t('ui.present.teachBack.title')}</h2>
      <p className="muted small">{t('ui.present.teachBack.how')}</p>
      <p className="present-teachback-step">
        {t('ui.present.handout.stepHeading', {
          index: current.index + 1,
          title: localized(current.step.title, locale),
        })}
      </p>
      {hasPath ? (
        <button
          type="button"
          className="present-teachback-toggle"
          aria-pressed={tracing}
          disabled={busy !== null}
          onClick={() => setTracing(!tracing)}
        >
          {t('ui.present.teachBack.toggle')}
        </button>
      ) : (
        <p className="muted small">{t('ui.present.teachBack.noPath')}</p>
      )}
      {tracing ? <p className="small">{t('ui.present.teachBack.on')}</p> : null}
      <div role="status" aria-live="polite">
        {shown ? (
          <>
            <p
              className={`present-teachback-score ${shown.score.passed ? 'passed' : 'failed'}`}
              data-score={shown.score.total}
            >
              {t('ui.train.trace.score', { score: shown.score.total })}{' '}
              <strong>{shown.score.passed ? t('ui.train.passed') : t('ui.train.notYet')}</strong>
            </p>
            <p className="small">
              {!shown.kept
                ? t('ui.present.teachBack.notKept')
                : program
                  ? t('ui.present.teachBack.keptProgram', { name: program.name })
                  : t('ui.present.teachBack.kept')}
            </p>
          </>
        ) : null}
      </div>
    </section>
  );
}
