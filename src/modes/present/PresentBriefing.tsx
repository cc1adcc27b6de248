import { useEffect, useRef } from 'react';
import { localized } from '../../content/localized.ts';
import { describeSchedule } from '../../domain/handout.ts';
import { hasPlayableStep } from '../../domain/player.ts';
import { originWords } from '../../domain/sourceNotes.ts';
import { poseWord } from '../../domain/stepWords.ts';
import { useCurrentStep } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { playerEngine, usePlayerStore } from '../../state/playerStore.ts';
import { useSafetyVerdict } from '../../state/safetyStore.ts';
import { reasonsText } from '../../ui/safetyWords.ts';
import { beginSteps } from './fullscreen.ts';
import { usePresentStore } from './presentStore.ts';

/**
 * The card a presentation opens on, before the first step: the protocol's cautions in plain
 * words (who says each), the position, and what the safety check rules out or warns about. The
 * steps start with "Start" (or Space, which plays the player).
 */
export function PresentBriefing() {
  const { t, locale } = useT();
  const current = useCurrentStep();
  const player = usePlayerStore((s) => s.player);
  const verdict = useSafetyVerdict();
  const start = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Focused for Enter or Space, without scrolling the cautions out of view on a small screen.
    start.current?.focus({ preventScroll: true });
    // Played some other way (Space, a remote): the briefing is over.
    return playerEngine.subscribe((s) => {
      if (s.status === 'playing') usePresentStore.getState().setBriefing(false);
    });
  }, []);
  if (!current) return null;
  const p = current.protocol.protocol;
  const playable = hasPlayableStep(player);
  const blocked = verdict?.blockedBy ?? [];
  const warnings = verdict?.warnings ?? [];
  const schedule = describeSchedule(p.schedule, locale, t);
  return (
    <section className="present-briefing" aria-labelledby="present-briefing-title">
      <p className="present-briefing-protocol">{localized(p.title, locale)}</p>
      <h2 id="present-briefing-title">{t('ui.present.briefing.title')}</h2>
      <p className="present-briefing-position">
        <strong>{t('ui.brief.position')}</strong> {poseWord(p.position.pose, t)}.
        {p.position.note ? ` ${localized(p.position.note, locale)}` : ''}
        {p.position.own ? <span className="source own"> ({t('ui.brief.positionOwn')})</span> : null}
      </p>
      {p.cautions.length > 0 ? (
        <ul className="present-briefing-cautions" aria-label={t('ui.brief.cautions')}>
          {p.cautions.map((c, i) => (
            <li key={`${p.id}-${String(i)}`}>
              {localized(c.plain ?? c.text, locale)}{' '}
              <span className={c.own ? 'source own' : 'source'}>({originWords(c, t)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {schedule.length > 0 ? (
        <p className="present-briefing-schedule">
          <strong>{t('ui.brief.schedule')}:</strong> {schedule.join(' ')}
        </p>
      ) : null}
      {blocked.length > 0 ? (
        <p className="play-blocked" role="alert">
          {t('ui.learn.safety.blocked', {
            items: reasonsText(blocked, t, locale),
          })}
        </p>
      ) : null}
      {warnings.length > 0 ? (
        <p className="play-warning">
          {t('ui.learn.safety.warning', {
            items: reasonsText(warnings, t, locale),
          })}
        </p>
      ) : null}
      <div className="present-briefing-actions">
        <button
          ref={start}
          type="button"
          className="primary present-begin"
          disabled={!playable}
          onClick={beginSteps}
        >
          {t('ui.present.briefing.begin', { index: current.index + 1 })}
        </button>
        <p className="present-touch-hint">{t('ui.present.touchHint')}</p>
      </div>
    </section>
  );
}
