/**
 * The safety check's state: which contraindications the user ticked (for the person receiving
 * the massage, so the ticks stay when another protocol is opened; kept in memory only), and what
 * they change for the protocol in the player. Whenever the ticks change, the player is told
 * which steps to pass over (`setSkipped`); `openProtocol` passes them on load.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { Protocol } from '../content/index.ts';
import { AVOID_ZONES } from '../content/zoneCatalogue.ts';
import {
  applicableSafety,
  evaluateSafety,
  type ApplicableSafety,
  type SafetyVerdict,
} from '../domain/safety.ts';
import { useContentStore } from './contentStore.ts';
import { findProtocol, useCurrentProtocol } from './currentProtocol.ts';
import { playerEngine } from './playerStore.ts';

export interface SafetyState {
  /** Keys (`<list id>/<item id>`) of the ticked items. */
  readonly ticked: ReadonlySet<string>;
  setTicked: (key: string, on: boolean) => void;
  clear: () => void;
}

export const useSafetyStore = create<SafetyState>()((set) => ({
  ticked: new Set<string>(),
  setTicked: (key, on) =>
    set((s) => {
      if (s.ticked.has(key) === on) return s;
      const ticked = new Set(s.ticked);
      if (on) ticked.add(key);
      else ticked.delete(key);
      return { ticked };
    }),
  clear: () => set((s) => (s.ticked.size === 0 ? s : { ticked: new Set<string>() })),
}));

/** What the ticked items change for a protocol (with the lists loaded now). */
export function safetyVerdict(protocol: Protocol, ticked: ReadonlySet<string>): SafetyVerdict {
  const lists = useContentStore.getState().data?.contraindications ?? [];
  return evaluateSafety(protocol, lists, AVOID_ZONES, ticked);
}

/** The steps of a protocol the player must pass over, with the current ticks. */
export function skippedSteps(protocol: Protocol): readonly number[] {
  return safetyVerdict(protocol, useSafetyStore.getState().ticked).skip;
}

/** Tells the player which steps of its protocol to pass over. */
function syncPlayer(): void {
  const id = playerEngine.state.protocolId;
  if (!id) return;
  const loaded = findProtocol(useContentStore.getState().data?.protocols, id);
  if (!loaded) return;
  playerEngine.dispatch({ type: 'setSkipped', skip: skippedSteps(loaded.protocol) });
}

useSafetyStore.subscribe((s, prev) => {
  if (s.ticked !== prev.ticked) syncPlayer();
});

function useProtocolInPlayer(): Protocol | null {
  return useCurrentProtocol()?.protocol ?? null;
}

const NO_SAFETY: ApplicableSafety = { checklist: [], always: [], notes: [] };

/** The contraindications that apply to the protocol in the player. */
export function useApplicableSafety(): ApplicableSafety {
  const protocol = useProtocolInPlayer();
  const lists = useContentStore((s) => s.data?.contraindications);
  return useMemo(
    () => (protocol && lists ? applicableSafety(protocol, lists, AVOID_ZONES) : NO_SAFETY),
    [protocol, lists],
  );
}

/** What the ticked items change for the protocol in the player; null when none is open. */
export function useSafetyVerdict(): SafetyVerdict | null {
  const protocol = useProtocolInPlayer();
  const lists = useContentStore((s) => s.data?.contraindications);
  const ticked = useSafetyStore((s) => s.ticked);
  return useMemo(
    () => (protocol && lists ? evaluateSafety(protocol, lists, AVOID_ZONES, ticked) : null),
    [protocol, lists, ticked],
  );
}

const NO_ZONES: readonly string[] = [];

/** Zones the ticked items add to the avoid zones for the protocol in the player. */
export function useSafetyAvoidZones(): readonly string[] {
  const verdict = useSafetyVerdict();
  return verdict?.avoidZones ?? NO_ZONES;
}

/** The avoid zones for the protocol in the player: the catalogue's, and those the ticks add. */
export function useAvoidZones(): ReadonlySet<string> {
  const added = useSafetyAvoidZones();
  return useMemo(
    () => (added.length > 0 ? new Set([...AVOID_ZONES, ...added]) : AVOID_ZONES),
    [added],
  );
}
