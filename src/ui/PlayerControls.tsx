import { useEffect, useId, useRef } from 'react';
import { FOOT_ZONES } from '../content/zoneCatalogue.ts';
import { hasPlayableStep, PLAYER_SPEEDS, stepProgress } from '../domain/player.ts';
import { useCurrentStep } from '../state/currentStep.ts';
import { useT } from '../state/localeStore.ts';
import { playerEngine, usePlayerStore } from '../state/playerStore.ts';
import { useSafetyVerdict } from '../state/safetyStore.ts';
import { reasonsText } from './safetyWords.ts';
import { SessionTimer } from './SessionTimer.tsx';

/** The morphs whose severity the user can set, with their label keys. */
const SEVERITY_SLIDERS = [
  { target: 'hallux_valgus', label: 'ui.player.bunion' },
  { target: 'flat_foot', label: 'ui.player.flatFoot' },
] as const;

/**
 * Play, pause, previous, next and restart with a progress bar, and why nothing plays when the
 * safety check rules the protocol out. The player's settings are apart (`PlayerSettings`), so
 * that the step's words can come between the two.
 */
export function PlayerControls() {
  const player = usePlayerStore((s) => s.player);
  const current = useCurrentStep();
  const verdict = useSafetyVerdict();
  const bar = useRef<HTMLDivElement>(null);
  const reasonId = useId();
  const { t, locale } = useT();

  useEffect(() => {
    const paint = () => {
      if (bar.current)
        bar.current.style.width = `${(stepProgress(playerEngine.state) * 100).toFixed(1)}%`;
    };
    paint();
    return playerEngine.subscribe(paint);
  }, []);

  if (!current) return null;
  const playing = player.status === 'playing';
  const blocked = !hasPlayableStep(player);
  // Why nothing can play: the items that rule the protocol out, else those that rule out its steps.
  const reasons = verdict
    ? verdict.blockedBy.length > 0
      ? verdict.blockedBy
      : [...new Set([...verdict.stepBlocks.values()].flat())]
    : [];
  return (
    <section className="player-controls" aria-label={t('ui.player.label')}>
      <div className="progress" aria-hidden="true">
        <div ref={bar} className="progress-fill" />
      </div>
      <div className="row">
        <button
          type="button"
          onClick={() => playerEngine.dispatch({ type: 'previous' })}
          aria-label={t('ui.player.previous')}
        >
          {t('ui.player.prev')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={blocked}
          aria-describedby={blocked ? reasonId : undefined}
          onClick={() => playerEngine.dispatch({ type: 'toggle' })}
        >
          {t(playing ? 'ui.player.pause' : 'ui.player.play')}
        </button>
        <button
          type="button"
          onClick={() => playerEngine.dispatch({ type: 'next' })}
          aria-label={t('ui.player.next')}
        >
          {t('ui.player.nextShort')}
        </button>
        <button type="button" onClick={() => playerEngine.dispatch({ type: 'restart' })}>
          {t('ui.player.restart')}
        </button>
        <span className="step-count" aria-live="off">
          {t('ui.player.count', { index: current.index + 1, count: player.stepCount })}
          {!blocked && player.skipped.length > 0
            ? ` · ${t('ui.learn.safety.skipped', { count: player.skipped.length })}`
            : ''}
        </span>
      </div>
      {blocked && reasons.length > 0 ? (
        <p id={reasonId} className="play-blocked" role="alert">
          {t('ui.learn.safety.blocked', {
            items: reasonsText(reasons, t, locale),
          })}
        </p>
      ) : null}
      {verdict && verdict.warnings.length > 0 ? (
        <p className="play-warning">
          {t('ui.learn.safety.warning', {
            items: reasonsText(verdict.warnings, t, locale),
          })}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The player's settings: the session timer, speed, loop, auto-advance, reduced motion, the side a
 * step is fixed to, and the feet's severity (on a step that works on a foot). The side is chosen
 * in one place, the view toolbar's Left foot / Right foot.
 */
export function PlayerSettings() {
  const player = usePlayerStore((s) => s.player);
  const severity = usePlayerStore((s) => s.severity);
  const setSeverity = usePlayerStore((s) => s.setSeverity);
  const reducedMotion = usePlayerStore((s) => s.reducedMotion);
  const setReducedMotion = usePlayerStore((s) => s.setReducedMotion);
  const current = useCurrentStep();
  const { t } = useT();
  if (!current) return null;
  const chosenSide = current.step.side === 'both' || current.step.side === 'chosen';
  // The feet's severity shows only on the feet: offered where the step works on a foot.
  const showsFoot = current.step.zones.some((z) => FOOT_ZONES.has(z));
  return (
    <section className="player-controls player-settings" aria-label={t('ui.player.settings')}>
      <SessionTimer />
      <div className="row">
        <label>
          {t('ui.player.speed')}{' '}
          <select
            value={player.speed}
            onChange={(e) =>
              playerEngine.dispatch({ type: 'setSpeed', speed: Number(e.target.value) })
            }
          >
            {PLAYER_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={player.loopStep}
            onChange={(e) => playerEngine.dispatch({ type: 'setLoop', loopStep: e.target.checked })}
          />{' '}
          {t('ui.player.loop')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={player.autoAdvance}
            onChange={(e) =>
              playerEngine.dispatch({ type: 'setAutoAdvance', autoAdvance: e.target.checked })
            }
          />{' '}
          {t('ui.player.autoAdvance')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={reducedMotion}
            onChange={(e) => setReducedMotion(e.target.checked)}
          />{' '}
          {t('ui.player.reduceMotion')}
        </label>
      </div>
      {!chosenSide ? (
        <p className="muted small fixed-side">
          {t(current.side === 'L' ? 'ui.player.fixedSide.L' : 'ui.player.fixedSide.R')}
        </p>
      ) : null}
      {showsFoot ? (
        <div className="row">
          {SEVERITY_SLIDERS.map(({ target, label }) => (
            <label key={target}>
              {t(label)}{' '}
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={severity[target]}
                onChange={(e) => setSeverity(target, Number(e.target.value))}
              />
            </label>
          ))}
        </div>
      ) : null}
    </section>
  );
}
