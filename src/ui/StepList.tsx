import { localized } from '../content/localized.ts';
import { phaseWord } from '../domain/stepWords.ts';
import { useT } from '../i18n/localeStore.ts';
import { useCurrentProtocol } from '../state/currentStep.ts';
import { playerEngine, usePlayerStore } from '../state/playerStore.ts';

/** The protocol's steps by phase; choosing one jumps the player there. */
export function StepList() {
  const loaded = useCurrentProtocol();
  const index = usePlayerStore((s) => s.player.stepIndex);
  const { t, locale } = useT();
  if (!loaded) return null;
  return (
    <nav className="step-list" aria-label={t('ui.steps.label')}>
      <ol>
        {loaded.protocol.steps.map((step, i) => {
          const prev = i > 0 ? loaded.protocol.steps[i - 1] : undefined;
          return (
            <li key={step.id}>
              {prev?.phase !== step.phase ? (
                <span className="phase">{phaseWord(step.phase, locale)}</span>
              ) : null}
              <button
                type="button"
                aria-current={i === index ? 'step' : undefined}
                onClick={() => playerEngine.dispatch({ type: 'jump', stepIndex: i })}
              >
                {i + 1}. {localized(step.title, locale)}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
