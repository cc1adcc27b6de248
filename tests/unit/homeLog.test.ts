import { describe, expect, it } from 'vitest';
import {
  EMPTY_LOG,
  decodeSummary,
  encodeSummary,
  homeLogSchema,
  isComplete,
  markStep,
  sessionOn,
  streak,
  summarize,
  summaryLink,
  summaryTotals,
  type HomeLog,
} from '../../src/domain/homeLog.ts';
import { hashParam, type Program } from '../../src/domain/program.ts';

const program: Program = {
  version: 1,
  id: 'prog1234',
  name: 'Masha',
  protocolId: 'p6-hallux-valgus-child-course',
  steps: ['a', 'b', 'c'],
  doses: {},
  severity: { halluxValgus: 0.3, flatFoot: 0 },
  side: 'L',
  start: '2026-12-01',
  sessions: 15,
  note: '',
};

/** A log with a complete session of the program on each date. */
function completeOn(dates: readonly string[], log: HomeLog = EMPTY_LOG): HomeLog {
  let out = log;
  for (const d of dates)
    for (const s of program.steps) out = markStep(out, program.id, d, s, { done: true });
  return out;
}

describe('marking steps', () => {
  it('makes the day session and updates a step in place', () => {
    let log = markStep(EMPTY_LOG, program.id, '2026-12-01', 'a', { done: true });
    log = markStep(log, program.id, '2026-12-01', 'a', { reaction: 'fussy' });
    const s = sessionOn(log, program.id, '2026-12-01');
    expect(s?.steps).toEqual([{ step: 'a', done: true, reaction: 'fussy' }]);
    expect(s?.stopped).toBe(false);
    expect(homeLogSchema.parse(log)).toEqual(log);
  });

  it('pain stops the session for the day, even if changed afterwards', () => {
    let log = markStep(EMPTY_LOG, program.id, '2026-12-01', 'a', { reaction: 'pain' });
    expect(sessionOn(log, program.id, '2026-12-01')?.stopped).toBe(true);
    log = markStep(log, program.id, '2026-12-01', 'a', { reaction: 'calm' });
    expect(sessionOn(log, program.id, '2026-12-01')?.stopped).toBe(true);
    log = completeOn(['2026-12-01'], log);
    expect(isComplete(sessionOn(log, program.id, '2026-12-01'), program.steps)).toBe(false);
  });

  it('a session is complete only when every program step is done', () => {
    let log = markStep(EMPTY_LOG, program.id, '2026-12-01', 'a', { done: true });
    log = markStep(log, program.id, '2026-12-01', 'b', { done: true });
    expect(isComplete(sessionOn(log, program.id, '2026-12-01'), program.steps)).toBe(false);
    log = markStep(log, program.id, '2026-12-01', 'c', { done: true });
    expect(isComplete(sessionOn(log, program.id, '2026-12-01'), program.steps)).toBe(true);
    log = markStep(log, program.id, '2026-12-01', 'b', { done: false });
    expect(isComplete(sessionOn(log, program.id, '2026-12-01'), program.steps)).toBe(false);
  });

  it('keeps other programs sessions apart', () => {
    let log = completeOn(['2026-12-01']);
    log = markStep(log, 'other999', '2026-12-01', 'a', { done: true });
    expect(sessionOn(log, program.id, '2026-12-01')?.steps).toHaveLength(3);
    expect(sessionOn(log, 'other999', '2026-12-01')?.steps).toHaveLength(1);
  });
});

describe('streak', () => {
  it('counts consecutive complete days ending today', () => {
    const log = completeOn(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(streak(log, program, '2026-12-03')).toBe(3);
  });

  it('is not broken by today being not done yet', () => {
    const log = completeOn(['2026-12-01', '2026-12-02']);
    expect(streak(log, program, '2026-12-03')).toBe(2);
    const partial = markStep(log, program.id, '2026-12-03', 'a', { done: true });
    expect(streak(partial, program, '2026-12-03')).toBe(2);
  });

  it('ends at a missed day', () => {
    const log = completeOn(['2026-12-01', '2026-12-03', '2026-12-04']);
    expect(streak(log, program, '2026-12-04')).toBe(2);
    expect(streak(log, program, '2026-12-06')).toBe(0);
  });

  it('allows the schedule gap for every other day', () => {
    const log = completeOn(['2026-12-01', '2026-12-03', '2026-12-05']);
    expect(streak(log, program, '2026-12-06', 2)).toBe(3);
    // Daily: only yesterday's session counts; the day missed before it ends the streak.
    expect(streak(log, program, '2026-12-06', 1)).toBe(1);
    expect(streak(log, program, '2026-12-07', 1)).toBe(0);
  });

  it('is ended by an incomplete session and zeroed by pain today', () => {
    let log = completeOn(['2026-12-01', '2026-12-03']);
    log = markStep(log, program.id, '2026-12-02', 'a', { done: true });
    expect(streak(log, program, '2026-12-03')).toBe(1);
    log = markStep(log, program.id, '2026-12-04', 'a', { reaction: 'pain' });
    expect(streak(log, program, '2026-12-04')).toBe(0);
  });

  it('ignores sessions after today and bad dates', () => {
    const log = completeOn(['2026-12-01', '2026-12-02']);
    expect(streak(log, program, '2026-11-30')).toBe(0);
    expect(streak(log, program, 'not-a-date')).toBe(0);
  });
});

describe('summary for the next visit', () => {
  it('lists each session with steps done and reactions, and round-trips through a code', () => {
    let log = completeOn(['2026-12-01', '2026-12-02']);
    log = markStep(log, program.id, '2026-12-02', 'b', { reaction: 'fussy' });
    log = markStep(log, program.id, '2026-12-03', 'a', { done: true, reaction: 'calm' });
    log = markStep(log, program.id, '2026-12-03', 'b', { reaction: 'pain' });
    const summary = summarize(log, program, '2026-12-03');
    expect(summary.s).toEqual([
      { d: '2026-12-01', n: 3, of: 3, calm: 0, fussy: 0, pain: 0, stop: false },
      { d: '2026-12-02', n: 3, of: 3, calm: 0, fussy: 1, pain: 0, stop: false },
      { d: '2026-12-03', n: 1, of: 3, calm: 1, fussy: 0, pain: 1, ps: ['b'], stop: true },
    ]);
    expect(summary.k).toBe(0);
    expect(summaryTotals(summary)).toEqual({
      complete: 2,
      stopped: 1,
      stepsDone: 7,
      stepsPlanned: 9,
    });
    expect(decodeSummary(encodeSummary(summary))).toEqual({ ok: true, value: summary });
  });

  it('travels in a present-mode link fragment', () => {
    const summary = summarize(completeOn(['2026-12-01']), program, '2026-12-01');
    const url = new URL(summaryLink('https://example.org/app/', summary));
    expect(url.searchParams.get('mode')).toBe('present');
    expect(decodeSummary(hashParam(url.hash, 'summary') ?? '')).toEqual({
      ok: true,
      value: summary,
    });
  });

  it('rejects a tampered summary', () => {
    const code = encodeSummary(summarize(completeOn(['2026-12-01']), program, '2026-12-01'));
    const i = Math.floor(code.length / 2);
    const tampered = code.slice(0, i) + (code[i] === 'Q' ? 'R' : 'Q') + code.slice(i + 1);
    expect(decodeSummary(tampered).ok).toBe(false);
  });
});
