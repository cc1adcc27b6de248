/**
 * Train grades the technique, in real Chromium on the real model: circles drawn with the mouse
 * on a circles step score in the bands the unit tests give (the right way ≥ 85, the wrong way
 * < 60, a straight line < 50) and the feedback says what to change; the avoid quiz's wrong
 * answers belong to the step and the right one moves about; the order drill is put in order by
 * dragging (mouse and finger) and marks the misplaced steps; the group view reads two exported
 * files and prints on one dated page. Screenshots on a laptop and a phone, in English and
 * Russian.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addTrainee,
  emptyProgress,
  exportProgressJson,
  recordAttempt,
  type NewAttempt,
  type ProgressDoc,
} from '../../src/domain/progress.ts';
import {
  screenPointWhenSettled,
  screenshot,
  settle,
  useBuildAndBrowser,
  waitForFirstFrame,
  waitForStepDerived,
} from './harness.ts';
import { evenly, touchPaced, type P } from './tracing.ts';

/** Warming a child's calf, prone: four clockwise circles of 18 mm, 40 a minute (6 s). */
const CIRCLES_URL = '?mode=train&protocol=p2-hallux-valgus-child&step=4&side=L';
const CIRCLES_STEP = 'prep-warm-lower-legs-feet';
const CIRCLES_TURNS = 4;
const CIRCLES_SECONDS = 6;

/** Rubbing the child's heels in a zigzag to the ball of the foot: 10 sweeps of 20 mm, 120 a minute. */
const ZIGZAG_URL = '?mode=train&protocol=p2-hallux-valgus-child&step=11&side=L';
const ZIGZAG_STEP = 'feet-heels-rub';
const ZIGZAG_SWEEPS = 10;
const ZIGZAG_SECONDS = 5;
/** A figure eight over the child's sole, ball to heel: 3 loops, 20 a minute (9 s). */
const EIGHT_URL = '?mode=train&protocol=p2-hallux-valgus-child&step=14&side=L';
const EIGHT_STEP = 'legs-figure-eight';
const EIGHT_LOOPS = 3;
const EIGHT_SECONDS = 9;

const BUNION_URL = '?mode=train&protocol=p1-hallux-valgus-adult-self&step=3&side=L';
const ORDER_URL = '?mode=train&protocol=p4-classic-lower-limb&step=3&side=L';

const env = useBuildAndBrowser();

type Device = 'laptop' | 'phone';

