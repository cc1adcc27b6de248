import type { AvoidAnswer } from '../../domain/avoidQuiz.ts';
import type { TraceFeedback } from '../../domain/traceScore.ts';
import type { UiKey } from '../../i18n/i18n.ts';

/** The words for each piece of trace feedback. */
export const TRACE_FEEDBACK_KEYS: Readonly<Record<TraceFeedback, UiKey>> = {
  no_reference: 'ui.train.feedback.noReference',
  empty_trace: 'ui.train.feedback.empty',
  too_short: 'ui.train.feedback.tooShort',
  reversed: 'ui.train.feedback.reversed',
  wrong_direction: 'ui.train.feedback.wrongDirection',
  off_path: 'ui.train.feedback.offPath',
  incomplete: 'ui.train.feedback.incomplete',
  off_zone: 'ui.train.feedback.offZone',
  touched_avoid: 'ui.train.feedback.touchedAvoid',
  good: 'ui.train.feedback.good',
};

/** Why a wrong answer of the avoid quiz is wrong. */
export const AVOID_REASON_KEYS: Readonly<
  Record<Extract<AvoidAnswer, { correct: false }>['reason'], UiKey>
> = {
  safe: 'ui.train.avoid.wrongSafe',
  out_of_reach: 'ui.train.avoid.wrongFar',
  other_side: 'ui.train.avoid.wrongSide',
};

/** A measure 0…1 (or −1…1) as a whole percentage. */
export function percent(x: number): number {
  return Math.round(x * 100);
}
