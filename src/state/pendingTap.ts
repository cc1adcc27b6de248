import { create } from 'zustand';

/** A tap on the 3D area (client CSS pixels) made before the body could be picked. */
export interface PendingTap {
  readonly x: number;
  readonly y: number;
}

interface PendingTapState {
  /** The tap that waits for the body to be ready, or null. */
  readonly tap: PendingTap | null;
  setTap: (tap: PendingTap | null) => void;
}

/**
 * A tap on the body that came while the 3D view was still loading (the first-frame picture shown,
 * the model not yet drawn): kept here and answered by the view once it can pick, so that a first
 * tap is not lost. The zone chip says meanwhile that the body is getting ready.
 */
export const usePendingTap = create<PendingTapState>()((set) => ({
  tap: null,
  setTap: (tap) => set({ tap }),
}));
