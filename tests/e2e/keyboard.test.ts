/**
 * A keyboard-only walk, no mouse: pick a protocol, play, step, open a zone from the zone list,
 * switch the view, switch mode.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot, useBuildAndBrowser, waitForFirstFrame } from './harness.ts';

const env = useBuildAndBrowser();

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after 120. */
async function tabTo(page: Page, selector: string, backwards = false): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element shows a focus outline. */
async function focusVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  });
}

describe('keyboard', () => {
  it('picks a protocol, plays, steps, opens a zone, switches the view and the mode without a mouse', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.goto(env.server.url);
    await waitForFirstFrame(page);
    await expect
      .poll(() => page.locator('.protocol-picker select option').count(), { timeout: 30_000 })
      .toBeGreaterThan(1);

    // Pick the first protocol with the arrow keys.
    await tabTo(page, '.protocol-picker select');
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('ArrowDown');
    const firstTitle = page.locator('#step-title');
    await expect.poll(() => firstTitle.count()).toBe(1);
    expect(await page.locator('.step-kicker').textContent()).toMatch(/· step 1$/);

    // Play with Enter on the Play button.
    await tabTo(page, '.player-controls button.primary');
    expect(await focusVisible(page)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Play');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Pause');
    // ... and pause with Space.
    await page.keyboard.press('Space');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Play');

    // Next step.
    const before = await firstTitle.textContent();
    await tabTo(page, 'button[aria-label="Next step"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => firstTitle.textContent()).not.toBe(before);
    expect(await page.locator('.step-kicker').textContent()).toMatch(/· step 2$/);

    // Open the zone list and a zone from it.
    await tabTo(page, '.zone-list summary');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.zone-list').getAttribute('open')).not.toBeNull();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.zone-list') !== null)).toBe(
      true,
    );
    const zoneName = await page.evaluate(
      () => document.activeElement?.firstChild?.textContent ?? '',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.zone-panel h2').textContent()).toContain(zoneName);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed'))).toBe(
      'true',
    );

    // Switch the view from the toolbar.
    await tabTo(page, '.toolbar [data-view="plantar"]', true);
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.toolbar [data-view="plantar"]').getAttribute('aria-pressed'))
      .toBe('true');
    await screenshot(page, 'keyboard-walk');

    // Switch mode: Present, then Train, then back to Learn, from the header.
    for (const mode of ['present', 'train', 'learn'] as const) {
      await tabTo(page, `.mode-switch button[data-mode="${mode}"]`, true);
      expect(await focusVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.app').getAttribute('data-mode')).toBe(mode);
      expect(
        await page.locator(`.mode-switch button[data-mode="${mode}"]`).getAttribute('aria-pressed'),
      ).toBe('true');
      if (mode === 'learn')
        expect(await page.evaluate(() => window.location.search)).not.toContain('mode=');
      else expect(await page.evaluate(() => window.location.search)).toContain(`mode=${mode}`);
    }
    // Present's own start button and Train's trainee field are reachable by Tab too.
    await tabTo(page, `.mode-switch button[data-mode="present"]`, true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.app').getAttribute('data-mode')).toBe('present');
    await expect.poll(() => page.locator('.side-panels button').count()).toBeGreaterThan(0);
    await tabTo(page, '.side-panels button:not([disabled])');
    expect(await focusVisible(page)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
