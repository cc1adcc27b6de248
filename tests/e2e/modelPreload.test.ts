/**
 * The first view downloads the one body model it shows, as early as the HTML can start it: a
 * child's protocol link fetches the child's model and never the adult's, and an adult link's
 * model download starts while the app's entry script is still arriving (in parallel with the
 * code, not after it). Service workers are blocked: their precache of both models for offline
 * use is not part of the first view.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { slowMobileNetwork, useBuildAndBrowser, waitForFirstFrame } from './harness.ts';

const env = useBuildAndBrowser();

async function openPage(search: string, slow: boolean): Promise<{ page: Page; urls: string[] }> {
  const context = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on('request', (r) => urls.push(new URL(r.url()).pathname));
  // A slow mobile connection, so that the code takes a while.
  if (slow) await slowMobileNetwork(context, page);
  await page.goto(`${env.server.url}${search}`);
  return { page, urls };
}

describe('first view model download', () => {
  it("fetches only the child's model on a child's protocol link", async () => {
    const { page, urls } = await openPage('?protocol=p2-hallux-valgus-child&step=1&side=L', false);
    try {
      await waitForFirstFrame(page);
      await page.waitForLoadState('networkidle');
      const models = urls.filter((u) => /\/body-\w+-[\w-]+\.glb$/.test(u));
      expect(
        models.some((u) => /\/body-child-/.test(u)),
        models.join(', '),
      ).toBe(true);
      expect(models.filter((u) => /\/body-adult-/.test(u))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("starts an adult link's model download before the app's entry script has arrived", async () => {
    const { page } = await openPage('?protocol=p1-hallux-valgus-adult-self&step=1&side=L', true);
    try {
      const timing = async () =>
        page.evaluate(() => {
          const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          const entry = document.querySelector<HTMLScriptElement>('script[type=module][src]')?.src;
          return {
            model: entries.find((e) => /\/body-adult-[\w-]+\.glb$/.test(e.name))?.startTime,
            entryEnd: entries.find((e) => e.name === entry)?.responseEnd,
          };
        });
      // Resource entries appear once a download has ended: wait for both.
      await expect
        .poll(
          async () => {
            const t = await timing();
            return t.model !== undefined && t.entryEnd !== undefined;
          },
          { timeout: 60_000, interval: 200 },
        )
        .toBe(true);
      const { model, entryEnd } = await timing();
      expect(model).toBeLessThan(entryEnd ?? 0);
    } finally {
      await page.context().close();
    }
  });
});
