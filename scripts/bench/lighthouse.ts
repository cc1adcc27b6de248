/**
 * Lighthouse 12 (the npm package, run from Node) on the three pages of the bench, mobile and
 * desktop presets. Chrome is Debian's Chromium, launched by chrome-launcher (CHROME_PATH, never a
 * downloaded browser) with the same SwiftShader flags as every other run here. Each page is served
 * by the bench's static server (gzip for text, no caching, so every run is a cold first visit).
 *
 * The mobile preset is Lighthouse's default: a Moto G Power-sized screen, simulated slow 4G
 * (150 ms RTT, 1.6 Mbit/s) and a 4× CPU slowdown applied to what the trace measured. Desktop:
 * 1350×940, 40 ms RTT, 10 Mbit/s, no CPU slowdown.
 */
import { createRequire } from 'node:module';
import { launch as launchChrome } from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import type { Flags, Result } from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium.ts';
import type { Row, Summary } from './report.ts';

export type Preset = 'mobile' | 'desktop';

/** The installed Lighthouse's version (12.2.x: the last line that runs on Node 20). */
export const LIGHTHOUSE_VERSION = (
  createRequire(import.meta.url)('lighthouse/package.json') as { version: string }
).version;

export interface LighthouseResult {
  readonly preset: Preset;
  /** Performance score 0..1. */
  readonly performance: number;
  readonly fcpMs: number;
  readonly lcpMs: number;
  readonly tbtMs: number;
  readonly siMs: number;
  readonly ttiMs: number;
  readonly cls: number;
  /** Bytes of JavaScript transferred (all of it, as Lighthouse saw the page load). */
  readonly jsTransferBytes: number;
  readonly totalTransferBytes: number;
  /** The machine's speed as Lighthouse measured it (higher is faster; a 2020 phone is ~ 1000). */
  readonly benchmarkIndex: number;
  /** The longest main-thread tasks Lighthouse observed (unthrottled), ms. */
  readonly longestTasksMs: readonly number[];
  /** What Lighthouse took for the largest contentful paint (a selector and a snippet). */
  readonly lcpElement: string;
  readonly warnings: readonly string[];
}

/** An audit of the report (an id this version of Lighthouse does not know gives undefined). */
const audit = (lhr: Result, id: string): Result['audits'][string] | undefined => lhr.audits[id];

const numeric = (lhr: Result, id: string): number => audit(lhr, id)?.numericValue ?? Number.NaN;

function transfer(lhr: Result, type: 'Script' | 'Total'): number {
  const details = audit(lhr, 'resource-summary')?.details as
    { items?: { resourceType: string; transferSize: number }[] } | undefined;
  const label = type === 'Script' ? 'script' : 'total';
  return details?.items?.find((i) => i.resourceType === label)?.transferSize ?? Number.NaN;
}

function longTasks(lhr: Result): number[] {
  const details = audit(lhr, 'long-tasks')?.details as
    { items?: { duration: number }[] } | undefined;
  return (details?.items ?? [])
    .map((i) => i.duration)
    .sort((a, b) => b - a)
    .slice(0, 5);
}

function lcpElement(lhr: Result): string {
  const details = audit(lhr, 'largest-contentful-paint-element')?.details as
    { items?: { items?: { node?: { selector?: string; snippet?: string } }[] }[] } | undefined;
  const node = details?.items?.[0]?.items?.[0]?.node;
  return node ? `${node.selector ?? ''} ${node.snippet ?? ''}`.trim() : 'n/a';
}

/** One Lighthouse run of `url` in a fresh Chromium (a fresh profile: a cold first visit). */
export async function runLighthouse(url: string, preset: Preset): Promise<LighthouseResult> {
  const chrome = await launchChrome({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    logLevel: 'silent',
  });
  try {
    const flags: Flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      // Service workers would serve a second visit; every run here is a first one.
      disableStorageReset: false,
    };
    const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    return {
      preset,
      performance:
        (lhr.categories.performance as Result['categories'][string] | undefined)?.score ??
        Number.NaN,
      fcpMs: numeric(lhr, 'first-contentful-paint'),
      lcpMs: numeric(lhr, 'largest-contentful-paint'),
      tbtMs: numeric(lhr, 'total-blocking-time'),
      siMs: numeric(lhr, 'speed-index'),
      ttiMs: numeric(lhr, 'interactive'),
      cls: numeric(lhr, 'cumulative-layout-shift'),
      jsTransferBytes: transfer(lhr, 'Script'),
      totalTransferBytes: transfer(lhr, 'Total'),
      benchmarkIndex: lhr.environment.benchmarkIndex,
      longestTasksMs: longTasks(lhr),
      lcpElement: lcpElement(lhr),
      warnings: lhr.runWarnings,
    };
  } finally {
    chrome.kill();
  }
}

