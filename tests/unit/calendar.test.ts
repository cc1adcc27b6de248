import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { protocol as protocolSchema } from '../../src/content/schema.ts';
import {
  addDays,
  buildCourseCalendar,
  escapeText,
  foldLine,
  parseLocalDate,
  planCourse,
  type CourseCalendarInput,
  type CourseSchedule,
} from '../../src/domain/calendar.ts';

// ---------------------------------------------------------------------------------------------
// A small strict RFC 5545 reader, written for these tests only
// ---------------------------------------------------------------------------------------------

interface Prop {
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
  readonly value: string;
}
interface Component {
  readonly name: string;
  readonly props: Prop[];
  readonly children: Component[];
}

/** Splits into physical lines, checking CRLF endings and the 75-octet limit. */
function physicalLines(text: string): string[] {
  if (!text.endsWith('\r\n')) throw new Error('the file does not end with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  for (const [i, line] of lines.entries()) {
    if (/[\r\n]/.test(line)) throw new Error(`bare CR or LF in line ${i + 1}`);
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) throw new Error(`line ${i + 1} has ${octets} octets`);
    if (Buffer.from(line, 'utf8').toString('utf8') !== line)
      throw new Error(`line ${i + 1} is not well-formed UTF-8`);
    if (line === '') throw new Error(`empty line ${i + 1}`);
  }
  return lines;
}

/** Joins folded lines: a line starting with a space or tab continues the previous one. */
function unfold(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (out.length === 0) throw new Error('continuation line first');
      out[out.length - 1] += line.slice(1);
    } else out.push(line);
  }
  return out;
}

const NAME = /^[A-Za-z0-9-]+/;
const PARAM = /^;([A-Za-z0-9-]+)=("[^"]*"|[^";:,]*)/;

function parseContentLine(line: string): Prop {
  const name = NAME.exec(line)?.[0];
  if (!name) throw new Error(`no property name: ${line}`);
  let rest = line.slice(name.length);
  const params: Record<string, string> = {};
  for (let m = PARAM.exec(rest); m; m = PARAM.exec(rest)) {
    params[m[1]] = m[2];
    rest = rest.slice(m[0].length);
  }
  if (!rest.startsWith(':')) throw new Error(`no colon after the name and parameters: ${line}`);
  return { name: name.toUpperCase(), params, value: rest.slice(1) };
}

/** Reads the whole file into components, checking BEGIN/END nesting. */
function parseIcs(text: string): Component {
  const stack: Component[] = [];
  let root: Component | null = null;
  for (const line of unfold(physicalLines(text))) {
    const prop = parseContentLine(line);
    if (prop.name === 'BEGIN') {
      const c: Component = { name: prop.value, props: [], children: [] };
      const parent = stack.at(-1);
      if (parent) parent.children.push(c);
      else if (root) throw new Error('a second top-level component');
      else root = c;
      stack.push(c);
    } else if (prop.name === 'END') {
      const open = stack.pop();
      if (open?.name !== prop.value)
        throw new Error(`END:${prop.value} closes ${open?.name ?? 'nothing'}`);
    } else {
      const open = stack.at(-1);
      if (!open) throw new Error(`property outside a component: ${line}`);
      open.props.push(prop);
    }
  }
  if (!root || stack.length > 0) throw new Error('unbalanced components');
  return root;
}

/** Unescapes a TEXT value; an unescaped comma or semicolon or a stray backslash is an error. */
function unescapeText(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch === ',' || ch === ';') throw new Error(`unescaped ${ch} in ${value}`);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = value.charAt(++i);
    if (next === 'n' || next === 'N') out += '\n';
    else if (next === '\\' || next === ';' || next === ',') out += next;
    else throw new Error(`bad escape \\${next} in ${value}`);
  }
  return out;
}

function one(c: Component, name: string): Prop {
  const found = c.props.filter((p) => p.name === name);
  if (found.length !== 1) throw new Error(`${c.name} has ${found.length} ${name}`);
  return found[0];
}

