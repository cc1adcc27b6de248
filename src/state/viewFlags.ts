import { create } from 'zustand';

/**
 * What a mode asks of the shared 3D view. Kept tiny (no mode logic here): the camera rig and the
 * viewer read it on every view, the modes that set it load when they are chosen.
 */
export interface ViewFlags {
  /** The step's path, arrows and avoid marks are hidden (e.g. a trainee must find them). */
  readonly guideHidden: boolean;
  /** Dragging on the body belongs to the mode (e.g. drawing a trace): the camera must not orbit. */
  readonly orbitLocked: boolean;
  setGuideHidden: (hidden: boolean) => void;
  setOrbitLocked: (locked: boolean) => void;
}

export const useViewFlags = create<ViewFlags>()((set) => ({
  guideHidden: false,
  orbitLocked: false,
  setGuideHidden: (guideHidden) => set({ guideHidden }),
  setOrbitLocked: (orbitLocked) => set({ orbitLocked }),
}));
