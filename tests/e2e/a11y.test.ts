/**
 * Accessibility: axe finds no violations in every mode (a protocol open and playing, the zone
 * panel open, the text mode without WebGL), focus is visible, reduced motion is honoured.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, useBuildAndBrowser, waitForFirstFrame } from './harness.ts';

const env = useBuildAndBrowser();

async function open(b: Browser, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
  // The CSP is checked in security.test.ts; here axe's own script has to run in the page.
  const context = await b.newContext({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.goto(url);
  return { page, close: () => context.close() };
}

describe('accessibility', () => {
  it('has no axe violations with a protocol open and playing, and with the zone panel open', async () => {
    const { page, close } = await open(
      env.browser,
      `${env.server.url}?protocol=p1-hallux-valgus-adult-self&step=3&side=L`,
    );
    await waitForFirstFrame(page);
    await expect.poll(() => page.locator('#step-title').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Play' }).click();
    await page.locator('.zone-list summary').click();
    await page
      .locator('.zone-list')
      .getByRole('button', { name: /^Bunion/ })
      .click();
    await expect.poll(() => page.locator('.zone-panel h2').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });

  it('has no axe violations in the text mode without WebGL', async () => {
    const noGl = await launchBrowser(['--disable-webgl', '--disable-3d-apis']);
    try {
      const { page, close } = await open(noGl, env.server.url);
      await expect
        .poll(() => page.locator('.protocol-text-item').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      await page.locator('.protocol-text-item summary').first().click();
      expect(await axeViolations(page)).toEqual([]);
      await close();
    } finally {
      await noGl.close();
    }
  });

  it('shows a visible focus ring on keyboard focus', async () => {
    const { page, close } = await open(env.browser, env.server.url);
    await waitForFirstFrame(page);
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(outline).not.toBeNull();
    expect(outline?.style).not.toBe('none');
    expect(outline?.width).toBeGreaterThanOrEqual(2);
    await close();
  });
});
