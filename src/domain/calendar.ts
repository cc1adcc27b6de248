/**
 * A protocol's course as an iCalendar file (RFC 5545): one all-day event per session (with a
 * reminder at a time of that day, and the steps and link in its description, when given), an all-day
 * event spanning the break after the course (its minimum length) and a one-day event on the
 * earliest date the next course may start.
 *
 * Dates are civil dates (`YYYY-MM-DD`) in the user's own calendar, never instants: every event is
 * all-day (`DTSTART;VALUE=DATE`), and date arithmetic runs on UTC day numbers, so neither the
 * device's time zone nor a daylight-saving change can shift a session. Only DTSTAMP is an instant,
 * taken from an injected clock.
 *
 * Titles and descriptions come from the caller, already localised; this module only escapes and
 * folds them (lines of at most 75 octets of UTF-8, never splitting a character).
 */
import type { Range, Schedule } from '../content/schema.ts';

/** What of a protocol's schedule the calendar needs. */
export type CourseSchedule = Pick<
  Schedule,
  'frequency' | 'courseSessions' | 'courseWeeks' | 'breakWeeks'
>;

/** A civil date, `YYYY-MM-DD`. */
export type LocalDate = string;

export interface CourseCalendarText {
  /** Calendar name shown by some clients (X-WR-CALNAME). */
  readonly calendarName?: string;
  /** Summary of session `n` (1-based) of `total`. */
  readonly sessionTitle: (n: number, total: number) => string;
  readonly sessionDescription?: string;
  /** A reminder on each session's day: what it says and when (minutes after midnight). */
  readonly reminder?: { readonly text: string; readonly minutesAfterMidnight: number };
  /** E.g. "Break: 3–4 weeks". */
  readonly breakTitle: string;
  readonly breakDescription?: string;
  readonly nextCourseTitle: string;
  readonly nextCourseDescription?: string;
}

export interface CourseCalendarInput {
  /** Protocol id (kebab-case): the first part of every UID. */
  readonly protocolId: string;
  readonly schedule: CourseSchedule | null;
  /** Date of the first session. */
  readonly start: LocalDate;
  readonly text: CourseCalendarText;
  /** The clock for DTSTAMP. */
  readonly now: () => Date;
  /** Sessions wanted, clamped to the schedule's range (default: its minimum). */
  readonly sessions?: number;
  /** Right-hand side of the UIDs (default `footwork.local`). */
  readonly uidDomain?: string;
}

export interface CoursePlan {
  /** Dates of the sessions, in order. */
  readonly sessions: readonly LocalDate[];
  /** The break after the course at its minimum length: first day and the day after its last. */
  readonly break: {
    readonly start: LocalDate;
    readonly endExclusive: LocalDate;
    readonly minWeeks: number;
    readonly maxWeeks: number | null;
  } | null;
  /** Earliest (and latest, when the break has a maximum) start of the next course. */
  readonly nextCourse: { readonly earliest: LocalDate; readonly latest: LocalDate | null } | null;
}

export type CalendarError =
  | 'no_schedule'
  | 'no_fixed_days'
  | 'no_course_length'
  | 'invalid_start'
  | 'invalid_id'
  | 'invalid_clock';

export type PlanResult =
  | { readonly ok: true; readonly plan: CoursePlan }
  | { readonly ok: false; readonly reason: CalendarError };

export type CalendarResult =
  | { readonly ok: true; readonly ics: string; readonly plan: CoursePlan }
  | { readonly ok: false; readonly reason: CalendarError };

export const DEFAULT_UID_DOMAIN = 'footwork.local';
export const PRODID = '-//Footwork//Course calendar 1.0//EN';
/** Longest course the calendar writes, in sessions. */
export const MAX_SESSIONS = 366;
const MS_PER_DAY = 86_400_000;
const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

