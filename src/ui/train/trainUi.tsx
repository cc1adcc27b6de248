import { learnUi } from '../learn/learnUi.tsx';
import type { ModeUi } from '../modeUi.ts';

/** Train mode. */
export const trainUi: ModeUi = { Panels: learnUi.Panels };
