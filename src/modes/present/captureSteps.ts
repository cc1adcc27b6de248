import type { LoadedProtocol } from '../../content/index.ts';
import type { Locale } from '../../content/schema.ts';
import type { CapturedStep } from '../../domain/handout.ts';
import { looksBlank } from '../../domain/presentation.ts';
import { stepKey } from '../../domain/stepKey.ts';
import { zoneName } from '../../i18n/zones.ts';
import { sideForStep } from '../../state/currentStep.ts';
import { useHandsStore } from '../../state/handsStore.ts';
import { playerEngine, usePlayerStore } from '../../state/playerStore.ts';
import { whenStepDerived } from '../../state/stepMotion.ts';
import { useViewerStore } from '../../state/viewerStore.ts';
import { sceneAccess, type SceneAccess, type ScreenStroke } from './sceneAccess.ts';

/**
 * Width the pictures are drawn at, pixels: about 200 dpi at the 7.5 cm they print at, and a
 * quarter of the pixels of a tablet's canvas to render (in software that is most of the time).
 */
const PICTURE_WIDTH = 640;
/** The pictures are drawn on white paper. */
const PAPER = '#ffffff';
/** The longest wait for the scene to show a step's path once it is derived, ms. */
const SHOWN_MS = 3000;

/**
 * Resolves once the scene shows the path `strokes` (null: no path), that is once React has
 * committed the derived step to the canvas's tree; after `SHOWN_MS` in any case. Polled, since
 * the commit comes a task or so after the derived data.
 */
async function whenPathShown(access: SceneAccess, strokes: unknown): Promise<void> {
  const start = performance.now();
  // One task in any case: what depends on the step alone (zones, pose) commits with it.
  do await new Promise((r) => setTimeout(r, 0));
  while (access.pathShown() !== strokes && performance.now() - start < SHOWN_MS);
}

/**
 * Redraws the step's path over a picture in lines that survive black-and-white printing: a thick
 * black line with a white edge along each stroke and a large arrowhead where it ends (a ring for a
 * press). `scale` turns canvas pixels into the picture's.
 */
export function drawPrintPath(
  ctx: CanvasRenderingContext2D,
  strokes: readonly ScreenStroke[],
  scale: number,
): void {
  // About 0.5 mm lines and 3 mm arrowheads at the size the picture prints.
  const w = Math.max(ctx.canvas.width, ctx.canvas.height);
  const line = Math.max(2, w / 150);
  const head = line * 6;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const pass of ['halo', 'ink'] as const) {
    ctx.strokeStyle = pass === 'halo' ? '#ffffff' : '#000000';
    ctx.fillStyle = ctx.strokeStyle;
    const extra = pass === 'halo' ? line * 1.6 : 0;
    for (const s of strokes) {
      const pts = s.points.map(([x, y]) => [x * scale, y * scale] as const);
      const first = pts[0];
      const end = pts.at(-1);
      if (!first || !end) continue;
      ctx.lineWidth = line + extra;
      if (s.contact === 'press' || pts.length < 2) {
        ctx.beginPath();
        ctx.arc(first[0], first[1], head * 0.5, 0, Math.PI * 2);
        ctx.stroke();
        continue;
      }
      ctx.beginPath();
      ctx.moveTo(first[0], first[1]);
      for (const [x, y] of pts.slice(1)) ctx.lineTo(x, y);
      ctx.stroke();
      // The arrowhead points along the last stretch of the stroke at least a head long.
      let from = pts[pts.length - 2] ?? first;
      for (let i = pts.length - 2; i >= 0; i--) {
        const p = pts[i];
        if (!p) break;
        from = p;
        if (Math.hypot(end[0] - p[0], end[1] - p[1]) >= head) break;
      }
      const dx = end[0] - from[0];
      const dy = end[1] - from[1];
      const len = Math.hypot(dx, dy);
      if (len < 1) continue;
      const ux = dx / len;
      const uy = dy / len;
      const size = head;
      ctx.beginPath();
      ctx.moveTo(end[0] + ux * size * 0.35, end[1] + uy * size * 0.35);
      ctx.lineTo(end[0] - ux * size + uy * size * 0.55, end[1] - uy * size - ux * size * 0.55);
      ctx.lineTo(end[0] - ux * size - uy * size * 0.55, end[1] - uy * size + ux * size * 0.55);
      ctx.closePath();
      ctx.fill();
      if (pass === 'halo') ctx.stroke();
    }
  }
}

/** Draws the canvas (scaled to at most `maxWidth`) into a new 2D canvas, in the same task. */
function copyCanvas(source: HTMLCanvasElement, maxWidth: number): HTMLCanvasElement {
  const scale = Math.min(1, maxWidth / Math.max(1, source.width));
  const copy = document.createElement('canvas');
  copy.width = Math.max(1, Math.round(source.width * scale));
  copy.height = Math.max(1, Math.round(source.height * scale));
  copy.getContext('2d')?.drawImage(source, 0, 0, copy.width, copy.height);
  return copy;
}

