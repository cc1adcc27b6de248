import { describeDose, describeIntensity, HAND_PART_WORDS, TECHNIQUE_WORDS } from '../domain/stepWords.ts';
import { zoneInfo } from '../state/catalogue.ts';
import { useCurrentStep } from '../state/currentStep.ts';
import { usePlayerStore } from '../state/playerStore.ts';
import { zoneLabel } from './zoneLabel.ts';

/** The current step in words, kept in sync with the animation; announced to screen readers. */
export function StepPanel() {
  const current = useCurrentStep();
  const nearAvoid = usePlayerStore((s) => s.nearAvoid);
  const avoidTouched = usePlayerStore((s) => s.avoidTouched);
  if (!current) return null;
  const { step, protocol, index } = current;
  const zones = step.zones.map((z) => zoneInfo(z)?.name ?? z);
  return (
    <section className="step-panel" aria-labelledby="step-title" data-step={step.id}>
      <div aria-live="polite" aria-atomic="true">
        <p className="step-kicker">
          {protocol.protocol.title.en} · step {index + 1}
        </p>
        <h2 id="step-title">{step.title.en}</h2>
        <p className="step-text">{step.text.en}</p>
      </div>
      <dl className="step-facts">
        <div>
          <dt>Technique</dt>
          <dd>{TECHNIQUE_WORDS[step.technique]}</dd>
        </div>
        {step.handPart !== 'none' ? (
          <div>
            <dt>With</dt>
            <dd>{HAND_PART_WORDS[step.handPart]}</dd>
          </div>
        ) : null}
        {zones.length > 0 ? (
          <div>
            <dt>Where</dt>
            <dd>
              {zones.join(', ')}
              {step.zones.length > 0 && step.side !== 'both' ? ` (${current.side === 'L' ? 'left' : 'right'})` : ''}
            </dd>
          </div>
        ) : null}
        {step.direction ? (
          <div>
            <dt>Direction</dt>
            <dd className="step-direction">{step.direction.text.en}</dd>
          </div>
        ) : null}
        <div>
          <dt>Intensity</dt>
          <dd>{describeIntensity(step)}</dd>
        </div>
        <div>
          <dt>How long</dt>
          <dd>{describeDose(step)}</dd>
        </div>
      </dl>
      {nearAvoid.length > 0 ? (
        <div className="avoid-warning" role="alert">
          <strong>Do not massage: {nearAvoid.map((z) => zoneLabel(z)).join(', ')}</strong>
          <ul>
            {[...new Set(nearAvoid.map((z) => z.zone))].map((z) => (
              <li key={z}>{zoneInfo(z)?.avoid?.reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {avoidTouched ? (
        <div className="avoid-warning runtime" role="alert">
          <strong>This motion touched an area to avoid ({zoneInfo(avoidTouched)?.name ?? avoidTouched}).</strong> Please
          report this step: the content needs a safer path.
        </div>
      ) : null}
      {step.cautions.length > 0 ? (
        <ul className="cautions" aria-label="Cautions">
          {step.cautions.map((c, i) => (
            <li key={`${step.id}-caution-${String(i)}`}>
              {c.text.en} <span className="source">({c.source})</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="source">Source: {step.source}</p>
    </section>
  );
}
