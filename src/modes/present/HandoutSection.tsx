import { useEffect, useState } from 'react';
import { AVOID_ZONES } from '../../content/zoneCatalogue.ts';
import { buildHandout } from '../../domain/handout.ts';
import { doseFor, resolveProgram } from '../../domain/program.ts';
import { applicableSafety } from '../../domain/safety.ts';
import { describeDose } from '../../domain/stepWords.ts';
import { useCurrentProtocol } from '../../state/currentStep.ts';
import { useT } from '../../state/localeStore.ts';
import { playerEngine } from '../../state/playerStore.ts';
import { currentSafetyContent } from '../../state/safetyStore.ts';
import { captureSteps, releasePictures } from './captureSteps.ts';
import { HandoutSheet } from './HandoutSheet.tsx';
import { usePresentStore } from './presentStore.ts';

/** Waits for the browser to lay out and paint what React just rendered. */
const nextPaint = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );

/**
 * "Print handout": pictures of every step on the model (of the program's steps only, when a
 * program was made for this protocol), plain words, dose, a QR code per step that opens it,
 * position, schedule, safety list and where the sources differ.
 */
export function HandoutSection() {
  const { t, locale } = useT();
  const loaded = useCurrentProtocol();
  const handout = usePresentStore((s) => s.handout);
  const [status, setStatus] = useState('');
  const busy = usePresentStore((s) => s.busy);

  // The pictures go when the sheet is replaced or Present mode is left.
  useEffect(
    () => () => {
      if (handout) releasePictures(handout.steps.map((s) => s.image));
    },
    [handout],
  );
  useEffect(() => () => usePresentStore.getState().setHandout(null), []);

  const print = async () => {
    if (!loaded || busy) return;
    usePresentStore.getState().setBusy('handout');
    try {
      // A program made for this protocol: its steps only, in its order, with its doses.
      const made = usePresentStore.getState().program;
      const program = made?.program.protocolId === loaded.protocol.id ? made.program : null;
      const resolved = program ? resolveProgram(program, [loaded.protocol]) : null;
      const only = resolved?.ok ? resolved.stepIndices : undefined;
      const started = performance.now();
      const captured = await captureSteps(
        loaded,
        locale,
        (i, n) => setStatus(t('ui.present.handout.preparing', { index: i + 1, count: n })),
        only,
      );
      const sheet = buildHandout({
        protocol: loaded.protocol,
        safety: applicableSafety(loaded.protocol, currentSafetyContent(), AVOID_ZONES),
        locale,
        t,
        captured,
        skipped: playerEngine.state.skipped,
        ...(only ? { only } : {}),
        doseOf: (i) => {
          const step = loaded.protocol.steps[i];
          if (!step) return null;
          const dose = program ? doseFor(program, step) : step;
          return describeDose({ ...dose, doseFromSource: step.doseFromSource }, t);
        },
      });
      usePresentStore.getState().setHandout(sheet);
      await nextPaint();
      // The QR codes (the program's and one per step) are drawn asynchronously: wait for them.
      const expected = sheet.steps.length + (program ? 1 : 0);
      for (
        let i = 0;
        i < 100 && document.querySelectorAll('.present-handout img[data-qr]').length < expected;
        i++
      )
        await new Promise((r) => setTimeout(r, 20));
      const images = [...document.querySelectorAll<HTMLImageElement>('.present-handout img')];
      await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      setStatus(
        captured.length === 0
          ? t('ui.present.handout.noCanvas')
          : t('ui.present.handout.ready', { seconds }),
      );
      window.print();
    } catch (e) {
      setStatus(
        t('ui.present.handout.failed', { reason: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      usePresentStore.getState().setBusy(null);
    }
  };

  return (
    <section className="present-section" aria-labelledby="present-handout-heading">
      <h2 id="present-handout-heading">{t('ui.present.handout.title')}</h2>
      <button type="button" disabled={!loaded || busy !== null} onClick={() => void print()}>
        {t('ui.present.handout.print')}
      </button>
      <p className="muted small" role="status">
        {status}
      </p>
      {handout ? <HandoutSheet handout={handout} /> : null}
    </section>
  );
}
