import type { LoadedProtocol } from '../../content/index.ts';
import type { Locale } from '../../content/schema.ts';
import type { CapturedStep } from '../../domain/handout.ts';
import { looksBlank } from '../../domain/presentation.ts';
import { stepKey } from '../../domain/stepKey.ts';
import { zoneName } from '../../i18n/zones.ts';
import { sideForStep } from '../../state/currentStep.ts';
import { playerEngine } from '../../state/playerStore.ts';
import { whenStepDerived } from '../../state/stepMotion.ts';
import { useViewerStore } from '../../state/viewerStore.ts';
import { sceneAccess, waitUntilSettled } from './sceneAccess.ts';

/** Widest picture kept for the handout, pixels. */
const MAX_PICTURE_WIDTH = 900;

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
 * Shows each step of the open protocol on the model in turn, waits until its path, warnings and
 * camera have settled, and takes a picture of the canvas. The player is paused meanwhile and put
 * back on its step (and playing, if it was) afterwards. Without a canvas the steps get no picture.
 */
export async function captureSteps(
  loaded: LoadedProtocol,
  locale: Locale,
  onStep: (index: number, count: number) => void,
): Promise<(CapturedStep | undefined)[]> {
  const access = sceneAccess.get();
  const count = loaded.protocol.steps.length;
  if (!access || playerEngine.state.protocolId !== loaded.protocol.id) return [];
  const saved = playerEngine.state;
  playerEngine.dispatch({ type: 'pause' });
  const shots: (CapturedStep | undefined)[] = [];
  // Steps the safety check rules out are not pictured (the player cannot go to them).
  const skipped = new Set(saved.skipped);
  try {
    for (let i = 0; i < count; i++) {
      onStep(i, count);
      if (skipped.has(i)) {
        shots.push(undefined);
        continue;
      }
      playerEngine.dispatch({ type: 'jump', stepIndex: i });
      access.invalidate();
      const step = loaded.protocol.steps[i];
      const side = step ? sideForStep(step, useViewerStore.getState().side) : 'L';
      // The step's path and warnings first, then the canvas settled with them drawn.
      const derived = step
        ? await whenStepDerived(stepKey(loaded.protocol.id, step.id, side))
        : null;
      await waitUntilSettled(access);
      let copy = access.renderAndRead((canvas) => copyCanvas(canvas, MAX_PICTURE_WIDTH));
      if (isBlank(copy)) {
        // The step's own framing shows nothing of the body: picture it on the whole body.
        useViewerStore.getState().setView('whole');
        access.invalidate();
        await waitUntilSettled(access);
        copy = access.renderAndRead((canvas) => copyCanvas(canvas, MAX_PICTURE_WIDTH));
      }
      const image = await toObjectUrl(copy);
      const names = (derived?.nearAvoid ?? []).map((z) => zoneName(z.zone, locale));
      shots.push({ image, avoidZones: [...new Set(names)] });
    }
  } finally {
    playerEngine.dispatch({ type: 'jump', stepIndex: saved.stepIndex });
    if (saved.status === 'playing') playerEngine.dispatch({ type: 'play' });
    access.invalidate();
  }
  return shots;
}

/** Frees the pictures of a handout that is no longer shown. */
export function releasePictures(urls: readonly (string | null)[]): void {
  for (const url of urls) if (url?.startsWith('blob:')) URL.revokeObjectURL(url);
}