// ---------------------------------------------------------------------------------------------
// Civil dates
// ---------------------------------------------------------------------------------------------

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` date, or null if it is not a real date. */
export function parseLocalDate(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  // setUTCFullYear, unlike Date.UTC, keeps years 1–99 as they are.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** The `YYYY-MM-DD` date of a day number. */
export function formatLocalDate(dayNumber: number): LocalDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** The date `days` after `date` (negative: before); throws nothing, returns null for bad dates. */
export function addDays(date: LocalDate, days: number): LocalDate | null {
  const n = parseLocalDate(date);
  return n === null ? null : formatLocalDate(n + Math.round(days));
}

/** `YYYYMMDD` of a `YYYY-MM-DD` date. */
function toIcsDate(date: LocalDate): string {
  return date.replaceAll('-', '');
}

/** `YYYYMMDDTHHMMSSZ` of an instant. */
export function formatIcsTimestamp(at: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${p(at.getUTCFullYear(), 4)}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}` +
    `T${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}Z`
  );
}

// ---------------------------------------------------------------------------------------------
// The course plan
// ---------------------------------------------------------------------------------------------

/** Days between sessions for a frequency, or null when the schedule has no fixed days. */
function intervalOf(frequency: CourseSchedule['frequency']): number | null {
  switch (frequency) {
    case 'daily':
    case 'evenings':
      return 1;
    case 'every_other_day':
      return 2;
    case 'as_needed':
      return null;
  }
}

/** Number of sessions: the wanted count clamped to the range, or the course weeks filled. */
function countSessions(schedule: CourseSchedule, interval: number, wanted?: number): number | null {
  const clampTo = (r: Range, n: number) =>
    Math.min(
      MAX_SESSIONS,
      Math.max(1, Math.round(r.min), Math.min(Math.round(n), Math.round(r.max ?? MAX_SESSIONS))),
    );
  if (schedule.courseSessions) {
    return clampTo(schedule.courseSessions, wanted ?? schedule.courseSessions.min);
  }
  if (schedule.courseWeeks) {
    const days = Math.round(schedule.courseWeeks.min * 7);
    if (days < 1) return null;
    const fromWeeks = Math.ceil(days / interval);
    const max =
      schedule.courseWeeks.max === undefined
        ? MAX_SESSIONS
        : Math.ceil(Math.round(schedule.courseWeeks.max * 7) / interval);
    return clampTo({ min: fromWeeks, max }, wanted ?? fromWeeks);
  }
  return null;
}

/**
 * Lays a course out from its first day: session dates every `interval` days, the break after the
 * last session (minimum length) and the window for the next course.
 */
export function planCourse(
  schedule: CourseSchedule | null,
  start: LocalDate,
  sessions?: number,
): PlanResult {
  if (!schedule) return { ok: false, reason: 'no_schedule' };
  const interval = intervalOf(schedule.frequency);
  if (interval === null) return { ok: false, reason: 'no_fixed_days' };
  const first = parseLocalDate(start);
  if (first === null) return { ok: false, reason: 'invalid_start' };
  const count = countSessions(schedule, interval, sessions);
  if (count === null) return { ok: false, reason: 'no_course_length' };
  const dates = Array.from({ length: count }, (_, i) => formatLocalDate(first + i * interval));
  const last = first + (count - 1) * interval;
  const brk = schedule.breakWeeks;
  if (!brk) return { ok: true, plan: { sessions: dates, break: null, nextCourse: null } };
  const minDays = Math.max(0, Math.round(brk.min * 7));
  const maxDays = brk.max === undefined ? null : Math.max(minDays, Math.round(brk.max * 7));
  return {
    ok: true,
    plan: {
      sessions: dates,
      break:
        minDays > 0
          ? {
              start: formatLocalDate(last + 1),
              endExclusive: formatLocalDate(last + 1 + minDays),
              minWeeks: brk.min,
              maxWeeks: brk.max ?? null,
            }
          : null,
      nextCourse: {
        earliest: formatLocalDate(last + 1 + minDays),
        latest: maxDays === null ? null : formatLocalDate(last + 1 + maxDays),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// RFC 5545 text
// ---------------------------------------------------------------------------------------------

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks; drops
 * other control characters (not allowed in TEXT) and replaces lone surrogates, which have no
 * UTF-8 form, with U+FFFD.
 */
export function escapeText(value: string): string {
  let out = '';
  const normalized = value.replace(/\r\n|\r|\n/g, '\n');
  for (const ch of normalized) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === ';') out += '\\;';
    else if (ch === ',') out += '\\,';
    else if (ch === '\n') out += '\\n';
    else if (cp === 0x09) out += ch;
    else if (cp < 0x20 || cp === 0x7f) continue;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\uFFFD';
    else out += ch;
  }
  return out;
}

/** Octets of one code point in UTF-8. */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds a content line (RFC 5545 §3.1): physical lines of at most 75 octets, continuation lines
 * starting with one space (which counts toward the 75), breaking only between characters.
 * Returns the physical lines joined by CRLF, without a final CRLF.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0) ?? 0);
    if (octets + n > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** A `NAME:value` line with the value escaped as TEXT. */
function textLine(name: string, value: string): string {
  return `${name}:${escapeText(value)}`;
}

interface CalendarEvent {
  readonly uid: string;
  readonly start: LocalDate;
  readonly endExclusive: LocalDate;
  readonly summary: string;
  readonly description?: string;
  readonly reminder?: CourseCalendarText['reminder'];
}

/** `PT18H30M` for 1110 minutes (RFC 5545 dur-time, positive: after the start). */
function durationAfter(minutes: number): string {
  const m = Math.min(24 * 60 - 1, Math.max(0, Math.round(minutes)));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0 && rest === 0) return 'PT0M';
  return `PT${h > 0 ? `${h}H` : ''}${rest > 0 ? `${rest}M` : ''}`;
}

