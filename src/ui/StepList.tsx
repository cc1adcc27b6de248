import { PHASE_WORDS } from '../domain/stepWords.ts';
import { useCurrentProtocol } from '../state/currentStep.ts';
import { playerEngine, usePlayerStore } from '../state/playerStore.ts';

/** The protocol's steps by phase; choosing one jumps the player there. */
export function StepList() {
  const loaded = useCurrentProtocol();
  const index = usePlayerStore((s) => s.player.stepIndex);
  if (!loaded) return null;
  return (
    <nav className="step-list" aria-label="Steps">
      <ol>
        {loaded.protocol.steps.map((step, i) => {
          const prev = i > 0 ? loaded.protocol.steps[i - 1] : undefined;
          return (
            <li key={step.id}>
              {prev?.phase !== step.phase ? <span className="phase">{PHASE_WORDS[step.phase]}</span> : null}
              <button
                type="button"
                aria-current={i === index ? 'step' : undefined}
                onClick={() => playerEngine.dispatch({ type: 'jump', stepIndex: i })}
              >
                {i + 1}. {step.title.en}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
