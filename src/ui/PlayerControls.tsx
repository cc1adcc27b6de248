import { useEffect, useId, useRef } from 'react';
import { FOOT_ZONES } from '../content/zoneCatalogue.ts';
import { hasPlayableStep, PLAYER_SPEEDS, stepProgress } from '../domain/player.ts';
import { useCurrentStep } from '../state/currentStep.ts';
import { useT } from '../state/localeStore.ts';
import { playerEngine, usePlayerStore } from '../state/playerStore.ts';
import { useSafetyVerdict } from '../state/safetyStore.ts';
import { useViewerStore } from '../state/viewerStore.ts';
import { reasonsText } from './safetyWords.ts';
import { SessionTimer } from './SessionTimer.tsx';

/** The morphs whose severity the user can set, with their label keys. */
const SEVERITY_SLIDERS = [
  { target: 'hallux_valgus', label: 'ui.player.bunion' },
  { target: 'flat_foot', label: 'ui.player.flatFoot' },
] as const;

/**
 * Play, pause, step, speed, loop, auto-advance, side and severity controls (severity on a step
 * that works on a foot) with a progress bar and the session timer. Play is off, with the reason, when the safety check rules the protocol
 * out.
 */
export function PlayerControls() {
  const player = usePlayerStore((s) => s.player);
  const setSide = useViewerStore((s) => s.setSide);
  const severity = usePlayerStore((s) => s.severity);
  const setSeverity = usePlayerStore((s) => s.setSeverity);
  const reducedMotion = usePlayerStore((s) => s.reducedMotion);
  const setReducedMotion = usePlayerStore((s) => s.setReducedMotion);
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
  const chosenSide = current.step.side === 'both' || current.step.side === 'chosen';
  // The feet's severity shows only on the feet: offered where the step works on a foot.
  const showsFoot = current.step.zones.some((z) => FOOT_ZONES.has(z));
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
      <div className="row">
        <span role="group" aria-label={t('ui.player.side')}>
          {(['L', 'R'] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={current.side === s}
              disabled={!chosenSide}
              onClick={() => setSide(s)}
            >
              {t(s === 'L' ? 'ui.player.left' : 'ui.player.right')}
            </button>
          ))}
        </span>
        {!chosenSide ? (
          <span className="muted">
            {t(current.side === 'L' ? 'ui.player.fixedSide.L' : 'ui.player.fixedSide.R')}
          </span>
        ) : null}
      </div>
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
