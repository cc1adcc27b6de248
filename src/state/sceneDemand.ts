import { create } from 'zustand';

interface SceneDemandState {
  /**
   * Whether the interactive 3D view is wanted: once a step is shown, a mode other than Learn is
   * chosen, or the user reaches for the body (pointer, touch, wheel, keyboard focus, a preset
   * view, a zone chosen from the list). Until then the first frame's still picture stands in for
   * it and its code (React Three Fiber, the camera controls, the step scene) is not loaded.
   * Never goes back to false.
   */
  readonly wanted: boolean;
}

export const useSceneDemand = create<SceneDemandState>()(() => ({ wanted: false }));

/** Asks for the interactive 3D view (loaded once; later calls do nothing). */
export function wantScene(): void {
  if (!useSceneDemand.getState().wanted) useSceneDemand.setState({ wanted: true });
}
