/**
 * The printable take-home sheet of a protocol, as data: the title, every step with its picture,
 * plain words and warnings, the schedule in plain words and the safety list (the protocol's
 * contraindications in plain words). Pure: the pictures come in as URLs made by the caller; the
 * UI renders this model as text (never as HTML).
 */
import { localized } from '../content/localized.ts';
import type {
  ContraindicationList,
  Locale,
  Note,
  Protocol,
  Range,
  Schedule,
} from '../content/schema.ts';

/** What was captured of one step on the model. */
export interface CapturedStep {
  /** URL of the step's picture (blob: or data:), or null when none could be made. */
  readonly image: string | null;
  /** Names (already in the locale) of the areas to avoid shown near the step. */
  readonly avoidZones: readonly string[];
}

export interface HandoutStep {
  /** 1-based. */
  readonly number: number;
  readonly title: string;
  /** The plain words for a parent; also the picture's alt text. */
  readonly plain: string;
  readonly image: string | null;
  readonly warnings: readonly string[];
}

export interface HandoutSafetyList {
  readonly title: string;
  readonly items: readonly string[];
}

export interface Handout {
  readonly protocolId: string;
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly HandoutStep[];
  /** Steps left out because the safety check rules them out for this person (number, title). */
  readonly leftOut: readonly { readonly number: number; readonly title: string }[];
  /** The schedule in plain words, one line each; empty when the protocol has none. */
  readonly schedule: readonly string[];
  readonly safety: readonly HandoutSafetyList[];
}

const noteText = (n: Note, locale: Locale) => localized(n.plain ?? n.text, locale);

/** "3–4", or "3" when there is no maximum or it equals the minimum. */
export function formatRange(r: Range): string {
  return r.max === undefined || r.max === r.min
    ? String(r.min)
    : `${String(r.min)}–${String(r.max)}`;
}

const FREQUENCY: Readonly<Record<Locale, Readonly<Record<Schedule['frequency'], string>>>> = {
  en: {
    daily: 'Every day.',
    every_other_day: 'Every other day.',
    evenings: 'Every evening.',
    as_needed: 'When needed.',
  },
  ru: {
    daily: 'Каждый день.',
    every_other_day: 'Через день.',
    evenings: 'Каждый вечер.',
    as_needed: 'По мере необходимости.',
  },
};

const LOAD: Readonly<Record<Locale, Readonly<Record<Schedule['load'], string>>>> = {
  en: {
    steady: 'Keep the same strength every time.',
    gradual_increase: 'Start gently and add a little each time.',
    peak_mid_course: 'Strongest in the middle of the course, gentler at the start and end.',
    rising_to_end: 'A little stronger each time, strongest at the end of the course.',
  },
  ru: {
    steady: 'Каждый раз с одинаковой силой.',
    gradual_increase: 'Начинайте мягко и понемногу прибавляйте.',
    peak_mid_course: 'Сильнее всего в середине курса, мягче в начале и в конце.',
    rising_to_end: 'Каждый раз чуть сильнее, сильнее всего в конце курса.',
  },
};

/** The schedule in plain words, a line each (frequency, course, session, break, load, notes). */
export function describeSchedule(schedule: Schedule | null, locale: Locale): string[] {
  if (!schedule) return [];
  const ru = locale === 'ru';
  const lines = [FREQUENCY[locale][schedule.frequency]];
  const s = schedule.courseSessions;
  if (s) {
    const n = formatRange(s);
    lines.push(
      s.max === undefined
        ? ru
          ? `Курс: не меньше ${n} сеансов.`
          : `A course of at least ${n} sessions.`
        : ru
          ? `Курс: ${n} сеансов.`
          : `A course of ${n} sessions.`,
    );
  }
  if (schedule.courseWeeks)
    lines.push(
      ru
        ? `Курс длится ${formatRange(schedule.courseWeeks)} нед.`
        : `The course lasts ${formatRange(schedule.courseWeeks)} weeks.`,
    );
  if (schedule.sessionMinutes) {
    const m = schedule.sessionMinutes;
    lines.push(
      m.max === undefined
        ? ru
          ? `Один сеанс — от ${formatRange(m)} мин.`
          : `Each session: ${formatRange(m)} minutes or more.`
        : ru
          ? `Один сеанс — ${formatRange(m)} мин.`
          : `Each session: ${formatRange(m)} minutes.`,
    );
  }
  if (schedule.breakWeeks)
    lines.push(
      ru
        ? `Затем перерыв ${formatRange(schedule.breakWeeks)} нед. перед следующим курсом.`
        : `Then a break of ${formatRange(schedule.breakWeeks)} weeks before the next course.`,
    );
  lines.push(LOAD[locale][schedule.load]);
  for (const n of schedule.notes) lines.push(noteText(n, locale));
  return lines;
}

/** "Do not massage: the knee, the kneecap." in the locale; null for none. */
export function avoidLine(zoneNames: readonly string[], locale: Locale): string | null {
  if (zoneNames.length === 0) return null;
  return `${locale === 'ru' ? 'Не массируйте' : 'Do not massage'}: ${zoneNames.join(', ')}.`;
}

/** The handout of a protocol. `captured[i]` belongs to step i; missing entries have no picture. */
export function buildHandout(input: {
  readonly protocol: Protocol;
  readonly lists: readonly ContraindicationList[];
  readonly locale: Locale;
  readonly captured: readonly (CapturedStep | undefined)[];
  /** 0-based indices of steps the safety check rules out: listed as left out, not as steps. */
  readonly skipped?: readonly number[];
}): Handout {
  const { protocol, lists, locale, captured } = input;
  const skipped = new Set(input.skipped ?? []);
  const leftOut = protocol.steps.flatMap((step, i) =>
    skipped.has(i) ? [{ number: i + 1, title: localized(step.title, locale) }] : [],
  );
  const steps = protocol.steps.flatMap((step, i): HandoutStep[] => {
    if (skipped.has(i)) return [];
    const shot = captured[i];
    const avoid = avoidLine(shot?.avoidZones ?? [], locale);
    return [
      {
        number: i + 1,
        title: localized(step.title, locale),
        plain: localized(step.plain, locale),
        image: shot?.image ?? null,
        warnings: [...(avoid ? [avoid] : []), ...step.cautions.map((c) => noteText(c, locale))],
      },
    ];
  });
  const byId = new Map(lists.map((l) => [l.id, l]));
  const safety: HandoutSafetyList[] = protocol.contraindications.flatMap((id) => {
    const list = byId.get(id);
    return list
      ? [
          {
            title: localized(list.title, locale),
            items: list.items.map((item) => localized(item.plain, locale)),
          },
        ]
      : [];
  });
  if (protocol.cautions.length > 0) {
    safety.push({
      title: locale === 'ru' ? 'Будьте внимательны' : 'Take care',
      items: protocol.cautions.map((c) => noteText(c, locale)),
    });
  }
  return {
    protocolId: protocol.id,
    title: localized(protocol.title, locale),
    summary: localized(protocol.summary, locale),
    steps,
    leftOut,
    schedule: describeSchedule(protocol.schedule, locale),
    safety,
  };
}
