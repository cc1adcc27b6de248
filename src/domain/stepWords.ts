/**
 * Plain words for a step's machine-readable fields (technique, hand part, intensity, tempo,
 * dose, position), as the step panel and captions show them. Pure: the words come from the UI tables
 * (`content/locales/<locale>.json`, keys `ui.word.*`) through the translate function passed in.
 */
import type { Translate } from '../content/messages.ts';
import type { HandPart, Intensity, Phase, Position, Step, Technique } from '../content/schema.ts';

export function techniqueWord(technique: Technique, t: Translate): string {
  return t(`ui.word.technique.${technique}`);
}

export function handPartWord(part: HandPart, t: Translate): string {
  return t(`ui.word.handPart.${part}`);
}

/** The word for a position of the person massaged ("Seated"), of a protocol or a step. */
export function poseWord(pose: Position['pose'], t: Translate): string {
  return t(`ui.learn.pose.${pose}`);
}

export function phaseWord(phase: Phase, t: Translate): string {
  return t(`ui.word.phase.${phase}`);
}

export function intensityWord(intensity: Intensity, t: Translate): string {
  return t(`ui.word.intensity.${intensity}`);
}

/** "1 min 30 s", "45 s", "10 min". */
export function formatDuration(seconds: number, t: Translate): string {
  const total = Math.max(0, Math.round(seconds));
  const m = Math.floor(total / 60);
  const s = total % 60;
  if (m === 0) return t('ui.word.duration.seconds', { s });
  return s === 0
    ? t('ui.word.duration.minutes', { m })
    : t('ui.word.duration.minutesSeconds', { m, s });
}

/** The dose line: duration and/or repetitions, marked when it is our estimate. */
export function describeDose(
  step: Pick<Step, 'durationS' | 'repetitions' | 'doseFromSource'>,
  t: Translate,
): string {
  const parts: string[] = [];
  if (step.durationS !== undefined)
    parts.push(t('ui.word.dose.about', { duration: formatDuration(step.durationS, t) }));
  if (step.repetitions !== undefined)
    parts.push(t('ui.word.dose.times', { count: step.repetitions }));
  if (parts.length === 0) return t('ui.word.dose.comfortable');
  const dose = parts.join(', ');
  return step.doseFromSource ? dose : `${dose} ${t('ui.word.dose.estimate')}`;
}

/** "light", or "light, growing to vigorous". */
export function describeIntensity(
  step: Pick<Step, 'intensity' | 'intensityTo'>,
  t: Translate,
): string {
  const to = step.intensityTo;
  if (to === undefined || to === step.intensity) return intensityWord(step.intensity, t);
  return t('ui.word.intensityGrowing', {
    from: t(`ui.word.intensityRange.${step.intensity}`),
    to: t(`ui.word.intensityRange.${to}`),
  });
}
