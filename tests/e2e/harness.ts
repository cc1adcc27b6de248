import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/lib/chromium.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHOTS_DIR = resolve(ROOT, 'test-results/screenshots');

/**
 * Serves the production build (`dist/`, made by `npm run build`; or the folder named by
 * FOOTWORK_DIST, for a build made with `vite build --outDir`) on 127.0.0.1.
 */
export async function serveBuild(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: PreviewServer = await preview({
    root: ROOT,
    logLevel: 'error',
    build: { outDir: process.env.FOOTWORK_DIST ?? 'dist' },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => server.close(),
  };
}

export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export async function newPage(
  browser: Browser,
  options: { width?: number; height?: number; reducedMotion?: 'reduce' | 'no-preference' } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 720 },
    reducedMotion: options.reducedMotion ?? 'reduce',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

/**
 * Resolves once the page has drawn the model's first frame and the interactive app has taken
 * over from the first-frame picture (its own canvas drawn, the picture removed). On a page that
 * shows no step yet the interactive 3D view loads when the user reaches for the body: a pointer
 * moving over the 3D area, as a user's would, asks for it.
 */
export async function waitForFirstFrame(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForFunction(
    () => {
      if (performance.getEntriesByName('footwork:first-frame').length === 0) return false;
      if (window.footwork === undefined)
        document
          .querySelector('.canvas-wrap')
          ?.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
      return document.getElementById('boot') === null && window.footwork !== undefined;
    },
    undefined,
    { timeout, polling: 100 },
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = resolve(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Waits until the camera has settled: two probe reads of a landmark agree. */
export async function screenPointWhenSettled(
  page: Page,
  landmark: string,
): Promise<{ x: number; y: number }> {
  let last: { x: number; y: number } | null = null;
  // Still over two intervals, not one: on a loaded machine a camera flight asked for by a click
  // may start a frame (a few hundred ms) later, after one quiet interval.
  let still = 0;
  for (let i = 0; i < 80; i++) {
    const p = await page.evaluate((key) => window.footwork?.screenPointOf(key) ?? null, landmark);
    if (!p) {
      // the 3D view loads on demand: its model may not be in the scene yet
      if (i === 79) throw new Error(`the model has no landmark lm:${landmark}`);
      await page.waitForTimeout(250);
      continue;
    }
    still = last && Math.hypot(p.x - last.x, p.y - last.y) < 0.5 ? still + 1 : 0;
    if (still >= 2) return p;
    last = p;
    await page.waitForTimeout(200);
  }
  throw new Error(`camera did not settle while locating ${landmark}`);
}

export type BuildServer = Awaited<ReturnType<typeof serveBuild>>;

/**
 * For one test file: serves the build and launches Chromium before its tests, closes both
 * after. Read `env.server` and `env.browser` inside tests (they are set by then).
 */
export function useBuildAndBrowser(): { server: BuildServer; browser: Browser } {
  const env = {} as { server: BuildServer; browser: Browser };
  beforeAll(async () => {
    env.server = await serveBuild();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser.close();
    await env.server.close();
  });
  return env;
}

/** axe's violations (WCAG 2.1 A/AA and best practice), as readable lines: rule, impact, elements. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`)
        .join(' | ')}`,
  );
}

/**
 * Resolves after the page has shown `frames` more animation frames: what a key press or a click
 * changed has been rendered by then (a positive signal before checking that nothing happened).
 */
export async function afterFrames(page: Page, frames = 2): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        let left = n;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    frames,
  );
}

/**
 * Waits until the motion and warnings of a step are derived: the step `stepId`, or by default
 * the step the step panel shows.
 */
export async function waitForStepDerived(
  page: Page,
  stepId?: string,
  timeout = 30_000,
): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const key = window.footwork?.derivedStep() ?? null;
      const step = id ?? document.querySelector('.step-panel')?.getAttribute('data-step');
      return key !== null && step != null && key.split('/')[1] === step;
    },
    stepId,
    { timeout, polling: 100 },
  );
}

/** Waits until the canvas has drawn `frames` more frames (while something plays or moves). */
export async function drawnFrames(page: Page, frames: number, timeout = 30_000): Promise<void> {
  const count = () => page.evaluate(() => window.footwork?.frameCount() ?? 0);
  const start = await count();
  await page.waitForFunction(
    (target) => (window.footwork?.frameCount() ?? 0) >= target,
    start + frames,
    { timeout, polling: 100 },
  );
}

/** Waits until the canvas stops drawing (camera flights and the like have settled). */
export async function settle(page: Page): Promise<void> {
  let last = -1;
  for (let i = 0; i < 60; i++) {
    const now = await page.evaluate(() => window.footwork?.frameCount() ?? 0);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(300);
  }
  throw new Error('the canvas kept drawing');
}

/** A slow mobile connection for `page` (about Lighthouse's slow 4G): 1.6 Mbit/s, 150 ms round trips. */
export async function slowMobileNetwork(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1600 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
}
