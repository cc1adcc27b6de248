import { useEffect } from 'react';
import { playerEngine } from '../state/playerStore.ts';
import { isTypingTarget } from './isTypingTarget.ts';

/**
 * Remote-friendly keys: Space plays or pauses; arrows and Page Up/Down move between steps.
 * Ignored while the focus is on a control that uses those keys itself.
 */
export function usePlayerKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (isTypingTarget(e.target, { buttons: true })) return;
      if (!playerEngine.state.protocolId) return;
      if (e.key === ' ') playerEngine.dispatch({ type: 'toggle' });
      else if (e.key === 'ArrowRight' || e.key === 'PageDown')
        playerEngine.dispatch({ type: 'next' });
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp')
        playerEngine.dispatch({ type: 'previous' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
