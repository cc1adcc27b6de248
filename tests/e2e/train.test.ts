/**
 * Train mode in real Chromium: a trainee traces a stroke on the model with the mouse and is
 * graded (a reversed trace scores lower), answers "which area must be avoided here?" by
 * clicking the model, puts a protocol's steps in order with the keyboard; progress is kept on
 * the device across a reload, exported and imported; a full storage is reported while the app
 * keeps working; axe finds nothing wrong.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ROOT,
  axeViolations,
  screenPointWhenSettled,
  settle,
  screenshot,
  useBuildAndBrowser,
  waitForFirstFrame,
} from './harness.ts';

interface StepJson {
  id: string;
  title: { en: string };
}
const protocolFile = (id: string) =>
  JSON.parse(readFileSync(resolve(ROOT, `content/protocols/${id}.json`), 'utf8')) as {
    id: string;
    steps: StepJson[];
  };

/** Stroking the lower leg, prone: a line from the Achilles tendon up over the calf. */
const CLASSIC = protocolFile('p4-classic-lower-limb');
const STROKE_URL = '?mode=train&protocol=p4-classic-lower-limb&step=3&side=L';
const STROKE_LANDMARKS = ['achilles_low.L', 'calf_center.L', 'calf_high.L'];
/** Circles around the big-toe joint: the bunion is the area to avoid. */
const BUNION_URL = '?mode=train&protocol=p1-hallux-valgus-adult-self&step=3&side=L';

const env = useBuildAndBrowser();

async function openContext(
  b: Browser,
  init?: () => void,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await b.newContext({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
    bypassCSP: true,
    acceptDownloads: true,
  });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Opens Train mode at a deep link and waits for its panels and the step chooser. */
async function openTrain(page: Page, query: string): Promise<void> {
  await page.goto(`${env.server.url}${query}`);
  await waitForFirstFrame(page);
  await expect.poll(() => page.locator('.train-panels').count(), { timeout: 30_000 }).toBe(1);
  await expect
    .poll(() => page.getByRole('combobox', { name: 'Step', exact: true }).count(), {
      timeout: 30_000,
    })
    .toBe(1);
}

async function chooseTrainee(page: Page, name: string): Promise<void> {
  await page.getByLabel("New trainee's name").fill(name);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect
    .poll(() => page.getByTestId('current-trainee').textContent())
    .toBe(`Training: ${name}`);
}

/** Drags the mouse through the screen points of landmarks, in order, in small steps. */
async function traceThrough(page: Page, landmarks: readonly string[]): Promise<void> {
  const points: { x: number; y: number }[] = [];
  for (const lm of landmarks) points.push(await screenPointWhenSettled(page, lm));
  const first = points.at(0);
  if (!first) throw new Error('no landmarks');
  await page.mouse.move(first.x, first.y);
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(p.x, p.y, { steps: 15 });
  await page.mouse.up();
}

async function traceScore(page: Page): Promise<number> {
  const score = page.locator('.train-score[data-score]');
  await expect.poll(() => score.count(), { timeout: 20_000 }).toBe(1);
  return Number(await score.getAttribute('data-score'));
}

/**
 * Pixels of a canvas screenshot in the colour of the trace (orange) or of the step's path (its
 * blue line and dark blue arrowheads), counted in a scratch page without the app's CSP.
 */
async function countColour(
  context: BrowserContext,
  png: Buffer,
  kind: 'trace' | 'path',
): Promise<number> {
  const scratch = await context.newPage();
  try {
    return await scratch.evaluate(
      async ({ b64, kind }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d');
        if (!ctx) return -1;
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, img.width, img.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          const r = data[i] ?? 0;
          const g = data[i + 1] ?? 0;
          const b = data[i + 2] ?? 0;
          const hit =
            kind === 'trace'
              ? r >= 200 && g >= 80 && g <= 125 && b < 40
              : (r < 30 && g >= 25 && g <= 60 && b >= 130 && b <= 175) ||
                (b - r > 90 && b > 180 && g > 110 && g < 175);
          if (hit) n++;
        }
        return n;
      },
      { b64: png.toString('base64'), kind },
    );
  } finally {
    await scratch.close();
  }
}

