import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { ContentData } from '../content/index.ts';
import { decodePlayerLink, type PlayerLink } from '../domain/playerLink.ts';
import { stepKey } from '../domain/stepKey.ts';
import { useContentStore } from './contentStore.ts';
import { findProtocol } from './currentProtocol.ts';
import { openProtocol, sideForStep } from './currentStep.ts';
import { useImportStore } from './importStore.ts';
import { playerEngine, usePlayerStore } from './playerStore.ts';
import { writeUrl } from './url.ts';
import { useViewerStore } from './viewerStore.ts';

/** A link's protocol that is not on this device (after the kept imports were read), until dismissed. */
export const useLinkNotice = create<{ readonly missing: string | null; dismiss: () => void }>()(
  (set) => ({ missing: null, dismiss: () => set({ missing: null }) }),
);

/**
 * Keeps the URL and the player in step: on start the link's protocol, step, side, speed and view
 * are opened (once the content is loaded: at once when the link names a protocol, else when first
 * needed); afterwards every change is written back with
 * `history.replaceState` (`writeUrl`), so a copied link reopens the same step; the `lang` and
 * `mode` parameters are kept.
 */
export function useDeepLink(): void {
  const content = useContentStore((s) => s.data);
  const restored = useImportStore((s) => s.restoreStatus === 'done');
  const applied = useRef(false);

  // The protocols imported on this device are read back once the content is there.
  useEffect(() => {
    if (content) void useImportStore.getState().restore();
  }, [content]);

  useEffect(() => {
    if (!content || applied.current) return;
    const link = decodePlayerLink(window.location.search);
    // A link to a protocol not bundled may be to one imported on this device: wait for those.
    if (link.protocol && !findProtocol(content.protocols, link.protocol) && !restored) return;
    applied.current = true;
    openLink(content, link);
  }, [content, restored]);

  // A link followed inside the page (back, forward, or a link pushed onto the history) opens its
  // step as a fresh load would.
  useEffect(() => {
    if (!content) return;
    const follow = () => {
      if (applied.current) openLink(content, decodePlayerLink(window.location.search));
    };
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, [content]);

  useEffect(() => {
    const write = () => {
      if (applied.current) writePlayerLink();
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
  }, []);
}

/** Opens a link's side, view, protocol, step and speed (or says that its protocol is missing). */
function openLink(content: ContentData, link: PlayerLink): void {
  const viewer = useViewerStore.getState();
  viewer.setSide(link.side);
  const loaded = findProtocol(content.protocols, link.protocol);
  if (link.view) {
    viewer.setView(link.view);
    const step = loaded?.protocol.steps[Math.min(link.step, loaded.protocol.steps.length - 1)];
    if (step)
      viewer.setHoldViewFor(stepKey(loaded.protocol.id, step.id, sideForStep(step, link.side)));
  }
  if (loaded) {
    openProtocol(loaded, Math.min(link.step, loaded.protocol.steps.length - 1));
    playerEngine.dispatch({ type: 'setSpeed', speed: link.speed });
  } else if (link.protocol) {
    useLinkNotice.setState({ missing: link.protocol });
  } else {
    // A protocol opened while the content loaded (the picker): the link says so from now on.
    writePlayerLink();
  }
}

/** Writes the player's protocol, step, side, speed and view to the URL (once one is open). */
function writePlayerLink(): void {
  const { player } = usePlayerStore.getState();
  const { side, view } = useViewerStore.getState();
  if (!player.protocolId) return;
  const protocol = findProtocol(
    useContentStore.getState().data?.protocols,
    player.protocolId,
  )?.protocol;
  writeUrl({
    link: {
      protocol: player.protocolId,
      step: player.stepIndex,
      side,
      speed: player.speed,
      view,
      body: protocol?.body,
    },
  });
}
