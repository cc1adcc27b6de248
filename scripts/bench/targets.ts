/**
 * The three pages the bench compares, how each is built or staged, and how each starts the animated
 * case of the frame-time measurement.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUT = resolve(ROOT, 'dist-bench');

export type TargetName = 'footwork' | 'three' | 'model-viewer';

export interface Target {
  readonly name: TargetName;
  readonly label: string;
  /** Folder served as the site root. */
  readonly dir: string;
  /** Path of the page whose load and idle frames are measured. */
  readonly loadPath: string;
  /** Path of the page whose animation is timed. */
  readonly animatePath: string;
  /** Starts the animation once the first frame is drawn; resolves when it runs. */
  startAnimation(page: Page): Promise<void>;
  /** Keeps a long play-through going (called every few seconds). */
  playthroughTick?(page: Page, elapsedMs: number): Promise<void>;
}

/** The deep link to a stroke step: p1 step 3 is "rubbing" the first MTP joint, left foot. */
export const DEFAULT_STROKE_PATH = '/?protocol=p1-hallux-valgus-adult-self&step=3&side=L&speed=1';

const PLAYER_TIMEOUT_MS = 30_000;

async function pressPlay(page: Page): Promise<void> {
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await play.waitFor({ state: 'visible', timeout: PLAYER_TIMEOUT_MS });
  await play.click();
  await page
    .getByRole('button', { name: 'Pause', exact: true })
    .waitFor({ state: 'visible', timeout: 10_000 });
}

export function footwork(strokePath = DEFAULT_STROKE_PATH): Target {
  return {
    name: 'footwork',
    label: 'Footwork',
    dir: resolve(OUT, 'app'),
    loadPath: '/',
    animatePath: strokePath,
    async startAnimation(page) {
      // Loop the step so the stroke keeps animating through the whole measurement.
      const loop = page.getByRole('checkbox', { name: 'Loop step' });
      await loop.waitFor({ state: 'visible', timeout: PLAYER_TIMEOUT_MS });
      if (!(await loop.isChecked())) await loop.check();
      await pressPlay(page);
    },
    async playthroughTick(page, elapsedMs) {
      // Auto-advance runs through every step; when the protocol ends, start it over. Every so often
      // skip ahead or back with the keyboard, as a user does.
      const play = page.getByRole('button', { name: 'Play', exact: true });
      if (await play.isVisible()) await play.click();
      const tick = Math.round(elapsedMs / 5000);
      if (tick % 6 === 3) await page.keyboard.press('ArrowRight');
      if (tick % 12 === 9) await page.keyboard.press('ArrowLeft');
    },
  };
}

export async function startFootworkPlaythrough(page: Page): Promise<void> {
  const auto = page.getByRole('checkbox', { name: 'Auto-advance' });
  await auto.waitFor({ state: 'visible', timeout: PLAYER_TIMEOUT_MS });
  if (!(await auto.isChecked())) await auto.check();
  await pressPlay(page);
}

export const three: Target = {
  name: 'three',
  label: 'bare three.js',
  dir: resolve(OUT, 'three'),
  loadPath: '/',
  animatePath: '/',
  // Its render loop runs from the first frame on.
  startAnimation: () => Promise.resolve(),
};

export const modelViewer: Target = {
  name: 'model-viewer',
  label: 'model-viewer',
  dir: resolve(OUT, 'model-viewer'),
  loadPath: '/',
  animatePath: '/?autorotate',
  startAnimation: () => Promise.resolve(),
};

function run(cmd: string, args: readonly string[]): void {
  execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Builds Footwork (into dist-bench/app, with hidden source maps for the per-package breakdown, so
 * that a bench never races someone's `npm run build` into dist/) and the bare three.js page, and
 * stages the model-viewer page with its own install of @google/model-viewer.
 */
export function buildAll(): void {
  run('npx', [
    'vite',
    'build',
    '--outDir',
    resolve(OUT, 'app'),
    '--emptyOutDir',
    '--sourcemap',
    'hidden',
    '--logLevel',
    'warn',
  ]);
  run('npx', [
    'vite',
    'build',
    '--config',
    'bench/three-baseline/vite.config.ts',
    '--logLevel',
    'warn',
  ]);
  stageModelViewer();
}

export function stageModelViewer(): void {
  const pkg = resolve(ROOT, 'bench/model-viewer');
  if (!existsSync(resolve(pkg, 'node_modules/@google/model-viewer'))) {
    run('npm', ['ci', '--prefix', pkg, '--ignore-scripts', '--no-audit', '--no-fund']);
  }
  const dir = modelViewer.dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    [resolve(pkg, 'index.html'), 'index.html'],
    [
      resolve(pkg, 'node_modules/@google/model-viewer/dist/model-viewer.min.js'),
      'model-viewer.min.js',
    ],
    [resolve(pkg, 'node_modules/meshoptimizer/meshopt_decoder.cjs'), 'meshopt_decoder.cjs'],
    [resolve(ROOT, 'models/body-adult.glb'), 'body-adult.glb'],
  ];
  for (const [from, to] of files) copyFileSync(from, resolve(dir, to));
}
