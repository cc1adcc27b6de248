import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contraindicationsFile,
  protocol as protocolSchema,
  type Protocol,
} from '../../src/content/schema.ts';
import {
  avoidLine,
  buildHandout,
  describeSchedule,
  formatRange,
} from '../../src/domain/handout.ts';
import { translator } from '../../src/i18n/i18n.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(resolve(ROOT, path), 'utf8'));
const protocolOf = (id: string): Protocol =>
  protocolSchema.parse(readJson(`content/protocols/${id}.json`));
const LISTS = contraindicationsFile.parse(readJson('content/contraindications.json')).lists;

const CHILD = protocolOf('p6-hallux-valgus-child-course');
const NO_SCHEDULE = protocolOf('p7-anti-stress-toes');

describe('handout', () => {
  it('has every step in order with its picture, plain words and warnings', () => {
    const captured = CHILD.steps.map((_, i) => ({
      image: `blob:pic-${String(i)}`,
      avoidZones: i === 0 ? ['Spine (vertebrae)'] : [],
    }));
    const h = buildHandout({
      protocol: CHILD,
      lists: LISTS,
      locale: 'en',
      t: translator('en'),
      captured,
    });
    expect(h.title).toBe(CHILD.title.en);
    expect(h.steps).toHaveLength(CHILD.steps.length);
    h.steps.forEach((s, i) => {
      const step = CHILD.steps[i];
      expect(s.number).toBe(i + 1);
      expect(s.image).toBe(`blob:pic-${String(i)}`);
      expect(s.plain).toBe(step.plain.en);
      expect(s.title).toBe(step.title.en);
      const cautions = step.cautions.map((c) => (c.plain ?? c.text).en);
      expect(s.warnings).toEqual([
        ...(i === 0 ? ['Do not massage: Spine (vertebrae).'] : []),
        ...cautions,
      ]);
    });
  });

  it('lists the steps the safety check rules out as left out, keeping the others numbered as in the app', () => {
    const captured = CHILD.steps.map((_, i) => ({
      image: `blob:pic-${String(i)}`,
      avoidZones: [],
    }));
    const h = buildHandout({
      protocol: CHILD,
      lists: LISTS,
      locale: 'en',
      t: translator('en'),
      captured,
      skipped: [1, 3],
    });
    expect(h.steps.map((s) => s.number)).toEqual(
      CHILD.steps.map((_, i) => i + 1).filter((n) => n !== 2 && n !== 4),
    );
    expect(h.steps.map((s) => s.image)).not.toContain('blob:pic-1');
    expect(h.leftOut).toEqual([
      { number: 2, title: CHILD.steps[1].title.en },
      { number: 4, title: CHILD.steps[3].title.en },
    ]);
    expect(
      buildHandout({ protocol: CHILD, lists: LISTS, locale: 'en', t: translator('en'), captured })
        .leftOut,
    ).toEqual([]);
  });

  it('leaves a step without a picture when none was taken', () => {
    const h = buildHandout({
      protocol: NO_SCHEDULE,
      lists: LISTS,
      locale: 'en',
      t: translator('en'),
      captured: [],
    });
    expect(h.steps.map((s) => s.image)).toEqual(NO_SCHEDULE.steps.map(() => null));
    expect(h.schedule).toEqual([]);
  });

  it("lists the protocol's contraindications in plain words, and only those", () => {
    const h = buildHandout({
      protocol: CHILD,
      lists: LISTS,
      locale: 'en',
      t: translator('en'),
      captured: [],
    });
    const mine = LISTS.filter((l) => CHILD.contraindications.includes(l.id));
    expect(mine.length).toBeGreaterThan(0);
    const safety = h.safety.slice(0, mine.length);
    expect(safety.map((s) => s.title)).toEqual(mine.map((l) => l.title.en));
    expect(safety.map((s) => s.items)).toEqual(mine.map((l) => l.items.map((i) => i.plain.en)));
    const others = LISTS.filter((l) => !CHILD.contraindications.includes(l.id)).map(
      (l) => l.title.en,
    );
    for (const s of h.safety) expect(others).not.toContain(s.title);
  });

  it('speaks Russian when asked', () => {
    const h = buildHandout({
      protocol: CHILD,
      lists: LISTS,
      locale: 'ru',
      t: translator('ru'),
      captured: [{ image: null, avoidZones: ['колено'] }],
    });
    expect(h.title).toBe(CHILD.title.ru);
    expect(h.steps[0]?.plain).toBe(CHILD.steps[0]?.plain.ru);
    expect(h.steps[0]?.warnings[0]).toBe('Не массируйте: колено.');
    expect(h.schedule[0]).toBe('Каждый день.');
  });
});

describe('schedule in plain words', () => {
  it('describes a daily course of sessions with a break', () => {
    const lines = describeSchedule(CHILD.schedule, 'en', translator('en'));
    expect(lines[0]).toBe('Every day.');
    expect(lines).toContain('A course of 15–20 sessions.');
    expect(lines).toContain('Then a break of 2–4 weeks before the next course.');
    expect(lines).toContain('A little stronger each time, strongest at the end of the course.');
    for (const n of CHILD.schedule?.notes ?? []) expect(lines).toContain((n.plain ?? n.text).en);
  });

  it('says "at least" for an open-ended course and gives session minutes', () => {
    const base = { load: 'steady' as const, notes: [], source: '000_cf6d817cf74adffa.txt' };
    expect(
      describeSchedule(
        { ...base, frequency: 'every_other_day', courseSessions: { min: 12 } },
        'en',
        translator('en'),
      ),
    ).toEqual([
      'Every other day.',
      'A course of at least 12 sessions.',
      'Keep the same strength every time.',
    ]);
    expect(
      describeSchedule(
        {
          ...base,
          frequency: 'daily',
          courseWeeks: { min: 2, max: 2 },
          sessionMinutes: { min: 3 },
        },
        'ru',
        translator('ru'),
      ),
    ).toEqual([
      'Каждый день.',
      'Курс длится 2 нед.',
      'Один сеанс — от 3 мин.',
      'Каждый раз с одинаковой силой.',
    ]);
    expect(describeSchedule(null, 'en', translator('en'))).toEqual([]);
  });

  it('formats ranges and avoid lines', () => {
    expect(formatRange({ min: 3, max: 4 })).toBe('3–4');
    expect(formatRange({ min: 2, max: 2 })).toBe('2');
    expect(formatRange({ min: 12 })).toBe('12');
    expect(avoidLine([], translator('en'))).toBeNull();
    expect(avoidLine(['Knee', 'Kneecap'], translator('en'))).toBe('Do not massage: Knee, Kneecap.');
  });
});
