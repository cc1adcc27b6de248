/**
 * From the clinic to the parent's home and back, in real Chromium: the clinician makes a program
 * for a child on a tablet and hands it over as a QR code (decoded here with jsQR) and a link; the
 * link opened on a phone shows today's session, the parent ticks every step by touch, and the
 * summary's QR code, opened on the clinician's tablet, shows what was done. Pain stops a session.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, screenshot, useBuildAndBrowser, waitForFirstFrame } from './harness.ts';

interface StepJson {
  id: string;
  title: { en: string; ru: string };
  plain: { en: string; ru: string };
}
const P6 = JSON.parse(
  readFileSync(resolve(ROOT, 'content/protocols/p6-hallux-valgus-child-course.json'), 'utf8'),
) as { id: string; steps: StepJson[] };
/** The three steps the clinician chooses, in the protocol's order. */
const CHOSEN = ['back-rub-knead', 'foot-inner-edge-heel-to-toes', 'foot-each-toe'];
const chosenSteps = CHOSEN.map((id) => {
  const s = P6.steps.find((x) => x.id === id);
  if (!s) throw new Error(`P6 has no step ${id}`);
  return s;
});

const env = useBuildAndBrowser();

async function tablet(
  b: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  return device(b, { width: 768, height: 1024, scale: 2 });
}
async function phone(
  b: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  return device(b, { width: 390, height: 844, scale: 3 });
}
async function device(
  b: Browser,
  o: { width: number; height: number; scale: number },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await b.newContext({
    viewport: { width: o.width, height: o.height },
    deviceScaleFactor: o.scale,
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
  return { context, page, errors };
}

/** Reads the QR code in an <img> with jsQR: the page hands over its pixels, Node decodes them. */
async function decodeQr(page: Page, selector: string): Promise<string | null> {
  await page.locator(selector).waitFor({ state: 'visible', timeout: 20_000 });
  const pixels = await page.locator(selector).evaluate(async (el) => {
    const img = el as HTMLImageElement;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d');
    if (!g) return null;
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, canvas.width, canvas.height);
    return { data: Array.from(data.data), width: data.width, height: data.height };
  });
  if (!pixels) return null;
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data ?? null;
}

/** Heights of the visible buttons and inputs under `root` that are smaller than `min` px. */
async function smallTargets(page: Page, root: string, min: number): Promise<string[]> {
  return page.evaluate(
    ({ root, min }) =>
      [
        ...document.querySelectorAll<HTMLElement>(
          `${root} button, ${root} input:not([type=checkbox]):not([type=file]), ${root} select, ${root} label.program-step`,
        ),
      ]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.height < min)
        .map(({ el, r }) => `${el.tagName} "${el.textContent.trim().slice(0, 30)}" ${r.height}px`),
    { root, min },
  );
}

