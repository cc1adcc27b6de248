/**
 * The printable take-home sheet of a protocol, as data: the title, every step with its picture,
 * plain words and warnings, the position, the schedule in plain words, the safety list (the
 * conditions that rule the protocol or some steps out, each with who says so, and the protocol's
 * cautions) and where the sources differ. Pure: the pictures come in as URLs and the UI's words
 * as strings made by the caller; the UI renders this model as text (never as HTML).
 */
import { localized } from '../content/localized.ts';
import type { Locale, Note, Protocol, Range, Schedule } from '../content/schema.ts';
import { checklistByStrength, type ApplicableItem, type ApplicableSafety } from './safety.ts';
import { stepSourceNotes } from './sourceNotes.ts';

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

/** One disagreement between sources: the topic, every version with its source, the app's choice. */
export interface HandoutDisagreement {
  readonly topic: string;
  readonly versions: readonly string[];
  readonly appChoice: string | null;
}

/** The UI's words the sheet needs (headings, labels), in the sheet's locale. */
export interface HandoutWords {
  /** "No massage at all with:" */
  readonly noMassage: string;
  /** "Only from a certified specialist with:" */
  readonly specialist: string;
  /** "Some steps are left out with:" */
  readonly someSteps: string;
  /** "Take extra care with:" */
  readonly care: string;
  /** "Areas the steps keep off, for everyone:" */
  readonly always: string;
  /** "Keep in mind:" */
  readonly notes: string;
  /** "Cautions for the whole protocol" */
  readonly cautions: string;
  /** "Position:" */
  readonly position: string;
  /** "the app's choice: the source names no position" */
  readonly positionOwn: string;
  /** "Sources differ: {topic}" with `{topic}` in it. */
  readonly differ: string;
  /** Who says a rule or a caution ("source 002", "the app's suggestion"). */
  readonly origin: (o: {
    readonly source?: string;
    readonly own?: boolean;
    readonly sources?: readonly string[];
  }) => string;
  /** The word for a pose ("Seated"). */
  readonly pose: (pose: string) => string;
}

export interface Handout {
  readonly protocolId: string;
  readonly title: string;
  readonly summary: string;
  /** "Position: Seated. …", labelled when it is the app's choice. */
  readonly position: string;
  readonly steps: readonly HandoutStep[];
  /** Steps left out because the safety check rules them out for this person (number, title). */
  readonly leftOut: readonly { readonly number: number; readonly title: string }[];
  /** The schedule in plain words, one line each; empty when the protocol has none. */
  readonly schedule: readonly string[];
  readonly safety: readonly HandoutSafetyList[];
  /** Where the sources differ, for this protocol. */
  readonly disagreements: readonly HandoutDisagreement[];
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

/** Unique origins of some rules, joined ("source 000; the app's suggestion"). */
function originsOf(rules: readonly ApplicableItem[], words: HandoutWords): string {
  return [...new Set(rules.map((r) => words.origin({ own: r.own, sources: r.sources })))].join(
    '; ',
  );
}

/**
 * The safety part of the sheet: the conditions that rule the protocol or some of its steps out
 * (grouped by what they do, each with who says so), the areas no one massages, the risks, and the
 * protocol's own cautions.
 */
export function handoutSafety(
  protocol: Protocol,
  safety: ApplicableSafety,
  locale: Locale,
  words: HandoutWords,
): HandoutSafetyList[] {
  const buckets = checklistByStrength(safety);
  const line = (e: (typeof buckets.noMassage)[number]) =>
    `${localized(e.condition.label, locale)} (${originsOf(e.rules, words)})`;
  const lists: HandoutSafetyList[] = [
    { title: words.noMassage, items: buckets.noMassage.map(line) },
    { title: words.specialist, items: buckets.specialist.map(line) },
    { title: words.someSteps, items: buckets.someSteps.map(line) },
    { title: words.care, items: buckets.care.map(line) },
    {
      title: words.always,
      items: safety.always.map(
        (e) => `${localized(e.item.plain, locale)} (${originsOf([e], words)})`,
      ),
    },
    {
      title: words.notes,
      items: safety.notes.map(
        (e) => `${localized(e.item.plain, locale)} (${originsOf([e], words)})`,
      ),
    },
    {
      title: words.cautions,
      items: protocol.cautions.map((c) => `${noteText(c, locale)} (${words.origin(c)})`),
    },
  ];
  return lists.filter((l) => l.items.length > 0);
}

/** The handout of a protocol. `captured[i]` belongs to step i; missing entries have no picture. */
export function buildHandout(input: {
  readonly protocol: Protocol;
  /** What the safety check offers for the protocol (`applicableSafety`). */
  readonly safety: ApplicableSafety;
  readonly words: HandoutWords;
  readonly locale: Locale;
  readonly captured: readonly (CapturedStep | undefined)[];
  /** 0-based indices of steps the safety check rules out: listed as left out, not as steps. */
  readonly skipped?: readonly number[];
}): Handout {
  const { protocol, locale, captured, words } = input;
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
        warnings: [
          ...(avoid ? [avoid] : []),
          ...step.cautions.map((c) =>
            c.own ? `${noteText(c, locale)} (${words.origin(c)})` : noteText(c, locale),
          ),
          ...stepSourceNotes(protocol, step.id).map((n) =>
            words.differ.replace('{topic}', localized(n.topic, locale)),
          ),
        ],
      },
    ];
  });
  const pos = protocol.position;
  const position = [
    `${words.position} ${words.pose(pos.pose)}.`,
    ...(pos.note ? [localized(pos.note, locale)] : []),
    ...(pos.own ? [`(${words.positionOwn})`] : []),
  ].join(' ');
  return {
    protocolId: protocol.id,
    title: localized(protocol.title, locale),
    summary: localized(protocol.summary, locale),
    position,
    steps,
    leftOut,
    schedule: describeSchedule(protocol.schedule, locale),
    safety: handoutSafety(protocol, input.safety, locale, words),
    disagreements: protocol.sourceNotes.map((n) => ({
      topic: localized(n.topic, locale),
      versions: n.variants.map((v) => localized(v.text, locale)),
      appChoice: n.appChoice ? localized(n.appChoice, locale) : null,
    })),
  };
}
