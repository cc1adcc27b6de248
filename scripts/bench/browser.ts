/**
 * Headless Chromium as the bench uses it: Debian's Chromium (never a downloaded one), SwiftShader
 * WebGL, 1280×720, a fresh context per measurement, a frame recorder injected before any page
 * script, and a guard that fails the run if any request leaves 127.0.0.1.
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium.ts';
import { isJavaScriptType } from './server.ts';

export { CHROMIUM_PATH };
export const VIEWPORT = { width: 1280, height: 720 } as const;

const ARGS = [
  ...CHROMIUM_ARGS,
  '--disable-features=MediaRouter,OptimizationHints',
  // Pages in background contexts keep their frame rate (the play-through runs them side by side).
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/**
 * Counts animation frames in which WebGL drew anything, and can record their rAF timestamps.
 * Runs before any page script, so its rAF callback is first in every frame: a draw made by the page
 * in frame N is seen at frame N+1, which shifts timestamps by one frame but keeps their spacing.
 */
const FRAME_RECORDER = `(() => {
  let drew = false; let frames = 0; let times = null;
  for (const C of [self.WebGLRenderingContext, self.WebGL2RenderingContext]) {
    if (!C) continue;
    for (const fn of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced', 'drawRangeElements', 'clear']) {
      const orig = C.prototype[fn];
      if (!orig) continue;
      C.prototype[fn] = function (...a) { drew = true; return orig.apply(this, a); };
    }
  }
  const tick = (t) => { if (drew) { frames++; drew = false; if (times) times.push(t); } requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  Object.defineProperty(window, '__bench', { value: {
    frames: () => frames,
    record: () => { times = []; },
    stop: () => { const t = times ?? []; times = null; return t; },
  } });
})();`;

interface BenchGlobal {
  __bench: { frames: () => number; record: () => void; stop: () => number[] };
}

export interface Loaded {
  readonly url: string;
  readonly bytes: number;
  readonly javascript: boolean;
}

export interface BenchPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Responses received so far (encoded body bytes, whether JavaScript). */
  readonly loaded: Loaded[];
  /** Requests that tried to leave 127.0.0.1 (aborted). */
  readonly offHost: string[];
  readonly errors: string[];
  frames(): Promise<number>;
  record(): Promise<void>;
  stop(): Promise<number[]>;
  /** JS heap in use after a forced garbage collection, bytes. */
  heapAfterGc(): Promise<number>;
  close(): Promise<void>;
}

function isLocal(url: string): boolean {
  if (/^(?:data|blob|about):/i.test(url)) return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

export async function openPage(
  browser: Browser,
  options: { reducedMotion?: 'reduce' | 'no-preference' } = {},
): Promise<BenchPage> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    reducedMotion: options.reducedMotion ?? 'no-preference',
  });
  const offHost: string[] = [];
  await context.route(
    (url) => !isLocal(url.href),
    (route) => {
      offHost.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  await context.addInitScript(FRAME_RECORDER);
  const page = await context.newPage();
  const loaded: Loaded[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfinished', (req) => {
    void req
      .sizes()
      .then(async (s) => {
        const type = (await req.response())?.headers()['content-type'];
        loaded.push({
          url: req.url(),
          bytes: s.responseBodySize + s.responseHeadersSize,
          javascript: isJavaScriptType(type),
        });
      })
      .catch(() => undefined);
  });
  let cdp: CDPSession | null = null;
  return {
    context,
    page,
    loaded,
    offHost,
    errors,
    frames: () => page.evaluate(() => (window as unknown as BenchGlobal).__bench.frames()),
    record: () => page.evaluate(() => (window as unknown as BenchGlobal).__bench.record()),
    stop: () => page.evaluate(() => (window as unknown as BenchGlobal).__bench.stop()),
    async heapAfterGc() {
      cdp ??= await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage');
      return usage.usedSize;
    },
    async close() {
      await context.close();
    },
  };
}

export async function waitForFirstFrame(page: Page, timeout = 120_000): Promise<number> {
  await page.waitForFunction(
    () => performance.getEntriesByName('footwork:first-frame').length > 0,
    undefined,
    {
      timeout,
      polling: 50,
    },
  );
  return page.evaluate(
    () => performance.getEntriesByName('footwork:first-frame')[0]?.startTime ?? Number.NaN,
  );
}

/** Waits until no frame has been drawn for `quietMs` (at most `maxMs`). */
export async function settle(bp: BenchPage, quietMs = 1000, maxMs = 15_000): Promise<void> {
  let before = await bp.frames();
  for (let waited = 0; waited < maxMs; waited += quietMs) {
    await bp.page.waitForTimeout(quietMs);
    const now = await bp.frames();
    if (now === before) return;
    before = now;
  }
}
