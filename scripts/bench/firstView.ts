/**
 * The JavaScript a page's first view fetches, counted as the bench counts it: loaded in a fresh
 * bench context, up to the first-frame mark and then until the page is idle (no frame drawn for
 * a second, no request for half a second), each JavaScript file's gzip size (level 9) from the
 * served folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openPage, settle, waitForFirstFrame } from './browser.ts';
import { gzipSize } from './initialJs.ts';
import { jsBeforeFirstFrame } from './measure.ts';

export interface FirstViewJs {
  readonly firstFrameMs: number;
  /** Gzip bytes of the JavaScript whose response ended before the first-frame mark. */
  readonly beforeFirstFrame: number;
  /** Gzip bytes of all JavaScript fetched until idle. */
  readonly total: number;
  /** Each file (site path) with its gzip bytes, largest first. */
  readonly files: readonly { readonly path: string; readonly gzip: number }[];
  /** The models requested, with the time each started (ms). */
  readonly models: readonly string[];
  readonly errors: readonly string[];
}

export async function firstViewJs(
  browser: Browser,
  url: string,
  dir: string,
): Promise<FirstViewJs> {
  const gzipOf = (path: string): number => {
    const file = join(dir, decodeURIComponent(path));
    return existsSync(file) ? gzipSize(readFileSync(file)) : 0;
  };
  const bp = await openPage(browser);
  try {
    await bp.page.goto(url);
    const firstFrameMs = await waitForFirstFrame(bp.page);
    const beforeFirstFrame = (await jsBeforeFirstFrame(bp)).reduce((s, p) => s + gzipOf(p), 0);
    await settle(bp);
    await bp.page.waitForLoadState('networkidle');
    const paths = [
      ...new Set(bp.loaded.filter((l) => l.javascript).map((l) => new URL(l.url).pathname)),
    ];
    const files = paths
      .map((path) => ({ path, gzip: gzipOf(path) }))
      .sort((a, b) => b.gzip - a.gzip);
    // From the page's resource timing: a preloaded fetch may not be reported as finished.
    const models = await bp.page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => /\.glb$/.test(e.name))
        .map((e) => `${new URL(e.name).pathname} from ${e.startTime.toFixed(0)} ms`),
    );
    return {
      firstFrameMs,
      beforeFirstFrame,
      total: files.reduce((s, f) => s + f.gzip, 0),
      files,
      models,
      errors: [...bp.errors],
    };
  } finally {
    await bp.close();
  }
}