/** The content lines of one all-day VEVENT. */
function eventLines(event: CalendarEvent, stamp: string): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${toIcsDate(event.start)}`,
    `DTEND;VALUE=DATE:${toIcsDate(event.endExclusive)}`,
    textLine('SUMMARY', event.summary),
  ];
  if (event.description !== undefined && event.description !== '')
    lines.push(textLine('DESCRIPTION', event.description));
  lines.push('TRANSP:TRANSPARENT');
  if (event.reminder) {
    // Relative to the start of the all-day event (local midnight): a reminder at that time of day.
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      textLine('DESCRIPTION', event.reminder.text),
      `TRIGGER;RELATED=START:${durationAfter(event.reminder.minutesAfterMidnight)}`,
      'END:VALARM',
    );
  }
  lines.push('END:VEVENT');
  return lines;
}

const UID_PART = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,98}[A-Za-z0-9])?$/;

/**
 * Builds the .ics text of a protocol's course (see the module comment). Fails with a reason, never
 * throws, when the schedule has no fixed course or an input is malformed.
 */
export function buildCourseCalendar(input: CourseCalendarInput): CalendarResult {
  const domain = input.uidDomain ?? DEFAULT_UID_DOMAIN;
  if (!UID_PART.test(input.protocolId) || !UID_PART.test(domain))
    return { ok: false, reason: 'invalid_id' };
  const planned = planCourse(input.schedule, input.start, input.sessions);
  if (!planned.ok) return planned;
  const now = input.now();
  if (!Number.isFinite(now.getTime())) return { ok: false, reason: 'invalid_clock' };
  const stamp = formatIcsTimestamp(now);
  const { plan } = planned;
  const uid = (date: LocalDate, kind: string) =>
    `${input.protocolId}-${toIcsDate(date)}-${kind}@${domain}`;
  const dayAfter = (date: LocalDate) => addDays(date, 1) ?? date;

  const events: CalendarEvent[] = plan.sessions.map((date, i) => ({
    uid: uid(date, 'session'),
    start: date,
    endExclusive: dayAfter(date),
    summary: input.text.sessionTitle(i + 1, plan.sessions.length),
    description: input.text.sessionDescription,
    reminder: input.text.reminder,
  }));
  if (plan.break) {
    events.push({
      uid: uid(plan.break.start, 'break'),
      start: plan.break.start,
      endExclusive: plan.break.endExclusive,
      summary: input.text.breakTitle,
      description: input.text.breakDescription,
    });
  }
  if (plan.nextCourse) {
    events.push({
      uid: uid(plan.nextCourse.earliest, 'next-course'),
      start: plan.nextCourse.earliest,
      endExclusive: dayAfter(plan.nextCourse.earliest),
      summary: input.text.nextCourseTitle,
      description: input.text.nextCourseDescription,
    });
  }

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (input.text.calendarName) lines.push(textLine('X-WR-CALNAME', input.text.calendarName));
  for (const event of events) lines.push(...eventLines(event, stamp));
  lines.push('END:VCALENDAR');
  return { ok: true, ics: lines.map(foldLine).join(CRLF) + CRLF, plan };
}
