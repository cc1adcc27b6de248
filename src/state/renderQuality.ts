import { create } from 'zustand';

interface RenderQuality {
  /**
   * Plain diffuse shading for the body, set while a step plays on a software renderer with
   * low-detail feet (see `src/scene/AdaptiveResolution.tsx`); the still picture is always full.
   */
  readonly lightShading: boolean;
  readonly setLightShading: (on: boolean) => void;
}

export const useRenderQuality = create<RenderQuality>()((set) => ({
  lightShading: false,
  setLightShading: (on) => set((s) => (s.lightShading === on ? s : { lightShading: on })),
}));
