import { create } from 'zustand';

/** Whether the 3D view's WebGL context is lost (the GPU was reset or reclaimed) right now. */
export interface GlStatusState {
  readonly contextLost: boolean;
  /** How many times the context came back without a reload. */
  readonly restored: number;
  setContextLost: (lost: boolean) => void;
}

export const useGlStatus = create<GlStatusState>()((set) => ({
  contextLost: false,
  restored: 0,
  setContextLost: (lost) =>
    set((s) =>
      lost
        ? { contextLost: true }
        : { contextLost: false, restored: s.contextLost ? s.restored + 1 : s.restored },
    ),
}));
