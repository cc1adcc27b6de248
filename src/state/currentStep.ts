import { useMemo } from 'react';
import type { LoadedProtocol, Step } from '../content/index.ts';
import type { Side } from '../domain/body.ts';
import { DEFAULT_STEP_DURATION_S } from '../domain/player.ts';
import { useCurrentProtocol } from './currentProtocol.ts';
import { playerEngine, usePlayerStore } from './playerStore.ts';
import { skippedSteps } from './safetyStore.ts';
import { useViewerStore } from './viewerStore.ts';

/** Seconds the player gives a step: its duration, else a few seconds per repetition. */
export function playDuration(step: Step): number {
  if (step.durationS !== undefined) return step.durationS;
  if (step.repetitions !== undefined) return Math.min(120, Math.max(8, step.repetitions * 3));
  return DEFAULT_STEP_DURATION_S;
}

/**
 * Loads a protocol into the player at a step (0-based, clamped by the player), passing over the
 * steps that the ticked contraindications rule out.
 */
export function openProtocol(loaded: LoadedProtocol, stepIndex = 0): void {
  const morphs = loaded.protocol.bodyMorphs ?? {};
  const store = usePlayerStore.getState();
  store.setSeverity('hallux_valgus', morphs.hallux_valgus ?? 0);
  store.setSeverity('flat_foot', morphs.flat_foot ?? 0);
  playerEngine.dispatch({
    type: 'load',
    protocolId: loaded.protocol.id,
    stepDurations: loaded.protocol.steps.map(playDuration),
    stepIndex,
    skip: skippedSteps(loaded.protocol),
  });
}

/** The side a step is shown on: fixed by the step, or the one the user chose. */
export function sideForStep(step: Step, chosen: Side): Side {
  if (step.side === 'left') return 'L';
  if (step.side === 'right') return 'R';
  return chosen;
}

export { findProtocol, useCurrentProtocol } from './currentProtocol.ts';

export interface CurrentStep {
  readonly protocol: LoadedProtocol;
  readonly step: Step;
  readonly index: number;
  readonly side: Side;
}

/**
 * The step in the player and the side it is shown on: the same object for as long as the
 * protocol, the step and its side stay, so that components and effects keyed on it run only
 * when the step really changes (a language switch or a mode round trip changes nothing here).
 */
export function useCurrentStep(): CurrentStep | null {
  const loaded = useCurrentProtocol();
  const index = usePlayerStore((s) => s.player.stepIndex);
  const chosen = useViewerStore((s) => s.side);
  const step = loaded?.protocol.steps[index];
  const side = step ? sideForStep(step, chosen) : chosen;
  return useMemo(
    () => (loaded && step ? { protocol: loaded, step, index, side } : null),
    [loaded, step, index, side],
  );
}
