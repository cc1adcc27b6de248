/**
 * Layouts and touch, on the devices people use: the parent's phone (390×844, touch), the
 * clinician's tablet upright and on its side (768×1024, 1024×768, touch), the student's laptop
 * (1366×768) and the clinic's desktop (1920×1080), in English and Russian. Nothing is wider than
 * the screen, the step's title, words, direction and Play / Next are on the first screen (on the
 * tablet on its side and wider, its warnings and cautions too), every control on a touch screen
 * is at least 44×44 px, axe finds nothing. The side is chosen in one place; the file chooser
 * speaks the page's language; a compass over the view says where the head and the toes are; a
 * first tap made while the body loads is answered. The presentation is driven by taps and a swipe
 * only, a drag does not turn the body while it runs, and the safety check comes before it. Train's
 * trace is drawn with a finger on the phone.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  afterFrames,
  axeViolations,
  screenPointWhenSettled,
  screenshot,
  useBuildAndBrowser,
  waitForFirstFrame,
  waitForStepDerived,
} from './harness.ts';

const env = useBuildAndBrowser();

const DEVICES = [
  { name: 'phone', width: 390, height: 844, touch: true },
  { name: 'tablet-portrait', width: 768, height: 1024, touch: true },
  { name: 'tablet-landscape', width: 1024, height: 768, touch: true },
  { name: 'laptop', width: 1366, height: 768, touch: false },
  { name: 'desktop', width: 1920, height: 1080, touch: false },
] as const;
type Device = (typeof DEVICES)[number];

/** The child's daily course, as a clinician hands it to a parent. */
const P6 = 'p6-hallux-valgus-child-course';

async function open(
  device: Device,
  query: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await env.browser.newContext({
    viewport: { width: device.width, height: device.height },
    hasTouch: device.touch,
    isMobile: device.touch,
    reducedMotion: 'reduce',
    // axe's script has to run in the page (the CSP is checked in security.test.ts).
    bypassCSP: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}${query}`);
  await waitForFirstFrame(page);
  return { context, page, errors };
}

/** The page's width and every visible element wider than the screen. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const wide: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > vw + 0.5)
        wide.push(
          `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${String(r.width)}`,
        );
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewport: vw, wide };
  });
}

/**
 * Every visible control smaller than 44×44 px. A checkbox or radio is measured by the label
 * that holds it (the label is what a finger hits).
 */
function smallTargets(page: Page) {
  return page.evaluate(() => {
    const selector =
      'button, a[href], select, input, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.closest('[hidden], [inert]') || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      // Inside a closed <details> only its summary is shown.
      const closed = el.closest('details:not([open])');
      if (closed && el.tagName !== 'SUMMARY') continue;
      if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
      const target =
        el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')
          ? (el.closest('label') ?? el)
          : el;
      const r = target.getBoundingClientRect();
      if (r.width < 43.5 || r.height < 43.5) {
        const name = (
          el.getAttribute('aria-label') ??
          (el instanceof HTMLInputElement
            ? `${el.type} ${el.labels?.[0]?.textContent ?? ''}`
            : '') + el.textContent
        )
          .trim()
          .slice(0, 30);
        small.push(
          `${el.tagName.toLowerCase()} "${name}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`,
        );
      }
    }
    return small;
  });
}

/** Whether an element lies wholly inside the first screen (and is not covered at its centre). */
function onFirstScreen(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return `${sel}: missing`;
    const r = el.getBoundingClientRect();
    const inside =
      r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
    if (!inside)
      return `${sel}: at ${r.left.toFixed(0)},${r.top.toFixed(0)}–${r.right.toFixed(0)},${r.bottom.toFixed(0)}`;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && (hit === el || el.contains(hit)) ? 'ok' : `${sel}: covered`;
  }, selector);
}

