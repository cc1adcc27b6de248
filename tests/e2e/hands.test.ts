/**
 * The hands doing each technique, on the adult and the child body: screenshots to look at, the
 * hands shown instead of the glyph while a step plays with motion allowed, the glyph kept with
 * reduced motion, and the caregiver's-eye view and left-handed toggles.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot, useBuildAndBrowser, waitForFirstFrame } from './harness.ts';

const env = useBuildAndBrowser();

/** One step per technique and hand part, on the body its protocol uses. */
const STEPS: readonly (readonly [protocol: string, step: number, what: string])[] = [
  ['p4-classic-lower-limb', 3, 'adult-stroking-palm'],
  ['p1-hallux-valgus-adult-self', 4, 'adult-rubbing-thumb-spiral'],
  ['p4-classic-lower-limb', 6, 'adult-kneading-both-hands'],
  ['p4-classic-lower-limb', 7, 'adult-pressing-heel-of-palm'],
  ['p4-classic-lower-limb', 8, 'adult-rubbing-fingertips'],
  ['p4-classic-lower-limb', 9, 'adult-tapping-palm-edge'],
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
  ['p2-hallux-valgus-child', 13, 'child-stretching-toes'],
  ['p3-valgus-feet-child-orthopedic', 4, 'child-tapping-fingertips'],
  ['p6-hallux-valgus-child-course', 3, 'child-rubbing-phalanges'],
  ['p6-hallux-valgus-child-course', 14, 'child-passive-movement'],
];

const ONLY = process.env.FOOTWORK_HANDS_STEPS?.split(',');

async function play(page: Page): Promise<void> {
  await page.locator('.player-controls button.primary').click();
}

/** Waits until the hands are drawn; returns the seconds it took. */
async function waitForHands(page: Page, atLeast = 1): Promise<number> {
  const t0 = Date.now();
  await expect
    .poll(() => page.evaluate(() => window.footwork?.handsShown() ?? 0), {
      timeout: 120_000,
      interval: 250,
    })
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
