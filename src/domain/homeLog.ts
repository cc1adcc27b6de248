/**
 * The parent's log of home sessions and the rules read from it: a session per program and day,
 * each step ticked done with how the child took it (calm, fussy, pain — pain stops the session),
 * the streak of sessions kept on schedule, and the summary taken back to the next visit (as a QR
 * code or a file, read back by the clinician's device). Pure: dates are civil `YYYY-MM-DD` dates
 * given by the caller.
 */
import { z } from 'zod';
import { KEBAB_ID } from '../content/schema.ts';
import { parseLocalDate, type LocalDate } from './calendar.ts';
import { describeIssue, packJson, unpackJson, type DecodeResult, type Program } from './program.ts';

export const REACTIONS = ['calm', 'fussy', 'pain'] as const;
export type Reaction = (typeof REACTIONS)[number];

export const HOME_LOG_VERSION = 1;
/** Sessions kept per program (the oldest go first): a course is at most a few dozen. */
export const MAX_SESSIONS_KEPT = 400;

const localDate = z
  .string()
  .refine((s) => parseLocalDate(s) !== null, { message: 'not a date (YYYY-MM-DD)' });
const stepId = z.string().max(64).regex(KEBAB_ID);
const programId = z.string().regex(/^[A-Za-z0-9]{4,24}$/);

const stepRecord = z.strictObject({
  step: stepId,
  done: z.boolean(),
  reaction: z.enum(REACTIONS).nullable(),
});
export type StepRecord = z.infer<typeof stepRecord>;

const sessionRecord = z.strictObject({
  program: programId,
  date: localDate,
  steps: z.array(stepRecord).max(80),
  /** The child had pain: the parent was told to stop and call the clinic. */
  stopped: z.boolean(),
});
export type SessionRecord = z.infer<typeof sessionRecord>;

export const homeLogSchema = z.strictObject({
  version: z.literal(HOME_LOG_VERSION),
  sessions: z.array(sessionRecord).max(MAX_SESSIONS_KEPT * 4),
});
export type HomeLog = z.infer<typeof homeLogSchema>;

export const EMPTY_LOG: HomeLog = { version: HOME_LOG_VERSION, sessions: [] };

/** The session of a program on a day, if any. */
export function sessionOn(log: HomeLog, program: string, date: LocalDate): SessionRecord | null {
  return log.sessions.find((s) => s.program === program && s.date === date) ?? null;
}

export interface StepMark {
  readonly done?: boolean;
  readonly reaction?: Reaction | null;
}

/**
 * The log with one step of the day's session marked: the session is made if needed; a reaction
 * of pain also marks the session stopped (it stays stopped for the day).
 */
export function markStep(
  log: HomeLog,
  program: string,
  date: LocalDate,
  step: string,
  mark: StepMark,
): HomeLog {
  const existing = sessionOn(log, program, date);
  const session: SessionRecord = existing ?? { program, date, steps: [], stopped: false };
  const prev = session.steps.find((s) => s.step === step) ?? { step, done: false, reaction: null };
  const next: StepRecord = {
    step,
    done: mark.done ?? prev.done,
    reaction: mark.reaction === undefined ? prev.reaction : mark.reaction,
  };
  const steps = session.steps.some((s) => s.step === step)
    ? session.steps.map((s) => (s.step === step ? next : s))
    : [...session.steps, next];
  const updated: SessionRecord = {
    ...session,
    steps,
    stopped: session.stopped || next.reaction === 'pain',
  };
  const others = log.sessions.filter((s) => s !== existing);
  const mine = [...others.filter((s) => s.program === program), updated]
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(-MAX_SESSIONS_KEPT);
  return {
    version: HOME_LOG_VERSION,
    sessions: [...others.filter((s) => s.program !== program), ...mine],
  };
}

/** Whether a session did every step of the program and was not stopped for pain. */
export function isComplete(session: SessionRecord | null, steps: readonly string[]): boolean {
  if (!session || session.stopped) return false;
  return steps.every((id) => session.steps.some((s) => s.step === id && s.done));
}

/** Steps of the program ticked done in a session. */
export function doneCount(session: SessionRecord | null, steps: readonly string[]): number {
  if (!session) return 0;
  return steps.filter((id) => session.steps.some((s) => s.step === id && s.done)).length;
}

/**
 * Sessions in a row kept on schedule, counted back from today: complete sessions whose dates are
 * at most `intervalDays` apart (1 for daily, 2 for every other day). A session today that is not
 * finished yet does not break the streak; a day missed beyond the interval, or a session stopped
 * for pain, ends it.
 */
