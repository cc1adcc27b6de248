import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  contraindicationsFile,
  protocol as protocolSchema,
  zonesFile,
  type Protocol,
} from '../../src/content/schema.ts';
import {
  avoidLine,
  buildHandout,
  describeSchedule,
  formatRange,
} from '../../src/domain/handout.ts';
import { applicableSafety, type SafetyContent } from '../../src/domain/safety.ts';
import { loadLocale, loadModeWords, translator } from '../../src/i18n/i18n.ts';

// Russian and Present's words load on demand in the app; these tests read them.
beforeAll(() => Promise.all([loadLocale('ru'), loadModeWords()]));

const ROOT = resolve(import.meta.dirname, '../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(resolve(ROOT, path), 'utf8'));
const protocolOf = (id: string): Protocol =>
  protocolSchema.parse(readJson(`content/protocols/${id}.json`));
const CI = contraindicationsFile.parse(readJson('content/contraindications.json'));
const ZONES = zonesFile.parse(readJson('content/zones.json')).zones;
const CONTENT: SafetyContent = {
  lists: CI.lists,
  conditions: CI.conditions ?? [],
  zoneGroup: (z) => ZONES.find((x) => x.id === z)?.group,
};
const AVOID = new Set(ZONES.filter((z) => z.avoid).map((z) => z.id));
const safetyOf = (p: Protocol) => applicableSafety(p, CONTENT, AVOID);
const EN = translator('en');
/** Who says it, as the English sheet words it. */
const OWN = "the app's suggestion, not from a source";

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
      safety: safetyOf(CHILD),
      locale: 'en',
      t: EN,
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
      const cautions = step.cautions.map(
        (c) => `${(c.plain ?? c.text).en}${c.own ? ` (${OWN})` : ''}`,
      );
      const differ = CHILD.sourceNotes
        .filter(
          (n) =>
            n.variants.some((v) => v.protocol === CHILD.id && v.step === step.id) ||
            n.touches?.some((t) => t.protocol === CHILD.id && t.step === step.id),
        )
        .map((n) => `Sources differ: ${n.topic.en} (see the end of the sheet).`);
      expect(s.warnings).toEqual([
        ...(i === 0 ? ['Do not massage: Spine (vertebrae).'] : []),
        ...cautions,
        ...differ,
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
      safety: safetyOf(CHILD),
      locale: 'en',
      t: EN,
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
      buildHandout({
        protocol: CHILD,
        safety: safetyOf(CHILD),
        locale: 'en',
        t: EN,
        captured,
      }).leftOut,
    ).toEqual([]);
  });

  it('leaves a step without a picture when none was taken', () => {
    const h = buildHandout({
      protocol: NO_SCHEDULE,
      safety: safetyOf(CHILD),
      locale: 'en',
      t: EN,
      captured: [],
    });
    expect(h.steps.map((s) => s.image)).toEqual(NO_SCHEDULE.steps.map(() => null));
    expect(h.schedule).toEqual([]);
  });

  it('lists the conditions by what they rule out, each with who says so, then the cautions', () => {
    const h = buildHandout({
      protocol: CHILD,
      safety: safetyOf(CHILD),
      locale: 'en',
      t: EN,
      captured: [],
    });
    const list = (title: string) => h.safety.find((s) => s.title === title)?.items ?? [];
    const NO_MASSAGE = 'No massage at all with:';
    const SPECIALIST = 'Only from a certified specialist with:';
    const ALWAYS = 'Areas the steps keep off, for everyone:';
    const CAUTIONS = 'Cautions for the whole protocol';
    expect(h.safety.map((s) => s.title)).toEqual([
      NO_MASSAGE,
      SPECIALIST,
      'Some steps are left out with:',
      'Take extra care with:',
      ALWAYS,
      'Keep in mind:',
      CAUTIONS,
    ]);
    expect(list(NO_MASSAGE)).toContain('Cancer (a malignant tumour) (source 000)');
    expect(list(NO_MASSAGE)).toContain(`A fever, or a cold with a high temperature (${OWN})`);
    expect(list(SPECIALIST)).toEqual(['A baby under one year old (source 002)']);
    expect(list(ALWAYS)).toEqual(expect.arrayContaining(['Leave the knee out. (source 001)']));
    expect(list(CAUTIONS)).toEqual(
      CHILD.cautions.map((c) => `${(c.plain ?? c.text).en} (source 002)`),
    );
    // No condition twice, and pregnancy is not offered for a child.
    const all = h.safety.flatMap((s) => s.items);
    expect(new Set(all).size).toBe(all.length);
    expect(all.join(' ')).not.toMatch(/Pregnan/);
  });

  it('shows where the sources differ, on the steps they touch and at the end', () => {
    const h = buildHandout({
      protocol: CHILD,
      safety: safetyOf(CHILD),
      locale: 'en',
      t: EN,
      captured: [],
    });
    expect(h.disagreements.map((d) => d.topic)).toEqual(CHILD.sourceNotes.map((n) => n.topic.en));
    const knee = h.disagreements.find((d) => d.topic === 'Whether to massage the knee');
    expect(knee?.versions).toHaveLength(2);
    expect(knee?.appChoice).toMatch(/off the knee/);
    const thigh = h.steps.find((s) => s.title === 'Thigh: knead up, from inner to outer side');
    expect(thigh?.warnings).toContain(
      'Sources differ: Whether to massage the knee (see the end of the sheet).',
    );
    // The app's own caution on that step says it is the app's.
    expect(thigh?.warnings).toContain(`Press only lightly behind the knee. (${OWN})`);
    expect(h.position).toBe(
      `Position: Lying face down. ${CHILD.position.note?.en ?? ''} (the app's choice: the source names no position)`,
    );
  });

  it('speaks Russian when asked', () => {
    const h = buildHandout({
      protocol: CHILD,
      safety: safetyOf(CHILD),
      locale: 'ru',
      t: translator('ru'),
      captured: [{ image: null, avoidZones: ['колено'] }],
    });
    expect(h.title).toBe(CHILD.title.ru);
    expect(h.steps[0]?.plain).toBe(CHILD.steps[0]?.plain.ru);
    expect(h.steps[0]?.warnings[0]).toBe('Не массируйте: колено.');
    expect(h.schedule[0]).toBe('Каждый день.');
    // The sheet's headings, who says each rule, and the position come in Russian too.
    expect(h.safety[0]?.title).toBe('Массаж противопоказан, если есть:');
    expect(h.safety.at(-1)?.title).toBe('Предостережения для всего протокола');
    expect(h.safety.at(-1)?.items[0]).toMatch(/\(источник 002\)$/);
    expect(h.position).toMatch(/^Положение: Лёжа на животе\. .*\(выбор приложения: /);
    expect(JSON.stringify(h)).not.toMatch(/source|Position|app's/);
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
