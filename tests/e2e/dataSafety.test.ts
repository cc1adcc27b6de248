/**
 * Nothing lost, nothing unsafe gets in, end to end in real Chromium: two tabs of one browser keep
 * both tabs' trainees; progress near the device's limit refuses the write that would pass it,
 * with a message, and everything saved reads back after a reload; a damaged attempt is left out
 * alone; a backup is offered as a download and restored; an imported protocol with a path on the
 * kneecap is refused by name, a Latin-1 file is refused, a long list of problems is capped; an
 * imported protocol stays after a reload, its link opens it, and it can be removed; a link to a
 * protocol not on the device says so; a Present chunk that fails to load says so and Learn stays
 * usable; a corrupt model raises no page error.
 * Service workers are blocked so that `page.route` sees every request.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MAX_STORED_BYTES, recordBytes } from '../../src/domain/progress.ts';
import { ROOT, screenshot, useBuildAndBrowser } from './harness.ts';

const env = useBuildAndBrowser();

const TRAIN_URL = '?mode=train&protocol=p4-classic-lower-limb&step=3&side=L';
const P8_TEXT = readFileSync(resolve(ROOT, 'content/protocols/p8-heel-spur-self.json'), 'utf8');
const P8_STEP_2 = (JSON.parse(P8_TEXT) as { steps: { title: { en: string } }[] }).steps.at(1)?.title
  .en;

async function open(
  b: Browser = env.browser,
  viewport = { width: 1280, height: 720 },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await b.newContext({
    viewport,
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.message}\n${e.stack ?? ''}`));
  return { context, page, errors };
}

/** Opens Train and waits until the saved progress has been read. */
async function openTrain(page: Page): Promise<void> {
  await page.goto(`${env.server.url}${TRAIN_URL}`);
  await expect.poll(() => page.locator('.train-panels').count(), { timeout: 60_000 }).toBe(1);
  await expect
    .poll(() => page.getByText('Reading the saved progress…').count(), { timeout: 30_000 })
    .toBe(0);
}

async function chooseTrainee(page: Page, name: string): Promise<void> {
  await page.getByLabel("New trainee's name").fill(name);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect
    .poll(() => page.getByTestId('current-trainee').textContent())
    .toBe(`Training: ${name}`);
}

/** The names in the "Trainees on this device" list. */
async function traineeNames(page: Page): Promise<string[]> {
  const options = page
    .getByRole('combobox', { name: 'Trainees on this device' })
    .locator('option:not([value=""])');
  return (await options.allTextContents()).sort();
}

/** Checks the step order as shown in the order drill, which records an attempt. */
async function recordOrderAttempt(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Step order', exact: true }).click();
  await page.getByRole('button', { name: 'Check the order' }).click();
}

/** Writes records into the app's database (opened by the app already), in one transaction. */
async function seedRecords(
  page: Page,
  trainees: readonly unknown[],
  attempts: readonly unknown[],
): Promise<void> {
  await page.evaluate(
    async ({ trainees, attempts }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('footwork');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error(String(req.error)));
      });
      const tx = db.transaction(['trainees', 'attempts'], 'readwrite');
      for (const t of trainees) tx.objectStore('trainees').put(t);
      for (const a of attempts) tx.objectStore('attempts').put(a);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(new Error(String(tx.error)));
      });
      db.close();
    },
    { trainees, attempts },
  );
}

const attempt = (id: string, trainee: string, extra: Record<string, unknown> = {}) => ({
  id,
  trainee,
  protocolId: 'p4-classic-lower-limb',
  stepId: null,
  kind: 'order',
  score: 80,
  passed: true,
  at: '2026-03-01T10:00:00.000Z',
  ...extra,
});