/** `YYYYMMDD` → `YYYY-MM-DD`, checking the form. */
function dateValue(p: Prop): string {
  if (p.params.VALUE !== 'DATE' || !/^\d{8}$/.test(p.value))
    throw new Error(`${p.name} is not a DATE: ${p.value}`);
  return `${p.value.slice(0, 4)}-${p.value.slice(4, 6)}-${p.value.slice(6, 8)}`;
}

interface ReadEvent {
  readonly uid: string;
  readonly stamp: string;
  readonly start: string;
  readonly end: string;
  readonly summary: string;
  readonly description: string | null;
}

/** Parses and checks the calendar, returning its events. */
function readCalendar(text: string): { calendar: Component; events: ReadEvent[] } {
  const calendar = parseIcs(text);
  expect(calendar.name).toBe('VCALENDAR');
  expect(one(calendar, 'VERSION').value).toBe('2.0');
  expect(one(calendar, 'PRODID').value.length).toBeGreaterThan(0);
  const events = calendar.children.map((c): ReadEvent => {
    expect(c.name).toBe('VEVENT');
    const start = dateValue(one(c, 'DTSTART'));
    const end = dateValue(one(c, 'DTEND'));
    expect(end > start, `${end} after ${start}`).toBe(true);
    const description = c.props.find((p) => p.name === 'DESCRIPTION');
    return {
      uid: one(c, 'UID').value,
      stamp: one(c, 'DTSTAMP').value,
      start,
      end,
      summary: unescapeText(one(c, 'SUMMARY').value),
      description: description ? unescapeText(description.value) : null,
    };
  });
  return { calendar, events };
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const TWO_WEEKS_DAILY: CourseSchedule = {
  frequency: 'daily',
  courseWeeks: { min: 2, max: 2 },
  breakWeeks: { min: 3, max: 4 },
};
const CLOCK = () => new Date(Date.UTC(2026, 2, 20, 9, 5, 7));

function input(over: Partial<CourseCalendarInput> = {}): CourseCalendarInput {
  return {
    protocolId: 'p3-valgus-feet-child-orthopedic',
    schedule: TWO_WEEKS_DAILY,
    start: '2026-03-30',
    now: CLOCK,
    text: {
      sessionTitle: (n, total) => `Massage ${n}/${total}`,
      breakTitle: 'Break: 3–4 weeks',
      nextCourseTitle: 'Next course can start',
    },
    ...over,
  };
}

function build(over: Partial<CourseCalendarInput> = {}) {
  const result = buildCourseCalendar(input(over));
  if (!result.ok) throw new Error(result.reason);
  return { ...result, ...readCalendar(result.ics) };
}

const pad = (n: number) => String(n).padStart(2, '0');

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('the strict reader used here', () => {
  it('rejects what RFC 5545 forbids', () => {
    const good =
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260102\r\nDTEND;VALUE=DATE:20260103\r\nSUMMARY:a\\, b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(readCalendar(good).events[0]?.summary).toBe('a, b');
    expect(() => readCalendar(good.replace('a\\, b', 'a, b'))).toThrow(/unescaped/);
    expect(() => readCalendar(good.replace('VERSION:2.0\r\n', 'VERSION:2.0\n'))).toThrow(/bare/);
    expect(() => readCalendar(good.replace('SUMMARY:a', `SUMMARY:${'a'.repeat(70)}`))).toThrow(
      /octets/,
    );
    expect(() => readCalendar(good.slice(0, -2))).toThrow(/CRLF/);
    expect(() => readCalendar(good.replace('END:VEVENT', 'END:VTODO'))).toThrow(/closes/);
    expect(() => readCalendar(good.replace(';VALUE=DATE:20260102', ':20260102'))).toThrow(/DATE/);
  });
});

describe('civil dates', () => {
  it('parses real dates only', () => {
    expect(parseLocalDate('1970-01-02')).toBe(1);
    expect(parseLocalDate('2026-02-29')).toBeNull();
    expect(parseLocalDate('2028-02-29')).not.toBeNull();
    expect(parseLocalDate('2026-13-01')).toBeNull();
    expect(parseLocalDate('2026-3-30')).toBeNull();
    expect(parseLocalDate('')).toBeNull();
    expect(parseLocalDate('0099-12-31')).not.toBeNull();
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('adds days across month, leap day and year ends', () => {
    expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('bad', 1)).toBeNull();
  });
});

describe('course calendar', () => {
  it('puts two weeks of daily sessions from 30 March on 30 March – 12 April', () => {
    const { events, plan } = build();
    const expected = [
      '2026-03-30',
      '2026-03-31',
      ...Array.from({ length: 12 }, (_, i) => `2026-04-${pad(i + 1)}`),
    ];
    expect(plan.sessions).toEqual(expected);
    const sessions = events.filter((e) => e.uid.includes('-session@'));
    expect(sessions.map((e) => e.start)).toEqual(expected);
    expect(sessions.at(-1)?.start).toBe('2026-04-12');
    // All-day events: each ends (exclusively) on the next day.
    expect(sessions.map((e) => e.end)).toEqual([...expected.slice(1), '2026-04-13']);
    expect(sessions.map((e) => e.summary)).toEqual(expected.map((_, i) => `Massage ${i + 1}/14`));
  });

  it('marks the 3–4 week break from the day after the last session, at its minimum length', () => {
    const { events, plan } = build();
    const brk = events.find((e) => e.uid.includes('-break@'));
    // 13 April + 21 days = 4 May (17 days to the end of April, 4 more).
    expect(brk).toMatchObject({
      start: '2026-04-13',
      end: '2026-05-04',
      summary: 'Break: 3–4 weeks',
    });
    const next = events.find((e) => e.uid.includes('-next-course@'));
    expect(next).toMatchObject({ start: '2026-05-04', end: '2026-05-05' });
    expect(plan.nextCourse).toEqual({ earliest: '2026-05-04', latest: '2026-05-11' });
    expect(events).toHaveLength(16);
  });

  it('spaces 12 sessions every other day', () => {
    const { plan, events } = build({
      schedule: { frequency: 'every_other_day', courseSessions: { min: 12 } },
    });
    const expected = [
      '2026-03-30',
      ...[1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21].map((d) => `2026-04-${pad(d)}`),
    ];
    expect(plan.sessions).toEqual(expected);
    expect(events.map((e) => e.start)).toEqual(expected);
    expect(plan.break).toBeNull();
    expect(plan.nextCourse).toBeNull();
  });

  it('fills two weeks every other day with 7 sessions', () => {
    const r = planCourse({ frequency: 'every_other_day', courseWeeks: { min: 2 } }, '2026-03-30');
    expect(r.ok && r.plan.sessions).toEqual([
      '2026-03-30',
      '2026-04-01',
      '2026-04-03',
      '2026-04-05',
      '2026-04-07',
      '2026-04-09',
      '2026-04-11',
    ]);
  });

  it('clamps the wanted number of sessions to the range of the schedule', () => {
    const course: CourseSchedule = {
      frequency: 'daily',
      courseSessions: { min: 15, max: 20 },
      breakWeeks: { min: 2, max: 4 },
    };
    const count = (sessions?: number) => {
      const r = planCourse(course, '2026-03-30', sessions);
      return r.ok ? r.plan.sessions.length : -1;
    };
    expect([count(), count(3), count(17), count(25)]).toEqual([15, 15, 17, 20]);
    expect(
      planCourse({ frequency: 'daily', courseSessions: { min: 12 } }, '2026-03-30', 30),
    ).toMatchObject({ ok: true, plan: { sessions: { length: 30 } } });
  });

  it('crosses a leap day and a year end', () => {
    const leap = build({
      start: '2028-02-20',
      schedule: {
        frequency: 'daily',
        courseSessions: { min: 15, max: 20 },
        breakWeeks: { min: 2, max: 4 },
      },
      sessions: 20,
    });
    expect(leap.plan.sessions.at(-1)).toBe('2028-03-10');
    expect(leap.plan.sessions).toContain('2028-02-29');
    expect(leap.plan.break).toMatchObject({ start: '2028-03-11', endExclusive: '2028-03-25' });
    expect(leap.plan.nextCourse).toEqual({ earliest: '2028-03-25', latest: '2028-04-08' });
    const winter = build({ start: '2026-12-25' });
    expect(winter.plan.sessions.slice(6, 8)).toEqual(['2026-12-31', '2027-01-01']);
    expect(winter.plan.sessions.at(-1)).toBe('2027-01-07');
  });

  describe('whatever the time zone of the device', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    it('gives the same file across the spring DST change', () => {
      // Europe moves clocks on 29 March 2026, the USA on 8 March: start before both.
      const over = {
        start: '2026-03-05',
        schedule: { frequency: 'daily', courseWeeks: { min: 4 } },
      } as const;
      const files = [
        'UTC',
        'Europe/Moscow',
        'Europe/Berlin',
        'America/New_York',
        'Pacific/Auckland',
      ].map((tz) => {
        process.env.TZ = tz;
        return build(over).ics;
      });
      for (const f of files) expect(f).toBe(files[0]);
      const { plan } = build(over);
      expect(plan.sessions).toHaveLength(28);
      expect(plan.sessions.slice(23, 25)).toEqual(['2026-03-28', '2026-03-29']);
      expect(plan.sessions.at(-1)).toBe('2026-04-01');
    });
  });

  it('stamps every event from the injected clock and keeps UIDs stable and unique', () => {
    const a = build();
    expect(new Set(a.events.map((e) => e.stamp))).toEqual(new Set(['20260320T090507Z']));
    expect(a.events[0]?.uid).toBe(
      'p3-valgus-feet-child-orthopedic-20260330-session@footwork.local',
    );
    expect(new Set(a.events.map((e) => e.uid)).size).toBe(a.events.length);
    const later = build({ now: () => new Date(Date.UTC(2027, 0, 1)) });
    expect(later.events.map((e) => e.uid)).toEqual(a.events.map((e) => e.uid));
    expect(later.ics.replaceAll('20270101T000000Z', '20260320T090507Z')).toBe(a.ics);
  });

  it('uses CRLF line endings and the calendar header', () => {
    const { ics } = build();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '').includes('\n')).toBe(false);
    expect(ics.replaceAll('\r\n', '').includes('\r')).toBe(false);
  });

  it('escapes TEXT and reads back what was written', () => {
    const tricky = 'Break; rest, then\\again\nsecond line\r\nthird\u0007';
    const { ics, events } = build({
      text: {
        sessionTitle: (n) => `Day ${n}, foot; toes`,
        breakTitle: tricky,
        nextCourseTitle: 'Next',
        sessionDescription: 'a,b;c\\d',
      },
    });
    expect(ics).toContain('SUMMARY:Break\\; rest\\, then\\\\again\\nsecond line\\nthird\r\n');
    const brk = events.find((e) => e.uid.includes('-break@'));
    expect(brk?.summary).toBe('Break; rest, then\\again\nsecond line\nthird');
    expect(events[0]?.summary).toBe('Day 1, foot; toes');
    expect(events[0]?.description).toBe('a,b;c\\d');
  });

  it('folds long Russian text at 75 octets without splitting characters', () => {
    const russian =
      'Массаж стопы: мягкие поглаживания от пальцев к пятке, затем растирание свода стопы по кругу; ' +
      'не надавливайте на косточку у большого пальца, — это важно! 🦶 Повторять ежедневно, две недели.';
    const { ics, events } = build({
      text: {
        calendarName: 'Курс массажа стоп',
        sessionTitle: (n, t) => `Сеанс массажа ${n} из ${t}`,
        sessionDescription: russian,
        breakTitle: 'Перерыв: 3–4 недели',
        nextCourseTitle: 'Можно начать следующий курс',
      },
    });
    expect(events[0]?.description).toBe(russian);
    expect(events.at(-1)?.summary).toBe('Можно начать следующий курс');
    const lines = ics.slice(0, -2).split('\r\n');
    const folded = lines.filter((_, i) => lines[i + 1]?.startsWith(' '));
    expect(folded.length).toBeGreaterThan(14 * 2);
    for (const l of lines) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    // Folding is tight: a folded line has no room left for a 4-octet character.
    for (const l of folded) expect(Buffer.byteLength(l, 'utf8')).toBeGreaterThanOrEqual(72);
  });

  it('refuses schedules without a fixed course and malformed input, without throwing', () => {
    expect(buildCourseCalendar(input({ schedule: null }))).toEqual({
      ok: false,
      reason: 'no_schedule',
    });
    expect(buildCourseCalendar(input({ schedule: { frequency: 'as_needed' } }))).toEqual({
      ok: false,
      reason: 'no_fixed_days',
    });
    expect(buildCourseCalendar(input({ schedule: { frequency: 'evenings' } }))).toEqual({
      ok: false,
      reason: 'no_course_length',
    });
    expect(buildCourseCalendar(input({ start: '2026-02-30' }))).toEqual({
      ok: false,
      reason: 'invalid_start',
    });
    expect(buildCourseCalendar(input({ protocolId: 'p3 x' }))).toEqual({
      ok: false,
      reason: 'invalid_id',
    });
    expect(buildCourseCalendar(input({ uidDomain: 'a@b' }))).toEqual({
      ok: false,
      reason: 'invalid_id',
    });
    expect(buildCourseCalendar(input({ now: () => new Date(Number.NaN) }))).toEqual({
      ok: false,
      reason: 'invalid_clock',
    });
  });

  it('builds the calendar of the real P3 schedule', () => {
    const raw: unknown = JSON.parse(
      readFileSync(
        resolve(
          import.meta.dirname,
          '../../content/protocols/p3-valgus-feet-child-orthopedic.json',
        ),
        'utf8',
      ),
    );
    const p3 = protocolSchema.parse(raw);
    const { plan } = build({ protocolId: p3.id, schedule: p3.schedule });
    expect(plan.sessions).toHaveLength(14);
    expect(plan.break).toEqual({
      start: '2026-04-13',
      endExclusive: '2026-05-04',
      minWeeks: 3,
      maxWeeks: 4,
    });
  });
});

describe('RFC 5545 helpers', () => {
  it('escapes backslash, semicolon, comma and line breaks and drops control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg\th\u0000')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng\th');
    expect(escapeText('\uD800x')).toBe('\uFFFDx');
    expect(escapeText('🦶')).toBe('🦶');
  });

  it('folds at exactly 75 octets, continuation lines included', () => {
    const a75 = 'a'.repeat(75);
    expect(foldLine(a75)).toBe(a75);
    expect(foldLine(`${a75}b`)).toBe(`${a75}\r\n b`);
    // 75 + 74 + 1: the leading space counts.
    expect(
      foldLine('x'.repeat(150))
        .split('\r\n')
        .map((l) => l.length),
    ).toEqual([75, 75, 2]);
    // A 4-octet character never straddles a fold.
    expect(foldLine(`${'a'.repeat(73)}🦶`)).toBe(`${'a'.repeat(73)}\r\n 🦶`);
    // Two-octet Cyrillic: 37 letters fit (74 octets) on the first line, 37 on the next (1 + 74).
    const ru = 'ж'.repeat(80);
    expect(
      foldLine(ru)
        .split('\r\n')
        .map((l) => Buffer.byteLength(l, 'utf8')),
    ).toEqual([74, 75, 13]);
  });
});
