import { localized } from '../content/localized.ts';
import { originWords } from '../domain/sourceNotes.ts';
import type { ZoneSide } from '../domain/stepMotion.ts';
import {
  describeDose,
  describeIntensity,
  handPartWord,
  poseWord,
  techniqueWord,
} from '../domain/stepWords.ts';
import { zoneAvoidReason, zoneName, zoneSideLabel } from '../i18n/zones.ts';
import { useCurrentStep } from '../state/currentStep.ts';
import { useT } from '../state/localeStore.ts';
import { usePlayerStore } from '../state/playerStore.ts';
import { useSafetyVerdict } from '../state/safetyStore.ts';
import { useStepMotion } from '../state/stepMotion.ts';
import { reasonsText } from './safetyWords.ts';
import { sourceWord } from './sourceLabel.ts';
import { StepSourceNotes } from './SourceNotes.tsx';

const NO_ZONES: readonly ZoneSide[] = [];

/**
 * The current step in words, kept in sync with the animation; announced to screen readers. What
 * to do first: the title, the words, the direction, what not to massage and the cautions; then
 * the technique, the hand, where, the position, intensity and how long.
 */
export function StepPanel() {
  const current = useCurrentStep();
  const nearAvoid = useStepMotion()?.nearAvoid ?? NO_ZONES;
  const avoidTouched = usePlayerStore((s) => s.avoidTouched);
  const verdict = useSafetyVerdict();
  const { t, locale } = useT();
  if (!current) return null;
  const { step, protocol, index } = current;
  const zones = step.zones.map((z) => zoneName(z, locale));
  return (
    <section className="step-panel" aria-labelledby="step-title" data-step={step.id}>
      <div aria-live="polite" aria-atomic="true">
        <p className="step-kicker">
          {t('ui.step.kicker', {
            protocol: localized(protocol.protocol.title, locale),
            index: index + 1,
          })}
        </p>
        <h2 id="step-title">{localized(step.title, locale)}</h2>
        <p className="step-text">{localized(step.text, locale)}</p>
      </div>
      {step.direction ? (
        <dl className="step-facts step-essentials">
          <div>
            <dt>{t('ui.step.direction')}</dt>
            <dd className="step-direction">{localized(step.direction.text, locale)}</dd>
          </div>
        </dl>
      ) : null}
      {nearAvoid.length > 0 ? (
        <div className="avoid-warning" role="alert">
          <strong>
            {t('ui.step.doNotMassage', {
              zones: nearAvoid.map((z) => zoneSideLabel(z.zone, z.side, locale)).join(', '),
            })}
          </strong>
          <ul>
            {[...new Set(nearAvoid.map((z) => z.zone))].map((z) => {
              // An avoid zone of the catalogue has its reason; one added by the safety check
              // names the ticked items.
              const ticked = verdict?.avoidReasons.get(z) ?? [];
              const reason =
                zoneAvoidReason(z, locale) ??
                (ticked.length > 0
                  ? `${zoneName(z, locale)}: ${t('ui.learn.zone.avoidTicked', {
                      items: reasonsText(ticked, t, locale),
                    })}`
                  : null);
              return reason ? <li key={z}>{reason}</li> : null;
            })}
          </ul>
        </div>
      ) : null}
      {avoidTouched ? (
        <div className="avoid-warning runtime" role="alert">
          <strong>{t('ui.step.avoidTouched', { zone: zoneName(avoidTouched, locale) })}</strong>{' '}
          {t('ui.step.report')}
        </div>
      ) : null}
      {step.cautions.length > 0 ? (
        <ul className="cautions" aria-label={t('ui.step.cautions')}>
          {step.cautions.map((c, i) => (
            <li key={`${step.id}-caution-${String(i)}`}>
              {localized(c.text, locale)}{' '}
              <span className={c.own ? 'source own' : 'source'}>({originWords(c, t)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="step-facts">
        <div>
          <dt>{t('ui.step.technique')}</dt>
          <dd>{techniqueWord(step.technique, t)}</dd>
        </div>
        {step.handPart !== 'none' ? (
          <div>
            <dt>{t('ui.step.with')}</dt>
            <dd>{handPartWord(step.handPart, t)}</dd>
          </div>
        ) : null}
        {zones.length > 0 ? (
          <div>
            <dt>{t('ui.step.where')}</dt>
            <dd>
              {zones.join(', ')}
              {step.zones.length > 0 && step.side !== 'both'
                ? ` (${t(current.side === 'L' ? 'ui.side.L' : 'ui.side.R')})`
                : ''}
            </dd>
          </div>
        ) : null}
        {step.position ? (
          <div>
            <dt>{t('ui.brief.position')}</dt>
            <dd className="step-position">
              {poseWord(step.position.pose, t)}
              {step.position.note ? `. ${localized(step.position.note, locale)}` : ''}
              {step.position.own ? (
                <span className="source own"> ({t('ui.brief.positionOwn')})</span>
              ) : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('ui.step.intensity')}</dt>
          <dd>{describeIntensity(step, t)}</dd>
        </div>
        <div>
          <dt>{t('ui.step.howLong')}</dt>
          <dd>{describeDose(step, t)}</dd>
        </div>
      </dl>
      <StepSourceNotes protocol={protocol.protocol} stepId={step.id} />
      <p className="source">{t('ui.step.source', { source: sourceWord(step.source, t) })}</p>
    </section>
  );
}
