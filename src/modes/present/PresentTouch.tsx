import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { swipeStep } from '../../domain/swipe.ts';
import { useT } from '../../state/localeStore.ts';
import { playerEngine, usePlayerStore } from '../../state/playerStore.ts';
import { useViewFlags } from '../../state/viewFlags.ts';
import './presentTouch.css';
import { usePresentStore } from './presentStore.ts';

/**
 * Handlers for the caption area: a swipe left goes to the next step, a swipe right to the previous
 * one (pointer events, so a finger, a pen and a mouse alike).
 */
export function useCaptionSwipe(): {
  onPointerDown: (e: ReactPointerEvent) => void;
  onPointerUp: (e: ReactPointerEvent) => void;
  onPointerCancel: () => void;
} {
  const start = useRef<{ x: number; y: number; id: number } | null>(null);
  return {
    onPointerDown: (e) => {
      start.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
    },
    onPointerUp: (e) => {
      const s = start.current;
      start.current = null;
      if (!s || s.id !== e.pointerId) return;
      const step = swipeStep(e.clientX - s.x, e.clientY - s.y);
      if (step !== 0) playerEngine.dispatch({ type: step > 0 ? 'next' : 'previous' });
    },
    onPointerCancel: () => {
      start.current = null;
    },
  };
}

/**
 * While a presentation runs the camera stays where the step put it: a drag (meant as a swipe,
 * or a stray touch) must not turn the body so that the arrows contradict the caption.
 */
export function usePresentCameraLock(): void {
  const presenting = usePresentStore((s) => s.presenting);
  useEffect(() => {
    if (!presenting) return;
    const flags = useViewFlags.getState();
    flags.setOrbitLocked(true);
    return () => flags.setOrbitLocked(false);
  }, [presenting]);
}

/** Prev / Pause / Next on the presentation itself, large enough for a finger. */
export function PresentTransport() {
  const { t } = useT();
  const playing = usePlayerStore((s) => s.player.status === 'playing');
  return (
    <div className="present-transport" role="group" aria-label={t('ui.present.controls')}>
      <button type="button" onClick={() => playerEngine.dispatch({ type: 'previous' })}>
        ‹ {t('ui.present.prev')}
      </button>
      <button
        type="button"
        className="present-toggle"
        onClick={() => playerEngine.dispatch({ type: 'toggle' })}
      >
        {t(playing ? 'ui.player.pause' : 'ui.player.play')}
      </button>
      <button type="button" onClick={() => playerEngine.dispatch({ type: 'next' })}>
        {t('ui.present.next')} ›
      </button>
    </div>
  );
}
