import { create } from 'zustand';

/**
 * What Train mode asks of the shared 3D view. Kept tiny (no training logic here): the camera rig
 * and the viewer read it on every view, the rest of Train mode loads when the mode is chosen.
 */
export interface TrainViewState {
  /** The step's path, arrows and avoid marks are hidden (the trainee must find them). */
  readonly guideHidden: boolean;
  /** Dragging on the body draws a trace: the camera must not orbit. */
  readonly tracing: boolean;
  setGuideHidden: (hidden: boolean) => void;
  setTracing: (tracing: boolean) => void;
}

export const useTrainStore = create<TrainViewState>()((set) => ({
  guideHidden: false,
  tracing: false,
  setGuideHidden: (guideHidden) => set({ guideHidden }),
  setTracing: (tracing) => set({ tracing }),
}));
