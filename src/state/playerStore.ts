/**
 * The step player's state. The pure reducer (src/domain/player.ts) is the source of truth; it
 * lives in `playerEngine` and is advanced every frame by the scene. Components read the
 * zustand store, which is only updated when something they show changes (protocol, step,
 * status, speed, toggles) — never once per frame. The progress bar and the stroke animation
 * read the engine directly.
 */
import { create } from 'zustand';
import {
  createPlayerState,
  reducePlayer,
  type PlayerEvent,
  type PlayerState,
} from '../domain/player.ts';

type TickListener = (state: PlayerState) => void;

let current: PlayerState = createPlayerState();
const tickListeners = new Set<TickListener>();

/** Whether two states differ in what the UI shows (everything but the running clock). */
function differsForUi(a: PlayerState, b: PlayerState): boolean {
  return (
    a.protocolId !== b.protocolId ||
    a.stepIndex !== b.stepIndex ||
    a.stepCount !== b.stepCount ||
    a.status !== b.status ||
    a.speed !== b.speed ||
    a.loopStep !== b.loopStep ||
    a.autoAdvance !== b.autoAdvance ||
    a.stepDurations !== b.stepDurations ||
    a.skipped !== b.skipped
  );
}

export interface PlayerStore {
  /** Last published player state: `elapsed` in it is stale while playing; use the engine. */
  readonly player: PlayerState;
  /** Severity shown on the model, 0..1 (hallux valgus and flat foot morphs). */
  readonly severity: { readonly hallux_valgus: number; readonly flat_foot: number };
  /** Whether the user asked for reduced motion (in addition to the system setting). */
  readonly reducedMotion: boolean;
  /** Set when the played motion touched an avoid zone: content that escaped the checks. */
  readonly avoidTouched: string | null;
  setSeverity: (target: 'hallux_valgus' | 'flat_foot', value: number) => void;
  setReducedMotion: (on: boolean) => void;
  setAvoidTouched: (zone: string | null) => void;
}

export const usePlayerStore = create<PlayerStore>()((set) => ({
  player: current,
  severity: { hallux_valgus: 0.5, flat_foot: 0 },
  reducedMotion: false,
  avoidTouched: null,
  setAvoidTouched: (zone) => set((s) => (s.avoidTouched === zone ? s : { avoidTouched: zone })),
  setSeverity: (target, value) =>
    set((s) => ({ severity: { ...s.severity, [target]: Math.min(1, Math.max(0, value)) } })),
  setReducedMotion: (on) => set({ reducedMotion: on }),
}));

export const playerEngine = {
  /** The live state, including the clock. */
  get state(): PlayerState {
    return current;
  },
  dispatch(event: PlayerEvent): void {
    const next = reducePlayer(current, event);
    if (next === current) return;
    const publish = differsForUi(current, next);
    current = next;
    if (publish) usePlayerStore.setState({ player: next });
    for (const l of tickListeners) l(next);
  },
  /** Called on every state change, clock included (for progress bars drawn without React). */
  subscribe(listener: TickListener): () => void {
    tickListeners.add(listener);
    return () => tickListeners.delete(listener);
  },
};
