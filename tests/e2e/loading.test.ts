/**
 * A slow or stalled network on a phone: the protocol list, the step text and the player's words
 * are usable while the body model downloads, a progress bar shows the bytes as they arrive, and
 * a model request that stalls ends in a message and a retry that brings the body. The build is
 * served through a small proxy that trickles the model at 30 KB/s or stops sending it; service
 * workers are blocked so that every request goes through it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, useBuildAndBrowser } from './harness.ts';

const env = useBuildAndBrowser();

type ModelMode = 'throttle' | 'stall' | 'normal';
const BYTES_PER_SECOND = 30 * 1024;
const TICK_MS = 100;

/** The build, with `.glb` responses trickled at 30 KB/s, stalled after 16 KB, or as they are. */
const proxy = {
  mode: 'normal' as ModelMode,
  url: '',
  server: null as Server | null,
  /** Model requests seen, by mode. */
  requests: [] as ModelMode[],
};

beforeAll(async () => {
  const server = createServer((req, res) => {
    void (async () => {
      const upstream = await fetch(new URL(req.url ?? '/', env.server.url), {
        headers: { accept: req.headers.accept ?? '*/*' },
      });
      const body = new Uint8Array(await upstream.arrayBuffer());
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      const type = upstream.headers.get('content-type');
      if (type) headers['content-type'] = type;
      const model = req.url?.split('?')[0]?.endsWith('.glb') ?? false;
      if (model) proxy.requests.push(proxy.mode);
      if (!model || proxy.mode === 'normal') {
        res.writeHead(upstream.status, { ...headers, 'content-length': String(body.length) });
        res.end(body);
        return;
      }
      const mode = proxy.mode;
      res.writeHead(200, { ...headers, 'content-length': String(body.length) });
      const perTick = Math.round((BYTES_PER_SECOND * TICK_MS) / 1000);
      const stopAt = mode === 'stall' ? 16 * 1024 : body.length;
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed) {
          clearInterval(timer);
          return;
        }
        const end = Math.min(at + perTick, stopAt);
        if (end > at) res.write(body.subarray(at, end));
        at = end;
        if (at >= body.length) {
          clearInterval(timer);
          res.end();
        }
        // A stalled response: the connection stays open and nothing more comes.
      }, TICK_MS);
      res.on('close', () => clearInterval(timer));
    })().catch((e: unknown) => {
      res.writeHead(502);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.server = server;
  proxy.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
});

afterAll(async () => {
  proxy.server?.closeAllConnections();
  await new Promise((resolve) => proxy.server?.close(resolve));
});

async function phone(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    hasTouch: true,
    isMobile: true,
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, close: () => context.close() };
}

/** The bytes the progress bar says have arrived (its aria-valuenow), or null without a bar. */
async function barBytes(page: Page): Promise<number | null> {
  const bar = page.getByRole('progressbar', { name: 'Loading the body model' });
  if ((await bar.count()) === 0) return null;
  const now = await bar.getAttribute('aria-valuenow');
  return now === null ? null : Number(now);
}

describe('loading on a slow network', () => {
  it('at 30 KB/s, lists the protocols and shows the step text and words while a progress bar moves', async () => {
    proxy.mode = 'throttle';
    proxy.requests = [];
    const { page, errors, close } = await phone();
    const started = Date.now();
    await page.goto(proxy.url);
    // The protocol list, before the model (≈ 580 KB, about 20 s at this rate) has arrived.
    const picker = page.locator('.protocol-picker select');
    await expect
      .poll(() => picker.locator('option').count(), { timeout: 15_000 })
      .toBeGreaterThan(5);
    const first = await barBytes(page);
    expect(first).not.toBeNull();
    const bar = page.getByRole('progressbar', { name: 'Loading the body model' });
    const total = Number(await bar.getAttribute('aria-valuemax'));
    expect(total).toBeGreaterThan(100 * 1024);
    expect(await bar.getAttribute('aria-valuetext')).toMatch(
      /^Loading the body model… \d+ of \d+ KB$/,
    );

    // A protocol chosen: its first step's title, text and the player's
    // controls are there while the model is still coming.
    await picker.selectOption('p1-hallux-valgus-adult-self');
    const title = page.locator('#step-title');
    await expect.poll(() => title.count(), { timeout: 15_000 }).toBe(1);
    expect((await title.textContent())?.trim()).toBeTruthy();
    const stepText = page.locator('.step-panel .step-text');
    expect((await stepText.textContent())?.trim().length).toBeGreaterThan(20);
    // The player's words for the step: technique, dose, intensity and the like.
    const facts = await page.locator('.step-panel .step-facts dd').allTextContents();
    expect(facts.filter((f) => f.trim().length > 0).length).toBeGreaterThan(1);
    const before = await title.textContent();
    await page.getByRole('button', { name: 'Next step' }).tap();
    await expect.poll(() => title.textContent()).not.toBe(before);
    const midway = await barBytes(page);
    expect(midway, 'the model had already arrived: the test did not see the text first').not.toBe(
      null,
    );
    await screenshot(page, 'loading-throttled-phone');

    // The bar moves: more bytes a second later, still less than all of them.
    await page.waitForTimeout(1500);
    const later = await barBytes(page);
    expect(later).not.toBeNull();
    expect(later).toBeGreaterThan(midway ?? 0);
    expect(later).toBeLessThan(total);
    expect(Date.now() - started).toBeLessThan(20_000);

    // Once all of it has arrived the bar goes and the body is drawn.
    await expect.poll(() => barBytes(page), { timeout: 60_000 }).toBeNull();
    await page.waitForFunction(() => window.footwork !== undefined, undefined, {
      timeout: 60_000,
    });
    expect(proxy.requests).toEqual(['throttle']);
    expect(errors).toEqual([]);
    await close();
  });

  it('when the model request stalls, says so and retries within 20 s, and the retry brings the body', async () => {
    proxy.mode = 'stall';
    proxy.requests = [];
    const { page, errors, close } = await phone();
    const started = Date.now();
    await page.goto(proxy.url);
    const panel = page.locator('.error-panel');
    await expect.poll(() => panel.count(), { timeout: 20_000 }).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await panel.locator('.error-message').textContent()).toBe(
      'The body model stopped downloading: nothing arrived for 10 s. Check the connection and try again.',
    );
    // The text is still there meanwhile.
    expect(await page.locator('.protocol-picker select option').count()).toBeGreaterThan(5);
    await screenshot(page, 'loading-stalled-phone');

    proxy.mode = 'normal';
    await panel.getByRole('button', { name: 'Try again' }).tap();
    await expect.poll(() => panel.count(), { timeout: 30_000 }).toBe(0);
    // The body is drawn from the retried download (the tap reached for the body too, so the
    // interactive 3D view takes over), and the bar is gone.
    await page.waitForFunction(
      () => window.footwork !== undefined && document.querySelector('.boot-canvas canvas') === null,
      undefined,
      { timeout: 60_000 },
    );
    expect(await barBytes(page)).toBeNull();
    expect(await panel.count()).toBe(0);
    // One stalled request, then the retry's own.
    expect(proxy.requests).toEqual(['stall', 'normal']);
    await screenshot(page, 'loading-retried-phone');
    expect(errors).toEqual([]);
    await close();
  });
});
