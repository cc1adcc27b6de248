import { describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newPage,
  screenPointWhenSettled,
  screenshot,
  settle,
  useBuildAndBrowser,
  waitForFirstFrame,
} from './harness.ts';

const env = useBuildAndBrowser();

describe('viewer', () => {
  it('draws the body, names the zone under the pointer and opens the bunion and knee with avoid warnings', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.goto(env.server.url);
    await waitForFirstFrame(page);
    await screenshot(page, 'viewer-whole-body');

    // The inner side of the left foot: the bunion faces the camera.
    await page.getByRole('button', { name: 'Left foot' }).click();
    await page.getByRole('button', { name: 'Inner side' }).click();
    let bunion = await screenPointWhenSettled(page, 'bunion_apex.L');
    await expect
      .poll(
        async () => {
          // Where the view was still moving when first read, the pointer follows the bunion.
          bunion = await screenPointWhenSettled(page, 'bunion_apex.L');
          await page.mouse.move(bunion.x, bunion.y);
          return page.locator('.hover-label').textContent();
        },
        { timeout: 20_000 },
      )
      .toBe('Bunion (left)');
    await page.mouse.click(bunion.x, bunion.y);
    const panel = page.locator('.zone-panel');
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Bunion (left)');
    expect(await panel.getByRole('alert').textContent()).toContain('Avoid');
    await screenshot(page, 'viewer-bunion-selected');

    // The knee from the whole-body view.
    await page.getByRole('button', { name: 'Whole body' }).click();
    const knee = await screenPointWhenSettled(page, 'knee_lateral.L');
    await page.mouse.click(knee.x, knee.y);
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Knee joint (left)');
    expect(await panel.getByRole('alert').textContent()).toContain('weak link');
    await screenshot(page, 'viewer-knee-selected');

    // A zone that is not avoided shows no warning.
    const calf = await screenPointWhenSettled(page, 'thigh_front_center.L');
    await page.mouse.click(calf.x, calf.y);
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Front of the thigh (left)');
    expect(await panel.getByRole('alert').count()).toBe(0);
    // ... and lists the protocol steps that work on it, each with its source by its code (not
    // the file name).
    await expect.poll(() => panel.locator('.usage li').count()).toBeGreaterThan(0);
    const usage = await panel.locator('.usage li').first().textContent();
    expect(usage).toMatch(/\(source \d{3}\)$/);
    expect(usage).not.toMatch(/\.txt/);
    await screenshot(page, 'viewer-thigh-selected');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('flies to every preset view and back with reset', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.goto(env.server.url);
    await waitForFirstFrame(page);
    const heelAt = () => screenPointWhenSettled(page, 'heel_back.R');
    await page.getByRole('button', { name: 'Right foot' }).click();
    const seen = new Map<string, { x: number; y: number }>();
    for (const view of ['Inner side', 'Outer side', 'Top of foot', 'Sole', 'Back', 'Front']) {
      await page.getByRole('button', { name: view, exact: true }).click();
      seen.set(view, await heelAt());
      await screenshot(page, `viewer-view-right-${view.toLowerCase().replaceAll(' ', '-')}`);
    }
    // Different views put the heel in different places on screen.
    const points = [...seen.values()];
    const distinct = new Set(points.map((p) => `${Math.round(p.x / 20)}:${Math.round(p.y / 20)}`));
    expect(distinct.size).toBeGreaterThanOrEqual(5);
    await page.getByRole('button', { name: 'Reset view' }).click();
    const reset = await heelAt();
    await page.getByRole('button', { name: 'Whole body' }).click();
    const whole = await heelAt();
    expect(Math.hypot(reset.x - whole.x, reset.y - whole.y)).toBeLessThan(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a chosen view when the language changes or a mode is left and entered again', async () => {
    const { context, page, errors } = await newPage(env.browser);
    await page.goto(`${env.server.url}?protocol=p1-hallux-valgus-adult-self&step=3&side=L&lang=en`);
    await waitForFirstFrame(page);
    const wholeButton = page.getByRole('button', { name: 'Whole body' });
    // The camera has framed the step once no preset view is chosen any more.
    await expect
      .poll(() => wholeButton.getAttribute('aria-pressed'), { timeout: 30_000 })
      .toBe('false');
    // Where the heel is once the camera has flown and the canvas has drawn it.
    const heelAt = async () => {
      await settle(page);
      return screenPointWhenSettled(page, 'heel_back.L');
    };
    const framed = await heelAt();

    await wholeButton.click();
    await expect.poll(() => page.evaluate(() => window.location.search)).toContain('view=whole');
    const whole = await heelAt();
    // The whole-body view is not the step's close-up.
    expect(Math.hypot(whole.x - framed.x, whole.y - framed.y)).toBeGreaterThan(50);

    await page.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ru');
    const afterSwitch = await heelAt();
    expect(Math.hypot(afterSwitch.x - whole.x, afterSwitch.y - whole.y)).toBeLessThan(2);
    expect(await page.evaluate(() => window.location.search)).toContain('view=whole');

    await page.locator('.mode-switch button[data-mode="present"]').click();
    await expect.poll(() => page.locator('.app').getAttribute('data-mode')).toBe('present');
    await expect.poll(() => page.locator('.present-caption').count()).toBe(1);
    await page.locator('.mode-switch button[data-mode="learn"]').click();
    await expect.poll(() => page.locator('.step-panel').count()).toBe(1);
    const afterModes = await heelAt();
    expect(Math.hypot(afterModes.x - whole.x, afterModes.y - whole.y)).toBeLessThan(2);
    expect(await page.evaluate(() => window.location.search)).toContain('view=whole');
    await screenshot(page, 'viewer-view-kept-after-language-switch');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a clear message and the zone text when WebGL is unavailable', async () => {
    const noGl = await launchBrowser(['--disable-webgl', '--disable-3d-apis']);
    try {
      const { page } = await newPage(noGl);
      await page.goto(env.server.url);
      const alert = page.getByRole('alert').first();
      await expect.poll(() => alert.locator('h2').textContent()).toBe('3D view unavailable');
      expect(await page.locator('.zone-text dt').count()).toBeGreaterThan(20);
      expect(await page.locator('canvas').count()).toBe(0);
      await screenshot(page, 'viewer-no-webgl');
    } finally {
      await noGl.close();
    }
  });
});
