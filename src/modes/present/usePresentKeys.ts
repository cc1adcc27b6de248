import { useEffect } from 'react';
import { onFullscreenChange, startPresenting, stopPresenting } from './fullscreen.ts';
import { usePresentStore } from './presentStore.ts';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * Present mode's keys beside the player's (Space, arrows, Page Up/Down): F starts or ends the
 * presentation (full screen), Escape ends it. Leaving full screen by the browser's own means
 * ends it too.
 */
export function usePresentKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
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
