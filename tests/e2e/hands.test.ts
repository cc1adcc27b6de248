/**
 * The hands doing each technique, on the adult and the child body: screenshots to look at, the
 * hands shown instead of the glyph while a step plays with motion allowed, the glyph kept with
 * reduced motion, and the caregiver's-eye view and left-handed toggles.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newPage,
  screenshot,
  useBuildAndBrowser,
  waitForFirstFrame,
} from './harness.ts';

const env = useBuildAndBrowser();

/**
 * One step per technique and hand part, on the body its protocol uses. A child's toe stretch
 * (p2 #13) is not listed: the app does not draw its hands yet (the glyph stands in).
 */
const STEPS: readonly (readonly [protocol: string, step: number, what: string])[] = [
  ['p4-classic-lower-limb', 3, 'adult-stroking-palm'],
  ['p1-hallux-valgus-adult-self', 4, 'adult-rubbing-thumb-spiral'],
  ['p4-classic-lower-limb', 6, 'adult-kneading-both-hands'],
  ['p4-classic-lower-limb', 7, 'adult-pressing-heel-of-palm'],
  ['p4-classic-lower-limb', 8, 'adult-rubbing-fingertips'],
  ['p4-classic-lower-limb', 9, 'adult-hacking-palm-edge'],
  ['p4-classic-lower-limb', 10, 'adult-vibration-fingertips'],
  ['p1-hallux-valgus-adult-self', 5, 'adult-pressing-thumb-toes'],
  ['p7-anti-stress-toes', 1, 'adult-stretching-toes'],
  ['p5-flat-feet', 10, 'adult-patting-palm'],
  ['p2-hallux-valgus-child', 5, 'child-stroking-palm'],
  ['p3-valgus-feet-child-orthopedic', 11, 'child-hacking-palm-edges'],
  ['p3-valgus-feet-child-orthopedic', 9, 'child-pinching'],
  ['p2-hallux-valgus-child', 10, 'child-kneading-both-hands'],
  ['p3-valgus-feet-child-orthopedic', 13, 'child-kneading-thumb'],
  ['p2-hallux-valgus-child', 12, 'child-shaking'],
  ['p3-valgus-feet-child-orthopedic', 4, 'child-tapping-fingertips'],
  ['p6-hallux-valgus-child-course', 3, 'child-rubbing-fingertip-circles'],
  ['p6-hallux-valgus-child-course', 14, 'child-kneading-thigh-front'],
];

const ONLY = process.env.FOOTWORK_HANDS_STEPS?.split(',');

async function play(page: Page): Promise<void> {
  await page.locator('.player-controls button.primary').click();
}

/**
 * Waits until the hands are drawn; returns the seconds it took. Planning the hands can take
 * longer than a short step plays on a slow machine: where the step has ended before its hands
 * came, it is played again, as a person would.
 */
async function waitForHands(page: Page, atLeast = 1): Promise<number> {
  const t0 = Date.now();
  await expect
    .poll(
      async () => {
        const shown = await page.evaluate(() => window.footwork?.handsShown() ?? 0);
        const status = await page.evaluate(() => window.footwork?.playerStatus());
        if (shown < atLeast && status !== 'playing') await play(page);
        return shown;
      },
      {
        timeout: 120_000,
        interval: 250,
      },
    )
    .toBeGreaterThanOrEqual(atLeast);
  return (Date.now() - t0) / 1000;
}

