/**
 * What Present mode's DOM needs of the 3D canvas, published by `PresentCapture` while it is
 * mounted: pictures of the canvas taken right after a render (the canvas keeps no drawing buffer
 * between frames), a hook called after every rendered frame (for recording), and a way to wait
 * until the canvas has stopped drawing (path, warnings and camera settled).
 */
/** One stroke of the step's path as the canvas shows it: x, y pairs in canvas pixels. */
export interface ScreenStroke {
  readonly contact: 'glide' | 'press';
  readonly points: readonly (readonly [number, number])[];
  /** How far the stroke's end is in front of its start (positive: nearer the viewer); for order. */
  readonly depth: number;
}

export interface RenderOptions {
  /** Background colour for this render only (the handout's pictures are drawn on white). */
  readonly background?: string;
  /**
   * Moves the camera to where the camera rig last asked for before rendering (a view set without
   * a flight is otherwise applied by the next frame's controls update).
   */
  readonly applyCamera?: boolean;
}

export interface SceneAccess {
  /** The WebGL canvas. */
  readonly canvas: HTMLCanvasElement;
  /** Renders the scene now and hands the canvas to `read` in the same task, while it holds the picture. */
  readonly renderAndRead: <T>(read: (canvas: HTMLCanvasElement) => T, options?: RenderOptions) => T;
  /**
   * Draws the canvas at this pixel ratio from now on (smaller pictures are quicker to render in
   * software); null puts back the ratio it had before the first call.
   */
  readonly setPixelRatio: (ratio: number | null) => void;
  /**
   * Stops (true) or resumes (false) the canvas's own frames: while held, only `renderAndRead`
   * draws, so that a sequence of pictures costs one render each.
   */
  readonly holdFrames: (hold: boolean) => void;
  /** The strokes of the path in the scene now (the plan's `path.strokes`), or null without one. */
  readonly pathShown: () => unknown;
  /** The step's path as drawn now, projected to canvas pixels (empty without a path). */
  readonly strokesOnScreen: () => readonly ScreenStroke[];
  /** Calls `draw` after every frame the canvas renders, until the returned function is called. */
  readonly onAfterRender: (draw: (canvas: HTMLCanvasElement) => void) => () => void;
  /** Frames rendered so far. */
  readonly frameCount: () => number;
  /** Asks for one more frame. */
  readonly invalidate: () => void;
}

type Listener = (access: SceneAccess | null) => void;
let current: SceneAccess | null = null;
const listeners = new Set<Listener>();

export const sceneAccess = {
  get(): SceneAccess | null {
    return current;
  },
  set(access: SceneAccess | null): void {
    current = access;
    for (const l of listeners) l(access);
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the canvas has drawn no frame for `quietMs` (and at least `minMs` have passed),
 * or after `maxMs` in any case. Frames come only while something moves (a camera flight, a path
 * being laid out), so a quiet canvas shows the settled step.
 */
export async function waitUntilSettled(
  access: SceneAccess,
  options: { quietMs?: number; minMs?: number; maxMs?: number } = {},
): Promise<void> {
  const { quietMs = 500, minMs = 300, maxMs = 10_000 } = options;
  const start = performance.now();
  let last = access.frameCount();
  let lastChange = start;
  for (;;) {
    await sleep(60);
    const now = performance.now();
    const frames = access.frameCount();
    if (frames !== last) {
      last = frames;
      lastChange = now;
    }
    if (now - start >= maxMs) return;
    if (now - start >= minMs && now - lastChange >= quietMs) return;
  }
}