describe('layouts on phone, tablet and laptop', () => {
  for (const device of DEVICES)
    for (const lang of ['en', 'ru'] as const)
      it(`fits the screen, shows the step and its controls first, has finger-sized targets (${device.name}, ${lang})`, async () => {
        const { context, page, errors } = await open(
          device,
          `?lang=${lang}&protocol=${P6}&step=9&side=L`,
        );
        await waitForStepDerived(page);
        await expect.poll(() => page.locator('#step-title').count()).toBe(1);

        const o = await overflow(page);
        expect(o.wide).toEqual([]);
        expect(o.scrollWidth).toBe(device.width);

        // The step's title, its words, Play and Next on the first screen, without scrolling.
        expect(await onFirstScreen(page, '#step-title')).toBe('ok');
        expect(await onFirstScreen(page, '.step-text')).toBe('ok');
        expect(await onFirstScreen(page, '.player-controls button.primary')).toBe('ok');
        expect(await onFirstScreen(page, '.player-controls .row button:nth-of-type(3)')).toBe('ok');
        // The language switch is on screen (it was off to the right on a phone).
        expect(await onFirstScreen(page, '.lang-switch')).toBe('ok');
        // Which way the stroke goes, right under the words.
        expect(await onFirstScreen(page, '.step-direction')).toBe('ok');
        // The side is chosen in one place: the view's Left foot / Right foot, showing the step's.
        expect(await page.locator('button[data-side]').count()).toBe(2);
        expect(await page.locator('.player-controls button[aria-pressed]').count()).toBe(0);
        expect(await page.locator('button[data-side="L"]').getAttribute('aria-pressed')).toBe(
          'true',
        );

        if (device.touch) expect(await smallTargets(page)).toEqual([]);
        await screenshot(page, `layout-${device.name}-${lang}`);

        // Scrolled to the end of the panels, the bar with Play stays in reach on a phone.
        await page.evaluate(() => {
          const box = document.querySelector('.side-panels');
          if (box) box.scrollTop = box.scrollHeight;
        });
        await afterFrames(page);
        if (device.name === 'phone')
          expect(await onFirstScreen(page, '.player-controls button.primary')).toBe('ok');
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `layout-${device.name}-${lang}-scrolled`);
        expect(errors).toEqual([]);
        await context.close();
      });

  for (const device of DEVICES)
    it(`opens a first visit on a short guide with a protocol one tap away (${device.name})`, async () => {
      const { context, page, errors } = await open(device, '?lang=en');
      const guide = page.locator('.first-run');
      await expect.poll(() => guide.count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => guide.locator('.first-run-suggested button').count()).toBe(3);
      expect(await guide.textContent()).toContain('Drag to turn the body');
      expect((await overflow(page)).wide).toEqual([]);
      if (device.touch) expect(await smallTargets(page)).toEqual([]);
      // Disabled buttons look disabled.
      const exportButton = page.getByRole('button', { name: 'Export protocol' });
      expect(await exportButton.isDisabled()).toBe(true);
      expect(Number(await exportButton.evaluate((b) => getComputedStyle(b).opacity))).toBeLessThan(
        0.6,
      );
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `first-run-${device.name}`);

      const first = guide.locator('.first-run-suggested button').first();
      if (device.touch) await first.tap();
      else await first.click();
      await expect.poll(() => page.locator('#step-title').count()).toBe(1);
      expect(await guide.count()).toBe(0);
      expect(await onFirstScreen(page, '#step-title')).toBe('ok');

      // Dismissed, it stays away on the next visit.
      await page.goto(`${env.server.url}?lang=en`);
      await waitForFirstFrame(page);
      await expect.poll(() => page.locator('.first-run').count(), { timeout: 30_000 }).toBe(1);
      await page.getByRole('button', { name: 'Got it' }).click();
      expect(await page.locator('.first-run').count()).toBe(0);
      await page.reload();
      await waitForFirstFrame(page);
      await expect.poll(() => page.locator('.protocol-picker').count()).toBe(1);
      expect(await page.locator('.first-run').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });

  it('names a tapped zone over the view, on a phone', async () => {
    const phone = DEVICES[0];
    const { context, page, errors } = await open(phone, `?lang=ru&protocol=${P6}&step=9&side=L`);
    await waitForStepDerived(page);
    const chip = page.locator('.zone-chip');
    const named = chip.locator('.zone-chip-name:not(.zone-chip-preparing)');
    // A tap kept while the body gets ready is answered where the finger was once the view is
    // still; where the view has moved under it since, nothing is named and a person taps again:
    // tap until the chip names a zone (not "getting ready"), a few times at most.
    for (let i = 0; i < 5 && (await named.count()) === 0; i++) {
      const at = await screenPointWhenSettled(page, 'heel_back.L');
      await page.touchscreen.tap(at.x, at.y);
      await expect
        .poll(() => named.count(), { timeout: 6_000 })
        .toBe(1)
        .catch(() => undefined);
    }
    await expect.poll(() => named.count(), { timeout: 15_000 }).toBe(1);
    expect(await chip.isVisible()).toBe(true);
    expect(await named.textContent()).toMatch(/\S/);
    expect(await onFirstScreen(page, '.zone-chip')).toBe('ok');
    await screenshot(page, 'layout-phone-zone-tapped');
    await chip.getByRole('button').tap();
    await expect.poll(() => chip.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** A one-finger drag on the screen through the DevTools protocol (real touch events). */
async function touchDrag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await touchPath(page, [from, to], 8);
}

/** One finger down at the first point, through the others in `steps` moves each, then up. */
async function touchPath(
  page: Page,
  points: readonly { x: number; y: number }[],
  steps: number,
): Promise<void> {
  const first = points.at(0);
  if (!first) throw new Error('no points');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [first] });
  let from = first;
  for (const to of points.slice(1)) {
    for (let i = 1; i <= steps; i++) {
      const x = from.x + ((to.x - from.x) * i) / steps;
      const y = from.y + ((to.y - from.y) * i) / steps;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
    }
    from = to;
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** Waits until the first-frame picture has given way to the interactive view. */
async function bootPictureGone(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.boot-canvas canvas').count(), { timeout: 30_000 }).toBe(0);
}

/** Clockwise from straight up on the screen, degrees, of the line from `a` to `b`. */
function screenAngle(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return ((Math.atan2(b.x - a.x, a.y - b.y) * 180) / Math.PI + 360) % 360;
}

/** How far apart two angles are, 0–180 degrees. */
function angleGap(a: number, b: number): number {
  return Math.abs(((a - b + 540) % 360) - 180);
}

/** The angle the cue's arrow (`.orient-head` or `.orient-toes`) is drawn at, or null when hidden. */
function cueAngle(page: Page, arrow: string): Promise<number | null> {
  return page.evaluate((sel) => {
    const g = document.querySelector(sel);
    if (!(g instanceof SVGGElement) || g.style.display === 'none') return null;
    const m = /rotate\((-?[\d.]+)/.exec(g.getAttribute('transform') ?? '');
    return m ? Number(m[1]) : null;
  }, arrow);
}

describe('the step and what is around it, for the clinician and the parent', () => {
  for (const device of [DEVICES[2], DEVICES[3]])
    it(`shows the step's direction, what not to massage and its cautions on the first screen (${device.name}, ru)`, async () => {
      // Step 2: long words, a direction, an area not to massage and a caution.
      const { context, page, errors } = await open(device, `?lang=ru&protocol=${P6}&step=2&side=L`);
      await waitForStepDerived(page);
      await expect.poll(() => page.locator('.step-panel .avoid-warning').count()).toBe(1);
      for (const sel of [
        '#step-title',
        '.step-text',
        '.step-direction',
        '.step-panel .avoid-warning',
        '.step-panel .cautions',
        '.player-controls button.primary',
      ])
        expect(await onFirstScreen(page, sel)).toBe('ok');
      await screenshot(page, `layout-${device.name}-ru-step2`);
      expect(errors).toEqual([]);
      await context.close();
    });

  it('shows where the head and the toes are in a close-up, and which foot, following the view (tablet)', async () => {
    const { context, page, errors } = await open(
      DEVICES[2],
      `?lang=en&protocol=${P6}&step=9&side=L`,
    );
    await waitForStepDerived(page);
    await bootPictureGone(page);
    const cue = page.locator('.orient-cue');
    await expect.poll(() => cue.isVisible()).toBe(true);
    expect(await cue.locator('.orient-side').textContent()).toBe('Left foot');
    expect(await cue.locator('.orient-word-head').textContent()).toMatch(/^Head/);
    expect(await onFirstScreen(page, '.orient-cue')).not.toMatch(/missing|at /);

    // The toes' arrow runs the way the foot runs on the screen, from the heel to the big toe.
    const toesOnScreen = async () =>
      screenAngle(
        await screenPointWhenSettled(page, 'heel_back.L'),
        await screenPointWhenSettled(page, 'first_mtp_center.L'),
      );
    const before = await toesOnScreen();
    await expect.poll(() => cueAngle(page, '.orient-toes')).not.toBe(null);
    const drawnBefore = (await cueAngle(page, '.orient-toes')) ?? NaN;
    expect(angleGap(drawnBefore, before)).toBeLessThan(30);
    await screenshot(page, 'orientation-cue-tablet');

    // Seen from the top of the foot, the arrow turns with the foot.
    await page.getByRole('button', { name: 'Top of foot' }).tap();
    await expect.poll(async () => angleGap(await toesOnScreen(), before) > 10).toBe(true);
    const after = await toesOnScreen();
    await expect
      .poll(async () => angleGap((await cueAngle(page, '.orient-toes')) ?? NaN, after) < 30)
      .toBe(true);
    await screenshot(page, 'orientation-cue-tablet-top-of-foot');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers a first tap on the body made while the body is still loading (phone)', async () => {
    // Where the front of the left thigh is on the first view (a visit that has loaded it).
    const phone = DEVICES[0];
    const seen = await open(phone, '?lang=en');
    const thigh = await screenPointWhenSettled(seen.page, 'thigh_front_center.L');
    await seen.context.close();

    // A fresh visit: the first picture is up, the 3D view not yet loaded; the finger taps there.
    const context = await env.browser.newContext({
      viewport: { width: phone.width, height: phone.height },
      hasTouch: true,
      isMobile: true,
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The 3D view's code arrives late, as on a slow network: held until the finger has tapped.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/Viewer-[\w-]+\.js$/, async (route) => {
      await held;
      await route.fallback();
    });
    await page.goto(`${env.server.url}?lang=en`);
    await page.waitForFunction(
      () => performance.getEntriesByName('footwork:first-frame').length > 0,
      undefined,
      { timeout: 60_000, polling: 100 },
    );
    // The page itself is up (its 3D area takes taps), the 3D view still held back.
    await page.locator('.canvas-wrap').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('#boot').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.evaluate(() => window.footwork === undefined)).toBe(true);
    await page.touchscreen.tap(thigh.x, thigh.y);
    const chip = page.locator('.zone-chip');
    // Meanwhile the chip says the body is getting ready; then it names the zone under the tap (the
    // first picture and the 3D view frame the body alike, not to the pixel: a zone of the body).
    await expect
      .poll(() => chip.locator('.zone-chip-preparing').isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await chip.textContent()).toBe('Getting the body ready for taps…');
    release();
    await expect
      .poll(() => chip.locator('.zone-chip-preparing').count(), { timeout: 45_000 })
      .toBe(0);
    expect(await chip.isVisible()).toBe(true);
    expect(await chip.locator('.zone-chip-name').textContent()).toMatch(/\S/);
    expect(await chip.getByRole('button').count()).toBe(1);
    await screenshot(page, 'layout-phone-early-tap');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("chooses a protocol file through a button in the page's language (tablet, ru)", async () => {
    const { context, page, errors } = await open(
      DEVICES[1],
      `?lang=ru&protocol=${P6}&step=1&side=L`,
    );
    const label = page.locator('.protocol-import label.file-button');
    await expect.poll(() => label.count(), { timeout: 30_000 }).toBe(1);
    await label.scrollIntoViewIfNeeded();
    expect((await label.textContent())?.trim()).toBe('Импортировать файл протокола…');
    // The browser's own input (with its "Choose File") is not drawn; it covers the label, so the
    // finger lands on it wherever it taps.
    const input = label.locator('input[type=file]');
    expect(await input.evaluate((i) => getComputedStyle(i).opacity)).toBe('0');
    const lb = await label.boundingBox();
    const ib = await input.boundingBox();
    if (!lb || !ib) throw new Error('no file button');
    expect(Math.abs(lb.width - ib.width)).toBeLessThan(3);
    expect(Math.abs(lb.height - ib.height)).toBeLessThan(3);
    expect(lb.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'layout-tablet-portrait-ru-import');
    const chooser = page.waitForEvent('filechooser');
    await label.tap();
    await (
      await chooser
    ).setFiles({ name: 'clinic.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
    await expect
      .poll(() => page.locator('.protocol-import .import-problems').textContent())
      .toContain('Файл clinic.json не импортирован');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers the safety check in Present, before the presentation starts (tablet, ru)', async () => {
    const { context, page, errors } = await open(
      DEVICES[2],
      `?lang=ru&mode=present&protocol=${P6}&step=1&side=L`,
    );
    const check = page.locator('.present-start .safety-check');
    await expect.poll(() => check.count(), { timeout: 30_000 }).toBe(1);
    // Folded to its summary line, above Start.
    expect(await check.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(
      await page.evaluate(() => {
        const c = document.querySelector('.present-start .safety-check');
        const start = document.querySelector('.present-start > button.primary');
        return !!c && !!start && (c.compareDocumentPosition(start) & 4) !== 0;
      }),
    ).toBe(true);
    const summary = check.locator('summary');
    expect(await summary.textContent()).toBe('Проверка безопасности: ничего не отмечено');
    await summary.tap();
    await expect.poll(() => check.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await check.locator('.safety-list label').first().tap();
    await expect.poll(() => check.locator('.safety-count').textContent()).toBe('отмечено: 1');
    expect(await smallTargets(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'present-safety-tablet-landscape-ru');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('traces a stroke with a finger on the phone, the page and the body still meanwhile', async () => {
    const { context, page, errors } = await open(
      DEVICES[0],
      '?lang=en&mode=train&protocol=p4-classic-lower-limb&step=3&side=L',
    );
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Step', exact: true }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await page.getByLabel("New trainee's name").fill('Anna');
    await page.getByRole('button', { name: 'Start', exact: true }).tap();
    await expect
      .poll(() => page.getByTestId('current-trainee').textContent())
      .toBe('Training: Anna');
    const traceButton = page.getByRole('button', { name: 'Trace on the body' });
    await traceButton.tap();
    await expect.poll(() => traceButton.getAttribute('aria-pressed')).toBe('true');

    // Along the calf, from the Achilles tendon up; every point on the body, none under a button.
    const points: { x: number; y: number }[] = [];
    for (const lm of ['achilles_low.L', 'calf_center.L', 'calf_high.L'])
      points.push(await screenPointWhenSettled(page, lm));
    for (const p of points)
      expect(
        await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName, [p.x, p.y]),
      ).toBe('CANVAS');
    const scrolled = () =>
      page.evaluate(() => ({
        page: document.scrollingElement?.scrollTop ?? 0,
        panels: document.querySelector('.side-panels')?.scrollTop ?? 0,
      }));
    const scrollBefore = await scrolled();
    const start = points.at(0) ?? { x: 0, y: 0 };
    await touchPath(page, points, 12);
    await expect
      .poll(() => page.locator('.train-score[data-score]').count(), { timeout: 20_000 })
      .toBe(1);
    // The finger drew: it neither scrolled the page or the sheet nor turned the body.
    expect(await scrolled()).toEqual(scrollBefore);
    const startAfter = await screenPointWhenSettled(page, 'achilles_low.L');
    expect(Math.hypot(startAfter.x - start.x, startAfter.y - start.y)).toBeLessThan(1);
    await screenshot(page, 'train-trace-phone-finger');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Present by touch', () => {
  for (const device of [DEVICES[2], DEVICES[0]])
    it(`steps through three steps with taps and one swipe, the body still under a drag (${device.name})`, async () => {
      const { context, page, errors } = await open(
        device,
        `?lang=en&mode=present&protocol=${P6}&step=1&side=L`,
      );
      await expect
        .poll(() => page.locator('.present-caption').count(), { timeout: 30_000 })
        .toBe(1);
      const hint = await page.locator('#present-start-hint').textContent();
      expect(hint).toMatch(/touch/i);
      expect(hint).toMatch(/Space/);
      // Before presenting, a drag on the view turns the body (what the lock below must stop).
      const free = await page.evaluate(() => {
        const c = document.querySelector('.canvas-wrap canvas');
        if (!c) return null;
        const r = c.getBoundingClientRect();
        for (let y = r.top + 60; y < r.bottom - 60; y += 10)
          if (document.elementFromPoint(r.left + r.width / 2, y) === c)
            return { x: r.left + r.width / 2 - 60, y };
        return null;
      });
      if (!free) throw new Error('the captions cover the whole view');
      const start = await screenPointWhenSettled(page, 'heel_back.L');
      await touchDrag(page, free, { x: free.x + 150, y: free.y + 40 });
      const turned = await screenPointWhenSettled(page, 'heel_back.L');
      expect(Math.hypot(turned.x - start.x, turned.y - start.y)).toBeGreaterThan(5);

      await page.getByRole('button', { name: 'Start presenting' }).tap();
      const briefing = page.locator('.present-briefing');
      await expect.poll(() => briefing.count()).toBe(1);
      expect(await briefing.locator('.present-touch-hint').textContent()).toMatch(/swipe/);
      await page.getByRole('button', { name: 'Start with step 1' }).tap();
      const counter = page.locator('.present-counter');
      await expect.poll(() => counter.textContent()).toBe('Step 1 of 16');

      // Back / Pause / Next on the presentation, large enough for a finger.
      const transport = page.locator('.present-transport');
      for (const name of ['Back', 'Pause', 'Next']) {
        const box = await transport.getByRole('button', { name }).boundingBox();
        expect(box?.width).toBeGreaterThanOrEqual(44);
        expect(box?.height).toBeGreaterThanOrEqual(44);
      }
      expect(await smallTargets(page)).toEqual([]);
      expect((await overflow(page)).wide).toEqual([]);
      await screenshot(page, `present-touch-${device.name}-step1`);

      await transport.getByRole('button', { name: 'Next' }).tap();
      await expect.poll(() => counter.textContent()).toBe('Step 2 of 16');

      // A swipe to the left on the caption: the next step.
      const caption = await page.locator('.present-caption').boundingBox();
      if (!caption) throw new Error('no caption');
      const y = caption.y + caption.height / 2;
      await touchDrag(
        page,
        { x: caption.x + caption.width * 0.8, y },
        { x: caption.x + caption.width * 0.2, y },
      );
      await expect.poll(() => counter.textContent()).toBe('Step 3 of 16');
      await transport.getByRole('button', { name: 'Pause' }).tap();
      await expect.poll(() => page.locator('.present-countdown-text').textContent()).toBe('Paused');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `present-touch-${device.name}-step3`);

      // A drag across the body while presenting leaves the camera where the step put it.
      const before = await screenPointWhenSettled(page, 'heel_back.L');
      // (The first-frame picture, while still there, lies exactly over the view: either will do.)
      const canvas = await page.locator('.canvas-wrap canvas').first().boundingBox();
      if (!canvas) throw new Error('no canvas');
      // Above the caption and its buttons, below the exit button: on the body only.
      const top = (await page.locator('.present-caption').boundingBox())?.y ?? 0;
      expect(top - canvas.y).toBeGreaterThan(150);
      const mid = { x: canvas.x + canvas.width / 2, y: canvas.y + (top - canvas.y) * 0.6 };
      // The presentation has the whole screen.
      expect(canvas.height).toBeGreaterThan(device.height * 0.95);
      await touchDrag(page, mid, { x: mid.x + 150, y: mid.y + 40 });
      await afterFrames(page, 4);
      const after = await screenPointWhenSettled(page, 'heel_back.L');
      expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeLessThan(1);
      expect(await counter.textContent()).toBe('Step 3 of 16');

      expect(errors).toEqual([]);
      await context.close();
    });
});
