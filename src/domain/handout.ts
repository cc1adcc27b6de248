/**
 * The printable take-home sheet of a protocol, as data: the title, every step with its picture,
 * plain words and warnings, the schedule in plain words and the safety list (the protocol's
 * contraindications in plain words). Pure: the pictures come in as URLs made by the caller, the
 * words of the sheet from the UI tables through the translate function passed in; the UI renders
 * this model as text (never as HTML).
 */
import { localized } from '../content/localized.ts';
import type { Translate } from '../content/messages.ts';
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

/** The schedule in plain words, a line each (frequency, course, session, break, load, notes). */
export function describeSchedule(
  schedule: Schedule | null,
  locale: Locale,
  t: Translate,
): string[] {
  if (!schedule) return [];
  const lines = [t(`ui.handout.frequency.${schedule.frequency}`)];
  const s = schedule.courseSessions;
  if (s) {
    const n = formatRange(s);
    lines.push(t(s.max === undefined ? 'ui.handout.courseAtLeast' : 'ui.handout.course', { n }));
  }
  if (schedule.courseWeeks)
    lines.push(t('ui.handout.courseWeeks', { n: formatRange(schedule.courseWeeks) }));
  if (schedule.sessionMinutes) {
    const m = schedule.sessionMinutes;
    lines.push(
      t(m.max === undefined ? 'ui.handout.sessionAtLeast' : 'ui.handout.session', {
        n: formatRange(m),
      }),
    );
  }
  if (schedule.breakWeeks)
    lines.push(t('ui.handout.break', { n: formatRange(schedule.breakWeeks) }));
  lines.push(t(`ui.handout.load.${schedule.load}`));
  for (const n of schedule.notes) lines.push(noteText(n, locale));
  return lines;
}

/** "Do not massage: the knee, the kneecap." in the locale; null for none. */
export function avoidLine(zoneNames: readonly string[], t: Translate): string | null {
  if (zoneNames.length === 0) return null;
  return t('ui.handout.avoid', { zones: zoneNames.join(', ') });
}

/** The handout of a protocol. `captured[i]` belongs to step i; missing entries have no picture. */
export function buildHandout(input: {
  readonly protocol: Protocol;
  readonly lists: readonly ContraindicationList[];
  readonly locale: Locale;
  /** The UI words of the same locale. */
  readonly t: Translate;
  readonly captured: readonly (CapturedStep | undefined)[];
  /** 0-based indices of steps the safety check rules out: listed as left out, not as steps. */
  readonly skipped?: readonly number[];
}): Handout {
  const { protocol, lists, locale, t, captured } = input;
  const skipped = new Set(input.skipped ?? []);
  const leftOut = protocol.steps.flatMap((step, i) =>
    skipped.has(i) ? [{ number: i + 1, title: localized(step.title, locale) }] : [],
  );
  const steps = protocol.steps.flatMap((step, i): HandoutStep[] => {
    if (skipped.has(i)) return [];
    const shot = captured[i];
    const avoid = avoidLine(shot?.avoidZones ?? [], t);
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
      title: t('ui.handout.takeCare'),
      items: protocol.cautions.map((c) => noteText(c, locale)),
    });
  }
  return {
    protocolId: protocol.id,
    title: localized(protocol.title, locale),
    summary: localized(protocol.summary, locale),
    steps,
    leftOut,
    schedule: describeSchedule(protocol.schedule, locale, t),
    safety,
  };
}
