import { useEffect, useRef } from 'react';
import { formatClock, sessionTime } from '../domain/sessionTimer.ts';
import { useT } from '../state/localeStore.ts';
import { playerEngine } from '../state/playerStore.ts';

type Part = 'stepElapsed' | 'stepRemaining' | 'sessionElapsed' | 'sessionRemaining';
const PARTS: readonly Part[] = [
  'stepElapsed',
  'stepRemaining',
  'sessionElapsed',
  'sessionRemaining',
];

/**
 * Elapsed and remaining time of the current step and of the session (the steps that will play),
 * in real time at the chosen speed. The readings are written straight into the page from a
 * subscription to the player, and only when a shown second changes: no React state per frame.
 */
export function SessionTimer() {
  const { t } = useT();
  const refs = useRef<Partial<Record<Part, HTMLSpanElement | null>>>({});

  useEffect(() => {
    const paint = () => {
      const time = sessionTime(playerEngine.state);
      for (const part of PARTS) {
        const el = refs.current[part];
        if (!el) continue;
        const text = formatClock(time[part], part.endsWith('Remaining') ? 'up' : 'down');
        if (el.textContent !== text) el.textContent = text;
      }
    };
    paint();
    return playerEngine.subscribe(paint);
  }, []);

  const clock = (part: Part) => (
    <span
      className="clock"
      data-part={part}
      ref={(el) => {
        refs.current[part] = el;
      }}
    />
  );

  return (
    <div className="session-timer" role="timer" aria-label={t('ui.learn.timer.label')}>
      <div>
        <span className="timer-label">{t('ui.learn.timer.step')}</span> {clock('stepElapsed')}{' '}
        {t('ui.learn.timer.elapsed')} · {clock('stepRemaining')} {t('ui.learn.timer.left')}
      </div>
      <div>
        <span className="timer-label">{t('ui.learn.timer.session')}</span> {clock('sessionElapsed')}{' '}
        {t('ui.learn.timer.elapsed')} · {clock('sessionRemaining')} {t('ui.learn.timer.left')}
      </div>
    </div>
  );
}