describe('hands doing the technique', () => {
  it.each(STEPS.filter(([, , w]) => !ONLY || ONLY.includes(w)).map((s) => [s[2], s[0], s[1]]))(
    '%s',
    async (what, protocol, step) => {
      const { page, context, errors } = await newPage(env.browser, {
        width: 1366,
        height: 768,
        reducedMotion: 'no-preference',
      });
      try {
        await page.goto(
          `${env.server.url}?protocol=${protocol}&step=${String(step)}&side=L&lang=en`,
        );
        await waitForFirstFrame(page);
        await play(page);
        const seconds = await waitForHands(page);
        console.log(`${what}: hands after ${seconds.toFixed(1)} s of play`);
        await page.waitForTimeout(600);
        await screenshot(page, `hands-${what}-a`);
        await page.waitForTimeout(1300);
        await screenshot(page, `hands-${what}-b`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

describe('hands settings', () => {
  it('keeps the glyph, not the hands, with reduced motion', async () => {
    const { page, context, errors } = await newPage(env.browser, { reducedMotion: 'reduce' });
    try {
      await page.goto(`${env.server.url}?protocol=p4-classic-lower-limb&step=3&side=L&lang=en`);
      await waitForFirstFrame(page);
      await play(page);
      await page.waitForTimeout(4000);
      expect(await page.evaluate(() => window.footwork?.handsShown())).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the next step’s hands from its first frame when they were planned while the step before played', async () => {
    const { page, context, errors } = await newPage(env.browser, {
      width: 1366,
      height: 768,
      reducedMotion: 'no-preference',
    });
    try {
      await page.goto(`${env.server.url}?protocol=p4-classic-lower-limb&step=3&side=L&lang=en`);
      await waitForFirstFrame(page);
      await play(page);
      await waitForHands(page);
      // Step 4 (palm stroking) is planned in the worker while step 3 plays.
      await expect
        .poll(() => page.evaluate(() => window.footwork?.handsPlannedAhead() ?? 0), {
          timeout: 120_000,
          interval: 250,
        })
        .toBeGreaterThanOrEqual(1);
      const before = await page.evaluate(() => window.footwork?.derivedStep() ?? '');
      await page.getByRole('button', { name: 'Next step' }).click();
      // The next step's data, not the step before's (still current for a moment after the click).
      const derivedNext = () =>
        page.evaluate((prev) => {
          const key = window.footwork?.derivedStep() ?? '';
          return key === prev ? '' : key;
        }, before);
      await expect.poll(derivedNext, { timeout: 30_000 }).toMatch(/^p4-classic-lower-limb\/.+\/L$/);
      const stepKey = await derivedNext();
      if ((await page.evaluate(() => window.footwork?.playerStatus())) !== 'playing')
        await play(page);
      await expect
        .poll(() => page.evaluate(() => window.footwork?.handsFirstShown()?.key ?? ''), {
          timeout: 30_000,
          interval: 100,
        })
        .toContain(`|${stepKey}|`);
      const first = await page.evaluate(() => window.footwork?.handsFirstShown());
      console.log(`next step's hands first drawn ${JSON.stringify(first)}`);
      // Drawn from the plan made ahead, at the step's start: planning it during play would take
      // seconds here.
      expect(first?.ahead).toBe(true);
      expect(first?.elapsed ?? Infinity).toBeLessThan(1);
      await screenshot(page, 'hands-next-step-planned-ahead');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('looks from the caregiver’s place, does one-hand work with the left hand when asked, and speaks Russian', async () => {
    const { page, context, errors } = await newPage(env.browser, {
      width: 1366,
      height: 768,
      reducedMotion: 'no-preference',
    });
    try {
      await page.goto(`${env.server.url}?protocol=p4-classic-lower-limb&step=3&side=L&lang=ru`);
      await waitForFirstFrame(page);
      await play(page);
      await waitForHands(page);
      // A hand may lift off between frames; wait for a frame where the working hand is drawn.
      await expect
        .poll(() => page.evaluate(() => window.footwork?.handsSides()), { timeout: 30_000 })
        .toBe('R');
      const before = await page.evaluate(() => window.footwork?.screenPointOf('calf_center.L'));
      await page.getByRole('button', { name: 'Взгляд массажиста' }).click();
      await expect
        .poll(
          async () => {
            const now = await page.evaluate(() => window.footwork?.screenPointOf('calf_center.L'));
            return before && now ? Math.hypot(now.x - before.x, now.y - before.y) : 0;
          },
          { timeout: 20_000 },
        )
        .toBeGreaterThan(30);
      await page.waitForTimeout(1500);
      await screenshot(page, 'hands-caregiver-view-ru');
      await page.getByRole('button', { name: 'Левша' }).click();
      await expect
        .poll(() => page.evaluate(() => window.footwork?.handsSides()), { timeout: 120_000 })
        .toBe('L');
      await page.waitForTimeout(1500);
      await screenshot(page, 'hands-caregiver-view-left-handed-ru');
      await page.getByRole('button', { name: 'Руки' }).click();
      await expect.poll(() => page.evaluate(() => window.footwork?.handsShown())).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('still hands in the drawn step pictures', () => {
  it('draws the hands into the text mode’s pictures (no WebGL)', async () => {
    const noGl = await launchBrowser(['--disable-webgl', '--disable-3d-apis']);
    try {
      const { page, context, errors } = await newPage(noGl, { width: 1280, height: 900 });
      await page.goto(`${env.server.url}?lang=en`);
      const item = page.locator('.protocol-text-item', { hasText: 'Classic lower-limb' });
      await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(1);
      await item.locator('summary').click();
      // The pictures mount after the click, then draw one at a time.
      await expect
        .poll(() => item.locator('img.step-image').count(), { timeout: 400_000 })
        .toBeGreaterThanOrEqual(10);
      await expect
        .poll(() => item.locator('.step-image-wait').count(), { timeout: 60_000 })
        .toBe(0);
      // Skin of the hands: the picture's own hand colour, absent from the body's palette.
      const handPixels = await item.locator('img.step-image').evaluateAll((imgs) =>
        (imgs as HTMLImageElement[]).map((img) => {
          const c = document.createElement('canvas');
          c.width = img.naturalWidth;
          c.height = img.naturalHeight;
          const ctx = c.getContext('2d');
          if (!ctx || c.width === 0) return 0;
          ctx.drawImage(img, 0, 0);
          const d = ctx.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) {
            const r = d[i] ?? 0;
            const g = d[i + 1] ?? 0;
            const b = d[i + 2] ?? 0;
            // 196:140:112 scaled by the shade.
            if (r > 60 && Math.abs(g / r - 140 / 196) < 0.03 && Math.abs(b / r - 112 / 196) < 0.03)
              n++;
          }
          return n;
        }),
      );
      console.log(`hand pixels per picture: ${handPixels.join(', ')}`);
      expect(handPixels.filter((n) => n > 200).length).toBeGreaterThanOrEqual(8);
      await item.locator('img.step-image').nth(2).scrollIntoViewIfNeeded();
      await screenshot(page, 'hands-text-mode-pictures');
      // The app saying WebGL is unavailable is expected here; nothing else may go wrong.
      expect(errors.filter((e) => !e.includes('WebGL context'))).toEqual([]);
      await context.close();
    } finally {
      await noGl.close();
    }
  }, 420_000);
});
