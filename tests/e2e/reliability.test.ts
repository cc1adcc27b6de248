/**
 * Failure handling end to end: each failure shows its message and the app still works afterwards.
 * Service workers are blocked here so that `page.route` sees every request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ContentFile } from '../../src/content/index.ts';
import { checkImportedProtocol } from '../../src/state/protocolImport.ts';
import {
  ROOT,
  afterFrames,
  launchBrowser,
  screenshot,
  settle,
  useBuildAndBrowser,
} from './harness.ts';

const DEEP_LINK = '?protocol=p1-hallux-valgus-adult-self&step=3&side=L';
const P1_TEXT = readFileSync(
  resolve(ROOT, 'content/protocols/p1-hallux-valgus-adult-self.json'),
  'utf8',
);

/** The bundled content files, as the app bundles them. */
function bundledFiles(): ContentFile[] {
  const out: ContentFile[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = resolve(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json') && e.name !== 'schema.json')
        out.push({ path: relative(ROOT, p).replaceAll('\\', '/'), text: readFileSync(p, 'utf8') });
    }
  };
  walk(resolve(ROOT, 'content'));
  return out;
}

const env = useBuildAndBrowser();

async function open(
  b: Browser = env.browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await b.newContext({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Share of the 3D canvas's pixels that differ from the background colour (0 = blank). */
async function drawnShare(page: Page): Promise<number> {
  // Only the canvas: the toolbar and notices drawn over it are hidden for the shot.
  const png = (
    await page.locator('.canvas-wrap canvas').screenshot({
      style: '.canvas-wrap > :not(:first-child) { visibility: hidden !important; }',
    })
  ).toString('base64');
  return page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bmp = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    const [r0, g0, b0] = [d[0], d[1], d[2]];
    let differ = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - r0) + Math.abs(d[i + 1] - g0) + Math.abs(d[i + 2] - b0) > 24) differ++;
    }
    return differ / (d.length / 4);
  }, png);
}

/** The step panel answers the controls: Next step moves to the following step. */
async function stepsWork(page: Page): Promise<void> {
  const title = page.locator('#step-title');
  await expect.poll(() => title.count(), { timeout: 30_000 }).toBe(1);
  const before = await title.textContent();
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect.poll(() => title.textContent()).not.toBe(before);
}

