/** A protocol's schedule in plain words (the brief, the handout, the calendar). */
import { localized } from '../content/localized.ts';
import type { Translate } from '../content/messages.ts';
import type { Locale, Note, Range, Schedule } from '../content/schema.ts';

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
