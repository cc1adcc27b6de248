import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ROOT,
  newPage,
  screenPointWhenSettled,
  screenshot,
  settle,
  useBuildAndBrowser,
  waitForFirstFrame,
  waitForStepDerived,
} from './harness.ts';

interface StepJson {
  id: string;
  morph?: { tracks: { target: string }[] };
  movement?: string;
  equipment?: string[];
  position?: { pose: string; props: string[] };
}
const protocolFile = (id: string) =>
  JSON.parse(readFileSync(resolve(ROOT, `content/protocols/${id}.json`), 'utf8')) as {
    id: string;
    position: { pose: string; props: string[] };
    steps: StepJson[];
  };

/** Steps chosen from the content by what they do (the step number follows from the file). */
function stepOf(
  file: string,
  pick: (s: StepJson) => boolean,
): { id: string; n: number; stepId: string } {
  const p = protocolFile(file);
  const n = p.steps.findIndex(pick) + 1;
  if (n === 0) throw new Error(`no such step in ${file}`);
  const step = p.steps.at(n - 1);
  if (!step) throw new Error(`no such step in ${file}`);
  return { id: p.id, n, stepId: step.id };
}

const CASES = [
  {
    name: 'seated-foot-on-knee',
    ...stepOf('p9-foot-self-massage-seated', (s) => s.id.includes('circle')),
    landmark: 'sole_center.L',
  },
  {
    name: 'seated-soak',
    ...stepOf('p1-hallux-valgus-adult-self', (s) => s.movement === 'soak'),
    landmark: 'dorsum_center.L',
  },
  {
    name: 'seated-roller',
    ...stepOf('p1-hallux-valgus-adult-self', (s) => s.movement === 'roller_roll'),
    landmark: 'arch_center.L',
  },
  {
    name: 'seated-ball',
    ...stepOf('p9-foot-self-massage-seated', (s) => s.movement === 'ball_roll'),
    landmark: 'arch_center.L',
  },
  {
    name: 'floor-legs-out',
    ...stepOf('p3-valgus-feet-child-orthopedic', (s) => s.movement === 'ankle_circles'),
    landmark: 'ankle_front.L',
  },
  {
    name: 'floor-cross-legged',
    ...stepOf('p3-valgus-feet-child-orthopedic', (s) => s.movement === 'sit_cross_legged'),
    landmark: 'foot_outer_mid.L',
  },
  {
    // The close-up of circles round the big toe joint: no resting hand beside the toes.
    name: 'seated-close-up-no-hand',
    ...stepOf('p1-hallux-valgus-adult-self', (s) => s.id === 'circles-around-joint'),
    landmark: 'first_mtp_center.L',
  },
  {
    // Curling the toes on a chair, seen from the outer side of the foot.
    name: 'toes-from-the-side',
    ...stepOf('p10-plantar-pain-care', (s) =>
      (s.morph?.tracks ?? []).some((t) => t.target === 'toes_flex'),
    ),
    landmark: 'toe3_tip.L',
  },
] as const;

const env = useBuildAndBrowser();

describe('sitting poses and props, opened by deep link', () => {
  it.each(CASES)(
    '$name: the named zone is in the middle of the view, above the floor',
    async (c) => {
      const { context, page, errors } = await newPage(env.browser, { width: 1366, height: 768 });
      await page.goto(`${env.server.url}?protocol=${c.id}&step=${String(c.n)}&side=L&lang=en`);
      await waitForFirstFrame(page);
      await waitForStepDerived(page, c.stepId);
      await settle(page);
      const box = await page.locator('.canvas-wrap canvas').first().boundingBox();
      if (!box) throw new Error('no canvas');
      const p = await screenPointWhenSettled(page, c.landmark);
      // Inside the middle 60 % of the 3D view.
      expect((p.x - box.x) / box.width).toBeGreaterThan(0.2);
      expect((p.x - box.x) / box.width).toBeLessThan(0.8);
      expect((p.y - box.y) / box.height).toBeGreaterThan(0.2);
      expect((p.y - box.y) / box.height).toBeLessThan(0.8);
      await screenshot(page, `poses-${c.name}`);
      expect(errors).toEqual([]);
      await context.close();
    },
    60_000,
  );
});

const MOVING = [
  {
    name: 'ankle-circles',
    ...stepOf('p3-valgus-feet-child-orthopedic', (s) => s.movement === 'ankle_circles'),
    moves: 'toe2_tip.L',
    stays: 'shin_low.L',
    px: 8,
    // Half a circle apart (2.5 s a circle at a moderate tempo).
    times: [0.4, 1.65],
  },
  {
    name: 'squat',
    ...stepOf('p3-valgus-feet-child-orthopedic', (s) => s.movement === 'squat'),
    moves: 'buttock_center.L',
    stays: 'heel_bottom.L',
    px: 8,
    // Standing up, then at the bottom (3.5 s a squat).
    times: [0.4, 1.75],
  },
  {
    // The ball goes heel ↔ ball of the foot; the foot rides on it (a few millimetres).
    name: 'ball-roll',
    ...stepOf('p9-foot-self-massage-seated', (s) => s.movement === 'ball_roll'),
    moves: 'toe2_tip.L',
    stays: 'toe2_tip.R',
    px: 2,
    // Under the heel, then under the ball of the foot (4 s there and back).
    times: [0.2, 2],
  },
] as const;

const apart = (a: { x: number; y: number } | null, b: { x: number; y: number } | null) =>
  a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;

/** Plays until the step has played `t` seconds, then pauses. */
async function playUntil(page: Page, t: number) {
  await page.getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(() => page.evaluate(() => window.footwork?.playerElapsed() ?? 0), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(t);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect
    .poll(() => page.getByRole('button', { name: 'Play' }).count(), { timeout: 10_000 })
    .toBe(1);
  await settle(page);
}

describe("exercises move the legs at the step's tempo", () => {
  it.each(MOVING)(
    '$name: played and paused twice, the moving part is elsewhere and the still part stays',
    async (c) => {
      const { context, page, errors } = await newPage(env.browser, {
        width: 1366,
        height: 768,
        reducedMotion: 'no-preference',
      });
      await page.goto(`${env.server.url}?protocol=${c.id}&step=${String(c.n)}&side=L&lang=en`);
      await waitForFirstFrame(page);
      await waitForStepDerived(page, c.stepId);
      await settle(page);
      await playUntil(page, c.times[0]);
      const a = await screenPointWhenSettled(page, c.moves);
      const stillA = await screenPointWhenSettled(page, c.stays);
      await screenshot(page, `poses-moving-${c.name}-1`);
      await playUntil(page, c.times[1]);
      const b = await screenPointWhenSettled(page, c.moves);
      const stillB = await screenPointWhenSettled(page, c.stays);
      await screenshot(page, `poses-moving-${c.name}-2`);
      expect(apart(a, b)).toBeGreaterThan(c.px);
      expect(apart(stillA, stillB)).toBeLessThan(4);
      expect(errors).toEqual([]);
      await context.close();
    },
    60_000,
  );
});
