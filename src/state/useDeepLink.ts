import { useEffect, useRef } from 'react';
import { MODE_PARAM, parseMode, withMode } from '../domain/modes.ts';
import { decodePlayerLink, encodePlayerLink } from '../domain/playerLink.ts';
import { stepKey } from '../domain/stepKey.ts';
import { LANG_PARAM, parseLocale, withLang } from '../i18n/locale.ts';
import { useContentStore } from './contentStore.ts';
import { openProtocol, sideForStep } from './currentStep.ts';
import { playerEngine, usePlayerStore } from './playerStore.ts';
import { useViewerStore } from './viewerStore.ts';

/**
 * Keeps the URL and the player in step: on start the link's protocol, step, side, speed and view
 * are opened (once the content is loaded); afterwards every change is written back with
 * `history.replaceState`, so a copied link reopens the same step. The `lang` and `mode` parameters
 * in the URL (see `src/i18n/locale.ts`, `src/domain/modes.ts`) are kept.
 */
export function useDeepLink(): void {
  const content = useContentStore((s) => s.data);
  const applied = useRef(false);

  useEffect(() => {
    if (!content || applied.current) return;
    applied.current = true;
    const link = decodePlayerLink(window.location.search);
    const viewer = useViewerStore.getState();
    viewer.setSide(link.side);
    const loaded = link.protocol
      ? content.protocols.find((p) => p.protocol.id === link.protocol)
      : undefined;
    if (link.view) {
      viewer.setView(link.view);
      const step = loaded?.protocol.steps[Math.min(link.step, loaded.protocol.steps.length - 1)];
      if (step)
        viewer.setHoldViewFor(stepKey(loaded.protocol.id, step.id, sideForStep(step, link.side)));
    }
    if (loaded) {
      openProtocol(loaded, Math.min(link.step, loaded.protocol.steps.length - 1));
      playerEngine.dispatch({ type: 'setSpeed', speed: link.speed });
    }
  }, [content]);

  useEffect(() => {
    const write = () => {
      if (!applied.current) return;
      const { player } = usePlayerStore.getState();
      const { side, view } = useViewerStore.getState();
      if (!player.protocolId) return;
      const protocol = content?.protocols.find(
        (p) => p.protocol.id === player.protocolId,
      )?.protocol;
      const encoded = encodePlayerLink({
        protocol: player.protocolId,
        step: player.stepIndex,
        side,
        speed: player.speed,
        view,
        body: protocol?.body,
      });
      const params = new URLSearchParams(window.location.search);
      const lang = parseLocale(params.get(LANG_PARAM));
      const mode = parseMode(params.get(MODE_PARAM));
      const withLanguage = lang ? withLang(encoded, lang) : encoded;
      const search = mode ? withMode(withLanguage, mode) : withLanguage;
      const url = `${window.location.pathname}?${search}${window.location.hash}`;
      if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
        window.history.replaceState(null, '', url);
      }
    };
    const unsubPlayer = usePlayerStore.subscribe((s, prev) => {
      if (s.player !== prev.player) write();
    });
    const unsubViewer = useViewerStore.subscribe((s, prev) => {
      if (s.side !== prev.side || s.view !== prev.view) write();
    });
    return () => {
      unsubPlayer();
      unsubViewer();
    };
  }, [content]);
}
