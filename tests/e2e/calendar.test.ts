/**
 * The course calendar from the clinician's tablet, in Russian, by touch: the first day, the number
 * of sessions within the source's range and the reminder time are set in the form, the `.ics` is
 * downloaded, and a real iCalendar parser (ical.js) reads it back: one event a day for the course,
 * each with a reminder at the chosen time, the steps and the link in Russian, then the break.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { ROOT, useBuildAndBrowser } from './harness.ts';

interface ProtocolJson {
  id: string;
  title: { en: string; ru: string };
  steps: { id: string; title: { en: string; ru: string } }[];
}
const P6 = JSON.parse(
  readFileSync(resolve(ROOT, 'content/protocols/p6-hallux-valgus-child-course.json'), 'utf8'),
) as ProtocolJson;

const env = useBuildAndBrowser();

describe('course calendar from the UI', () => {
  it('downloads a Russian .ics with a reminder at the chosen time on every session', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 768, height: 1024 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      reducedMotion: 'reduce',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // The calendar is made from the protocol's text: no need to wait for the 3D view.
    await page.goto(`${env.server.url}?mode=present&protocol=${P6.id}&step=1&lang=ru`);
    const section = page.locator('section[aria-labelledby="present-calendar-heading"]');
    await section.getByRole('heading', { name: 'Календарь курса' }).waitFor({ timeout: 30_000 });
    await section.getByLabel('Первый сеанс').fill('2027-03-01');
    await section.getByLabel('Сеансов в курсе (15–20)').fill('18');
    await section.getByLabel('Напоминание в').fill('19:15');
    const button = section.getByRole('button', { name: 'Скачать календарь (.ics)' });
    const box = await button.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    const [download] = await Promise.all([page.waitForEvent('download'), button.tap()]);
    expect(download.suggestedFilename()).toBe(`footwork-${P6.id}.ics`);
    await expect
      .poll(() => section.getByRole('status').textContent())
      .toBe('Календарь сохранён: 18 сеансов с 2027-03-01.');

    const ics = readFileSync(await download.path(), 'utf8');
    const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const title = P6.title.ru;
    const sessions = events.filter((e) => e.summary.includes('сеанс'));
    expect(sessions.map((e) => e.summary)).toEqual(
      Array.from({ length: 18 }, (_, i) => `${title}: сеанс ${String(i + 1)} из 18`),
    );
    // Every day from the first session (P6 is daily), each session its own all-day event.
    sessions.forEach((e, i) => {
      expect(e.isRecurring()).toBe(false);
      expect(e.startDate.isDate).toBe(true);
      const day = new Date(Date.UTC(2027, 2, 1 + i));
      expect(e.startDate.toString()).toBe(day.toISOString().slice(0, 10));
      // The reminder: shown at 19:15 on the session's day, in Russian.
      const alarms = e.component.getAllSubcomponents('valarm');
      expect(alarms).toHaveLength(1);
      const alarm = alarms.at(0);
      if (!alarm) throw new Error('no reminder');
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(alarm.getFirstPropertyValue('description')).toBe(`Пора делать массаж: ${title}`);
      const trigger = alarm.getFirstPropertyValue('trigger');
      if (!(trigger instanceof ICAL.Duration)) throw new Error('the trigger is not a duration');
      const at = e.startDate.clone();
      at.isDate = false;
      at.addDuration(trigger);
      expect([at.day, at.hour, at.minute]).toEqual([e.startDate.day, 19, 15]);
      // The steps in Russian and the link that opens them.
      const text = e.description;
      expect(text).toContain(`1. ${P6.steps[0]?.title.ru ?? ''}: около`);
      expect(text).toContain(`${String(P6.steps.length)}. ${P6.steps.at(-1)?.title.ru ?? ''}`);
      const link = /Шаги: (\S+)/.exec(text)?.[1] ?? '';
      const url = new URL(link);
      expect(url.searchParams.get('protocol')).toBe(P6.id);
      expect(url.searchParams.get('lang')).toBe('ru');
    });
    // Then the break (no reminder) and the day the next course may start.
    const rest = events.filter((e) => !e.summary.includes('сеанс'));
    expect(rest.map((e) => e.summary)).toEqual([
      expect.stringMatching(/^Перерыв: /),
      `${title}: можно начинать следующий курс`,
    ]);
    for (const e of rest) expect(e.component.getAllSubcomponents('valarm')).toHaveLength(0);
    expect(rest[0]?.startDate.toString()).toBe('2027-03-19');
    expect(errors).toEqual([]);
    await context.close();
  });
});