async function open(
  b: Browser,
  device: Device,
  query: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await b.newContext(
    device === 'laptop'
      ? { viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce', bypassCSP: true }
      : {
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          reducedMotion: 'reduce',
          bypassCSP: true,
        },
  );
  // Printing opens no dialog in these tests: the printout is checked as a PDF.
  await context.addInitScript(() => {
    window.print = () => undefined;
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}${query}`);
  await waitForFirstFrame(page);
  await expect.poll(() => page.locator('.train-panels').count(), { timeout: 30_000 }).toBe(1);
  return { context, page, errors };
}

async function chooseTrainee(page: Page, name: string) {
  await page.getByLabel("New trainee's name").fill(name);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(() => page.getByTestId('current-trainee').textContent()).toContain(name);
}

/** The step's path on screen (one stroke), once the step is derived and the camera settled. */
async function pathOnScreen(
  page: Page,
  step = CIRCLES_STEP,
  landmark = 'calf_low.L',
): Promise<P[]> {
  await waitForStepDerived(page, step);
  await screenPointWhenSettled(page, landmark);
  const strokes = await page.evaluate(() => window.footwork?.stepPathOnScreen() ?? null);
  const first = strokes?.[0];
  if (!first || first.length < 10) throw new Error('no path on screen');
  return first;
}

/**
 * The centre of each point of a spiral on screen: the mean of the points within half a turn
 * either side (`perTurn` points a turn).
 */
function centres(points: readonly P[], perTurn: number): P[] {
  const half = Math.max(1, Math.round(perTurn / 2));
  return points.map((_, i) => {
    const lo = Math.max(0, i - half);
    const hi = Math.min(points.length - 1, i + half);
    let x = 0;
    let y = 0;
    for (let k = lo; k <= hi; k++) {
      x += points[k]?.x ?? 0;
      y += points[k]?.y ?? 0;
    }
    return { x: x / (hi - lo + 1), y: y / (hi - lo + 1) };
  });
}

/** The same circles turning the other way: each offset from the centre mirrored across the travel. */
function mirrored(points: readonly P[], perTurn: number): P[] {
  const c = centres(points, perTurn);
  const a = c[0] ?? { x: 0, y: 0 };
  const b = c[c.length - 1] ?? { x: 1, y: 0 };
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const d = { x: (b.x - a.x) / len, y: (b.y - a.y) / len };
  return points.map((p, i) => {
    const ci = c[i] ?? p;
    const o = { x: p.x - ci.x, y: p.y - ci.y };
    const along = o.x * d.x + o.y * d.y;
    return { x: ci.x + 2 * along * d.x - o.x, y: ci.y + 2 * along * d.y - o.y };
  });
}

/**
 * Drags the mouse through `points`, evenly over `seconds`. The events carry the times a hand
 * drawing at that pace gives them (Chromium's input time stamps): this shared software-GL
 * machine cannot deliver mouse events at a steady real pace, and the grade reads the events'
 * own times, as it does for a real pointer.
 */
async function drawPaced(page: Page, points: readonly P[], seconds: number): Promise<void> {
  const first = points.at(0);
  if (!first) throw new Error('nothing to draw');
  const cdp = await page.context().newCDPSession(page);
  const base = Date.now() / 1000;
  const at = (i: number) => base + (i / Math.max(1, points.length - 1)) * seconds;
  const send = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', p: P, i: number) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x: p.x,
      y: p.y,
      button: 'left',
      buttons: type === 'mouseReleased' ? 0 : 1,
      clickCount: type === 'mouseMoved' ? 0 : 1,
      timestamp: at(i),
    });
  await send('mouseMoved', first, 0);
  await send('mousePressed', first, 0);
  // Sent without waiting for each: the browser coalesces them as it would a quick real stroke.
  await Promise.all(points.slice(1).map((p, i) => send('mouseMoved', p, i + 1)));
  await send('mouseReleased', points.at(-1) ?? first, points.length - 1);
  await cdp.detach();
}

async function traceScore(page: Page): Promise<number> {
  const score = page.locator('.train-trace .train-score[data-score]');
  await expect.poll(() => score.count(), { timeout: 20_000 }).toBe(1);
  return Number(await score.getAttribute('data-score'));
}

/** The marks and feedback shown, to tell why a score is what it is when a check fails. */
const gradeText = (page: Page) => page.locator('.train-trace .train-result').innerText();

const feedbackKeys = (page: Page) =>
  page
    .locator('.train-trace [data-feedback]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-feedback')));

interface StoredAttempt {
  score: number;
  at: string;
  measures?: Record<string, number>;
}

/** The attempts kept in the app's database for a trainee, oldest first. */
async function storedAttempts(page: Page, trainee: string): Promise<StoredAttempt[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('footwork');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    const all = await new Promise<StoredAttempt[]>((resolve, reject) => {
      const req = db.transaction('attempts').objectStore('attempts').index('trainee').getAll(name);
      req.onsuccess = () => resolve(req.result as StoredAttempt[]);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    db.close();
    return all.sort((x, y) => x.at.localeCompare(y.at));
  }, trainee);
}

describe('Train grades the technique', () => {
  it('grades circles drawn with the mouse: right way ≥ 85, wrong way < 60, a line < 50', async () => {
    const { context, page, errors } = await open(env.browser, 'laptop', CIRCLES_URL);
    await chooseTrainee(page, 'Anna');
    expect(await page.locator('.train-ask').getAttribute('data-figure')).toBe('circles');
    expect(await page.locator('.train-ask').textContent()).toBe(
      `Draw: ${CIRCLES_TURNS} small circles, clockwise, about ${CIRCLES_SECONDS} s in all.`,
    );
    const toggle = page.getByRole('button', { name: 'Trace on the body' });
    await toggle.click();
    const spiral = await pathOnScreen(page);
    const perTurn = spiral.length / CIRCLES_TURNS;
    // The circles are big enough on screen to be drawn with a mouse.
    const c = centres(spiral, perTurn);
    const radiusPx =
      spiral.reduce((s, p, i) => s + Math.hypot(p.x - (c[i]?.x ?? 0), p.y - (c[i]?.y ?? 0)), 0) /
      spiral.length;
    expect(radiusPx).toBeGreaterThan(8);

    // The right way, at the step's tempo.
    await drawPaced(page, evenly(spiral, 30 * CIRCLES_TURNS), CIRCLES_SECONDS);
    const right = await traceScore(page);
    expect(right, await gradeText(page)).toBeGreaterThanOrEqual(85);
    expect(await page.locator('.train-trace .train-score strong').textContent()).toBe('Passed.');
    // Graded: tracing is off (the camera is free), the figure and the trace are both shown.
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('[data-measure="shape"]').count()).toBe(1);
    expect(await page.locator('[data-measure="turn"]').count()).toBe(1);
    expect(await page.locator('[data-measure="tempo"]').count()).toBe(1);
    await settle(page);
    await screenshot(page, 'train-circles-right-laptop-en');

    // The wrong way round: the same circles mirrored.
    await page.getByRole('button', { name: 'Try again' }).click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await drawPaced(page, evenly(mirrored(spiral, perTurn), 30 * CIRCLES_TURNS), CIRCLES_SECONDS);
    const wrong = await traceScore(page);
    expect(wrong, await gradeText(page)).toBeLessThan(60);
    expect(await feedbackKeys(page)).toContain('turn_other_way');
    expect(await page.locator('[data-feedback="turn_other_way"]').textContent()).toBe(
      'Circle the other way: this step turns clockwise.',
    );
    await settle(page);
    await screenshot(page, 'train-circles-wrong-way-laptop-en');

    // A straight line along the stroke.
    await page.getByRole('button', { name: 'Try again' }).click();
    const line = [c[0] ?? { x: 0, y: 0 }, c[c.length - 1] ?? { x: 0, y: 0 }];
    await drawPaced(page, evenly(line, 60), CIRCLES_SECONDS);
    const straight = await traceScore(page);
    expect(straight, await gradeText(page)).toBeLessThan(50);
    expect(await feedbackKeys(page)).toContain('no_circles');

    // The right circles at twice the tempo lose points and are told to slow down.
    await page.getByRole('button', { name: 'Try again' }).click();
    await drawPaced(page, evenly(spiral, 30 * CIRCLES_TURNS), CIRCLES_SECONDS / 2);
    const fast = await traceScore(page);
    expect(fast, await gradeText(page)).toBeLessThan(right);
    expect(await feedbackKeys(page)).toContain('slower');
    expect(await page.locator('[data-feedback="slower"]').textContent()).toMatch(/^Slower: /);

    // The marks per criterion are kept with each attempt.
    await expect.poll(async () => (await storedAttempts(page, 'Anna')).length).toBe(4);
    const attempts = await storedAttempts(page, 'Anna');
    expect(attempts.map((a) => a.score)).toEqual([right, wrong, straight, fast]);
    expect(attempts[1]?.measures?.turn).toBeLessThan(30);
    expect(attempts[0]?.measures?.turn).toBeGreaterThan(70);

    // In Russian the same words are there.
    await page.getByRole('button', { name: 'Русский' }).click();
    await expect
      .poll(() => page.locator('[data-feedback="slower"]').textContent())
      .toMatch(/^Медленнее: /);
    await screenshot(page, 'train-circles-fast-laptop-ru');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('on a phone, a finger traces the circles; after the grade "Try again" is in view, one tap', async () => {
    const { context, page, errors } = await open(env.browser, 'phone', CIRCLES_URL);
    await chooseTrainee(page, 'Olga');
    const toggle = page.getByRole('button', { name: 'Trace on the body' });
    await toggle.tap();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const spiral = await pathOnScreen(page);
    await touchPaced(page, evenly(spiral, 30 * CIRCLES_TURNS), CIRCLES_SECONDS);
    const score = await traceScore(page);
    expect(score, await gradeText(page)).toBeGreaterThanOrEqual(70);
    // Graded: tracing is off, so a finger turns the body again; "Try again" is on screen.
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    const again = page.getByRole('button', { name: 'Try again' });
    await expect
      .poll(async () => {
        const box = await again.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= 844;
      })
      .toBe(true);
    await page.getByRole('button', { name: 'Русский' }).dispatchEvent('click');
    const againRu = page.getByRole('button', { name: 'Попробовать ещё раз' });
    await expect.poll(() => againRu.count()).toBe(1);
    await settle(page);
    await screenshot(page, 'train-circles-graded-phone-ru');
    await againRu.tap();
    expect(
      await page.getByRole('button', { name: 'Рисовать на теле' }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('grades a zigzag and a figure eight drawn with the mouse: as asked ≥ 85, a line < 50', async () => {
    const { context, page, errors } = await open(env.browser, 'laptop', ZIGZAG_URL);
    await chooseTrainee(page, 'Lena');
    expect(await page.locator('.train-ask').getAttribute('data-figure')).toBe('zigzag');
    const toggle = page.getByRole('button', { name: 'Trace on the body' });
    await toggle.click();
    const zigzag = await pathOnScreen(page, ZIGZAG_STEP, 'heel_bottom.L');
    // The sweeps are wide enough on screen to be drawn with a mouse.
    const mid = centres(zigzag, zigzag.length / (ZIGZAG_SWEEPS / 2));
    const widthPx = zigzag.reduce(
      (m, p, i) => Math.max(m, Math.hypot(p.x - (mid[i]?.x ?? 0), p.y - (mid[i]?.y ?? 0))),
      0,
    );
    expect(widthPx).toBeGreaterThan(6);

    await drawPaced(page, evenly(zigzag, 12 * ZIGZAG_SWEEPS), ZIGZAG_SECONDS);
    const right = await traceScore(page);
    expect(right, await gradeText(page)).toBeGreaterThanOrEqual(85);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await settle(page);
    await screenshot(page, 'train-zigzag-right-laptop-en');

    // A straight line along its centre line: no sweeps.
    await page.getByRole('button', { name: 'Try again' }).click();
    const line = [mid[0] ?? { x: 0, y: 0 }, mid[mid.length - 1] ?? { x: 0, y: 0 }];
    await drawPaced(page, evenly(line, 60), ZIGZAG_SECONDS);
    const straight = await traceScore(page);
    expect(straight, await gradeText(page)).toBeLessThan(50);
    expect(await feedbackKeys(page)).toContain('no_sweeps');

    // The zigzag at half the tempo loses points and is told to go faster.
    await page.getByRole('button', { name: 'Try again' }).click();
    await drawPaced(page, evenly(zigzag, 12 * ZIGZAG_SWEEPS), ZIGZAG_SECONDS * 2);
    const slow = await traceScore(page);
    expect(slow, await gradeText(page)).toBeLessThanOrEqual(right - 5);
    expect(await feedbackKeys(page)).toContain('faster');

    // The figure eight over the sole.
    await page.goto(`${env.server.url}${EIGHT_URL}`);
    await waitForFirstFrame(page);
    expect(await page.locator('.train-ask').getAttribute('data-figure')).toBe('figure_eight');
    await toggle.click();
    const eight = await pathOnScreen(page, EIGHT_STEP, 'heel_bottom.L');
    await drawPaced(page, evenly(eight, 40 * EIGHT_LOOPS), EIGHT_SECONDS);
    const eightRight = await traceScore(page);
    expect(eightRight, await gradeText(page)).toBeGreaterThanOrEqual(85);
    await settle(page);
    await screenshot(page, 'train-eight-right-laptop-en');

    // One loop only, three times over: the first loop's half toward one end, drawn a little
    // smaller about its own middle so that it stays on that half (as the unit test's does).
    await page.getByRole('button', { name: 'Try again' }).click();
    const perLoop = eight.length / EIGHT_LOOPS;
    const half = eight.slice(0, Math.round(perLoop / 2) + 1);
    const hub = {
      x: half.reduce((t, p) => t + p.x, 0) / half.length,
      y: half.reduce((t, p) => t + p.y, 0) / half.length,
    };
    const lobe = half.map((p) => ({
      x: hub.x + 0.7 * (p.x - hub.x),
      y: hub.y + 0.7 * (p.y - hub.y),
    }));
    await drawPaced(page, evenly([...lobe, ...lobe, ...lobe], 40 * EIGHT_LOOPS), EIGHT_SECONDS);
    const oneLoop = await traceScore(page);
    expect(oneLoop, await gradeText(page)).toBeLessThan(60);
    expect(await feedbackKeys(page)).toContain('both_loops');

    // A straight line from the ball to the heel and back.
    await page.getByRole('button', { name: 'Try again' }).click();
    const far = (from: P) =>
      eight.reduce((best, p) =>
        Math.hypot(p.x - from.x, p.y - from.y) > Math.hypot(best.x - from.x, best.y - from.y)
          ? p
          : best,
      );
    const endA = far(eight[0] ?? { x: 0, y: 0 });
    const endB = far(endA);
    await drawPaced(page, evenly([endA, endB, endA, endB], 60), EIGHT_SECONDS);
    const eightLine = await traceScore(page);
    expect(eightLine, await gradeText(page)).toBeLessThan(50);

    // The eight at twice the tempo loses points.
    await page.getByRole('button', { name: 'Try again' }).click();
    await drawPaced(page, evenly(eight, 40 * EIGHT_LOOPS), EIGHT_SECONDS / 2);
    const eightFast = await traceScore(page);
    expect(eightFast, await gradeText(page)).toBeLessThanOrEqual(eightRight - 5);
    expect(await feedbackKeys(page)).toContain('slower');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('offers wrong answers that belong to the step, with the right one in varying places', async () => {
    const { context, page, errors } = await open(env.browser, 'laptop', BUNION_URL);
    await chooseTrainee(page, 'Boris');
    await page.getByRole('button', { name: 'Area to avoid', exact: true }).click();
    const list = page.getByRole('list', { name: 'Areas to choose from' });
    const zones = () => list.getByRole('button').evaluateAll((b) => b.map((x) => x.dataset.zone));
    // The areas near the step come once they are found.
    await expect.poll(async () => (await zones()).length, { timeout: 30_000 }).toBe(5);
    const toeChoices = await zones();
    expect(toeChoices).toContain('bunion');
    for (const far of ['knee', 'patella', 'vertebrae']) expect(toeChoices).not.toContain(far);

    // Over several questions the right answer stands in more than one place.
    const places = new Set<number>();
    for (let round = 0; round < 6; round++) {
      await expect.poll(async () => (await zones()).length, { timeout: 15_000 }).toBe(5);
      const now = await zones();
      places.add(now.indexOf('bunion'));
      const wrong = now.find((z) => z !== 'bunion') ?? '';
      await list.locator(`button[data-zone="${wrong}"]`).click();
      // The explanation names every choice: the right one with its reason.
      await expect
        .poll(() => page.locator('.train-explain li').count(), { timeout: 15_000 })
        .toBe(5);
      expect(
        await page.locator('.train-explain li[data-right="true"]').first().textContent(),
      ).toMatch(/^Bunion \(left\): avoid here\./);
      if (round === 0) await screenshot(page, 'train-quiz-explained-laptop-en');
      await page.getByRole('button', { name: 'Ask again' }).click();
    }
    expect(places.size).toBeGreaterThan(1);

    // Another protocol's step near another area: other wrong answers.
    await page.goto(`${env.server.url}?mode=train&protocol=p4-classic-lower-limb&step=3&side=L`);
    await waitForFirstFrame(page);
    await page.getByRole('button', { name: 'Area to avoid', exact: true }).click();
    const withAvoid = page.getByRole('list', {
      name: 'Steps of this protocol with an area to avoid nearby',
    });
    const hasOwn = await list.count();
    if (hasOwn === 0) {
      await expect
        .poll(() => withAvoid.getByRole('button').count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
      await withAvoid.getByRole('button').first().click();
    }
    await expect.poll(async () => (await zones()).length, { timeout: 30_000 }).toBe(5);
    const legChoices = await zones();
    expect(legChoices).not.toContain('bunion');
    expect(legChoices.filter((z) => toeChoices.includes(z)).length).toBeLessThan(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it(
    'puts the steps in order by dragging with the mouse and a finger, and marks mistakes',
    { timeout: 300_000 },
    async () => {
      for (const device of ['laptop', 'phone'] as const) {
        const { context, page, errors } = await open(env.browser, device, ORDER_URL);
        await chooseTrainee(page, device === 'laptop' ? 'Vera' : 'Вера');
        await page.getByRole('button', { name: 'Step order', exact: true }).click();
        const list = page.getByRole('list', { name: 'Steps to put in order' });
        await expect.poll(() => list.locator('li').count()).toBe(6);
        const ids = () => list.locator('li').evaluateAll((l) => l.map((x) => x.dataset.step));
        const before = await ids();
        const handle = (i: number) => list.locator('li').nth(i).locator('.train-order-handle');
        await handle(0).scrollIntoViewIfNeeded();
        const from = await handle(0).boundingBox();
        const to = await list.locator('li').nth(3).boundingBox();
        if (!from || !to) throw new Error('no layout');
        const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
        const end = { x: start.x, y: to.y + to.height * 0.75 };
        if (device === 'laptop') {
          await page.mouse.move(start.x, start.y);
          await page.mouse.down();
          await page.mouse.move(end.x, end.y, { steps: 12 });
          await page.mouse.up();
        } else {
          const cdp = await context.newCDPSession(page);
          const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', p: P | null) =>
            cdp.send('Input.dispatchTouchEvent', {
              type,
              touchPoints: p ? [{ x: p.x, y: p.y, id: 1 }] : [],
            });
          await touch('touchStart', start);
          for (let k = 1; k <= 12; k++)
            await touch('touchMove', {
              x: start.x,
              y: start.y + ((end.y - start.y) * k) / 12,
            });
          await touch('touchEnd', null);
        }
        // The first step now stands fourth, the others moved up.
        const after = await ids();
        expect(after[3]).toBe(before[0]);
        expect(after.slice(0, 3)).toEqual(before.slice(1, 4));
        // The keys move a step too, the focus staying on it.
        await handle(1).focus();
        await page.keyboard.press('ArrowDown');
        const keyed = await ids();
        expect(keyed[2]).toBe(after[1]);
        expect(await page.evaluate(() => document.activeElement?.className)).toBe(
          'train-order-handle',
        );

        await page.getByRole('button', { name: 'Check the order' }).click();
        await expect.poll(() => page.locator('.train-order .train-score').count()).toBe(1);
        const marks = await list
          .locator('li')
          .evaluateAll((l) => l.map((x) => x.dataset.inPlace ?? null));
        expect(marks.every((m) => m === 'true' || m === 'false')).toBe(true);
        const wrong = marks.filter((m) => m === 'false').length;
        const exact = Number(
          /(\d+) of 6/.exec(
            (await page.locator('.train-order .train-result').textContent()) ?? '',
          )?.[1],
        );
        expect(wrong).toBe(6 - exact);
        expect(wrong).toBeGreaterThan(0);
        expect(
          await list.locator('li[data-in-place="false"] .train-order-mark').first().textContent(),
        ).toMatch(/belongs at place [1-6]$/);
        await list.scrollIntoViewIfNeeded();
        await screenshot(page, `train-order-marked-${device}-en`);
        if (device === 'phone') {
          // The phone's header overflows sideways (a layout matter of its own): press it directly.
          await page.getByRole('button', { name: 'Русский' }).dispatchEvent('click');
          await expect
            .poll(() =>
              page
                .locator('.train-order-list li[data-in-place="false"] .train-order-mark')
                .first()
                .textContent(),
            )
            .toMatch(/его место — [1-6]$/);
          await page.locator('.train-order-list').scrollIntoViewIfNeeded();
          await screenshot(page, 'train-order-marked-phone-ru');
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    },
  );

  it('shows a group from two exported files, each trainee with their weakest steps, and prints it', async () => {
    const at = (n: number) => new Date(Date.UTC(2026, 10, 2, 9, n));
    const file = (name: string, attempts: readonly NewAttempt[]): string => {
      let doc: ProgressDoc = emptyProgress();
      const added = addTrainee(doc, name, at(0));
      if (added.ok) doc = added.doc;
      for (const [i, a] of attempts.entries()) {
        const r = recordAttempt(doc, name, a, at(i + 1));
        if (!r.ok) throw new Error(r.detail);
        doc = r.doc;
      }
      return exportProgressJson(doc);
    };
    const trace = (stepId: string, score: number, turn: number): NewAttempt => ({
      protocolId: 'p4-classic-lower-limb',
      stepId,
      kind: 'trace',
      score,
      passed: score >= 70,
      measures: { direction: 90, coverage: 95, shape: 80, turn, accuracy: 100 },
    });
    const anna = file('Anna', [
      trace('kneading-fold', 40, 5),
      trace('kneading-fold', 55, 10),
      trace('stroke-lower-leg', 95, 100),
      {
        protocolId: 'p4-classic-lower-limb',
        stepId: null,
        kind: 'order',
        score: 60,
        passed: false,
      },
    ]);
    const boris = file('Boris', [
      trace('stroke-lower-leg', 30, 100),
      trace('kneading-fold', 90, 95),
    ]);

    const { context, page, errors } = await open(env.browser, 'laptop', ORDER_URL);
    await page.getByLabel("Choose trainees' files").setInputFiles([
      { name: 'anna.json', mimeType: 'application/json', buffer: Buffer.from(anna) },
      { name: 'boris.json', mimeType: 'application/json', buffer: Buffer.from(boris) },
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 2') },
    ]);
    await expect
      .poll(() => page.getByTestId('cohort-read').textContent())
      .toBe('2 files read: 2 trainees.');
    expect(await page.locator('.train-cohort [role="alert"]').textContent()).toMatch(
      /^broken\.json was left out: /,
    );
    const row = (name: string) => page.locator(`.train-cohort-table tr[data-trainee="${name}"]`);
    expect(await row('Anna').locator('td').first().textContent()).toBe('1/4');
    const annaWeak = await row('Anna')
      .locator('li')
      .evaluateAll((l) => l.map((x) => [x.dataset.step, x.dataset.kind]));
    // Anna's weakest: the kneading circles (mean of her last tries), then the step order.
    expect(annaWeak[0]).toEqual(['kneading-fold', 'trace']);
    expect(annaWeak[1]).toEqual(['', 'order']);
    expect(await row('Anna').locator('li').first().textContent()).toMatch(
      /Kneading.*\(Trace\): 48 · turning 8$/,
    );
    const borisWeak = await row('Boris')
      .locator('li')
      .evaluateAll((l) => l.map((x) => x.dataset.step));
    expect(borisWeak[0]).toBe('stroke-lower-leg');
    await page.locator('.train-cohort').scrollIntoViewIfNeeded();
    await screenshot(page, 'train-cohort-laptop-en');

    // Printed: the group alone, dated, on one page.
    await page.locator('.train-cohort').getByRole('button', { name: 'Print summary' }).click();
    await expect.poll(() => page.locator('.train-cohort-print.train-print').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(
      await page
        .locator('.train-cohort-print .train-print-date')
        .last()
        .evaluate((e) => [getComputedStyle(e).display, e.textContent]),
    ).toEqual(['block', expect.stringMatching(/^Printed on \w+ \d{1,2}, 20\d\d$/)]);
    expect(await page.locator('.train-summary').evaluate((e) => getComputedStyle(e).display)).toBe(
      'none',
    );
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBe(1);
    await screenshot(page, 'train-cohort-print');
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
