import { playerEngine } from '../../state/playerStore.ts';
import { usePresentStore } from './presentStore.ts';

/** Whether this presentation put the page in full screen (so leaving it ends the presentation). */
let ownFullscreen = false;

/**
 * Starts presenting: full screen on the app (silently windowed when the browser refuses), first
 * the protocol's cautions, position and safety (the briefing), then, once the presenter goes on
 * (`beginSteps`), the steps advancing on their own. Call from a user gesture (a click or key
 * press).
 */
export function startPresenting(): void {
  // Nothing to present before a protocol is chosen.
  if (!playerEngine.state.protocolId) return;
  const app = document.querySelector<HTMLElement>('.app');
  if (app && typeof app.requestFullscreen === 'function' && !document.fullscreenElement) {
    try {
      app.requestFullscreen().then(
        () => {
          ownFullscreen = true;
        },
        () => {
          // Refused (no gesture, iframe, kiosk): the presentation runs in the window.
        },
      );
    } catch {
      // Older engines throw instead of rejecting: windowed as well.
    }
  }
  usePresentStore.getState().setPresenting(true);
  usePresentStore.getState().setBriefing(true);
  playerEngine.dispatch({ type: 'setLoop', loopStep: false });
  playerEngine.dispatch({ type: 'setAutoAdvance', autoAdvance: true });
  playerEngine.dispatch({ type: 'pause' });
}

/** Ends the briefing and plays the steps from the current one. */
export function beginSteps(): void {
  usePresentStore.getState().setBriefing(false);
  playerEngine.dispatch({ type: 'play' });
}

/** Ends the presentation: leaves full screen, pauses, shows the app's panels again. */
export function stopPresenting(): void {
  usePresentStore.getState().setPresenting(false);
  usePresentStore.getState().setBriefing(false);
  playerEngine.dispatch({ type: 'pause' });
  if (document.fullscreenElement && typeof document.exitFullscreen === 'function') {
    ownFullscreen = false;
    document.exitFullscreen().catch(() => {
      // Already left.
    });
  }
}

/** Leaving full screen by the browser's own means (Esc, F11) ends a presentation it started. */
export function onFullscreenChange(): void {
  if (document.fullscreenElement || !ownFullscreen) return;
  ownFullscreen = false;
  if (usePresentStore.getState().presenting) stopPresenting();
}
