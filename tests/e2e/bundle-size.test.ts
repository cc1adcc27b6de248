/**
 * Size check of the production build made by `npm run build`, gzip:
 * - the entry's static graph (entry script of dist/index.html, its modulepreload links and their
 *   static imports — not dynamic imports), within its own tight budget;
 * - all the JavaScript the first view fetches until the page is idle, counted as `npm run bench`
 *   counts it (the page loaded in the bench's browser), within the budget the bench compares
 *   with <model-viewer>.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launch } from '../../scripts/bench/browser.ts';
import { ENTRY_JS_BUDGET_BYTES, INITIAL_JS_BUDGET_BYTES } from '../../scripts/bench/budgets.ts';
import { firstViewJs } from '../../scripts/bench/firstView.ts';
import {
  gzipSize,
  initialJsFiles,
  initialJsSize,
  staticImports,
} from '../../scripts/bench/initialJs.ts';
import { serveStatic } from '../../scripts/bench/server.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

describe('initial JavaScript helpers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'footwork-bundle-size-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows the entry, modulepreload links and static imports, and skips dynamic imports', () => {
    const files: Record<string, string> = {
      'index.html':
        '<!doctype html><script type="module" crossorigin src="/assets/entry.js"></script>' +
        '<link rel="modulepreload" crossorigin href="/assets/preloaded.js"><script src="/classic.js"></script>',
      'assets/entry.js': `import{a as b}from"./shared.js";import"./side.js";export*from"./reexport.js";const l=()=>import("./lazy.js");console.log(b,l,"${'x'.repeat(5000)}");`,
      'assets/shared.js': 'export const a=1;',
      'assets/side.js': 'import x from"./shared.js";console.log(x);',
      'assets/reexport.js': 'export{};',
      'assets/preloaded.js': 'export const p=2;',
      // Hard to compress, so that counting it by mistake would show in the total.
      'assets/lazy.js': `export const big="${Array.from({ length: 20_000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join('')}";`,
    };
    for (const [name, text] of Object.entries(files)) {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    const found = initialJsFiles(dir).map((f) => relative(dir, f));
    expect(found.sort()).toEqual([
      'assets/entry.js',
      'assets/preloaded.js',
      'assets/reexport.js',
      'assets/shared.js',
      'assets/side.js',
    ]);
    const { total } = initialJsSize(dir);
    const expected = found.reduce((sum, f) => sum + gzipSize(files[f] ?? ''), 0);
    expect(total).toBe(expected);
    // The lazy chunk would dominate: the helper must have left it out.
    expect(total).toBeLessThan(gzipSize(files['assets/lazy.js'] ?? ''));
  });

  it('tells static imports from dynamic ones', () => {
    expect(
      staticImports(
        'import{a}from"./a.js";import"./b.js";import("./c.js");export*from"./d.js";import e from "./e.js"',
      ),
    ).toEqual(['./a.js', './b.js', './d.js', './e.js']);
  });
});

describe('production build', () => {
  it(`has an entry graph of at most ${kib(ENTRY_JS_BUDGET_BYTES)} of JavaScript (gzip)`, () => {
    const { files, total } = initialJsSize(DIST);
    expect(files.length).toBeGreaterThan(0);
    const detail = files.map((f) => `${basename(f.file)} ${kib(f.gzip)}`).join(', ');
    expect(
      total,
      `entry JavaScript ${kib(total)} gzip (${detail}) exceeds the budget of ${kib(ENTRY_JS_BUDGET_BYTES)}`,
    ).toBeLessThanOrEqual(ENTRY_JS_BUDGET_BYTES);
  });

  it(`fetches at most ${kib(INITIAL_JS_BUDGET_BYTES)} of JavaScript (gzip) for the first view, until idle`, async () => {
    const server = await serveStatic(DIST);
    const browser = await launch();
    try {
      const r = await firstViewJs(browser, server.url, DIST);
      const detail = r.files.map((f) => `${basename(f.path)} ${kib(f.gzip)}`).join(', ');
      // The app's code is part of it (the page is useless without it).
      expect(
        r.files.some((f) => /\/mountApp-[\w-]+\.js$/.test(f.path)),
        detail,
      ).toBe(true);
      expect(
        r.total,
        `first-view JavaScript ${kib(r.total)} gzip (${detail}) exceeds the budget of ${kib(INITIAL_JS_BUDGET_BYTES)}`,
      ).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
