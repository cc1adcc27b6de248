/**
 * Train grades the technique, in real Chromium on the real model: the avoid quiz's wrong
 * answers belong to the step and the right one moves about; the order drill is put in order by
 * dragging (mouse and finger) and marks the misplaced steps; the group view reads two exported
 * files and prints on one dated page. Screenshots on a laptop and a phone, in English and
 * Russian.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addTrainee,
  emptyProgress,
  exportProgressJson,
  recordAttempt,
  type NewAttempt,
  type ProgressDoc,
} from '../../src/domain/progress.ts';
import { screenshot, useBuildAndBrowser, waitForFirstFrame } from './harness.ts';

const BUNION_URL = '?mode=train&protocol=p1-hallux-valgus-adult-self&step=3&side=L';
const ORDER_URL = '?mode=train&protocol=p4-classic-lower-limb&step=3&side=L';

const env = useBuildAndBrowser();

type Device = 'laptop' | 'phone';

async function open(
  b: Browser,
  device: Device,
  query: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await b.newContext(
    device === 'laptop'
      ? { viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce', bypassCSP: true }
      : {
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          reducedMotion: 'reduce',
          bypassCSP: true,
        },
  );
  // Printing opens no dialog in these tests: the printout is checked as a PDF.
  await context.addInitScript(() => {
    window.print = () => undefined;
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}${query}`);
  await waitForFirstFrame(page);
  await expect.poll(() => page.locator('.train-panels').count(), { timeout: 30_000 }).toBe(1);
  return { context, page, errors };
}

async function chooseTrainee(page: Page, name: string) {
  await page.getByLabel("New trainee's name").fill(name);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(() => page.getByTestId('current-trainee').textContent()).toContain(name);
}

interface P {
  x: number;
  y: number;
}

describe('Train grades the technique', () => {
  it('offers wrong answers that belong to the step, with the right one in varying places', async () => {
    const { context, page, errors } = await open(env.browser, 'laptop', BUNION_URL);
    await chooseTrainee(page, 'Boris');
    await page.getByRole('button', { name: 'Area to avoid', exact: true }).click();
    const list = page.getByRole('list', { name: 'Areas to choose from' });
    const zones = () => list.getByRole('button').evaluateAll((b) => b.map((x) => x.dataset.zone));
    // The areas near the step come once they are found.
    await expect.poll(async () => (await zones()).length, { timeout: 30_000 }).toBe(5);
    const toeChoices = await zones();
    expect(toeChoices).toContain('bunion');
    for (const far of ['knee', 'patella', 'vertebrae']) expect(toeChoices).not.toContain(far);

    // Over several questions the right answer stands in more than one place.
    const places = new Set<number>();
    for (let round = 0; round < 6; round++) {
      await expect.poll(async () => (await zones()).length).toBe(5);
      const now = await zones();
      places.add(now.indexOf('bunion'));
      const wrong = now.find((z) => z !== 'bunion') ?? '';
      await list.locator(`button[data-zone="${wrong}"]`).click();
      // The explanation names every choice: the right one with its reason.
      await expect.poll(() => page.locator('.train-explain li').count()).toBe(5);
      expect(
        await page.locator('.train-explain li[data-right="true"]').first().textContent(),
      ).toMatch(/^Bunion \(left\): avoid here\./);
      if (round === 0) await screenshot(page, 'train-quiz-explained-laptop-en');
      await page.getByRole('button', { name: 'Ask again' }).click();
    }
    expect(places.size).toBeGreaterThan(1);

    // Another protocol's step near another area: other wrong answers.
    await page.goto(`${env.server.url}?mode=train&protocol=p4-classic-lower-limb&step=3&side=L`);
    await waitForFirstFrame(page);
    await page.getByRole('button', { name: 'Area to avoid', exact: true }).click();
    const withAvoid = page.getByRole('list', {
      name: 'Steps of this protocol with an area to avoid nearby',
    });
    const hasOwn = await list.count();
    if (hasOwn === 0) {
      await expect
        .poll(() => withAvoid.getByRole('button').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      await withAvoid.getByRole('button').first().click();
    }
    await expect.poll(async () => (await zones()).length, { timeout: 30_000 }).toBe(5);
    const legChoices = await zones();
    expect(legChoices).not.toContain('bunion');
    expect(legChoices.filter((z) => toeChoices.includes(z)).length).toBeLessThan(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it(
    'puts the steps in order by dragging with the mouse and a finger, and marks mistakes',
    { timeout: 300_000 },
    async () => {
      for (const device of ['laptop', 'phone'] as const) {
        const { context, page, errors } = await open(env.browser, device, ORDER_URL);
        await chooseTrainee(page, device === 'laptop' ? 'Vera' : 'Вера');
        await page.getByRole('button', { name: 'Step order', exact: true }).click();
        const list = page.getByRole('list', { name: 'Steps to put in order' });
        await expect.poll(() => list.locator('li').count()).toBe(6);
        const ids = () => list.locator('li').evaluateAll((l) => l.map((x) => x.dataset.step));
        const before = await ids();
        const handle = (i: number) => list.locator('li').nth(i).locator('.train-order-handle');
        await handle(0).scrollIntoViewIfNeeded();
        const from = await handle(0).boundingBox();
        const to = await list.locator('li').nth(3).boundingBox();
        if (!from || !to) throw new Error('no layout');
        const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
        const end = { x: start.x, y: to.y + to.height * 0.75 };
        if (device === 'laptop') {
          await page.mouse.move(start.x, start.y);
          await page.mouse.down();
          await page.mouse.move(end.x, end.y, { steps: 12 });
          await page.mouse.up();
        } else {
          const cdp = await context.newCDPSession(page);
          const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', p: P | null) =>
            cdp.send('Input.dispatchTouchEvent', {
              type,
              touchPoints: p ? [{ x: p.x, y: p.y, id: 1 }] : [],
            });
          await touch('touchStart', start);
          for (let k = 1; k <= 12; k++)
            await touch('touchMove', {
              x: start.x,
              y: start.y + ((end.y - start.y) * k) / 12,
            });
          await touch('touchEnd', null);
        }
        // The first step now stands fourth, the others moved up.
        const after = await ids();
        expect(after[3]).toBe(before[0]);
        expect(after.slice(0, 3)).toEqual(before.slice(1, 4));
        // The keys move a step too, the focus staying on it.
        await handle(1).focus();
        await page.keyboard.press('ArrowDown');
        const keyed = await ids();
        expect(keyed[2]).toBe(after[1]);
        expect(await page.evaluate(() => document.activeElement?.className)).toBe(
          'train-order-handle',
        );

        await page.getByRole('button', { name: 'Check the order' }).click();
        await expect.poll(() => page.locator('.train-order .train-score').count()).toBe(1);
        const marks = await list
          .locator('li')
          .evaluateAll((l) => l.map((x) => x.dataset.inPlace ?? null));
        expect(marks.every((m) => m === 'true' || m === 'false')).toBe(true);
        const wrong = marks.filter((m) => m === 'false').length;
        const exact = Number(
          /(\d+) of 6/.exec(
            (await page.locator('.train-order .train-result').textContent()) ?? '',
          )?.[1],
        );
        expect(wrong).toBe(6 - exact);
        expect(wrong).toBeGreaterThan(0);
        expect(
          await list.locator('li[data-in-place="false"] .train-order-mark').first().textContent(),
        ).toMatch(/belongs at place [1-6]$/);
        await list.scrollIntoViewIfNeeded();
        await screenshot(page, `train-order-marked-${device}-en`);
        if (device === 'phone') {
          // The phone's header overflows sideways (a layout matter of its own): press it directly.
          await page.getByRole('button', { name: 'Русский' }).dispatchEvent('click');
          await expect
            .poll(() =>
              page
                .locator('.train-order-list li[data-in-place="false"] .train-order-mark')
                .first()
                .textContent(),
            )
            .toMatch(/его место — [1-6]$/);
          await page.locator('.train-order-list').scrollIntoViewIfNeeded();
          await screenshot(page, 'train-order-marked-phone-ru');
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    },
  );

  it('shows a group from two exported files, each trainee with their weakest steps, and prints it', async () => {
    const at = (n: number) => new Date(Date.UTC(2026, 10, 2, 9, n));
    const file = (name: string, attempts: readonly NewAttempt[]): string => {
      let doc: ProgressDoc = emptyProgress();
      const added = addTrainee(doc, name, at(0));
      if (added.ok) doc = added.doc;
      for (const [i, a] of attempts.entries()) {
        const r = recordAttempt(doc, name, a, at(i + 1));
        if (!r.ok) throw new Error(r.detail);
        doc = r.doc;
      }
      return exportProgressJson(doc);
    };
    const trace = (stepId: string, score: number, turn: number): NewAttempt => ({
      protocolId: 'p4-classic-lower-limb',
      stepId,
      kind: 'trace',
      score,
      passed: score >= 70,
      measures: { direction: 90, coverage: 95, shape: 80, turn, accuracy: 100 },
    });
    const anna = file('Anna', [
      trace('kneading-fold', 40, 5),
      trace('kneading-fold', 55, 10),
      trace('stroke-lower-leg', 95, 100),
      {
        protocolId: 'p4-classic-lower-limb',
        stepId: null,
        kind: 'order',
        score: 60,
        passed: false,
      },
    ]);
    const boris = file('Boris', [
      trace('stroke-lower-leg', 30, 100),
      trace('kneading-fold', 90, 95),
    ]);

    const { context, page, errors } = await open(env.browser, 'laptop', ORDER_URL);
    await page.getByLabel("Choose trainees' files").setInputFiles([
      { name: 'anna.json', mimeType: 'application/json', buffer: Buffer.from(anna) },
      { name: 'boris.json', mimeType: 'application/json', buffer: Buffer.from(boris) },
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 2') },
    ]);
    await expect
      .poll(() => page.getByTestId('cohort-read').textContent())
      .toBe('2 files read: 2 trainees.');
    expect(await page.locator('.train-cohort [role="alert"]').textContent()).toMatch(
      /^broken\.json was left out: /,
    );
    const row = (name: string) => page.locator(`.train-cohort-table tr[data-trainee="${name}"]`);
    expect(await row('Anna').locator('td').first().textContent()).toBe('1/4');
    const annaWeak = await row('Anna')
      .locator('li')
      .evaluateAll((l) => l.map((x) => [x.dataset.step, x.dataset.kind]));
    // Anna's weakest: the kneading circles (mean of her last tries), then the step order.
    expect(annaWeak[0]).toEqual(['kneading-fold', 'trace']);
    expect(annaWeak[1]).toEqual(['', 'order']);
    expect(await row('Anna').locator('li').first().textContent()).toMatch(
      /Kneading.*\(Trace\): 48 · turning 8$/,
    );
    const borisWeak = await row('Boris')
      .locator('li')
      .evaluateAll((l) => l.map((x) => x.dataset.step));
    expect(borisWeak[0]).toBe('stroke-lower-leg');
    await page.locator('.train-cohort').scrollIntoViewIfNeeded();
    await screenshot(page, 'train-cohort-laptop-en');

    // Printed: the group alone, dated, on one page.
    await page.locator('.train-cohort').getByRole('button', { name: 'Print summary' }).click();
    await expect.poll(() => page.locator('.train-cohort-print.train-print').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(
      await page
        .locator('.train-cohort-print .train-print-date')
        .last()
        .evaluate((e) => [getComputedStyle(e).display, e.textContent]),
    ).toEqual(['block', expect.stringMatching(/^Printed on \w+ \d{1,2}, 20\d\d$/)]);
    expect(await page.locator('.train-summary').evaluate((e) => getComputedStyle(e).display)).toBe(
      'none',
    );
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBe(1);
    await screenshot(page, 'train-cohort-print');
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