describe('reliability', () => {
  it('reports a corrupt model, keeps the text steps usable and brings the model back on retry', async () => {
    const { context, page, errors } = await open();
    await page.route(/\.glb$/, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'model/gltf-binary',
        body: 'this is not a glTF file',
      }),
    );
    await page.goto(`${env.server.url}${DEEP_LINK}`);
    const panel = page.locator('.error-panel');
    await expect.poll(() => panel.count(), { timeout: 60_000 }).toBe(1);
    const message = await panel.locator('.error-message').textContent();
    expect(message).toMatch(
      /^The adult body model \(body-adult-[\w-]+\.glb\) could not be loaded: \S/,
    );
    expect(await panel.getByRole('heading').textContent()).toBe(
      'Something went wrong in the 3D view',
    );
    await screenshot(page, 'reliability-corrupt-model');
    await stepsWork(page);

    await page.unroute(/\.glb$/);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForFunction(() => window.footwork !== undefined, undefined, { timeout: 90_000 });
    expect(await panel.count()).toBe(0);
    await expect.poll(() => drawnShare(page), { timeout: 30_000 }).toBeGreaterThan(0.02);
    await stepsWork(page);
    // The error panel says it all: no uncaught page error beside it.
    expect(errors).toEqual([]);
    await context.close();
  });

  it('survives a lost WebGL context: a notice while lost, the body drawn again once restored', async () => {
    const { context, page, errors } = await open();
    await page.goto(`${env.server.url}${DEEP_LINK}`);
    await page.waitForFunction(
      () => window.footwork !== undefined && document.getElementById('boot') === null,
      undefined,
      {
        timeout: 90_000,
      },
    );
    await expect.poll(() => drawnShare(page), { timeout: 30_000 }).toBeGreaterThan(0.02);
    await settle(page);
    const drawn = await drawnShare(page);
    const status = page.locator('.gl-status');
    expect(await status.textContent()).toBe('');

    await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.canvas-wrap canvas');
      const gl = canvas?.getContext('webgl2') ?? null;
      const ext = gl?.getExtension('WEBGL_lose_context') ?? null;
      if (!ext) throw new Error('no WEBGL_lose_context');
      (window as unknown as { loseExt: WEBGL_lose_context }).loseExt = ext;
      ext.loseContext();
    });
    await expect.poll(() => status.textContent()).toContain('the graphics context was lost');
    await screenshot(page, 'reliability-context-lost');
    // The body is gone from the canvas while the context is lost.
    expect(await drawnShare(page)).toBeLessThan(drawn / 2);

    await page.evaluate(() => {
      (window as unknown as { loseExt: WEBGL_lose_context }).loseExt.restoreContext();
    });
    await expect.poll(() => status.textContent()).toBe('');
    // ... and drawn again once it is restored, without a reload.
    await expect.poll(() => drawnShare(page), { timeout: 30_000 }).toBeGreaterThan(drawn * 0.8);
    expect(await page.locator('.error-panel').count()).toBe(0);
    await stepsWork(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('without WebGL lists every protocol and its steps as text, and the step panels work', async () => {
    const noGl = await launchBrowser(['--disable-webgl', '--disable-3d-apis']);
    try {
      const { page, errors } = await open(noGl);
      await page.goto(env.server.url);
      await expect
        .poll(() => page.locator('.no-webgl h2').first().textContent())
        .toBe('3D view unavailable');
      const protocols = readdirSync(resolve(ROOT, 'content/protocols')).filter((f) =>
        f.endsWith('.json'),
      );
      await expect
        .poll(() => page.locator('.protocol-text-item').count(), { timeout: 30_000 })
        .toBe(protocols.length);
      const p1 = JSON.parse(P1_TEXT) as {
        title: { en: string };
        steps: { title: { en: string }; text: { en: string }; path?: unknown }[];
      };
      const item = page.locator('.protocol-text-item', { hasText: p1.title.en });
      await item.locator('summary').click();
      expect(await item.locator('li h4').allTextContents()).toEqual(
        p1.steps.map((s) => s.title.en),
      );
      expect(await item.locator('li p').first().textContent()).toBe(p1.steps[0].text.en);
      expect(await page.locator('canvas').count()).toBe(0);
      // Each hands-on step gets a drawn picture (made without WebGL): the zone, the path and
      // its arrows on the body.
      await expect
        .poll(() => item.locator('.step-image-wait').count(), { timeout: 60_000 })
        .toBe(0);
      const handsOn = p1.steps.filter((s) => s.path !== undefined).length;
      expect(handsOn).toBeGreaterThan(3);
      const images = item.locator('img.step-image');
      expect(await images.count()).toBeGreaterThanOrEqual(handsOn);
      const looks = await images.evaluateAll((imgs) =>
        (imgs as HTMLImageElement[]).map((img) => {
          const c = document.createElement('canvas');
          c.width = img.naturalWidth;
          c.height = img.naturalHeight;
          const ctx = c.getContext('2d');
          if (!ctx || c.width === 0) return { width: 0, colours: 0, blue: 0, alt: img.alt };
          ctx.drawImage(img, 0, 0);
          const data = ctx.getImageData(0, 0, c.width, c.height).data;
          const colours = new Set<number>();
          let blue = 0;
          for (let i = 0; i < data.length; i += 4) {
            colours.add((data[i] >> 4) * 256 + (data[i + 1] >> 4) * 16 + (data[i + 2] >> 4));
            // The path's blue (#1f7bff / #0b3d91).
            if (data[i + 2] > 140 && data[i] < 60 && data[i + 1] < 140) blue++;
          }
          return { width: c.width, colours: colours.size, blue, alt: img.alt };
        }),
      );
      for (const look of looks) {
        expect(look.width).toBe(360);
        expect(look.colours, look.alt).toBeGreaterThan(20);
        expect(look.alt).toMatch(/^Picture of the step “.+”/);
      }
      // The stroking and rubbing steps show their blue path.
      expect(looks.filter((l) => l.blue > 40).length).toBeGreaterThanOrEqual(handsOn - 1);
      await images.nth(2).scrollIntoViewIfNeeded();
      await screenshot(page, 'reliability-no-webgl-text');
      // The player's text panels work too.
      await page.locator('.protocol-picker select').selectOption('p1-hallux-valgus-adult-self');
      await expect.poll(() => page.locator('#step-title').textContent()).toBe(p1.steps[0].title.en);
      await stepsWork(page);
      expect(errors).toEqual([]);
    } finally {
      await noGl.close();
    }
  });

  it('refuses broken protocol files with their exact problems, as text, and imports a valid one', async () => {
    const { context, page, errors } = await open();
    await page.goto(env.server.url);
    const picker = page.locator('.protocol-picker select');
    await expect
      .poll(() => picker.locator('option').count(), { timeout: 60_000 })
      .toBeGreaterThan(1);
    const input = page.locator('.protocol-import input[type=file]');
    const problems = page.locator('.import-problems li');

    // Bad JSON.
    const badJson = '{ "id": "clinic-broken", "title": ';
    const expectedBad = checkImportedProtocol(
      'broken.json',
      badJson,
      badJson.length,
      bundledFiles(),
    );
    expect(expectedBad.ok).toBe(false);
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(badJson),
    });
    await expect
      .poll(() => problems.allTextContents())
      .toEqual(expectedBad.ok ? [] : expectedBad.problems);
    expect((await problems.first().textContent()) ?? '').toMatch(/^broken\.json › \$ › /);

    // A wrong type, with markup in a text that must stay text.
    const wrong = JSON.parse(P1_TEXT) as Record<string, unknown> & {
      steps: Record<string, unknown>[];
    };
    wrong.id = 'clinic-wrong-type';
    wrong.steps[0].repetitions = 'ten';
    wrong.title = { en: '<img src=x id=injected>' };
    const wrongText = JSON.stringify(wrong);
    const expectedWrong = checkImportedProtocol(
      'wrong-type.json',
      wrongText,
      wrongText.length,
      bundledFiles(),
    );
    expect(expectedWrong.ok).toBe(false);
    if (expectedWrong.ok) return;
    expect(
      expectedWrong.problems.some((p) => p.startsWith('wrong-type.json › steps[0].repetitions › ')),
    ).toBe(true);
    // Dropped onto the panel.
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'wrong-type.json', { type: 'application/json' }));
      document
        .querySelector('.protocol-import')
        ?.dispatchEvent(
          new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
        );
    }, wrongText);
    await expect.poll(() => problems.allTextContents()).toEqual(expectedWrong.problems);
    expect(await page.locator('#injected').count()).toBe(0);
    await screenshot(page, 'reliability-import-problems');

    // Too large.
    await input.setInputFiles({
      name: 'huge.json',
      mimeType: 'application/json',
      buffer: Buffer.alloc(300 * 1024, 32),
    });
    await expect
      .poll(() => problems.allTextContents())
      .toEqual([
        'huge.json › $ › the file is 300 KB; the largest protocol file accepted is 256 KB',
      ]);

    // The app still works, and a valid file is imported and plays.
    const valid = JSON.parse(P1_TEXT) as Record<string, unknown>;
    valid.id = 'clinic-own-protocol';
    valid.title = { en: 'Clinic own bunion routine' };
    await input.setInputFiles({
      name: 'clinic.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(valid)),
    });
    await expect
      .poll(() => page.locator('.import-ok').textContent())
      .toContain('Clinic own bunion routine');
    expect(await problems.count()).toBe(0);
    await picker.selectOption('clinic-own-protocol');
    await expect
      .poll(() => page.locator('.step-kicker').textContent())
      .toContain('Clinic own bunion routine');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await stepsWork(page);

    // Export of the current protocol.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export protocol' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('clinic-own-protocol.json');
    const exported = await download
      .path()
      .then((p) => JSON.parse(readFileSync(p, 'utf8')) as { id: string });
    expect(exported.id).toBe('clinic-own-protocol');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('moves corrupt saved progress into a backup with a notice, and reports a full storage', async () => {
    const { context, page, errors } = await open();
    await context.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('footwork.progress', '{"version": 2, "trainees": {oops');
        sessionStorage.setItem('seeded', '1');
      }
    });
    await page.goto(env.server.url);
    const notice = page.locator('.progress-notice');
    await expect
      .poll(() => notice.textContent(), { timeout: 60_000 })
      .toContain('could not be read and was reset');
    expect(await notice.textContent()).toContain(
      'A copy of the saved data as it was is kept on this device',
    );
    // Moved: the backup is in the device's database, the old key is gone.
    const backups = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('footwork');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error(String(req.error)));
      });
      const all = await new Promise<{ text: string }[]>((resolve, reject) => {
        const req = db.transaction('backups').objectStore('backups').getAll();
        req.onsuccess = () => resolve(req.result as { text: string }[]);
        req.onerror = () => reject(new Error(String(req.error)));
      });
      db.close();
      return all.map((b) => b.text);
    });
    expect(backups).toEqual(['{"version": 2, "trainees": {oops']);
    expect(await page.evaluate(() => localStorage.getItem('footwork.progress'))).toBeNull();
    await screenshot(page, 'reliability-corrupt-storage');
    await page.locator('.protocol-picker select').selectOption('p1-hallux-valgus-adult-self');
    await stepsWork(page);
    // The next start finds nothing to complain about.
    await page.reload();
    await page.locator('.protocol-picker select').selectOption('p1-hallux-valgus-adult-self');
    // The stored progress is read at start only where there is some (its code loads then): wait
    // for the protocol to be open and, where the storage code came, for it to have run.
    await expect.poll(() => page.locator('#step-title').count(), { timeout: 30_000 }).toBe(1);
    await afterFrames(page, 10);
    expect(await notice.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    // A full storage: nothing can be moved, the old text stays where it was and the notice says why.
    const full = await open();
    await full.context.addInitScript(() => {
      localStorage.setItem('footwork.progress', 'not json at all');
      const put = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')?.value as (
        this: IDBObjectStore,
        ...args: unknown[]
      ) => IDBRequest<IDBValidKey>;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: unknown[]) {
        if (this.name !== 'protocols')
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await full.page.goto(env.server.url);
    const fullNotice = full.page.locator('.progress-notice');
    await expect
      .poll(() => fullNotice.textContent(), { timeout: 60_000 })
      .toContain('the saved progress could not be moved: QuotaExceededError');
    expect(await full.page.evaluate(() => localStorage.getItem('footwork.progress'))).toBe(
      'not json at all',
    );
    await full.page.locator('.protocol-picker select').selectOption('p1-hallux-valgus-adult-self');
    await stepsWork(full.page);
    expect(full.errors).toEqual([]);
    await full.context.close();
  });
});
