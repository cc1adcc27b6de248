import { learnUi } from '../learn/learnUi.tsx';
import type { ModeUi } from '../modeUi.ts';

/** Present mode. */
export const presentUi: ModeUi = { Panels: learnUi.Panels };
