/**
 * The course calendar read by a real iCalendar parser (ical.js): a reminder (VALARM) on every
 * session, the steps and the link in each session's description, and the course length the source
 * allows (P6: 15–20 sessions).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { protocol as protocolSchema } from '../../src/content/schema.ts';
import { buildCourseCalendar, type CourseCalendarInput } from '../../src/domain/calendar.ts';
import { courseSessionRange } from '../../src/domain/program.ts';

const p6 = protocolSchema.parse(
  JSON.parse(readFileSync(resolve('content/protocols/p6-hallux-valgus-child-course.json'), 'utf8')),
);
const LINK = 'https://example.org/footwork/?mode=home&lang=ru#program=abc.DEF+ghi$jk-l';
const description = [
  '1. Back: stroking: about 1 min',
  '2. Поглаживание спины, от ягодиц к голове; 6 раз',
  '',
  `Open the steps: ${LINK}`,
].join('\n');

function build(sessions?: number, reminderAt = 18 * 60 + 30): string {
  const input: CourseCalendarInput = {
    protocolId: p6.id,
    schedule: p6.schedule,
    start: '2026-12-01',
    sessions,
    now: () => new Date(Date.UTC(2026, 10, 20, 9, 0, 0)),
    text: {
      calendarName: 'P6',
      sessionTitle: (n, total) => `Massage ${String(n)}/${String(total)}`,
      sessionDescription: description,
      reminder: { text: 'Time for the massage', minutesAfterMidnight: reminderAt },
      breakTitle: 'Break',
      nextCourseTitle: 'Next course',
    },
  };
  const r = buildCourseCalendar(input);
  if (!r.ok) throw new Error(r.reason);
  return r.ics;
}

function sessionsOf(ics: string): ICAL.Component[] {
  const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return cal
    .getAllSubcomponents('vevent')
    .filter((e) => String(e.getFirstPropertyValue('summary')).startsWith('Massage'));
}

describe('course calendar read by ical.js', () => {
  it('gives P6 the source range of 15–20 sessions and clamps outside it', () => {
    expect(courseSessionRange(p6)).toEqual({ min: 15, max: 20 });
    expect(sessionsOf(build())).toHaveLength(15);
    expect(sessionsOf(build(18))).toHaveLength(18);
    expect(sessionsOf(build(20))).toHaveLength(20);
    expect(sessionsOf(build(25))).toHaveLength(20);
    expect(sessionsOf(build(3))).toHaveLength(15);
  });

  it('puts a display reminder on every session at the chosen time of its day', () => {
    const events = sessionsOf(build(20));
    for (const e of events) {
      const alarms = e.getAllSubcomponents('valarm');
      expect(alarms).toHaveLength(1);
      const alarm = alarms.at(0);
      if (!alarm) throw new Error('no alarm');
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(alarm.getFirstPropertyValue('description')).toBe('Time for the massage');
      const trigger = alarm.getFirstPropertyValue('trigger');
      if (!(trigger instanceof ICAL.Duration)) throw new Error('trigger is not a duration');
      expect(trigger.toSeconds()).toBe((18 * 60 + 30) * 60);
      expect(trigger.isNegative).toBe(false);
      // The reminder falls on the session's own day.
      const start = e.getFirstPropertyValue('dtstart');
      if (!(start instanceof ICAL.Time)) throw new Error('no start');
      const at = start.clone();
      at.isDate = false; // an all-day start is local midnight of its day
      at.addDuration(trigger);
      expect(at.day).toBe(start.day);
      expect(at.hour).toBe(18);
      expect(at.minute).toBe(30);
    }
    // The break and next-course events carry none.
    const cal = new ICAL.Component(ICAL.parse(build(20)) as unknown[]);
    const others = cal
      .getAllSubcomponents('vevent')
      .filter((e) => !String(e.getFirstPropertyValue('summary')).startsWith('Massage'));
    expect(others.length).toBeGreaterThan(0);
    for (const e of others) expect(e.getAllSubcomponents('valarm')).toHaveLength(0);
  });

  it('keeps the steps and the whole link in each description, unfolded and unescaped', () => {
    const events = sessionsOf(build(16));
    expect(events).toHaveLength(16);
    for (const e of events) expect(e.getFirstPropertyValue('description')).toBe(description);
  });

  it('writes a midnight reminder as a zero duration', () => {
    const alarm = sessionsOf(build(15, 0))[0]?.getFirstSubcomponent('valarm');
    const trigger = alarm?.getFirstPropertyValue('trigger');
    expect(trigger instanceof ICAL.Duration && trigger.toSeconds()).toBe(0);
  });
});
