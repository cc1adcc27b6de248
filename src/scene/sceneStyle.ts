/** The viewer's look, shared by the first-frame renderer and the React Three Fiber scene. */
export const BACKGROUND = '#1d2027';
export const SKIN = '#e4b79b';
export const CAMERA_FOV = 35;
/** Highest device pixel ratio drawn: sharper than 1.5 costs more than it shows. */
export const MAX_DPR = 1.5;

export const LIGHTS = {
  hemisphere: { sky: '#fff6ee', ground: '#7d8494', intensity: 1.2 },
  /** Key from above-front, rim from behind, fill from below so the sole is readable too. */
  directional: [
    { position: [2, 4, 3] as const, intensity: 1.5 },
    { position: [-3, 1.5, -2] as const, intensity: 0.7 },
    { position: [0.5, -3, -1] as const, intensity: 0.8 },
  ],
} as const;