/** Lighthouse's figures for the bench's comparison table (medians over runs). */
export function lighthouseSummaryOf(results: readonly LighthouseResult[]): Record<string, number> {
  const med = (pick: (r: LighthouseResult) => number) => median(results.map(pick));
  return {
    performance: med((r) => r.performance),
    fcpMs: med((r) => r.fcpMs),
    lcpMs: med((r) => r.lcpMs),
    tbtMs: med((r) => r.tbtMs),
    siMs: med((r) => r.siMs),
    ttiMs: med((r) => r.ttiMs),
    cls: med((r) => r.cls),
    jsTransferBytes: med((r) => r.jsTransferBytes),
    totalTransferBytes: med((r) => r.totalTransferBytes),
    longestTaskMs: med((r) => r.longestTasksMs[0] ?? 0),
    benchmarkIndex: med((r) => r.benchmarkIndex),
  };
}

function median(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] ?? Number.NaN) : ((v[mid - 1] ?? 0) + (v[mid] ?? 0)) / 2;
}

/** "Good" by Core Web Vitals and Lighthouse: the targets for the mobile preset. */
export const LIGHTHOUSE_TARGETS = {
  performance: 0.9,
  lcpMs: 2500,
  tbtMs: 200,
  /** Where software WebGL makes the absolute figure unreachable: the ratio to bare three.js. */
  maxRatioToThree: 1.2,
} as const;

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : 'n/a');
const kib = (v: number) => (Number.isFinite(v) ? `${(v / 1024).toFixed(1)} KB` : 'n/a');
const score = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
const plain = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');

/** Rows of the Lighthouse table for one preset (targets checked on the mobile preset only). */
export function lighthouseRows(preset: Preset): Row[] {
  const { performance, lcpMs, tbtMs, maxRatioToThree } = LIGHTHOUSE_TARGETS;
  const checked = preset === 'mobile';
  const fw = (s: Summary, k: string) => s.footwork[k] ?? Number.NaN;
  const th = (s: Summary, k: string) => s.three[k] ?? Number.NaN;
  const atMost = (k: string, limit: number) => (s: Summary) =>
    fw(s, k) <= limit || fw(s, k) <= maxRatioToThree * th(s, k);
  return [
    {
      key: 'performance',
      label: `${preset}: performance score`,
      format: score,
      ...(checked && {
        target: `≥ ${performance} (or ≥ three.js ÷ ${maxRatioToThree})`,
        holds: (s: Summary) =>
          fw(s, 'performance') >= performance ||
          fw(s, 'performance') >= th(s, 'performance') / maxRatioToThree,
      }),
    },
    { key: 'fcpMs', label: `${preset}: first contentful paint`, format: ms },
    {
      key: 'lcpMs',
      label: `${preset}: largest contentful paint`,
      format: ms,
      ...(checked && {
        target: `≤ ${lcpMs} ms (or ≤ ${maxRatioToThree}× three.js)`,
        holds: atMost('lcpMs', lcpMs),
      }),
    },
    {
      key: 'tbtMs',
      label: `${preset}: total blocking time`,
      format: ms,
      ...(checked && {
        target: `≤ ${tbtMs} ms (or ≤ ${maxRatioToThree}× three.js)`,
        holds: atMost('tbtMs', tbtMs),
      }),
    },
    { key: 'siMs', label: `${preset}: speed index`, format: ms },
    { key: 'ttiMs', label: `${preset}: time to interactive`, format: ms },
    { key: 'cls', label: `${preset}: cumulative layout shift`, format: plain },
    { key: 'longestTaskMs', label: `${preset}: longest main-thread task`, format: ms },
    { key: 'jsTransferBytes', label: `${preset}: JavaScript transferred`, format: kib },
    { key: 'totalTransferBytes', label: `${preset}: total transferred`, format: kib },
  ];
}
