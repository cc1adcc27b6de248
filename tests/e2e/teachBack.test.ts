/**
 * Teach-back in the clinic, in real Chromium on a tablet by touch: the parent traces the step's
 * stroke on the body with a finger (CDP touch events), Train's trace grading scores it, the grade
 * is kept with the child's program on the device and printed on the handout.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, screenshot, useBuildAndBrowser, waitForFirstFrame } from './harness.ts';
import { evenly, touchPaced, type P } from './tracing.ts';

interface StepJson {
  id: string;
  title: { en: string };
  tempo?: { perMinute?: number };
}
const P6 = JSON.parse(
  readFileSync(resolve(ROOT, 'content/protocols/p6-hallux-valgus-child-course.json'), 'utf8'),
) as { id: string; steps: StepJson[] };

const env = useBuildAndBrowser();

/** The step's path on screen (its first stroke), once two reads a moment apart agree. */
async function settledPath(page: Page): Promise<P[]> {
  let last: P[] | null = null;
  for (let i = 0; i < 100; i++) {
    const now = await page.evaluate(() => window.footwork?.stepPathOnScreen()?.[0] ?? null);
    const same =
      now &&
      last?.length === now.length &&
      now.every((p, k) => Math.hypot(p.x - (last?.[k]?.x ?? 0), p.y - (last?.[k]?.y ?? 0)) < 0.5);
    if (same && now.length >= 2) return now;
    last = now;
    await page.waitForTimeout(250);
  }
  throw new Error('the path did not settle on screen');
}

describe('teach-back', () => {
  it('the parent traces the stroke by touch; the grade is kept with the program and printed', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 1024, height: 768 },
      isMobile: true,
      hasTouch: true,
      reducedMotion: 'reduce',
    });
    const errors: string[] = [];
    context.on('weberror', (e) => errors.push(e.error().message));
    const page = await context.newPage();
    await page.goto(`${env.server.url}?mode=present&protocol=${P6.id}&step=1`);
    await waitForFirstFrame(page);
    // A program of the first two steps (a short handout).
    const [step, next] = P6.steps.slice(0, 2) as [StepJson, StepJson];
    const section = page.locator('.program-section').first();
    await section.getByLabel("Name (e.g. the child's first name)").fill('Masha');
    await section.getByRole('button', { name: 'None', exact: true }).tap();
    for (const s of [step, next])
      await section.getByRole('checkbox', { name: s.title.en, exact: false }).first().tap();
    await section.getByRole('button', { name: 'Make the program' }).tap();
    await expect
      .poll(() => section.getByRole('status').first().textContent())
      .toBe('The program is kept on this device.');

    const teach = page.locator('.present-teachback');
    expect(await teach.locator('.present-teachback-step').textContent()).toBe(
      `Step 1. ${step.title.en}`,
    );
    const path = await settledPath(page);
    const toggle = teach.getByRole('button', { name: 'Parent traces the stroke' });
    // The stroke at the step's tempo (one stroke of a line: 60 / strokes a minute seconds).
    const seconds = 60 / (step.tempo?.perMinute ?? 15);
    const score = teach.locator('.present-teachback-score');

    // The wrong way first (head to buttocks): graded, and worse.
    await toggle.tap();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await touchPaced(page, evenly([...path].reverse(), 40), seconds);
    await expect.poll(() => score.count(), { timeout: 20_000 }).toBe(1);
    const wrong = Number(await score.getAttribute('data-score'));
    // Graded: the camera is free again.
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');

    // Then along the stroke, the right way.
    await toggle.tap();
    await expect.poll(() => score.count()).toBe(0);
    await touchPaced(page, evenly(path, 40), seconds);
    await expect.poll(() => score.count(), { timeout: 20_000 }).toBe(1);
    const right = Number(await score.getAttribute('data-score'));
    console.log(`teach-back: the wrong way ${String(wrong)}, the right way ${String(right)}`);
    expect(right).toBeGreaterThan(wrong);
    expect(right).toBeGreaterThanOrEqual(70);
    expect(await score.textContent()).toBe(`Score: ${String(right)} / 100. Passed.`);
    expect(await teach.getByRole('status').textContent()).toContain(
      'Kept with the program “Masha” on this device; printed on the handout.',
    );
    await screenshot(page, 'teachback-traced-tablet');

    // Kept on the device with the program: the latest grade only.
    const kept = await page.evaluate(() => {
      const programs = JSON.parse(localStorage.getItem('footwork.programs.v1') ?? '{}') as {
        items?: { i: string; n: string }[];
      };
      const id = programs.items?.find((p) => p.n === 'Masha')?.i;
      const doc = JSON.parse(localStorage.getItem('footwork.teachBack.v1') ?? '{}') as {
        items?: { owner: string; stepId: string; score: number }[];
      };
      return doc.items?.filter((t) => t.owner === id) ?? [];
    });
    expect(kept).toEqual([expect.objectContaining({ stepId: step.id, score: right })]);

    // Printed on the handout.
    await page.evaluate(() => {
      const w = window as unknown as { printed: boolean };
      w.printed = false;
      window.print = () => {
        w.printed = true;
      };
    });
    await page.getByRole('button', { name: 'Print handout' }).tap();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printed: boolean }).printed), {
        timeout: 30_000,
      })
      .toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.present-handout-teachback').textContent()).toBe(
      `Traced in clinic: step 1, score ${String(right)} / 100, passed.`,
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