describe('Train mode', () => {
  it('grades a stroke traced with the mouse, lower when reversed, and shows the path after', async () => {
    const { context, page, errors } = await openContext(env.browser);
    await openTrain(page, STROKE_URL);
    // Without a trainee nothing can be recorded: the Trace switch waits for one.
    expect(await page.getByRole('button', { name: 'Trace on the body' }).isDisabled()).toBe(true);
    // A blank name is refused with a message.
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Type a name first.');
    await chooseTrainee(page, 'Anna Petrova');
    await settle(page);
    const before = await page.locator('canvas').screenshot();
    // The canvas region includes the view toolbar's blue buttons: compare with this count.
    const pathBefore = await countColour(context, before, 'path');
    const traceBefore = await countColour(context, before, 'trace');

    await page.getByRole('button', { name: 'Trace on the body' }).click();
    await expect
      .poll(() =>
        page.getByRole('button', { name: 'Trace on the body' }).getAttribute('aria-pressed'),
      )
      .toBe('true');
    expect(await page.locator('.train-overlay').textContent()).toMatch(
      /^Tracing: drag along the stroke/,
    );
    expect(await page.locator('canvas').evaluate((c) => getComputedStyle(c).touchAction)).toBe(
      'none',
    );
    const startBefore = await screenPointWhenSettled(page, 'achilles_low.L');
    await traceThrough(page, STROKE_LANDMARKS);
    const forward = await traceScore(page);
    // The drag drew; it did not orbit the camera.
    const startAfter = await screenPointWhenSettled(page, 'achilles_low.L');
    expect(Math.hypot(startAfter.x - startBefore.x, startAfter.y - startBefore.y)).toBeLessThan(1);
    expect(forward).toBeGreaterThanOrEqual(70);
    expect(await page.locator('.train-score').textContent()).toContain(`Score: ${forward} / 100.`);
    expect(await page.locator('.train-score strong').textContent()).toBe('Passed.');
    expect(await page.locator('[data-feedback]').count()).toBeGreaterThan(0);
    await page.locator('.train-trace .train-result').scrollIntoViewIfNeeded();
    await settle(page);
    await screenshot(page, 'train-trace-forward');
    const after = await page.locator('canvas').screenshot();
    // The trace (orange) and the step's path (blue), now shown, are both on the canvas.
    expect(await countColour(context, after, 'trace')).toBeGreaterThan(traceBefore + 50);
    expect(await countColour(context, after, 'path')).toBeGreaterThan(pathBefore + 150);

    await traceThrough(page, [...STROKE_LANDMARKS].reverse());
    await expect
      .poll(async () => Number(await page.locator('.train-score').getAttribute('data-score')))
      .toBeLessThan(forward);
    const reversed = await traceScore(page);
    expect(reversed).toBeLessThan(forward - 30);
    expect(await page.locator('[data-feedback="reversed"]').textContent()).toContain(
      'Wrong way round',
    );
    await page.locator('.train-trace .train-result').scrollIntoViewIfNeeded();
    await settle(page);
    await screenshot(page, 'train-trace-reversed');

    // With Trace off the same drag orbits the camera again, and records nothing.
    await page.getByRole('button', { name: 'Trace on the body' }).click();
    expect(
      await page.getByRole('button', { name: 'Trace on the body' }).getAttribute('aria-pressed'),
    ).toBe('false');
    expect(await page.locator('.train-overlay').count()).toBe(0);
    const lookBefore = await screenPointWhenSettled(page, 'achilles_low.L');
    await traceThrough(page, STROKE_LANDMARKS);
    const lookAfter = await screenPointWhenSettled(page, 'achilles_low.L');
    expect(Math.hypot(lookAfter.x - lookBefore.x, lookAfter.y - lookBefore.y)).toBeGreaterThan(20);

    // Both attempts are recorded for the trainee.
    expect(await page.getByTestId('summary-totals').textContent()).toBe('Attempts: 2, passed: 1.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks which area must be avoided: a click on the model answers, wrong then right', async () => {
    const { context, page, errors } = await openContext(env.browser);
    await openTrain(page, BUNION_URL);
    await chooseTrainee(page, 'Boris');
    await page.getByRole('button', { name: 'Area to avoid', exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Which area must be avoided here?' }).count())
      .toBe(1);
    // Nothing gives the answer away before it is given…
    await settle(page);
    expect(await page.locator('.avoid-label').count()).toBe(0);
    // …while Learn shows the same step with its warning, and Train hides it again.
    await page.getByRole('button', { name: 'Learn', exact: true }).click();
    await expect
      .poll(() => page.locator('.avoid-label[data-zone="bunion"]').count(), { timeout: 20_000 })
      .toBe(1);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => page.locator('.avoid-label').count(), { timeout: 20_000 }).toBe(0);
    expect(
      await page.getByRole('heading', { name: 'Which area must be avoided here?' }).count(),
    ).toBe(1);
    await settle(page);

    // The big toe is massaged: a wrong answer, with the reason.
    const toe = await screenPointWhenSettled(page, 'toe1_tip.L');
    await page.mouse.click(toe.x, toe.y);
    await expect
      .poll(() => page.locator('.train-verdict').getAttribute('data-correct'), { timeout: 20_000 })
      .toBe('false');
    expect(await page.locator('.train-verdict').textContent()).toMatch(
      /may be massaged|other side|not near/,
    );
    expect(await page.locator('.train-avoid .train-result').textContent()).toContain(
      'The area to avoid here: Bunion (left)',
    );
    await page.getByRole('button', { name: 'Ask again' }).click();

    const bunion = await screenPointWhenSettled(page, 'bunion_apex.L');
    await page.mouse.click(bunion.x, bunion.y);
    await expect
      .poll(() => page.locator('.train-verdict').getAttribute('data-correct'), { timeout: 20_000 })
      .toBe('true');
    expect(await page.locator('.train-verdict').textContent()).toContain(
      'Bunion (left) must not be massaged here',
    );
    // The answer shows the step's warning on the model.
    await expect
      .poll(() => page.locator('.avoid-label[data-zone="bunion"]').count(), { timeout: 20_000 })
      .toBe(1);
    await settle(page);
    await screenshot(page, 'train-avoid-answered');

    // The keyboard way: the list of areas.
    await page.getByRole('button', { name: 'Ask again' }).click();
    const choice = page
      .getByRole('list', { name: 'Areas to choose from' })
      .getByRole('button', { name: 'Bunion (left)' });
    await choice.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.train-verdict').getAttribute('data-correct'))
      .toBe('true');
    expect(await page.getByTestId('summary-totals').textContent()).toBe('Attempts: 3, passed: 2.');

    // A step with no area to avoid nearby points to the steps that have one.
    await page
      .getByRole('combobox', { name: 'Step', exact: true })
      .selectOption({ label: '11. Roll the sole on a needle roller' });
    await expect
      .poll(() => page.getByText('No area to avoid is near this step.').count(), {
        timeout: 20_000,
      })
      .toBe(1);
    const withAvoid = page.getByRole('list', {
      name: 'Steps of this protocol with an area to avoid nearby',
    });
    await expect
      .poll(() => withAvoid.getByRole('button').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await withAvoid.getByRole('button', { name: '3. Circles around the big-toe joint' }).click();
    await expect
      .poll(() => page.locator('.train-avoid .train-step-name').textContent())
      .toBe('Circles around the big-toe joint');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('orders the steps by keyboard, keeps progress across a reload, exports and imports it', async () => {
    const { context, page, errors } = await openContext(env.browser);
    await openTrain(page, STROKE_URL);
    await chooseTrainee(page, 'Вера Иванова');
    const orderTab = page.getByRole('button', { name: 'Step order', exact: true });
    await orderTab.focus();
    await page.keyboard.press('Enter');
    const list = page.getByRole('list', { name: 'Steps to put in order' });
    await expect.poll(() => list.locator('li').count()).toBe(6);
    const titles = async () => list.locator('.train-order-title').allTextContents();
    const shown = await titles();
    const protocolOrder = CLASSIC.steps.map((s) => s.title.en);
    const correct = [...shown].sort((a, b) => protocolOrder.indexOf(a) - protocolOrder.indexOf(b));
    expect(shown).not.toEqual(correct);
    // Selection sort with the "move up" buttons, by keyboard: the focus stays on the moved step.
    for (const [target, title] of correct.entries()) {
      const from = (await titles()).indexOf(title);
      if (from === target) continue;
      await list.getByRole('button', { name: `Move “${title}” up` }).focus();
      for (let i = 0; i < from - target; i++) await page.keyboard.press('Enter');
      expect((await titles()).indexOf(title)).toBe(target);
    }
    expect(await titles()).toEqual(correct);
    await page.getByRole('button', { name: 'Check the order' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.train-order .train-score').getAttribute('data-score'))
      .toBe('100');
    expect(await page.locator('.train-order .train-score strong').textContent()).toBe('Passed.');
    await screenshot(page, 'train-order-done');

    // A reload keeps the trainee and the attempt.
    await page.reload();
    await waitForFirstFrame(page);
    await expect
      .poll(() => page.getByTestId('current-trainee').textContent(), { timeout: 30_000 })
      .toBe('Training: Вера Иванова');
    expect(await page.getByTestId('summary-totals').textContent()).toBe('Attempts: 1, passed: 1.');
    expect(
      await page.locator('.train-table tbody tr[data-kind="order"] td').allTextContents(),
    ).toEqual(['Classic lower-limb massage in nine stages', 'Step order', '1/1', '100', '100']);

    // The printable summary: in print, only the summary is shown.
    await page.emulateMedia({ media: 'print' });
    const visibility = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).visibility);
    expect(await visibility('.train-summary')).toBe('visible');
    expect(await visibility('.train-summary td')).toBe('visible');
    expect(await visibility('.app-header')).toBe('hidden');
    expect(await visibility('.train-trainee')).toBe('hidden');
    expect(await visibility('canvas')).toBe('hidden');
    await screenshot(page, 'train-print-summary');
    await page.emulateMedia({ media: 'screen' });
    expect(await visibility('.app-header')).toBe('visible');

    // Export as a JSON download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export progress (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^footwork-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await download.path();
    const exported = readFileSync(path, 'utf8');
    const parsed = JSON.parse(exported) as {
      version: number;
      trainees: Record<string, { attempts: { kind: string; score: number }[] } | undefined>;
    };
    expect(parsed.version).toBe(2);
    expect(parsed.trainees['Вера Иванова']?.attempts.map((a) => [a.kind, a.score])).toEqual([
      ['order', 100],
    ]);
    expect(errors).toEqual([]);
    await context.close();

    // Import it on another device (a fresh browser profile).
    const other = await openContext(env.browser);
    await openTrain(other.page, STROKE_URL);
    // A broken file is refused with a message and changes nothing.
    await other.page.getByLabel('Import progress file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"version": 2, "trainees": {"x": {"attempts": "no"}}}'),
    });
    await expect
      .poll(() => other.page.getByRole('alert').textContent())
      .toMatch(/^This file was not imported: /);
    await other.page.getByLabel('Import progress file').setInputFiles({
      name: 'progress.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported),
    });
    await expect
      .poll(() => other.page.getByRole('status').filter({ hasText: 'Progress imported' }).count())
      .toBe(1);
    await other.page
      .getByRole('combobox', { name: 'Trainees on this device' })
      .selectOption('Вера Иванова');
    await expect
      .poll(() => other.page.getByTestId('summary-totals').textContent())
      .toBe('Attempts: 1, passed: 1.');
    expect(other.errors).toEqual([]);
    await other.context.close();
  });

  it('says so when the storage is full, keeps the attempt in memory and goes on working', async () => {
    const { context, page, errors } = await openContext(env.browser, () => {
      // The device's database refuses every write of progress, as when the storage is full.
      const put = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')?.value as (
        this: IDBObjectStore,
        ...args: unknown[]
      ) => IDBRequest<IDBValidKey>;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: unknown[]) {
        if (this.name === 'trainees' || this.name === 'attempts')
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await openTrain(page, STROKE_URL);
    await chooseTrainee(page, 'Dana');
    const alert = page.locator('.train-save-problem');
    await expect.poll(() => alert.count()).toBe(1);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await alert.count()).toBe(0);

    await page.getByRole('button', { name: 'Trace on the body' }).click();
    await traceThrough(page, STROKE_LANDMARKS);
    expect(await traceScore(page)).toBeGreaterThan(0);
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toContain('the browser storage is full');
    expect(await page.getByRole('alert').filter({ hasText: 'storage is full' }).count()).toBe(1);
    await screenshot(page, 'train-storage-full');
    // Kept in memory: the summary counts it; nothing reached the storage.
    expect(await page.getByTestId('summary-totals').textContent()).toBe('Attempts: 1, passed: 1.');
    expect(
      await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('footwork');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(new Error(String(req.error)));
        });
        const count = await new Promise<number>((resolve, reject) => {
          const req = db.transaction('attempts').objectStore('attempts').count();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(new Error(String(req.error)));
        });
        db.close();
        return count;
      }),
    ).toBe(0);
    // The app still works: another drill, and the other modes.
    await page.getByRole('button', { name: 'Clear and try again' }).click();
    await traceThrough(page, [...STROKE_LANDMARKS].reverse());
    await expect
      .poll(() => page.getByTestId('summary-totals').textContent())
      .toBe('Attempts: 2, passed: 1.');
    await page.getByRole('button', { name: 'Learn', exact: true }).click();
    await expect.poll(() => page.locator('#step-title').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('summary-totals').textContent())
      .toBe('Attempts: 2, passed: 1.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells that unreadable saved progress was reset, and that a copy is kept as a backup', async () => {
    const { context, page, errors } = await openContext(env.browser, () => {
      localStorage.setItem('footwork.progress', '{"version": 2, "trainees": ');
    });
    await openTrain(page, STROKE_URL);
    const notice = page.locator('.train-load-notice');
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    expect(await notice.textContent()).toContain(
      'Saved training progress could not be read and was reset',
    );
    expect(await notice.textContent()).toContain(
      'A copy of the saved data as it was is kept on this device: Train → Progress → Backups',
    );
    await expect.poll(() => page.locator('.train-backups li').count()).toBe(1);
    // The app goes on: a trainee can start afresh.
    await chooseTrainee(page, 'Fedor');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no axe violations in Train mode, in each drill', async () => {
    const { context, page } = await openContext(env.browser);
    await openTrain(page, BUNION_URL);
    expect(await axeViolations(page)).toEqual([]);
    await chooseTrainee(page, 'Eva');
    await page.getByRole('button', { name: 'Trace on the body' }).click();
    await traceThrough(page, ['first_metatarsal_dorsal.L', 'toe1_base.L']);
    await traceScore(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Area to avoid', exact: true }).click();
    await page.getByRole('button', { name: 'Bunion (left)' }).click();
    await expect.poll(() => page.locator('.train-verdict').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Step order', exact: true }).click();
    await page.getByRole('button', { name: 'Check the order' }).click();
    await expect.poll(() => page.locator('.train-order .train-score').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // In Russian too.
    await page.getByRole('button', { name: 'Русский' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Расставьте шаги по порядку' }).count())
      .toBe(1);
    expect(await page.locator('.train-order .train-score').textContent()).toMatch(
      /^Оценка порядка: \d+ из 100\./,
    );
    await screenshot(page, 'train-order-ru');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