describe('home program: clinic to home and back', () => {
  it('a program made on the tablet opens on the phone, is done by touch, and comes back', async () => {
    // --- The clinician, tablet portrait -----------------------------------------------------
    const clinic = await tablet(env.browser);
    // No share sheet here: the link goes to the clipboard.
    await clinic.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'share', { value: undefined });
    });
    await clinic.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: env.server.url,
    });
    const cp = clinic.page;
    await cp.goto(`${env.server.url}?mode=present&protocol=${P6.id}&step=1`);
    await waitForFirstFrame(cp);
    const section = cp.locator('.program-section').first();
    await section.getByRole('heading', { name: 'Program for this child' }).waitFor();
    await section.getByLabel("Name (e.g. the child's first name)").fill('Masha');
    await section.getByRole('button', { name: 'None', exact: true }).tap();
    for (const s of chosenSteps) {
      await section.getByRole('checkbox', { name: new RegExp(escapeRe(s.title.en)) }).tap();
    }
    await section.getByLabel(`Times for “${chosenSteps[2]?.title.en ?? ''}”`).fill('6');
    await section.getByLabel(/Sessions in the course \(15–20\)/).fill('18');
    await section.getByLabel('Note for the parent').fill('Gently; stop if she cries.');
    expect(await smallTargets(cp, '.program-section', 44)).toEqual([]);
    await section.getByRole('button', { name: 'Make the program' }).tap();
    await expect
      .poll(() => section.getByRole('status').first().textContent())
      .toBe('The program is kept on this device.');
    const link = await section.locator('.program-link').inputValue();
    expect(link).toMatch(/\?mode=home&lang=en#program=[a-z0-9]+\.[A-Za-z0-9+$-]+$/);
    expect(link.length).toBeLessThan(1200);
    const scanned = await decodeQr(cp, '.program-qr');
    expect(scanned).toBe(link);
    await section.locator('.program-handover').scrollIntoViewIfNeeded();
    await screenshot(cp, 'home-clinician-program-tablet');
    await section.getByRole('button', { name: 'Share or copy the link' }).tap();
    await expect
      .poll(() => section.locator('.program-handover [role=status]').textContent())
      .toBe('The link is copied.');
    expect(await cp.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // --- The parent, phone ------------------------------------------------------------------
    const home = await phone(env.browser);
    const hp = home.page;
    await hp.goto(scanned ?? '');
    await waitForFirstFrame(hp);
    await hp.getByRole('heading', { name: /^Today's session, \d{4}-\d{2}-\d{2}$/ }).waitFor();
    expect(await hp.locator('.home-note').first().textContent()).toBe(
      'From the clinic: Gently; stop if she cries.',
    );
    // Nothing pans sideways, and the controls are thumb-sized.
    expect(await hp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await smallTargets(hp, '.home-panels', 48)).toEqual([]);
    for (const [i, s] of chosenSteps.entries()) {
      await expect.poll(() => hp.locator('.home-step h3').textContent()).toBe(s.title.en);
      expect(await hp.locator('.home-plain').textContent()).toBe(s.plain.en);
      expect(await hp.locator('.home-progress').textContent()).toBe(
        `Step ${String(i + 1)} of 3 · ${String(i)} done`,
      );
      if (i === 2) expect(await hp.locator('.home-dose').textContent()).toMatch(/^6 times/);
      // The model shows the same step.
      await expect
        .poll(() => hp.evaluate(() => window.footwork?.derivedStep() ?? ''), { timeout: 30_000 })
        .toContain(`${P6.id}/${s.id}/`);
      await hp.getByRole('button', { name: 'Mark this step done' }).tap();
      await hp.getByRole('button', { name: 'Calm' }).tap();
      await expect.poll(() => hp.locator('.home-done').getAttribute('aria-pressed')).toBe('true');
      if (i === 0) await screenshot(hp, 'home-parent-step-phone');
      if (i < 2) await hp.getByRole('button', { name: /^Next/ }).tap();
    }
    await expect
      .poll(() => hp.locator('.home-complete').textContent())
      .toBe("Today's session is done. Well done!");
    expect(await hp.locator('.home-streak').textContent()).toBe(
      'Sessions in a row: 1. Sessions done: 1 of 18.',
    );
    await hp.getByRole('button', { name: 'Summary for the next visit' }).tap();
    const summaryLink = await decodeQr(hp, '.home-qr');
    expect(summaryLink).toMatch(/\?mode=present&lang=en#summary=/);
    await hp.locator('.home-qr').scrollIntoViewIfNeeded();
    await screenshot(hp, 'home-parent-summary-phone');
    const [download] = await Promise.all([
      hp.waitForEvent('download'),
      hp.getByRole('button', { name: 'Save the summary as a file' }).tap(),
    ]);
    const file = await download.path();
    // The log survives a reload.
    await hp.reload();
    await waitForFirstFrame(hp);
    await expect
      .poll(() => hp.locator('.home-progress').textContent(), { timeout: 20_000 })
      .toBe('Step 1 of 3 · 3 done');
    // A link to another step opened in this same tab while the app is open (only the hash
    // changes, the page stays): the session goes to that step.
    const third = chosenSteps[2];
    const programId = await hp.evaluate(() => {
      const doc = JSON.parse(localStorage.getItem('footwork.programs.v1') ?? '{}') as {
        items?: { i: string; n: string }[];
      };
      return doc.items?.find((p) => p.n === 'Masha')?.i ?? '';
    });
    expect(programId).not.toBe('');
    await hp.evaluate(() => {
      (window as unknown as { samePage: boolean }).samePage = true;
    });
    // A link to this same page that differs in the hash alone is followed without loading the
    // page again: the same as setting the hash.
    await hp.evaluate((hash) => {
      window.location.hash = hash;
    }, `pid=${programId}&step=${third.id}`);
    await expect
      .poll(() => hp.locator('.home-progress').textContent(), { timeout: 20_000 })
      .toBe('Step 3 of 3 · 3 done');
    expect(await hp.locator('.home-step h3').textContent()).toBe(third.title.en);
    expect(await hp.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(
      true,
    );
    await expect
      .poll(() => hp.evaluate(() => window.footwork?.derivedStep() ?? ''), { timeout: 30_000 })
      .toContain(`${P6.id}/${third.id}/`);
    expect(home.errors).toEqual([]);

    // --- Back at the clinic: the summary QR opened on the tablet ------------------------------
    await cp.goto(summaryLink ?? '');
    await waitForFirstFrame(cp);
    const back = cp.locator('.summary-view').first();
    await back.waitFor({ timeout: 20_000 });
    expect(await back.locator('h3').textContent()).toMatch(/^Masha · /);
    expect(await back.locator('tbody tr').count()).toBe(1);
    expect(await back.locator('tbody td').allTextContents()).toEqual([
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
      '3/3',
      '3',
      '0',
      '0',
    ]);
    expect(await back.locator('p').first().textContent()).toMatch(
      /^Sessions logged: 1 of 18 planned; complete: 1; steps done: 3 of 3; sessions in a row: 1\./,
    );
    await back.scrollIntoViewIfNeeded();
    await screenshot(cp, 'home-clinician-summary-tablet');
    // The file reads back too (a fresh device, nothing kept yet).
    const other = await tablet(env.browser);
    await other.page.goto(`${env.server.url}?mode=present`);
    await waitForFirstFrame(other.page);
    await other.page.locator('.program-file input[type=file]').setInputFiles(file);
    await other.page.locator('.summary-view').waitFor({ timeout: 20_000 });
    expect(await other.page.locator('.summary-view tbody td').nth(1).textContent()).toBe('3/3');
    // A tampered summary link is refused with the reason.
    const tampered = (summaryLink ?? '').replace(/#summary=([a-z0-9]+)\./, '#summary=0$1.');
    await other.page.goto(tampered);
    await waitForFirstFrame(other.page);
    await expect
      .poll(() => other.page.locator('.program-section [role=status]').last().textContent())
      .toMatch(/^This summary link cannot be read: it was changed after it was made\./);
    expect(clinic.errors).toEqual([]);
    expect(other.errors).toEqual([]);
    await other.context.close();
    await home.context.close();
    await clinic.context.close();
  });

  it('pain stops the session and says to call the clinic; in Russian too; a broken link is refused', async () => {
    const clinic = await tablet(env.browser);
    await clinic.page.goto(`${env.server.url}?mode=present&protocol=${P6.id}&step=1&lang=ru`);
    await waitForFirstFrame(clinic.page);
    const section = clinic.page.locator('.program-section').first();
    await section.getByLabel('Название (например, имя ребёнка)').fill('Маша');
    await section.getByRole('button', { name: 'Составить программу' }).tap();
    const link = await section.locator('.program-link').inputValue();
    expect(link).toContain('lang=ru');

    const home = await phone(env.browser);
    const hp = home.page;
    await hp.goto(link);
    await waitForFirstFrame(hp);
    await hp.getByRole('heading', { name: /^Сеанс на сегодня/ }).waitFor();
    await hp.getByRole('button', { name: 'Больно' }).tap();
    const alert = hp.locator('.home-stop');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'Сейчас же прекратите массаж. Ребёнку было больно. Сегодня не продолжайте; позвоните в клинику до следующего сеанса.',
    );
    expect(await hp.getByRole('button', { name: 'Отметить шаг выполненным' }).isDisabled()).toBe(
      true,
    );
    await screenshot(hp, 'home-parent-pain-phone-ru');

    // A link changed by hand: refused, with what is wrong.
    const broken = link.replace(
      /#program=([a-z0-9]+)\.(.{10})/,
      (_m, sum: string, rest: string) => {
        return `#program=${sum}.${rest.split('').reverse().join('')}`;
      },
    );
    const fresh = await phone(env.browser);
    await fresh.page.goto(broken);
    await waitForFirstFrame(fresh.page);
    const refused = fresh.page.locator('.home-alert').first();
    await refused.waitFor({ timeout: 20_000 });
    expect(await refused.textContent()).toMatch(
      /^Не удалось открыть программу по этой ссылке: (она повреждена или неполная|её изменили после создания)/,
    );
    expect(home.errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
    await fresh.context.close();
    await home.context.close();
    await clinic.context.close();
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