describe('progress that cannot lose data', () => {
  it('keeps the trainees of two tabs of one browser, live and after a reload', async () => {
    const { context, page: first, errors } = await open();
    const second = await context.newPage();
    second.on('pageerror', (e) => errors.push(e.message));
    await openTrain(first);
    await openTrain(second);
    await chooseTrainee(first, 'Anna');
    await recordOrderAttempt(first);
    await chooseTrainee(second, 'Boris');
    // Each tab shows the other's trainee without a reload.
    await expect.poll(() => traineeNames(first)).toEqual(['Anna', 'Boris']);
    await expect.poll(() => traineeNames(second)).toEqual(['Anna', 'Boris']);
    await second.getByRole('combobox', { name: 'Trainees on this device' }).selectOption('Anna');
    await expect
      .poll(() => second.getByTestId('summary-totals').textContent())
      .toMatch(/^Attempts: 1, /);
    await screenshot(second, 'data-two-tabs');
    for (const page of [first, second]) {
      await page.reload();
      await expect.poll(() => traineeNames(page), { timeout: 60_000 }).toEqual(['Anna', 'Boris']);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('near the limit: says so, refuses the write that would pass it, and reads everything back', async () => {
    const { context, page, errors } = await open();
    await openTrain(page);
    // Records of about 4 KB each up to just under the limit: room for a trainee, not an attempt.
    const note = 'x'.repeat(3800);
    const trainees = [{ name: 'Seeded', addedAt: '2026-03-01T09:00:00.000Z' }];
    const attempts: unknown[] = [];
    let bytes = recordBytes(trainees[0]);
    const room = 120;
    for (let i = 0; ; i++) {
      const next = attempt(`seed-${String(i)}`, 'Seeded', { note });
      const size = recordBytes(next);
      if (bytes + size > MAX_STORED_BYTES - room) {
        const pad = MAX_STORED_BYTES - room - bytes - recordBytes({ ...next, note: '' });
        if (pad > 0) {
          attempts.push({ ...next, note: 'x'.repeat(pad) });
          bytes += recordBytes(attempts.at(-1));
        }
        break;
      }
      attempts.push(next);
      bytes += size;
    }
    expect(MAX_STORED_BYTES - bytes).toBe(room);
    await seedRecords(page, trainees, attempts);
    await page.reload();
    await expect
      .poll(() => page.locator('.train-limit-notice').textContent(), { timeout: 60_000 })
      .toContain('Training progress fills 99% of what this device can keep');
    await page.getByRole('combobox', { name: 'Trainees on this device' }).selectOption('Seeded');
    await expect
      .poll(() => page.getByTestId('summary-totals').textContent())
      .toBe(`Attempts: ${String(attempts.length)}, passed: ${String(attempts.length)}.`);
    // A new trainee fits; their first attempt would pass the limit and is refused, with why.
    await chooseTrainee(page, 'Eva');
    await recordOrderAttempt(page);
    const problem = page.locator('.train-save-problem');
    await expect
      .poll(() => problem.textContent())
      .toContain(
        'This attempt was not saved: the device already keeps as much training progress as it can',
      );
    await screenshot(page, 'data-limit-refused');
    await page.reload();
    await expect.poll(() => traineeNames(page), { timeout: 60_000 }).toEqual(['Eva', 'Seeded']);
    await page.getByRole('combobox', { name: 'Trainees on this device' }).selectOption('Seeded');
    await expect
      .poll(() => page.getByTestId('summary-totals').textContent())
      .toBe(`Attempts: ${String(attempts.length)}, passed: ${String(attempts.length)}.`);
    // Nothing was reset: no notice about unreadable data.
    expect(await page.locator('.train-load-notice').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('leaves out a damaged attempt alone, and offers a backup to download and restore', async () => {
    const legacy = JSON.stringify({
      version: 2,
      trainees: {
        Vera: {
          updatedAt: '2026-03-01T10:00:00.000Z',
          attempts: [
            { ...attempt('v-good', 'x'), trainee: undefined },
            { ...attempt('v-bad', 'x'), trainee: undefined, score: 150 },
          ],
        },
      },
    });
    const { context, page, errors } = await open();
    await context.addInitScript((text) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('footwork.progress', text);
        sessionStorage.setItem('seeded', '1');
      }
    }, legacy);
    await openTrain(page);
    // An attempt of another trainee is damaged in the database itself.
    await seedRecords(
      page,
      [{ name: 'Oleg', addedAt: '2026-03-01T09:00:00.000Z' }],
      [attempt('o-good', 'Oleg'), attempt('o-bad', 'Oleg', { kind: 'palpation' })],
    );
    await page.reload();
    const notice = page.locator('.train-load-notice');
    await expect
      .poll(() => notice.textContent(), { timeout: 60_000 })
      .toContain('1 saved training record could not be read and is left out');
    expect(await traineeNames(page)).toEqual(['Oleg', 'Vera']);
    for (const name of ['Oleg', 'Vera']) {
      await page.getByRole('combobox', { name: 'Trainees on this device' }).selectOption(name);
      await expect
        .poll(() => page.getByTestId('summary-totals').textContent())
        .toBe('Attempts: 1, passed: 1.');
    }
    // The older version's document, with its damaged attempt, is kept as a backup.
    const backups = page.locator('.train-backups li');
    await expect.poll(() => backups.count()).toBe(1);
    await screenshot(page, 'data-backup-offered');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      backups.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(readFileSync(await download.path(), 'utf8')).toBe(legacy);
    // Vera removed, then restored from the backup.
    await page.getByRole('combobox', { name: 'Trainees on this device' }).selectOption('Vera');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Remove Vera from this device' }).click();
    await expect.poll(() => traineeNames(page)).toEqual(['Oleg']);
    await backups.getByRole('button', { name: 'Restore' }).click();
    await expect
      .poll(() => page.getByText('Progress imported and merged').textContent())
      .toContain('1 unreadable record in it was left out.');
    await expect.poll(() => traineeNames(page)).toEqual(['Oleg', 'Vera']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** P8 under a new id, with its shin stroke (step 4) turned into circles around a landmark. */
function p8WithCircles(id: string, center: string, title = 'Clinic heel routine'): string {
  const copy = JSON.parse(P8_TEXT) as Record<string, unknown> & {
    steps: Record<string, unknown>[];
  };
  copy.id = id;
  copy.title = { en: title, ru: title };
  const step = copy.steps.at(3);
  if (step) step.path = { kind: 'circles', center, radiusMm: 15, turns: 2, clockwise: true };
  return JSON.stringify(copy, null, 2);
}

describe('imported protocols', () => {
  it('refuses a kneecap path by name, a Latin-1 file, and caps a long list of problems', async () => {
    const { context, page, errors } = await open();
    await page.goto(env.server.url);
    const input = page.locator('.protocol-import input[type=file]');
    await expect.poll(() => input.count(), { timeout: 60_000 }).toBe(1);
    const alert = page.locator('.import-problems');

    await input.setInputFiles({
      name: 'knee.json',
      mimeType: 'application/json',
      buffer: Buffer.from(p8WithCircles('clinic-knee-circles', 'patella_center')),
    });
    await expect
      .poll(() => alert.locator('li').allTextContents(), { timeout: 60_000 })
      .toContain('knee.json › steps[3].path › sample 1 of 49 (left) lands on avoid zone "patella"');
    await screenshot(page, 'data-import-kneecap');
    const ids = () =>
      page
        .locator('.protocol-picker select option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(await ids()).not.toContain('clinic-knee-circles');

    // "Café" saved as Latin-1: 0xE9 on line 2 is not UTF-8.
    const latin1 = Buffer.concat([
      Buffer.from('{\n  "id": "clinic-cafe", "title": { "en": "Caf'),
      Buffer.from([0xe9]),
      Buffer.from('" } }'),
    ]);
    await input.setInputFiles({ name: 'cafe.json', mimeType: 'application/json', buffer: latin1 });
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'cafe.json was not imported: it is not UTF-8 text (byte 0xE9 at line 2, column 45). Save it as UTF-8 and import it again.',
      );

    const many = JSON.parse(P8_TEXT) as Record<string, unknown>;
    many.id = 'clinic-many-keys';
    for (let i = 0; i < 5000; i++) many[`extra${String(i)}`] = i;
    await input.setInputFiles({
      name: 'many.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(many)),
    });
    await expect.poll(() => alert.locator('li').count(), { timeout: 30_000 }).toBe(20);
    expect(await alert.textContent()).toMatch(
      /…and 4980 more problems \(20 of 5000 are listed\)\./,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps an imported protocol after a reload, opens its link, and removes it', async () => {
    const { context, page, errors } = await open();
    await page.goto(env.server.url);
    const input = page.locator('.protocol-import input[type=file]');
    await expect.poll(() => input.count(), { timeout: 60_000 }).toBe(1);
    await input.setInputFiles({
      name: 'clinic.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        p8WithCircles('clinic-shin-circles', 'shin_center', 'Clinic shin routine'),
      ),
    });
    // The panel's whole text: on a failure it shows what was said instead.
    await expect
      .poll(() => page.locator('.protocol-import').textContent(), { timeout: 120_000 })
      .toContain('It is kept on this device until you remove it.');

    // A link to it, opened after a reload (a fresh page load of the link).
    await page.goto(`${env.server.url}?protocol=clinic-shin-circles&step=2`);
    await expect
      .poll(() => page.locator('#step-title').textContent(), { timeout: 60_000 })
      .toBe(P8_STEP_2);
    await expect
      .poll(() => page.locator('.protocol-picker select').inputValue())
      .toBe('clinic-shin-circles');
    expect(await page.locator('.link-notice').count()).toBe(0);
    await screenshot(page, 'data-import-link');

    await page
      .getByRole('button', { name: 'Remove “Clinic shin routine” from this device' })
      .click();
    await expect
      .poll(() =>
        page.getByRole('button', { name: 'Remove “Clinic shin routine” from this device' }).count(),
      )
      .toBe(0);
    // The same link opened again, now that the protocol is gone from this device.
    await page.goto(`${env.server.url}?protocol=clinic-shin-circles&step=2`);
    await expect
      .poll(() => page.locator('.link-notice').textContent(), { timeout: 60_000 })
      .toContain('This link opens the protocol “clinic-shin-circles”, which is not on this device');
    const ids = await page
      .locator('.protocol-picker select option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(ids).not.toContain('clinic-shin-circles');
    await screenshot(page, 'data-link-missing');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('failures of code and model', () => {
  it('a Present chunk that fails to load says so, with a retry; Learn stays usable', async () => {
    const { context, page, errors } = await open();
    let fail = true;
    await page.route(/\/assets\/presentUi-[\w-]+\.js$/, (route) =>
      fail ? route.fulfill({ status: 404, body: 'not found' }) : route.fallback(),
    );
    await page.goto(`${env.server.url}?protocol=p1-hallux-valgus-adult-self&step=2`);
    const title = page.locator('#step-title');
    await expect.poll(() => title.count(), { timeout: 60_000 }).toBe(1);
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    const alert = page.locator('.mode-failure');
    await expect
      .poll(() => alert.textContent(), { timeout: 30_000 })
      .toContain('The Present mode could not be loaded');
    expect(await alert.textContent()).toContain('Learn stays open');
    expect(
      await page.getByRole('button', { name: 'Learn', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await screenshot(page, 'data-present-chunk-404');
    const before = await title.textContent();
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect.poll(() => title.textContent()).not.toBe(before);

    fail = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect
      .poll(() => page.locator('.app').getAttribute('data-mode'), { timeout: 30_000 })
      .toBe('present');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a corrupt model shows the error panel and raises no page error', async () => {
    const { context, page, errors } = await open();
    await page.route(/\.glb$/, (route) =>
      route.fulfill({ status: 200, contentType: 'model/gltf-binary', body: 'not a glTF file' }),
    );
    await page.goto(`${env.server.url}?protocol=p1-hallux-valgus-adult-self&step=2`);
    await expect.poll(() => page.locator('.error-panel').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.locator('#step-title').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => page.locator('.train-panels').count(), { timeout: 30_000 }).toBe(1);
    await page.waitForTimeout(1000);
    expect(errors).toEqual([]);
    await context.close();
  });
});
