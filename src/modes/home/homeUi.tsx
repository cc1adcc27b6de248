import type { ModeUi } from '../../ui/modeUi.ts';
import { HomePanels } from './HomePanels.tsx';
import './home.css';

/**
 * Home mode (the parent on a phone): today's session of the program the clinic gave, step by step
 * with big Prev / Next and the plain words, each step ticked with how the child took it; the log,
 * the streak and a summary for the next visit, all kept on the device.
 */
export const homeUi: ModeUi = {
  Panels: HomePanels,
};
