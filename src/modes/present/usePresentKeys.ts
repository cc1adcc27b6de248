import { useEffect } from 'react';
import { isTypingTarget } from '../../ui/isTypingTarget.ts';
import { onFullscreenChange, startPresenting, stopPresenting } from './fullscreen.ts';
import { usePresentStore } from './presentStore.ts';

/**
 * Present mode's keys beside the player's (Space, arrows, Page Up/Down): F starts or ends the
 * presentation (full screen), Escape ends it. Leaving full screen by the browser's own means
 * ends it too.
 */
export function usePresentKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (isTypingTarget(e.target, { buttons: false })) return;
      const presenting = usePresentStore.getState().presenting;
      if ((e.key === 'f' || e.key === 'F') && usePresentStore.getState().busy === null) {
        if (presenting) stopPresenting();
        else startPresenting();
      } else if (e.key === 'Escape' && presenting) {
        stopPresenting();
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreenChange);
    };
  }, []);
}
