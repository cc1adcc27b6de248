/** One measurement of one page in a fresh browser context. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openPage, settle, waitForFirstFrame, type BenchPage } from './browser.ts';
import { gzipSize } from './initialJs.ts';
import { startFootworkPlaythrough, type Target } from './targets.ts';

export const IDLE_SECONDS = 5;
export const ANIMATE_SECONDS = 5;
const ANIMATE_WARMUP_MS = 1500;

export interface LoadResult {
  firstFrameMs: number;
  initialJsGzipBytes: number;
  transferBytes: number;
  idleFrames: number;
}

export interface AnimateResult {
  frameMedianMs: number;
  frameP95Ms: number;
  framesDrawn: number;
  /** Drawing-buffer size at the end: shows adaptive resolution. */
  canvas: string;
}

export interface HeapResult {
  minutes: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  heapGrowth: number;
  framesDrawn: number;
}

export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] ?? Number.NaN) + ((s[hi] ?? Number.NaN) - (s[lo] ?? Number.NaN)) * (pos - lo);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

function checkHost(bp: BenchPage, target: Target): void {
  if (bp.offHost.length > 0) {
    throw new Error(
      `${target.label} requested off 127.0.0.1 (blocked; the run is void): ${[...new Set(bp.offHost)].join(', ')}`,
    );
  }
}

/** JS files (site paths) whose response ended before the first-frame mark. */
export async function jsBeforeFirstFrame(bp: BenchPage): Promise<string[]> {
  const entries = await bp.page.evaluate(() => {
    const mark =
      performance.getEntriesByName('footwork:first-frame')[0]?.startTime ??
      Number.POSITIVE_INFINITY;
    return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.responseEnd <= mark)
      .map((e) => e.name);
  });
  const js = new Set(bp.loaded.filter((l) => l.javascript).map((l) => l.url));
  return entries
    .filter((url) => js.has(url) || /\.m?js(?:$|\?)/.test(url))
    .map((url) => new URL(url).pathname);
}

export async function loadRun(
  browser: Browser,
  target: Target,
  origin: string,
): Promise<LoadResult> {
  const bp = await openPage(browser);
  try {
    await bp.page.goto(new URL(target.loadPath, origin).href);
    const firstFrameMs = await waitForFirstFrame(bp.page);
    // Let start-up work settle (no frame for 1 s), then count frames drawn while nobody touches the page.
    await settle(bp);
    const before = await bp.frames();
    await bp.page.waitForTimeout(IDLE_SECONDS * 1000);
    const idleFrames = (await bp.frames()) - before;
    let initialJsGzipBytes = 0;
    for (const path of await jsBeforeFirstFrame(bp)) {
      const file = join(target.dir, decodeURIComponent(path));
      if (existsSync(file)) initialJsGzipBytes += gzipSize(readFileSync(file));
    }
    const transferBytes = bp.loaded.reduce((sum, r) => sum + r.bytes, 0);
    checkHost(bp, target);
    return { firstFrameMs, initialJsGzipBytes, transferBytes, idleFrames };
  } finally {
    await bp.close();
  }
}

/** Frame times (ms between consecutive animation frames that drew) while the page animates. */
export async function animateRun(
  browser: Browser,
  target: Target,
  origin: string,
): Promise<AnimateResult> {
  const bp = await openPage(browser);
  try {
    await bp.page.goto(new URL(target.animatePath, origin).href);
    await waitForFirstFrame(bp.page);
    await target.startAnimation(bp.page);
    await bp.page.waitForTimeout(ANIMATE_WARMUP_MS);
    await bp.record();
    await bp.page.waitForTimeout(ANIMATE_SECONDS * 1000);
    const times = await bp.stop();
    const deltas = times.slice(1).map((t, i) => t - (times[i] ?? t));
    // The largest canvas, looking into shadow roots too (model-viewer keeps its canvas there).
    // A string, not a function: the TypeScript runner would add helpers the page does not have.
    const canvas = await bp.page.evaluate<string>(`(() => {
      const found = [];
      const visit = (root) => {
        found.push(...root.querySelectorAll('canvas'));
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
      };
      visit(document);
      const c = found.sort((x, y) => y.width * y.height - x.width * x.height)[0];
      return c ? c.width + '×' + c.height : '?';
    })()`);
    checkHost(bp, target);
    return {
      frameMedianMs: median(deltas),
      frameP95Ms: quantile(deltas, 0.95),
      framesDrawn: times.length,
      canvas,
    };
  } finally {
    await bp.close();
  }
}

/**
 * The long play-through: every page animates for `minutes` (Footwork plays its protocol with
 * auto-advance, starting over at the end and skipping about with the keyboard; the baselines run
 * their loops). JS heap after a forced GC is read once the animation has run for `warmupMs` (lazy
 * code and first-use caches are in by then) and at the end. The pages run side by side to keep the
 * wall time at `minutes`; that slows each one's frame rate but not what it keeps on its heap.
 */
export async function playthrough(
  browser: Browser,
  targets: readonly { target: Target; origin: string }[],
  minutes: number,
  log: (line: string) => void,
  warmupMs = 30_000,
): Promise<Map<string, HeapResult>> {
  const pages = await Promise.all(
    targets.map(async ({ target, origin }) => {
      const bp = await openPage(browser);
      await bp.page.goto(new URL(target.animatePath, origin).href);
      await waitForFirstFrame(bp.page);
      if (target.name === 'footwork') await startFootworkPlaythrough(bp.page);
      else await target.startAnimation(bp.page);
      return { target, bp };
    }),
  );
  const results = new Map<string, HeapResult>();
  try {
    await new Promise((r) => setTimeout(r, warmupMs));
    const before = new Map<string, { heap: number; frames: number }>();
    for (const { target, bp } of pages)
      before.set(target.name, { heap: await bp.heapAfterGc(), frames: await bp.frames() });
    const start = Date.now();
    const end = start + minutes * 60_000;
    let lastLog = start;
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, Math.min(5000, Math.max(0, end - Date.now()))));
      for (const { target, bp } of pages)
        await target.playthroughTick?.(bp.page, Date.now() - start);
      if (Date.now() - lastLog >= 60_000) {
        lastLog = Date.now();
        log(`play-through: ${((Date.now() - start) / 60_000).toFixed(0)}/${minutes} min`);
      }
    }
    for (const { target, bp } of pages) {
      const b = before.get(target.name) ?? { heap: Number.NaN, frames: 0 };
      const after = await bp.heapAfterGc();
      checkHost(bp, target);
      if (bp.errors.length > 0)
        log(`${target.label} page errors: ${bp.errors.slice(0, 3).join(' | ')}`);
      results.set(target.name, {
        minutes,
        heapBeforeBytes: b.heap,
        heapAfterBytes: after,
        heapGrowth: (after - b.heap) / b.heap,
        framesDrawn: (await bp.frames()) - b.frames,
      });
    }
  } finally {
    await Promise.all(pages.map(({ bp }) => bp.close()));
  }
  return results;
}
