import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { exportFileName, formatClock, playThroughSeconds } from '../../domain/presentation.ts';
import { useCurrentProtocol } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { usePlayerStore } from '../../state/playerStore.ts';
import { usePresentStore } from './presentStore.ts';
import { canRecord, recordProtocol, RecordError, type RecordFailure } from './recordVideo.ts';

/** Speeds offered for the video: the real pace, or quicker for a reminder. */
const VIDEO_SPEEDS = [1, 1.5, 2] as const;

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'recording' }
  | {
      readonly kind: 'done';
      readonly url: string;
      readonly bytes: number;
      readonly seconds: number;
    }
  | { readonly kind: 'failed'; readonly reason: RecordFailure; readonly detail: string };

/** Records the protocol played through with captions, for the parent to watch at home. */
export function VideoSection() {
  const { t, locale } = useT();
  const loaded = useCurrentProtocol();
  const durations = usePlayerStore((s) => s.player.stepDurations);
  const [speed, setSpeed] = useState<number>(1);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const progress = useRef<HTMLProgressElement>(null);
  const percentText = useRef<HTMLSpanElement>(null);
  const speedId = useId();
  const supported = useMemo(() => canRecord(), []);
  const busy = usePresentStore((s) => s.busy);
  const seconds = playThroughSeconds(durations, speed);

  // The finished video's link takes the focus (and comes into view): it is what the user waits for.
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (phase.kind === 'done') link.current?.focus();
  }, [phase]);
  // A finished video's memory goes when it is replaced or the mode is left; a recording stops.
  useEffect(
    () => () => {
      if (phase.kind === 'done') URL.revokeObjectURL(phase.url);
    },
    [phase],
  );
  useEffect(() => () => abort.current?.abort(), []);

  if (!loaded) return null;

  const record = async () => {
    if (usePresentStore.getState().busy) return;
    usePresentStore.getState().setBusy('video');
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'recording' });
    let shown = -1;
    try {
      const result = await recordProtocol({
        loaded,
        locale,
        speed,
        counter: (i, n) => t('ui.present.stepCount', { index: i + 1, count: n }),
        signal: controller.signal,
        onProgress: (f) => {
          if (progress.current) progress.current.value = f;
          const pct = Math.floor(f * 10) * 10;
          if (pct !== shown && percentText.current) {
            shown = pct;
            percentText.current.textContent = t('ui.present.video.recording', { percent: pct });
          }
        },
      });
      setPhase({
        kind: 'done',
        url: URL.createObjectURL(result.blob),
        bytes: result.blob.size,
        seconds: result.seconds,
      });
    } catch (e) {
      const reason = e instanceof RecordError ? e.reason : 'failed';
      setPhase({ kind: 'failed', reason, detail: e instanceof Error ? e.message : String(e) });
    } finally {
      abort.current = null;
      usePresentStore.getState().setBusy(null);
    }
  };

  const message = (() => {
    if (!supported) return t('ui.present.video.unsupported');
    if (phase.kind !== 'failed') return '';
    if (phase.reason === 'cancelled') return t('ui.present.video.cancelled');
    if (phase.reason === 'unsupported') return t('ui.present.video.unsupported');
    if (phase.reason === 'no_canvas') return t('ui.present.video.noCanvas');
    return t('ui.present.video.failed', { reason: phase.detail });
  })();

  return (
    <section className="present-section" aria-labelledby="present-video-heading">
      <h2 id="present-video-heading">{t('ui.present.video.title')}</h2>
      <div className="row">
        <label htmlFor={speedId}>{t('ui.present.video.speed')}</label>
        <select
          id={speedId}
          value={speed}
          disabled={phase.kind === 'recording'}
          onChange={(e) => setSpeed(Number(e.target.value))}
        >
          {VIDEO_SPEEDS.map((s) => (
            <option key={s} value={s}>
              {`${String(s)}×`}
            </option>
          ))}
        </select>
        <span className="muted small">
          {t('ui.present.video.length', { duration: formatClock(seconds) })}
        </span>
      </div>
      {phase.kind === 'recording' ? (
        <div className="present-recording">
          <progress ref={progress} max={1} value={0} aria-labelledby="present-video-progress" />
          <span id="present-video-progress" ref={percentText} role="status">
            {t('ui.present.video.recording', { percent: 0 })}
          </span>
          <button type="button" onClick={() => abort.current?.abort()}>
            {t('ui.present.video.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" disabled={!supported || busy !== null} onClick={() => void record()}>
          {t('ui.present.video.record')}
        </button>
      )}
      {phase.kind === 'done' ? (
        <a
          ref={link}
          className="present-download"
          href={phase.url}
          download={exportFileName(loaded.protocol.id, 'webm')}
          data-seconds={phase.seconds.toFixed(2)}
        >
          {t('ui.present.video.download', {
            size: (phase.bytes / 1_048_576).toFixed(1),
            duration: formatClock(phase.seconds),
          })}
        </a>
      ) : null}
      {message ? <p className="muted small">{message}</p> : null}
    </section>
  );
}
