import { useEffect, useMemo, useRef } from 'react';
import { localized } from '../../content/localized.ts';
import { avoidLine } from '../../domain/handout.ts';
import type { PlayerState } from '../../domain/player.ts';
import { stepProgress } from '../../domain/player.ts';
import { countdownDisplay, secondsToNextStep } from '../../domain/presentation.ts';
import type { ZoneSide } from '../../domain/stepMotion.ts';
import { zoneName } from '../../i18n/zones.ts';
import { useCurrentStep } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { playerEngine } from '../../state/playerStore.ts';
import { useStepMotion } from '../../state/stepMotion.ts';
import { stopPresenting } from './fullscreen.ts';
import { hush, speak } from './narration.ts';
import { PresentBriefing } from './PresentBriefing.tsx';
import { usePresentStore } from './presentStore.ts';
import { PresentTransport, useCaptionSwipe, usePresentCameraLock } from './PresentTouch.tsx';

/**
 * Time left in the step: text changed once a second at most, the bar moved by the player's own
 * subscription (never React state per frame).
 */
function Countdown() {
  const { t } = useT();
  const text = useRef<HTMLSpanElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let shown: string | number | null = null;
    const update = (s: PlayerState) => {
      const remaining = secondsToNextStep(s);
      // What to say, as a cheap key: the text is only formatted when it changes (once a second).
      let what: string | number = 'none';
      if (remaining !== null) what = countdownDisplay(remaining);
      else if (s.status === 'finished') what = 'finished';
      else if (s.status === 'playing' && s.stepIndex === s.stepCount - 1) what = 'last';
      else if (s.status === 'paused' && s.protocolId) what = 'paused';
      if (what !== shown && text.current) {
        shown = what;
        text.current.textContent =
          typeof what === 'number'
            ? t('ui.present.nextIn', { seconds: what })
            : what === 'finished'
              ? t('ui.present.finished')
              : what === 'last'
                ? t('ui.present.lastStep')
                : what === 'paused'
                  ? t('ui.present.paused')
                  : '';
      }
      if (bar.current) bar.current.style.transform = `scaleX(${String(stepProgress(s))})`;
    };
    update(playerEngine.state);
    return playerEngine.subscribe(update);
  }, [t]);
  return (
    <div className="present-countdown">
      <span ref={text} className="present-countdown-text" role="timer" />
      <div className="present-countdown-track" aria-hidden="true">
        <div ref={bar} className="present-countdown-fill" />
      </div>
    </div>
  );
}

const NO_ZONES: readonly ZoneSide[] = [];

/**
 * Big captions over the canvas: step number, the plain words, what not to touch, the countdown;
 * when a presentation starts, the briefing (cautions, position, safety) before the steps.
 */
function PresentOverlay() {
  const { t, locale } = useT();
  const current = useCurrentStep();
  const presenting = usePresentStore((s) => s.presenting);
  const briefing = usePresentStore((s) => s.briefing);
  const narration = usePresentStore((s) => s.narration);
  const nearAvoid = useStepMotion()?.nearAvoid ?? NO_ZONES;
  const plain = current ? localized(current.step.plain, locale) : '';
  const avoid = useMemo(
    () => avoidLine([...new Set(nearAvoid.map((z) => zoneName(z.zone, locale)))], t),
    [nearAvoid, locale, t],
  );
  const cautions = current?.step.cautions.map((c) => localized(c.plain ?? c.text, locale)) ?? [];

  const stepKey = current ? `${current.protocol.protocol.id}:${String(current.index)}` : '';
  useEffect(() => {
    if (narration && plain && !briefing) speak(plain, locale);
  }, [narration, stepKey, plain, locale, briefing]);
  useEffect(() => {
    if (!narration) hush();
  }, [narration]);
  useEffect(() => () => hush(), []);
  usePresentCameraLock();
  const swipe = useCaptionSwipe();

  if (!current) return null;
  const count = current.protocol.protocol.steps.length;
  return (
    <div className={`present-overlay${presenting ? ' present-live' : ''}`}>
      {presenting ? (
        <button type="button" className="present-exit" onClick={stopPresenting}>
          {t('ui.present.stop')}
        </button>
      ) : null}
      {presenting && briefing ? <PresentBriefing /> : null}
      <div
        className="present-caption"
        aria-live="polite"
        hidden={presenting && briefing}
        {...(presenting ? swipe : {})}
      >
        <p className="present-counter">
          {t('ui.present.stepCount', { index: current.index + 1, count })}
        </p>
        <p className="present-plain">{plain}</p>
        {avoid || cautions.length > 0 ? (
          <ul className="present-warnings">
            {avoid ? <li className="present-avoid">{avoid}</li> : null}
            {cautions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {presenting && briefing ? null : (
        <div className="present-bottom">
          <Countdown />
          {presenting ? <PresentTransport /> : null}
        </div>
      )}
    </div>
  );
}

export { PresentOverlay };
