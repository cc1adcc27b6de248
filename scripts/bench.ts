/**
 * Performance benchmark: the production build against two baselines showing the same model, side by
 * side in one run — a bare three.js page (GLTFLoader, continuous render loop at full resolution with
 * antialiasing) and `<model-viewer>` (its own install in bench/model-viewer, decoders served
 * locally). Each page is measured in headless Chromium (SwiftShader WebGL, 1280×720), in a fresh
 * browser context per measurement, runs interleaved across the pages, medians reported with ratios
 * to both baselines. No request may leave 127.0.0.1: one that tries voids the run.
 *
 *   npm run bench [-- --runs 5 --playthrough-minutes 10 --no-build --stroke '/?protocol=…&step=3'
 *                    --lighthouse-runs 1 --only lighthouse]
 *
 * Lighthouse 12.2 (its mobile and desktop presets) then loads each page's first view, the three
 * pages interleaved, and its scores and timings are printed with the same ratios. `--only
 * lighthouse` runs just that part.
 *
 * Prints a Markdown table and writes bench-results/latest.json and bench-results/latest.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { attributeChunks } from './bench/attribute.ts';
import { CHROMIUM_PATH, launch, VIEWPORT } from './bench/browser.ts';
import { INITIAL_JS_BUDGET_BYTES } from './bench/budgets.ts';
import { initialJsSize } from './bench/initialJs.ts';
import {
  LIGHTHOUSE_VERSION,
  lighthouseRows,
  lighthouseSummaryOf,
  runLighthouse,
  type LighthouseResult,
  type Preset,
} from './bench/lighthouse.ts';
import {
  ANIMATE_SECONDS,
  animateRun,
  IDLE_SECONDS,
  loadRun,
  median,
  playthrough,
  type AnimateResult,
  type HeapResult,
  type LoadResult,
} from './bench/measure.ts';
import { rows, table, type Summary } from './bench/report.ts';
import { serveStatic, type StaticServer } from './bench/server.ts';
import {
  buildAll,
  DEFAULT_STROKE_PATH,
  footwork,
  modelViewer,
  OUT,
  ROOT,
  stageModelViewer,
  three,
  type Target,
  type TargetName,
} from './bench/targets.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'playthrough-minutes': { type: 'string', default: '10' },
    'no-build': { type: 'boolean', default: false },
    stroke: { type: 'string', default: DEFAULT_STROKE_PATH },
    out: { type: 'string', default: 'bench-results' },
    'lighthouse-runs': { type: 'string', default: '1' },
    only: { type: 'string' },
  },
});
const runs = Math.max(1, Number(args.runs));
const minutes = Math.max(0, Number(args['playthrough-minutes']));
const lighthouseRuns = Math.max(0, Number(args['lighthouse-runs']));
if (args.only !== undefined && args.only !== 'lighthouse')
  throw new Error(`--only takes "lighthouse", not "${args.only}"`);
const onlyLighthouse = args.only === 'lighthouse';
const PRESETS: readonly Preset[] = ['mobile', 'desktop'];
const log = (line: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

interface Raw {
  load: LoadResult[];
  animate: AnimateResult[];
  notes: string[];
}

async function main(): Promise<void> {
  const started = new Date();
  if (args['no-build']) stageModelViewer();
  else buildAll();
  const targets: Target[] = [footwork(args.stroke), three, modelViewer];
  const servers = new Map<TargetName, StaticServer>();
  for (const t of targets) servers.set(t.name, await serveStatic(t.dir));
  const origin = (t: Target) => servers.get(t.name)?.url ?? '';
  const raw = new Map<TargetName, Raw>(
    targets.map((t) => [t.name, { load: [], animate: [], notes: [] }]),
  );
  const load0 = loadavg()[0] ?? 0;
  const browser = await launch();
  let heap = new Map<string, HeapResult>();
  const lighthouse = new Map<string, LighthouseResult[]>();
  try {
    for (let i = 0; i < (onlyLighthouse ? 0 : runs); i++) {
      // Interleave the pages, rotating who goes first, so drift on the (shared) machine affects
      // them alike.
      const order = targets.map((_, j) => targets[(i + j) % targets.length]);
      for (const t of order) {
        const r = await loadRun(browser, t, origin(t));
        raw.get(t.name)?.load.push(r);
        log(
          `run ${i + 1}/${runs} ${t.label}: first frame ${r.firstFrameMs.toFixed(0)} ms, idle frames ${r.idleFrames}`,
        );
      }
      for (const t of order) {
        try {
          const r = await animateRun(browser, t, origin(t));
          raw.get(t.name)?.animate.push(r);
          log(
            `run ${i + 1}/${runs} ${t.label}: frame median ${r.frameMedianMs.toFixed(1)} ms, p95 ${r.frameP95Ms.toFixed(1)} ms, canvas ${r.canvas}`,
          );
        } catch (e) {
          if (/off 127\.0\.0\.1/.test(String(e))) throw e;
          const note = `animation not measured: ${(e as Error).message.split('\n')[0] ?? ''}`;
          raw.get(t.name)?.notes.push(note);
          log(`run ${i + 1}/${runs} ${t.label}: ${note}`);
        }
      }
    }
    if (minutes > 0 && !onlyLighthouse) {
      log(`play-through: ${minutes} min, all pages side by side`);
      try {
        heap = await playthrough(
          browser,
          targets.map((t) => ({ target: t, origin: origin(t) })),
          minutes,
          log,
        );
      } catch (e) {
        if (/off 127\.0\.0\.1/.test(String(e))) throw e;
        const note = `play-through failed: ${(e as Error).message.split('\n')[0] ?? ''}`;
        raw.get('footwork')?.notes.push(note);
        log(note);
      }
    }
    await browser.close();
    // Lighthouse launches its own Chromium per run (a cold first visit each time).
    for (let i = 0; i < lighthouseRuns; i++) {
      for (const preset of PRESETS) {
        const order = targets.map((_, j) => targets[(i + j) % targets.length]);
        for (const t of order) {
          const key = `${preset}/${t.name}`;
          try {
            const r = await runLighthouse(`${origin(t)}${t.loadPath.slice(1)}`, preset);
            lighthouse.set(key, [...(lighthouse.get(key) ?? []), r]);
            log(
              `lighthouse ${i + 1}/${lighthouseRuns} ${preset} ${t.label}: performance ${r.performance.toFixed(2)}, LCP ${r.lcpMs.toFixed(0)} ms, TBT ${r.tbtMs.toFixed(0)} ms, JS ${(r.jsTransferBytes / 1024).toFixed(1)} KB`,
            );
          } catch (e) {
            const note = `Lighthouse ${preset} not measured: ${(e as Error).message.split('\n')[0] ?? ''}`;
            raw.get(t.name)?.notes.push(note);
            log(`${t.label}: ${note}`);
          }
        }
      }
    }
  } finally {
    await browser.close();
    for (const s of servers.values()) await s.close();
  }

  const summary = {} as Summary;
  for (const t of targets) {
    const r = raw.get(t.name) ?? { load: [], animate: [], notes: [] };
    const h = heap.get(t.name);
    summary[t.name] = {
      firstFrameMs: median(r.load.map((x) => x.firstFrameMs)),
      idleFrames: median(r.load.map((x) => x.idleFrames)),
      initialJsGzipBytes: median(r.load.map((x) => x.initialJsGzipBytes)),
      transferBytes: median(r.load.map((x) => x.transferBytes)),
      frameMedianMs: median(r.animate.map((x) => x.frameMedianMs)),
      frameP95Ms: median(r.animate.map((x) => x.frameP95Ms)),
      heapBeforeBytes: h?.heapBeforeBytes ?? Number.NaN,
      heapAfterBytes: h?.heapAfterBytes ?? Number.NaN,
      heapGrowth: h?.heapGrowth ?? Number.NaN,
    };
  }
  const load1 = loadavg()[0] ?? 0;
  const header = [
    `Medians of ${runs} interleaved runs per page (fresh browser context each), headless Chromium with SwiftShader WebGL, ${VIEWPORT.width}×${VIEWPORT.height};`,
    `${minutes} min play-through, pages side by side. ${started.toISOString().slice(0, 16)} UTC, ${cpus().length} cores, load average ${load0.toFixed(1)} → ${load1.toFixed(1)}.`,
  ].join('\n');
  const { markdown, verdicts } = table(
    summary,
    rows(IDLE_SECONDS, ANIMATE_SECONDS, minutes),
    header,
  );

  // Where the first view's JavaScript comes from, per package (from the build's source maps).
  const initial = initialJsSize(footwork().dir);
  const breakdown = attributeChunks(initial.files.map((f) => f.file));
  const breakdownMd = [
    `Footwork initial JavaScript: ${initial.files.map((f) => `${relative(footwork().dir, f.file)} ${(f.gzip / 1024).toFixed(1)} KB`).join(', ')}`,
    `(gzip; budget ${(INITIAL_JS_BUDGET_BYTES / 1024).toFixed(0)} KB). By package (minified KB → estimated gzip KB):`,
    '',
    ...breakdown
      .filter((b) => b.bytes >= 1024)
      .map(
        (b) =>
          `- ${b.name}: ${(b.bytes / 1024).toFixed(1)} → ${(b.gzipEstimate / 1024).toFixed(1)}`,
      ),
  ].join('\n');
  const notes = targets.flatMap((t) =>
    (raw.get(t.name)?.notes ?? []).map((n) => `- ${t.label}: ${n}`),
  );
  const canvases = targets
    .map(
      (t) =>
        `${t.label} ${[...new Set(raw.get(t.name)?.animate.map((a) => a.canvas))].join('/') || 'n/a'}`,
    )
    .join(', ');
  const lighthouseSummary = Object.fromEntries(
    PRESETS.map((preset) => [
      preset,
      Object.fromEntries(
        targets.map((t) => [
          t.name,
          lighthouseSummaryOf(lighthouse.get(`${preset}/${t.name}`) ?? []),
        ]),
      ) as Summary,
    ]),
  ) as Record<Preset, Summary>;
  const lighthouseTables = PRESETS.map((preset) =>
    table(
      lighthouseSummary[preset],
      lighthouseRows(preset),
      `Lighthouse ${LIGHTHOUSE_VERSION}, ${preset} preset (${preset === 'mobile' ? 'simulated slow 4G, 4× CPU slowdown, 412×823' : 'simulated 10 Mbit/s, 1350×940'}), each page's first view, median of ${lighthouseRuns} run(s); this machine's benchmark index ${String(Math.round(lighthouseSummary[preset].footwork.benchmarkIndex))}.`,
    ),
  );
  const output = [
    ...(onlyLighthouse ? [] : [markdown, '']),
    ...(lighthouseRuns > 0 ? lighthouseTables.flatMap((l) => [l.markdown, '']) : []),
    `Drawing buffer while animating: ${canvases}.`,
    ...(notes.length ? ['', 'Notes:', ...new Set(notes)] : []),
    '',
    breakdownMd,
  ].join('\n');
  console.log(output);

  const outDir = resolve(ROOT, args.out);
  mkdirSync(outDir, { recursive: true });
  const json = {
    date: started.toISOString(),
    runs,
    playthroughMinutes: minutes,
    viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
    chromium: CHROMIUM_PATH,
    strokePath: args.stroke,
    machine: { cores: cpus().length, loadAverageBefore: load0, loadAverageAfter: load1 },
    budgets: { initialJsGzipBytes: INITIAL_JS_BUDGET_BYTES },
    summary,
    verdicts,
    lighthouse: {
      version: LIGHTHOUSE_VERSION,
      runs: lighthouseRuns,
      summary: lighthouseSummary,
      verdicts: Object.fromEntries(PRESETS.map((p, i) => [p, lighthouseTables[i]?.verdicts])),
      raw: Object.fromEntries(lighthouse),
    },
    heap: Object.fromEntries(heap),
    initialJs: {
      files: initial.files.map((f) => ({ file: relative(OUT, f.file), gzip: f.gzip })),
      total: initial.total,
      byPackage: breakdown,
    },
    raw: Object.fromEntries(raw),
  };
  writeFileSync(resolve(outDir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(resolve(outDir, 'latest.md'), `${output}\n`);
  log(`wrote ${relative(ROOT, resolve(outDir, 'latest.json'))}`);
}

await main();
