import fixWebmDuration from 'fix-webm-duration';
import type { LoadedProtocol } from '../../content/index.ts';
import { localized } from '../../content/localized.ts';
import type { Locale } from '../../content/schema.ts';
import {
  clampLines,
  pickRecordingType,
  playedFraction,
  recordingSize,
  wrapText,
} from '../../domain/presentation.ts';
import { playerEngine } from '../../state/playerStore.ts';
import { sceneAccess, waitUntilSettled } from './sceneAccess.ts';

export type RecordFailure = 'unsupported' | 'no_canvas' | 'cancelled' | 'failed';

export class RecordError extends Error {
  constructor(
    readonly reason: RecordFailure,
    detail?: string,
  ) {
    super(detail ?? reason);
  }
}

export interface Recording {
  readonly blob: Blob;
  /** Length of the recording, seconds. */
  readonly seconds: number;
}

/** Frames per second asked of the recorded stream. */
const FPS = 30;

/** Whether this browser can record a canvas at all. */
export function canRecord(): boolean {
  return (
    typeof MediaRecorder !== 'undefined' &&
    typeof HTMLCanvasElement.prototype.captureStream === 'function' &&
    pickRecordingType((t) => MediaRecorder.isTypeSupported(t)) !== null
  );
}

/** Draws the model picture and the step's caption (number and plain words) onto the video frame. */
function drawFrame(
  ctx: CanvasRenderingContext2D,
  source: HTMLCanvasElement,
  caption: { counter: string; text: string },
): void {
  const { width, height } = ctx.canvas;
  ctx.drawImage(source, 0, 0, width, height);
  const size = Math.max(14, Math.round(height * 0.042));
  const pad = Math.round(size * 0.7);
  ctx.font = `600 ${String(size)}px system-ui, sans-serif`;
  const lines = clampLines(
    wrapText(caption.text, width - 2 * pad, (s) => ctx.measureText(s).width),
    3,
  );
  const lineHeight = Math.round(size * 1.3);
  const band = pad * 2 + lineHeight * (lines.length + 1);
  ctx.fillStyle = 'rgba(10, 12, 18, 0.78)';
  ctx.fillRect(0, height - band, width, band);
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#9fc3ff';
  ctx.font = `600 ${String(Math.round(size * 0.8))}px system-ui, sans-serif`;
  ctx.fillText(caption.counter, pad, height - band + pad);
  ctx.fillStyle = '#ffffff';
  ctx.font = `600 ${String(size)}px system-ui, sans-serif`;
  lines.forEach((line, i) => {
    ctx.fillText(line, pad, height - band + pad + lineHeight * (i + 1));
  });
}

/**
 * Records the open protocol played through from its first step at `speed`, with the captions
 * burnt in: each rendered frame of the 3D canvas is copied with the caption onto a 2D canvas,
 * whose stream MediaRecorder writes as WebM. The file's missing duration is written in at the
 * end, so that players can seek it and show its length. The player's step and settings are put
 * back afterwards. Rejects with a RecordError (reason `cancelled` when `signal` aborts).
 */
export async function recordProtocol(options: {
  readonly loaded: LoadedProtocol;
  readonly locale: Locale;
  readonly speed: number;
  readonly counter: (index: number, count: number) => string;
  readonly onProgress: (fraction: number) => void;
  readonly signal: AbortSignal;
}): Promise<Recording> {
  const { loaded, locale, speed, counter, onProgress, signal } = options;
  const access = sceneAccess.get();
  if (!access || playerEngine.state.protocolId !== loaded.protocol.id)
    throw new RecordError('no_canvas');
  const type = canRecord() ? pickRecordingType((t) => MediaRecorder.isTypeSupported(t)) : null;
  if (!type) throw new RecordError('unsupported');

  const rect = access.canvas.getBoundingClientRect();
  const size = recordingSize(rect.width, rect.height);
  const frame = document.createElement('canvas');
  frame.width = size.width;
  frame.height = size.height;
  const ctx = frame.getContext('2d');
  if (!ctx) throw new RecordError('unsupported');
  const steps = loaded.protocol.steps;
  const captionOf = (i: number) => ({
    counter: counter(i, steps.length),
    text: steps[i] ? localized(steps[i].plain, locale) : '',
  });
  const draw = (source: HTMLCanvasElement) => {
    drawFrame(ctx, source, captionOf(playerEngine.state.stepIndex));
  };

  const saved = playerEngine.state;
  const restore = () => {
    playerEngine.dispatch({ type: 'pause' });
    playerEngine.dispatch({ type: 'setSpeed', speed: saved.speed });
    playerEngine.dispatch({ type: 'setLoop', loopStep: saved.loopStep });
    playerEngine.dispatch({ type: 'setAutoAdvance', autoAdvance: saved.autoAdvance });
    playerEngine.dispatch({ type: 'jump', stepIndex: saved.stepIndex });
    access.invalidate();
  };

  playerEngine.dispatch({ type: 'pause' });
  playerEngine.dispatch({ type: 'setSpeed', speed });
  playerEngine.dispatch({ type: 'setLoop', loopStep: false });
  playerEngine.dispatch({ type: 'setAutoAdvance', autoAdvance: true });
  // From the first step the safety check leaves in.
  const skippedSteps = new Set(saved.skipped);
  const first = steps.findIndex((_, i) => !skippedSteps.has(i));
  playerEngine.dispatch({ type: 'jump', stepIndex: Math.max(0, first) });
  access.invalidate();

  const stream = frame.captureStream(FPS);
  let stopDrawing: (() => void) | null = null;
  let unsubscribe: (() => void) | null = null;
  try {
    await waitUntilSettled(access, { maxMs: 6000 });
    if (signal.aborted) throw new RecordError('cancelled');
    access.renderAndRead(draw);
    stopDrawing = access.onAfterRender(draw);

    const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 2_500_000 });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    const stopped = new Promise<void>((resolve) => {
      recorder.onstop = () => resolve();
    });
    recorder.start(1000);
    const startedAt = performance.now();
    playerEngine.dispatch({ type: 'play' });

    const outcome = await new Promise<'done' | 'cancelled'>((resolve) => {
      const check = () => {
        const s = playerEngine.state;
        onProgress(playedFraction(s));
        if (s.status === 'finished') resolve('done');
        else if (s.status !== 'playing' || s.protocolId !== loaded.protocol.id)
          resolve('cancelled');
      };
      unsubscribe = playerEngine.subscribe(check);
      signal.addEventListener('abort', () => resolve('cancelled'), { once: true });
      check();
    });
    // Hold the last picture a moment so the video does not end on the cut.
    if (outcome === 'done') {
      access.renderAndRead(draw);
      await new Promise((r) => setTimeout(r, 400));
      access.renderAndRead(draw);
    }
    recorder.stop();
    await stopped;
    const seconds = (performance.now() - startedAt) / 1000;
    if (outcome === 'cancelled') throw new RecordError('cancelled');
    const raw = new Blob(chunks, { type: type.split(';')[0] ?? 'video/webm' });
    const blob = await fixWebmDuration(raw, seconds * 1000, { logger: false });
    return { blob, seconds };
  } catch (e) {
    if (e instanceof RecordError) throw e;
    throw new RecordError('failed', e instanceof Error ? e.message : String(e));
  } finally {
    (unsubscribe as (() => void) | null)?.();
    stopDrawing?.();
    for (const track of stream.getTracks()) track.stop();
    restore();
  }
}
