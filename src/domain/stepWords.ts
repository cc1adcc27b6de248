/**
 * Plain words for a step's machine-readable fields (technique, hand part, intensity, tempo,
 * dose), as the step panel and captions show them.
 */
import type { HandPart, Intensity, Phase, Step, Technique } from '../content/schema.ts';

export const TECHNIQUE_WORDS: Readonly<Record<Technique, string>> = {
  stroking: 'Stroking',
  rubbing: 'Rubbing',
  kneading: 'Kneading',
  pinching: 'Pinching',
  tapping: 'Tapping',
  hacking: 'Hacking',
  patting: 'Patting',
  pressing: 'Pressing',
  vibration: 'Vibration',
  shaking: 'Shaking',
  stretching: 'Stretching',
  passive_movement: 'Passive movement',
  active_exercise: 'Exercise',
  preparation: 'Preparation',
  care: 'Care',
};

export const HAND_PART_WORDS: Readonly<Record<HandPart, string>> = {
  palm: 'palm',
  palm_edge: 'edge of the palm',
  heel_of_palm: 'heel of the palm',
  thumb_pad: 'thumb pad',
  fingertips: 'fingertips',
  knuckles: 'knuckles',
  both_hands: 'both hands',
  finger_phalanges: 'backs of the finger joints',
  none: 'no hands',
};

export const INTENSITY_WORDS: Readonly<Record<Intensity, string>> = {
  light: 'light',
  moderate: 'moderate',
  vigorous: 'vigorous',
};

export const PHASE_WORDS: Readonly<Record<Phase, string>> = {
  preparation: 'Preparation',
  main: 'Massage',
  finish: 'Finish',
  exercises: 'Exercises',
  care: 'Care and advice',
};

/** "1 min 30 s", "45 s", "10 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m === 0) return `${String(rest)} s`;
  return rest === 0 ? `${String(m)} min` : `${String(m)} min ${String(rest)} s`;
}

/** The dose line: duration and/or repetitions, marked when it is our estimate. */
export function describeDose(step: Pick<Step, 'durationS' | 'repetitions' | 'doseFromSource'>): string {
  const parts: string[] = [];
  if (step.durationS !== undefined) parts.push(`about ${formatDuration(step.durationS)}`);
  if (step.repetitions !== undefined) parts.push(`${String(step.repetitions)} times`);
  if (parts.length === 0) return 'as long as comfortable';
  return step.doseFromSource ? parts.join(', ') : `${parts.join(', ')} (suggested; the source gives no figure)`;
}

/** "light", or "light, growing to vigorous". */
export function describeIntensity(step: Pick<Step, 'intensity' | 'intensityTo'>): string {
  const from = INTENSITY_WORDS[step.intensity];
  return step.intensityTo && step.intensityTo !== step.intensity
    ? `${from}, growing to ${INTENSITY_WORDS[step.intensityTo]}`
    : from;
}
