import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, newPage, screenshot, useBuildAndBrowser, waitForFirstFrame } from './harness.ts';

interface Text {
  en: string;
  ru: string;
}
const PROTOCOL = JSON.parse(
  readFileSync(resolve(ROOT, 'content/protocols/p1-hallux-valgus-adult-self.json'), 'utf8'),
) as { id: string; title: Text; steps: { title: Text; text: Text }[] };
const STEP = PROTOCOL.steps[2];
const RU_MESSAGES = JSON.parse(
  readFileSync(resolve(ROOT, 'content/locales/ru.json'), 'utf8'),
) as Record<string, string>;

const env = useBuildAndBrowser();

describe('language switch', () => {
  it('switching to Russian changes the step text, is kept in the URL and remembered', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.goto(`${env.server.url}?protocol=${PROTOCOL.id}&step=3&side=L`);
    await waitForFirstFrame(page);

    // English by default (Chromium's navigator.language is en-US).
    await expect
      .poll(() => page.locator('#step-title').textContent(), { timeout: 30_000 })
      .toBe(STEP.title.en);
    expect(await page.locator('.step-text').textContent()).toBe(STEP.text.en);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    await page.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(() => page.locator('.step-text').textContent()).toBe(STEP.text.ru);
    expect(await page.locator('#step-title').textContent()).toBe(STEP.title.ru);
    expect(await page.locator('.step-kicker').textContent()).toBe(`${PROTOCOL.title.ru} · шаг 3`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    const search = await page.evaluate(() => window.location.search);
    expect(search).toContain('lang=ru');
    expect(search).toContain('step=3');
    expect(search).toContain(`protocol=${PROTOCOL.id}`);

    // Buttons speak Russian.
    expect(await page.getByRole('button', { name: 'Следующий шаг' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Всё тело' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Старт', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Next step' }).count()).toBe(0);

    // A zone panel names the zone in Russian.
    await page.locator('.zone-list summary').click();
    await page
      .getByRole('button', { name: RU_MESSAGES['zone.bunion.name'], exact: false })
      .first()
      .click();
    await expect.poll(() => page.locator('.zone-panel h2').textContent()).toBe('Косточка (слева)');
    expect(await page.locator('.zone-panel .avoid-warning').textContent()).toContain(
      RU_MESSAGES['zone.bunion.avoid'],
    );

    // The player keeps writing the URL with the language in it.
    await page.getByRole('button', { name: 'Следующий шаг' }).click();
    await expect.poll(() => page.evaluate(() => window.location.search)).toContain('step=4');
    expect(await page.evaluate(() => window.location.search)).toContain('lang=ru');
    await screenshot(page, 'i18n-ru');

    // Remembered: a link without `lang` opens in Russian.
    await page.goto(`${env.server.url}?protocol=${PROTOCOL.id}&step=3&side=L`);
    await waitForFirstFrame(page);
    await expect
      .poll(() => page.locator('.step-text').textContent(), { timeout: 30_000 })
      .toBe(STEP.text.ru);
    expect(await page.evaluate(() => localStorage.getItem('footwork.lang'))).toBe('ru');

    // An explicit `?lang=en` link opens in English (and is remembered in turn).
    await page.goto(`${env.server.url}?protocol=${PROTOCOL.id}&step=3&side=L&lang=en`);
    await waitForFirstFrame(page);
    await expect
      .poll(() => page.locator('.step-text').textContent(), { timeout: 30_000 })
      .toBe(STEP.text.en);
    expect(await page.getByRole('button', { name: 'Next step' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('footwork.lang'))).toBe('en');

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
