/**
 * The bench's first-view JavaScript figure without the whole bench: serves a production build
 * (`dist/`, or the folder given), loads a page in the bench's browser (headless Chromium,
 * SwiftShader, 1280×720) and prints the JavaScript whose response ended before the first-frame
 * mark (the bench's "initial JavaScript" row, counted by the same code), all JavaScript fetched
 * until the page is idle, file by file, and the models requested.
 *
 *   npx tsx scripts/first-view.ts [--dir dist] [--path '/?protocol=…'] [--runs 1]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from './bench/browser.ts';
import { firstViewJs } from './bench/firstView.ts';
import { serveStatic } from './bench/server.ts';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    path: { type: 'string', default: '/' },
    runs: { type: 'string', default: '1' },
  },
});
const dir = resolve(args.dir);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const server = await serveStatic(dir);
const browser = await launch();
try {
  for (let run = 0; run < Math.max(1, Number(args.runs)); run++) {
    const r = await firstViewJs(browser, new URL(args.path, server.url).href, dir);
    console.log(`${args.path}: first frame ${r.firstFrameMs.toFixed(0)} ms`);
    console.log(
      `  JavaScript before the first-frame mark (the bench's figure): ${kb(r.beforeFirstFrame)}`,
    );
    console.log(`  JavaScript until idle: ${kb(r.total)} in ${r.files.length} files`);
    for (const f of r.files) console.log(`    ${kb(f.gzip).padStart(9)}  ${f.path}`);
    console.log(`  models: ${r.models.join(', ') || 'none'}`);
    if (r.errors.length > 0) console.log(`  page errors: ${r.errors.join(' | ')}`);
  }
} finally {
  await browser.close();
  await server.close();
}
