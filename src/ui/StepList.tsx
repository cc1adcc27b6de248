import { localized } from '../content/localized.ts';
import { phaseWord } from '../domain/stepWords.ts';
import { useCurrentProtocol } from '../state/currentStep.ts';
import { useT } from '../state/localeStore.ts';
import { playerEngine, usePlayerStore } from '../state/playerStore.ts';
import { useSafetyVerdict } from '../state/safetyStore.ts';
import { reasonsText } from './safetyWords.ts';

/**
 * The protocol's steps by phase; choosing one jumps the player there. Steps the player passes
 * over (ruled out by the safety check) are marked, with the reason, and cannot be chosen.
 */
export function StepList() {
  const loaded = useCurrentProtocol();
  const index = usePlayerStore((s) => s.player.stepIndex);
  const skipped = usePlayerStore((s) => s.player.skipped);
  const verdict = useSafetyVerdict();
  const { t, locale } = useT();
  if (!loaded) return null;
  return (
    <nav className="step-list" aria-label={t('ui.steps.label')}>
      <ol>
        {loaded.protocol.steps.map((step, i) => {
          const prev = i > 0 ? loaded.protocol.steps[i - 1] : undefined;
          const isSkipped = skipped.includes(i);
          const reasons = verdict?.stepBlocks.get(i) ?? [];
          const reasonId = `step-skip-${step.id}`;
          return (
            <li key={step.id} className={isSkipped ? 'skipped' : undefined}>
              {prev?.phase !== step.phase ? (
                <span className="phase">{phaseWord(step.phase, t)}</span>
              ) : null}
              <button
                type="button"
                aria-current={i === index ? 'step' : undefined}
                aria-disabled={isSkipped ? 'true' : undefined}
                aria-describedby={isSkipped && reasons.length > 0 ? reasonId : undefined}
                data-step-index={i}
                onClick={() => playerEngine.dispatch({ type: 'jump', stepIndex: i })}
              >
                {i + 1}. {localized(step.title, locale)}
              </button>
              {isSkipped && reasons.length > 0 ? (
                <span id={reasonId} className="skip-reason">
                  {t('ui.learn.steps.skipped', {
                    reasons: reasonsText(reasons, t, locale),
                  })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
