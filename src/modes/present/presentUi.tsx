import type { ModeUi } from '../../ui/modeUi.ts';
import { PresentOverlay } from './PresentOverlay.tsx';
import { PresentPanels } from './PresentPanels.tsx';
import { PresentScene } from './scene/PresentScene.tsx';
import './present.css';

/**
 * Present mode (a clinician showing a parent): big plain-word captions over the model, steps
 * advancing on their own with a countdown, full screen; a printable take-home sheet with a
 * picture of every step, the course as a calendar file and a captioned video to take home.
 */
export const presentUi: ModeUi = {
  Panels: PresentPanels,
  Overlay: PresentOverlay,
  Scene: PresentScene,
};
