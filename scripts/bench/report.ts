/** The comparison table (Markdown) and its verdicts. */
import {
  FIRST_FRAME_MAX_RATIO_TO_THREE,
  HEAP_GROWTH_MAX,
  IDLE_FRAMES_MAX,
  INITIAL_JS_BUDGET_BYTES,
  STROKE_FRAME_MAX_RATIO_TO_THREE,
  STROKE_FRAME_MEDIAN_MAX_MS,
} from './budgets.ts';
import type { TargetName } from './targets.ts';

export type Summary = Record<TargetName, Record<string, number>>;

export interface Row {
  key: string;
  label: string;
  format: (v: number) => string;
  target?: string;
  holds?: (s: Summary) => boolean;
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 100 ? 1 : 0)} ms` : 'n/a');
const count = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : 'n/a');
const kib = (v: number) => (Number.isFinite(v) ? `${(v / 1024).toFixed(1)} KB` : 'n/a');
const mib = (v: number) => (Number.isFinite(v) ? `${(v / 1024 / 1024).toFixed(1)} MB` : 'n/a');
const pct = (v: number) =>
  Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %` : 'n/a';

const fw = (s: Summary, k: string) => s.footwork[k] ?? Number.NaN;
const th = (s: Summary, k: string) => s.three[k] ?? Number.NaN;

export function rows(idleSeconds: number, animateSeconds: number, minutes: number): Row[] {
  return [
    {
      key: 'firstFrameMs',
      label: 'time to first frame',
      format: ms,
      target: `≤ ${FIRST_FRAME_MAX_RATIO_TO_THREE}× three.js`,
      holds: (s) => fw(s, 'firstFrameMs') <= FIRST_FRAME_MAX_RATIO_TO_THREE * th(s, 'firstFrameMs'),
    },
    {
      key: 'frameMedianMs',
      label: `frame time while animating, median (${animateSeconds} s)`,
      format: ms,
      target: `≤ ${STROKE_FRAME_MEDIAN_MAX_MS} ms and ≤ ${STROKE_FRAME_MAX_RATIO_TO_THREE}× three.js`,
      holds: (s) =>
        fw(s, 'frameMedianMs') <= STROKE_FRAME_MEDIAN_MAX_MS &&
        fw(s, 'frameMedianMs') <= STROKE_FRAME_MAX_RATIO_TO_THREE * th(s, 'frameMedianMs'),
    },
    { key: 'frameP95Ms', label: 'frame time while animating, p95', format: ms },
    {
      key: 'idleFrames',
      label: `frames drawn in ${idleSeconds} s idle`,
      format: count,
      target: `${IDLE_FRAMES_MAX}`,
      holds: (s) => fw(s, 'idleFrames') <= IDLE_FRAMES_MAX,
    },
    {
      key: 'initialJsGzipBytes',
      label: 'initial JavaScript (gzip)',
      format: kib,
      target: `≤ ${kib(INITIAL_JS_BUDGET_BYTES)} (model-viewer's bundle)`,
      holds: (s) => fw(s, 'initialJsGzipBytes') <= INITIAL_JS_BUDGET_BYTES,
    },
    { key: 'transferBytes', label: 'total transfer (first view, idle)', format: kib },
    { key: 'heapBeforeBytes', label: `JS heap before play-through`, format: mib },
    { key: 'heapAfterBytes', label: `JS heap after ${minutes} min play-through`, format: mib },
    {
      key: 'heapGrowth',
      label: 'JS heap growth over the play-through',
      format: pct,
      target: `< ${(HEAP_GROWTH_MAX * 100).toFixed(0)} %`,
      holds: (s) => fw(s, 'heapGrowth') < HEAP_GROWTH_MAX,
    },
  ];
}

function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 'n/a';
  if (b === 0) return a === 0 ? '1.00×' : '∞';
  return `${(a / b).toFixed(2)}×`;
}

export function table(
  summary: Summary,
  list: readonly Row[],
  header: string,
): { markdown: string; verdicts: Record<string, boolean> } {
  const verdicts: Record<string, boolean> = {};
  const lines = [
    header,
    '',
    '| metric | Footwork | bare three.js | model-viewer | ÷ three.js | ÷ model-viewer | target | holds |',
    '|---|--:|--:|--:|--:|--:|---|:-:|',
  ];
  for (const r of list) {
    const [a = Number.NaN, b = Number.NaN, c = Number.NaN] = (
      ['footwork', 'three', 'model-viewer'] as const
    ).map((t): number => summary[t][r.key] ?? Number.NaN);
    const skipRatio = r.key === 'heapGrowth';
    let holds = '';
    if (r.holds) {
      const ok = r.holds(summary);
      verdicts[r.key] = ok;
      holds = Number.isFinite(a) ? (ok ? 'yes' : '**no**') : 'n/a';
    }
    lines.push(
      `| ${r.label} | ${r.format(a)} | ${r.format(b)} | ${r.format(c)} | ${skipRatio ? '' : ratio(a, b)} | ${
        skipRatio ? '' : ratio(a, c)
      } | ${r.target ?? ''} | ${holds} |`,
    );
  }
  return { markdown: lines.join('\n'), verdicts };
}
