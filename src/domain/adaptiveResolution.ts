/**
 * Adaptive rendering resolution: while the scene animates, the pixel ratio steps down when
 * frames take longer than the target and back up when there is ample headroom. Software
 * rendering (no GPU) is mostly limited by pixels drawn, so this keeps animation smooth there.
 */

export interface ResolutionState {
  /** Pixel ratios offered, ascending. */
  readonly levels: readonly number[];
  readonly index: number;
  /** Frame times (ms) of the current measuring window. */
  readonly samples: readonly number[];
}

export interface ResolutionOptions {
  /** Frame time to stay under, ms (30 fps ≈ 33 ms; aim a little lower). */
  readonly targetMs: number;
  /** Frames per decision. */
  readonly window: number;
  /** A gap longer than this is a pause, not a slow frame: the window restarts. */
  readonly gapMs: number;
  /** Step up only when the median is below this fraction of the target. */
  readonly headroom: number;
}

export const DEFAULT_RESOLUTION_OPTIONS: ResolutionOptions = {
  targetMs: 28,
  window: 12,
  gapMs: 250,
  headroom: 0.55,
};

const LEVELS = [0.5, 0.6, 0.75, 1, 1.25, 1.5, 2] as const;

/**
 * The starting state: levels up to `maxRatio`, starting at `startRatio` (clamped to a level).
 */
export function createResolution(maxRatio: number, startRatio: number): ResolutionState {
  const levels = LEVELS.filter((l) => l <= Math.max(LEVELS[0], maxRatio));
  let index = 0;
  levels.forEach((l, i) => {
    if (l <= startRatio) index = i;
  });
  return { levels, index, samples: [] };
}

export function currentRatio(state: ResolutionState): number {
  return state.levels[state.index] ?? 1;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Feeds one frame time; returns the same state object when nothing changes but the window. */
export function recordFrame(
  state: ResolutionState,
  frameMs: number,
  options: ResolutionOptions = DEFAULT_RESOLUTION_OPTIONS,
): ResolutionState {
  if (!Number.isFinite(frameMs) || frameMs <= 0 || frameMs > options.gapMs) {
    return state.samples.length === 0 ? state : { ...state, samples: [] };
  }
  const samples = [...state.samples, frameMs];
  if (samples.length < options.window) return { ...state, samples };
  const m = median(samples);
  let index = state.index;
  if (m > options.targetMs && index > 0) index--;
  else if (m < options.targetMs * options.headroom && index < state.levels.length - 1) index++;
  return { ...state, index, samples: [] };
}

/**
 * Whether a WebGL renderer string names a software rasteriser (SwiftShader, llvmpipe, the
 * Windows basic render driver…), where every triangle and pixel is drawn by the CPU: playback
 * then starts at the lowest pixel ratio and with low-detail feet instead of finding out over the
 * first seconds.
 */
export function isSoftwareRenderer(renderer: string | null | undefined): boolean {
  if (!renderer) return false;
  return /swiftshader|llvmpipe|softpipe|lavapipe|basic render driver|software rasterizer|software adapter/i.test(
    renderer,
  );
}
