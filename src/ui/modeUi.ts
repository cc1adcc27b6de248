import type { ComponentType } from 'react';

/** What a mode adds to the app's frame: the side panels, DOM over the canvas, and 3D parts. */
export interface ModeUi {
  /** The side column (library, controls, drills…). */
  readonly Panels: ComponentType;
  /** DOM laid over the canvas (captions, countdowns…); absent for none. */
  readonly Overlay?: ComponentType;
  /** Rendered inside the 3D canvas (trace input, capture…); absent for none. */
  readonly Scene?: ComponentType;
}
