import type { Locale } from '../../content/schema.ts';
import type { AvoidAnswer } from '../../domain/avoidQuiz.ts';
import type { TraceCriterion, TraceFeedback, TraceScore } from '../../domain/traceScore.ts';
import type { Translate, UiKey } from '../../i18n/i18n.ts';
import { zoneSideLabel } from '../../i18n/zones.ts';

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
  no_circles: 'ui.train.feedback.noCircles',
  turn_other_way: 'ui.train.feedback.turnOtherWay',
  bigger_circles: 'ui.train.feedback.biggerCircles',
  smaller_circles: 'ui.train.feedback.smallerCircles',
  rounder_circles: 'ui.train.feedback.rounderCircles',
  more_circles: 'ui.train.feedback.moreCircles',
  no_sweeps: 'ui.train.feedback.noSweeps',
  wider_zigzag: 'ui.train.feedback.widerZigzag',
  narrower_zigzag: 'ui.train.feedback.narrowerZigzag',
  both_loops: 'ui.train.feedback.bothLoops',
  loops_opposite: 'ui.train.feedback.loopsOpposite',
  bigger_loops: 'ui.train.feedback.biggerLoops',
  smaller_loops: 'ui.train.feedback.smallerLoops',
  missed_points: 'ui.train.feedback.missedPoints',
  press_not_drag: 'ui.train.feedback.pressNotDrag',
  wrong_order: 'ui.train.feedback.wrongOrder',
  slower: 'ui.train.feedback.slower',
  faster: 'ui.train.feedback.faster',
  good: 'ui.train.feedback.good',
};

/** The label of each graded criterion. */
export const CRITERION_KEYS: Readonly<Record<TraceCriterion, UiKey>> = {
  direction: 'ui.train.trace.direction',
  coverage: 'ui.train.trace.coverage',
  shape: 'ui.train.trace.shape',
  turn: 'ui.train.trace.turn',
  accuracy: 'ui.train.trace.accuracy',
  tempo: 'ui.train.trace.tempo',
};

/** A short word for each criterion (the weakest one of a step in the group view). */
export const MEASURE_KEYS: Readonly<Record<TraceCriterion, UiKey>> = {
  direction: 'ui.train.measure.direction',
  coverage: 'ui.train.measure.coverage',
  shape: 'ui.train.measure.shape',
  turn: 'ui.train.measure.turn',
  accuracy: 'ui.train.measure.accuracy',
  tempo: 'ui.train.measure.tempo',
};

/** "clockwise" or "counter-clockwise" for a turning sense (+1 counter-clockwise). */
export function turnWords(t: Translate, turn: 1 | -1): string {
  return t(turn === -1 ? 'ui.train.turn.cw' : 'ui.train.turn.ccw');
}

/**
 * One piece of a graded trace's feedback in words, with its numbers: which way to circle, how
 * many circles, how much slower, which area to stay off.
 */
export function feedbackText(
  t: Translate,
  locale: Locale,
  f: TraceFeedback,
  score: TraceScore,
): string {
  const detail = score.detail;
  const ratio = score.tempoRatio;
  const times = (x: number) => (Math.round(x * 10) / 10).toLocaleString(locale);
  switch (f) {
    case 'touched_avoid': {
      if (score.avoidZones.length === 0) break;
      const zones = score.avoidZones.map((z) => zoneSideLabel(z.zone, z.side, locale)).join(', ');
      // English reads "stay off the kneecap": the zone's name in lower case after "the".
      return t('ui.train.feedback.stayOff', {
        zones: locale === 'en' ? zones.charAt(0).toLowerCase() + zones.slice(1) : zones,
      });
    }
    case 'turn_other_way':
      if (detail?.turn) return t(TRACE_FEEDBACK_KEYS[f], { turn: turnWords(t, detail.turn) });
      break;
    case 'more_circles':
      if (detail) return t(TRACE_FEEDBACK_KEYS[f], { expected: Math.round(detail.expected) });
      break;
    case 'missed_points':
      if (detail)
        return t(TRACE_FEEDBACK_KEYS[f], {
          drawn: Math.round(detail.drawn),
          expected: Math.round(detail.expected),
        });
      break;
    case 'slower':
      if (ratio !== null && ratio > 0) return t(TRACE_FEEDBACK_KEYS[f], { ratio: times(ratio) });
      break;
    case 'faster':
      if (ratio !== null && ratio > 0)
        return t(TRACE_FEEDBACK_KEYS[f], { ratio: times(1 / ratio) });
      break;
    default:
      break;
  }
  return t(TRACE_FEEDBACK_KEYS[f], { turn: '', expected: '', drawn: '', ratio: '' });
}

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
