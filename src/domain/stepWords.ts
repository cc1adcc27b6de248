/**
 * Plain words for a step's machine-readable fields (technique, hand part, intensity, tempo,
 * dose), as the step panel and captions show them, in English or Russian. Pure: every function
 * takes the locale (English by default).
 */
import type { HandPart, Intensity, Locale, Phase, Step, Technique } from '../content/schema.ts';

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

export const TECHNIQUE_WORDS_RU: Readonly<Record<Technique, string>> = {
  stroking: 'Поглаживание',
  rubbing: 'Растирание',
  kneading: 'Разминание',
  pinching: 'Пощипывание',
  tapping: 'Поколачивание',
  hacking: 'Рубление',
  patting: 'Похлопывание',
  pressing: 'Надавливание',
  vibration: 'Вибрация',
  shaking: 'Потряхивание',
  stretching: 'Вытяжение',
  passive_movement: 'Пассивные движения',
  active_exercise: 'Упражнение',
  preparation: 'Подготовка',
  care: 'Уход',
};

export const HAND_PART_WORDS_RU: Readonly<Record<HandPart, string>> = {
  palm: 'ладонь',
  palm_edge: 'ребро ладони',
  heel_of_palm: 'основание ладони',
  thumb_pad: 'подушечка большого пальца',
  fingertips: 'кончики пальцев',
  knuckles: 'костяшки пальцев',
  both_hands: 'обе руки',
  finger_phalanges: 'тыльная сторона фаланг пальцев',
  none: 'без рук',
};

export const INTENSITY_WORDS_RU: Readonly<Record<Intensity, string>> = {
  light: 'лёгкая',
  moderate: 'умеренная',
  vigorous: 'интенсивная',
};

/** Genitive, for "от лёгкой до интенсивной". */
const INTENSITY_WORDS_RU_GEN: Readonly<Record<Intensity, string>> = {
  light: 'лёгкой',
  moderate: 'умеренной',
  vigorous: 'интенсивной',
};

export const PHASE_WORDS_RU: Readonly<Record<Phase, string>> = {
  preparation: 'Подготовка',
  main: 'Массаж',
  finish: 'Завершение',
  exercises: 'Упражнения',
  care: 'Уход и советы',
};

export function techniqueWord(technique: Technique, locale: Locale = 'en'): string {
  return (locale === 'ru' ? TECHNIQUE_WORDS_RU : TECHNIQUE_WORDS)[technique];
}

export function handPartWord(part: HandPart, locale: Locale = 'en'): string {
  return (locale === 'ru' ? HAND_PART_WORDS_RU : HAND_PART_WORDS)[part];
}

export function phaseWord(phase: Phase, locale: Locale = 'en'): string {
  return (locale === 'ru' ? PHASE_WORDS_RU : PHASE_WORDS)[phase];
}

/** "1 min 30 s", "45 s", "10 min" ("1 мин 30 с" in Russian). */
export function formatDuration(seconds: number, locale: Locale = 'en'): string {
  const [min, sec] = locale === 'ru' ? ['мин', 'с'] : ['min', 's'];
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m === 0) return `${String(rest)} ${sec}`;
  return rest === 0 ? `${String(m)} ${min}` : `${String(m)} ${min} ${String(rest)} ${sec}`;
}

/** "2 раза", "5 раз", "22 раза", "12 раз". */
function timesRu(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word = mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? 'раза' : 'раз';
  return `${String(n)} ${word}`;
}

/** The dose line: duration and/or repetitions, marked when it is our estimate. */
export function describeDose(
  step: Pick<Step, 'durationS' | 'repetitions' | 'doseFromSource'>,
  locale: Locale = 'en',
): string {
  const ru = locale === 'ru';
  const parts: string[] = [];
  if (step.durationS !== undefined)
    parts.push(`${ru ? 'около' : 'about'} ${formatDuration(step.durationS, locale)}`);
  if (step.repetitions !== undefined)
    parts.push(ru ? timesRu(step.repetitions) : `${String(step.repetitions)} times`);
  if (parts.length === 0) return ru ? 'сколько комфортно' : 'as long as comfortable';
  const estimate = ru
    ? '(ориентировочно; в источнике цифры нет)'
    : '(suggested; the source gives no figure)';
  return step.doseFromSource ? parts.join(', ') : `${parts.join(', ')} ${estimate}`;
}

/** "light", or "light, growing to vigorous" ("от лёгкой до интенсивной"). */
export function describeIntensity(
  step: Pick<Step, 'intensity' | 'intensityTo'>,
  locale: Locale = 'en',
): string {
  const growing = step.intensityTo !== undefined && step.intensityTo !== step.intensity;
  if (locale === 'ru') {
    return growing && step.intensityTo
      ? `от ${INTENSITY_WORDS_RU_GEN[step.intensity]} до ${INTENSITY_WORDS_RU_GEN[step.intensityTo]}`
      : INTENSITY_WORDS_RU[step.intensity];
  }
  const from = INTENSITY_WORDS[step.intensity];
  return growing && step.intensityTo
    ? `${from}, growing to ${INTENSITY_WORDS[step.intensityTo]}`
    : from;
}
