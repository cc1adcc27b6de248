/**
 * The phone's first view does not jump: on a slow mobile network (so that the app's code and
 * styles arrive while the page's own skeleton is on screen) the cumulative layout shift up to the
 * moment the body model is shown stays under 0.1, Core Web Vitals' "good". Read with a
 * PerformanceObserver of 'layout-shift' (buffered, so that shifts before it was made count too).
 */
import { describe, expect, it } from 'vitest';
import { screenshot, slowMobileNetwork, useBuildAndBrowser } from './harness.ts';

const env = useBuildAndBrowser();

interface Shift {
  value: number;
  recentInput: boolean;
  sources: string[];
}

describe('phone first view', () => {
  it('shifts its layout by less than 0.1 until the model is shown', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
    });
    try {
      await context.addInitScript(() => {
        const shifts: Shift[] = [];
        (window as unknown as { layoutShifts: Shift[] }).layoutShifts = shifts;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
            sources: { node: Node | null }[];
          })[])
            shifts.push({
              value: e.value,
              recentInput: e.hadRecentInput,
              sources: e.sources.map((s) =>
                s.node instanceof Element
                  ? `${s.node.tagName.toLowerCase()}.${s.node.className}`
                  : String(s.node?.nodeName),
              ),
            });
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const page = await context.newPage();
      await slowMobileNetwork(context, page);
      await page.goto(env.server.url);
      // The model is shown: the first frame's picture is drawn and the app has taken the page over.
      await page.waitForFunction(
        () =>
          performance.getEntriesByName('footwork:first-frame').length > 0 &&
          document.getElementById('boot') === null,
        undefined,
        { timeout: 50_000, polling: 100 },
      );
      await screenshot(page, 'layout-shift-phone');
      const shifts = await page.evaluate(
        () => (window as unknown as { layoutShifts: Shift[] }).layoutShifts,
      );
      const cls = shifts.filter((s) => !s.recentInput).reduce((sum, s) => sum + s.value, 0);
      expect(cls, JSON.stringify(shifts)).toBeLessThan(0.1);
    } finally {
      await context.close();
    }
  }, 60_000);
});