/** Whether a picture shows next to nothing of the body. */
function isBlank(canvas: HTMLCanvasElement): boolean {
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  return looksBlank(ctx.getImageData(0, 0, canvas.width, canvas.height).data);
}

function toObjectUrl(canvas: HTMLCanvasElement): Promise<string | null> {
  return new Promise((resolve) => {
    canvas.toBlob((blob) => resolve(blob ? URL.createObjectURL(blob) : null), 'image/png');
  });
}

/**
 * Shows each step of the open protocol (or only `indices`) on the model in turn and, once its
 * path and warnings are derived and in the scene, moves the camera straight to the step's framing
 * and takes a picture of the canvas in one render, on white, with the path redrawn for print. The
 * canvas draws no frames of its own meanwhile. The hands are hidden meanwhile (the path and the contact glyph show the
 * stroke; the hands would be planned for every step and slow the sheet down). The player is paused
 * meanwhile and put back on its step (and playing, if it was) afterwards, and the hands shown again
 * if they were. Without a canvas the steps get no picture.
 */
export async function captureSteps(
  loaded: LoadedProtocol,
  locale: Locale,
  onStep: (index: number, count: number) => void,
  indices?: readonly number[],
): Promise<(CapturedStep | undefined)[]> {
  const access = sceneAccess.get();
  const order = indices ?? loaded.protocol.steps.map((_, i) => i);
  if (!access || playerEngine.state.protocolId !== loaded.protocol.id) return [];
  const saved = playerEngine.state;
  const hands = useHandsStore.getState();
  const handsWereShown = hands.showHands;
  if (handsWereShown) hands.setShowHands(false);
  // The camera goes straight to each step (no flight to wait for) and the arrows stand still.
  const player = usePlayerStore.getState();
  const motionWasReduced = player.reducedMotion;
  if (!motionWasReduced) player.setReducedMotion(true);
  playerEngine.dispatch({ type: 'pause' });
  // Only the pictures are rendered meanwhile (the canvas on screen stands still).
  access.holdFrames(true);
  access.setPixelRatio(
    Math.min(window.devicePixelRatio || 1, PICTURE_WIDTH / Math.max(1, access.canvas.clientWidth)),
  );
  const shots: (CapturedStep | undefined)[] = [];
  // Steps the safety check rules out are not pictured (the player cannot go to them).
  const skipped = new Set(saved.skipped);
  try {
    for (const [n, i] of order.entries()) {
      onStep(n, order.length);
      if (skipped.has(i)) continue;
      playerEngine.dispatch({ type: 'jump', stepIndex: i });
      const step = loaded.protocol.steps[i];
      const side = step ? sideForStep(step, useViewerStore.getState().side) : 'L';
      // The step's path and warnings first (the camera rig frames it as soon as they are there),
      // then the scene showing them; one render then takes the picture.
      const derived = step
        ? await whenStepDerived(stepKey(loaded.protocol.id, step.id, side))
        : null;
      await whenPathShown(access, derived?.motion?.plan.path.strokes ?? null);
      const take = () =>
        access.renderAndRead(
          (canvas) => ({
            copy: copyCanvas(canvas, PICTURE_WIDTH),
            scale: Math.min(1, PICTURE_WIDTH / Math.max(1, canvas.width)),
            strokes: access.strokesOnScreen(),
          }),
          { background: PAPER, applyCamera: true },
        );
      let shot = take();
      if (isBlank(shot.copy)) {
        // The step's own framing shows nothing of the body: picture it on the whole body.
        useViewerStore.getState().setView('whole');
        shot = take();
      }
      const ctx = shot.copy.getContext('2d');
      if (ctx) drawPrintPath(ctx, shot.strokes, shot.scale);
      const image = await toObjectUrl(shot.copy);
      const names = (derived?.nearAvoid ?? []).map((z) => zoneName(z.zone, locale));
      shots[i] = { image, avoidZones: [...new Set(names)] };
    }
  } finally {
    playerEngine.dispatch({ type: 'jump', stepIndex: saved.stepIndex });
    if (saved.status === 'playing') playerEngine.dispatch({ type: 'play' });
    if (handsWereShown) useHandsStore.getState().setShowHands(true);
    if (!motionWasReduced) usePlayerStore.getState().setReducedMotion(false);
    access.setPixelRatio(null);
    access.holdFrames(false);
  }
  return shots;
}

/** Frees the pictures of a handout that is no longer shown. */
export function releasePictures(urls: readonly (string | null)[]): void {
  for (const url of urls) if (url?.startsWith('blob:')) URL.revokeObjectURL(url);
}