export function streak(log: HomeLog, program: Program, today: LocalDate, intervalDays = 1): number {
  const todayN = parseLocalDate(today);
  if (todayN === null) return 0;
  const interval = Math.max(1, Math.round(intervalDays));
  const byDay = new Map<number, SessionRecord>();
  for (const s of log.sessions) {
    if (s.program !== program.id) continue;
    const n = parseLocalDate(s.date);
    if (n !== null && n <= todayN) byDay.set(n, s);
  }
  const days = [...byDay.keys()].sort((a, b) => b - a);
  let count = 0;
  let last = todayN + 1; // the day after today: a session today, or within the interval, counts
  // The latest session may be today or up to `interval` days ago (today's not yet done).
  let allowance = interval + 1;
  for (const day of days) {
    const session = byDay.get(day) ?? null;
    if (day === todayN && !isComplete(session, program.steps)) {
      if (session?.stopped) return 0;
      continue; // today's session may still be in progress
    }
    if (last - day > allowance) break;
    if (!isComplete(session, program.steps)) break;
    count += 1;
    last = day;
    allowance = interval;
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// The summary for the next visit
// ---------------------------------------------------------------------------------------------

export const SUMMARY_VERSION = 1;

const summarySession = z.strictObject({
  d: localDate,
  /** Steps done. */
  n: z.number().int().min(0).max(80),
  /** Steps in the program. */
  of: z.number().int().min(1).max(80),
  calm: z.number().int().min(0).max(80),
  fussy: z.number().int().min(0).max(80),
  pain: z.number().int().min(0).max(80),
  /** Steps (ids) that hurt. */
  ps: z.array(stepId).max(80).optional(),
  stop: z.boolean(),
});

export const summarySchema = z.strictObject({
  v: z.literal(SUMMARY_VERSION),
  i: programId,
  n: z.string().trim().min(1).max(80),
  p: z.string().max(64).regex(KEBAB_ID),
  /** Day the summary was made. */
  m: localDate,
  /** Sessions planned in the course. */
  c: z.number().int().min(1).max(366),
  k: z.number().int().min(0).max(366),
  s: z.array(summarySession).max(MAX_SESSIONS_KEPT),
});
export type HomeSummary = z.infer<typeof summarySchema>;

/** The summary of a program's sessions up to today. */
export function summarize(
  log: HomeLog,
  program: Program,
  today: LocalDate,
  intervalDays = 1,
): HomeSummary {
  const sessions = log.sessions
    .filter((s) => s.program === program.id && s.date <= today)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((s) => {
      const inProgram = s.steps.filter((r) => program.steps.includes(r.step));
      const count = (r: Reaction) => inProgram.filter((x) => x.reaction === r).length;
      const painSteps = inProgram.filter((x) => x.reaction === 'pain').map((x) => x.step);
      return {
        d: s.date,
        n: doneCount(s, program.steps),
        of: program.steps.length,
        calm: count('calm'),
        fussy: count('fussy'),
        pain: count('pain'),
        ...(painSteps.length > 0 ? { ps: painSteps } : {}),
        stop: s.stopped,
      };
    });
  return {
    v: SUMMARY_VERSION,
    i: program.id,
    n: program.name,
    p: program.protocolId,
    m: today,
    c: program.sessions,
    k: streak(log, program, today, intervalDays),
    s: sessions,
  };
}

/** The summary's code for a QR code or a link. */
export function encodeSummary(summary: HomeSummary): string {
  return packJson(summary);
}

/** Reads a summary's code (from a QR code's link or a file). */
export function decodeSummary(code: string): DecodeResult<HomeSummary> {
  const unpacked = unpackJson(code);
  if (!unpacked.ok) return unpacked;
  return parseSummaryJson(unpacked.value);
}

export function parseSummaryJson(value: unknown): DecodeResult<HomeSummary> {
  const parsed = summarySchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: 'invalid', detail: describeIssue(parsed.error) };
  return { ok: true, value: parsed.data };
}

/** Totals of a summary: sessions complete, stopped for pain, steps done of all planned. */
export function summaryTotals(s: HomeSummary): {
  readonly complete: number;
  readonly stopped: number;
  readonly stepsDone: number;
  readonly stepsPlanned: number;
} {
  return {
    complete: s.s.filter((x) => !x.stop && x.n === x.of).length,
    stopped: s.s.filter((x) => x.stop).length,
    stepsDone: s.s.reduce((a, x) => a + x.n, 0),
    stepsPlanned: s.s.reduce((a, x) => a + x.of, 0),
  };
}

/** The hash parameter that carries a summary in a link. */
export const SUMMARY_HASH = 'summary';

/** The link a summary QR code holds: it opens the summary on the clinician's device. */
export function summaryLink(base: string, summary: HomeSummary, lang?: string): string {
  const url = new URL(base);
  url.search = '';
  url.searchParams.set('mode', 'present');
  if (lang) url.searchParams.set('lang', lang);
  url.hash = `${SUMMARY_HASH}=${encodeSummary(summary)}`;
  return url.toString();
}
