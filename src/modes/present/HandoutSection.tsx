import { useEffect, useState } from 'react';
import { AVOID_ZONES } from '../../content/zoneCatalogue.ts';
import { buildHandout } from '../../domain/handout.ts';
import { applicableSafety } from '../../domain/safety.ts';
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
 * "Print handout": pictures of every step on the model, plain words, position, schedule, safety
 * list and where the sources differ.
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
      const captured = await captureSteps(loaded, locale, (i, n) =>
        setStatus(t('ui.present.handout.preparing', { index: i + 1, count: n })),
      );
      const sheet = buildHandout({
        protocol: loaded.protocol,
        safety: applicableSafety(loaded.protocol, currentSafetyContent(), AVOID_ZONES),
        locale,
        t,
        captured,
        skipped: playerEngine.state.skipped,
      });
      usePresentStore.getState().setHandout(sheet);
      await nextPaint();
      // The program's QR code (when one was made) is drawn asynchronously: wait for it briefly.
      if (usePresentStore.getState().program) {
        for (let i = 0; i < 20 && !document.querySelector('.present-handout-program img'); i++)
          await new Promise((r) => setTimeout(r, 50));
      }
      const images = [...document.querySelectorAll<HTMLImageElement>('.present-handout img')];
      await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
      setStatus(
        captured.length === 0 ? t('ui.present.handout.noCanvas') : t('ui.present.handout.ready'),
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
