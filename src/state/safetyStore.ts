/**
 * The safety check's state: which conditions the user ticked for the person receiving the massage
 * (kept when another protocol is opened, in memory only), and what they change for the protocol in
 * the player. Whenever the ticks change, the player is told which steps to pass over
 * (`setSkipped`); `openProtocol` passes them on load.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { Condition, Protocol } from '../content/index.ts';
import { AVOID_ZONES, zoneInfo } from '../content/zoneCatalogue.ts';
import {
  applicableSafety,
  evaluateSafety,
  type ApplicableSafety,
  type SafetyContent,
  type SafetyVerdict,
} from '../domain/safety.ts';
import { useContentStore } from './contentStore.ts';
import { findProtocol, useCurrentProtocol } from './currentProtocol.ts';
import { playerEngine } from './playerStore.ts';

export interface SafetyState {
  /** Ids of the ticked conditions (`contraindications.json` → `conditions`). */
  readonly ticked: ReadonlySet<string>;
  setTicked: (id: string, on: boolean) => void;
  clear: () => void;
}

const conditionsNow = (): readonly Condition[] => useContentStore.getState().data?.conditions ?? [];

export const useSafetyStore = create<SafetyState>()((set) => ({
  ticked: new Set<string>(),
  setTicked: (id, on) =>
    set((s) => {
      if (s.ticked.has(id) === on) return s;
      const conditions = conditionsNow();
      const ticked = new Set(s.ticked);
      if (on) {
        ticked.add(id);
        // A narrower case (a stage of pregnancy) implies its parent.
        const parent = conditions.find((c) => c.id === id)?.parent;
        if (parent !== undefined) ticked.add(parent);
      } else {
        ticked.delete(id);
        for (const c of conditions) if (c.parent === id) ticked.delete(c.id);
      }
      return { ticked };
    }),
  clear: () => set((s) => (s.ticked.size === 0 ? s : { ticked: new Set<string>() })),
}));

const zoneGroup = (zone: string) => zoneInfo(zone)?.group;

function safetyContent(
  data: { contraindications: SafetyContent['lists']; conditions: readonly Condition[] } | null,
): SafetyContent {
  return {
    lists: data?.contraindications ?? [],
    conditions: data?.conditions ?? [],
    zoneGroup,
  };
}

/** What the ticked conditions change for a protocol (with the content loaded now). */
export function safetyVerdict(protocol: Protocol, ticked: ReadonlySet<string>): SafetyVerdict {
  return evaluateSafety(
    protocol,
    safetyContent(useContentStore.getState().data),
    AVOID_ZONES,
    ticked,
  );
}

/** The steps of a protocol the player must pass over, with the current ticks. */
export function skippedSteps(protocol: Protocol): readonly number[] {
  return safetyVerdict(protocol, useSafetyStore.getState().ticked).skip;
}

/** The safety content of what is loaded now (lists, conditions, zone groups). */
export function currentSafetyContent(): SafetyContent {
  return safetyContent(useContentStore.getState().data);
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

const NO_SAFETY: ApplicableSafety = { checklist: [], always: [], notes: [], lists: [] };

function useSafetyContent(): SafetyContent | null {
  const lists = useContentStore((s) => s.data?.contraindications);
  const conditions = useContentStore((s) => s.data?.conditions);
  return useMemo(
    () => (lists && conditions ? { lists, conditions, zoneGroup } : null),
    [lists, conditions],
  );
}

/** The conditions and rules that apply to the protocol in the player. */
export function useApplicableSafety(): ApplicableSafety {
  const protocol = useProtocolInPlayer();
  const content = useSafetyContent();
  return useMemo(
    () => (protocol && content ? applicableSafety(protocol, content, AVOID_ZONES) : NO_SAFETY),
    [protocol, content],
  );
}

/** What the ticked conditions change for the protocol in the player; null when none is open. */
export function useSafetyVerdict(): SafetyVerdict | null {
  const protocol = useProtocolInPlayer();
  const content = useSafetyContent();
  const ticked = useSafetyStore((s) => s.ticked);
  return useMemo(
    () => (protocol && content ? evaluateSafety(protocol, content, AVOID_ZONES, ticked) : null),
    [protocol, content, ticked],
  );
}

const NO_ZONES: readonly string[] = [];

/** Zones the ticked conditions add to the avoid zones for the protocol in the player. */
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
