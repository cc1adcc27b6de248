import { useEffect, useState } from 'react';
import type { BodyKind } from '../../bodyModel/modelUrls.ts';
import type { Step } from '../../content/schema.ts';
import { AVOID_ZONES } from '../../content/zoneCatalogue.ts';
import type { MorphTarget, Side } from '../../domain/body.ts';
import type { Pose } from '../../domain/pose.ts';
import { useContentStore } from '../../state/contentStore.ts';
import { useT } from '../../state/localeStore.ts';

const WIDTH = 360;
const HEIGHT = 240;

/** One picture at a time, so that opening a protocol does not freeze the page. */
let queue: Promise<unknown> = Promise.resolve();

interface StepImageProps {
  readonly kind: BodyKind;
  readonly step: Step;
  readonly side: Side;
  readonly morphs: Partial<Record<MorphTarget, number>>;
  readonly bodyScale: number;
  /** How the body lies (where the still hands come from). */
  readonly pose?: Pose;
  readonly title: string;
}

/**
 * A drawn picture of a step (the zone tinted, the path with arrows, avoid areas in red) for the
 * text mode, made without WebGL. Nothing is shown for steps without a place on the body.
 */
export function StepImage({ kind, step, side, morphs, bodyScale, pose, title }: StepImageProps) {
  const { t } = useT();
  const landmarks = useContentStore((s) => s.data?.landmarks);
  const [state, setState] = useState<{ url: string | null; failed: boolean } | null>(null);
  useEffect(() => {
    const job = { live: true };
    // Read through a function: the flag changes while the picture is drawn.
    const isLive = () => job.live;
    const next = queue.then(async () => {
      if (!isLive()) return;
      const { stepImageUrl } = await import('./paintStepSketch.ts');
      const url = await stepImageUrl({
        kind,
        step,
        side,
        morphs,
        bodyScale,
        avoidZones: AVOID_ZONES,
        isBilateral: (name) => landmarks?.get(name)?.bilateral ?? false,
        width: WIDTH,
        height: HEIGHT,
        pose,
      });
      if (isLive()) setState({ url, failed: false });
    });
    queue = next.catch((e: unknown) => {
      console.error('Footwork: a step picture could not be drawn', e);
      if (isLive()) setState({ url: null, failed: true });
    });
    return () => {
      job.live = false;
    };
  }, [kind, step, side, morphs, bodyScale, pose, landmarks]);

  if (state === null)
    return <p className="muted small step-image-wait">{t('ui.noWebgl.imageLoading')}</p>;
  if (state.failed) return <p className="muted small">{t('ui.noWebgl.imageFailed')}</p>;
  if (!state.url) return null;
  return (
    <img
      className="step-image"
      src={state.url}
      width={WIDTH}
      height={HEIGHT}
      alt={t('ui.noWebgl.imageAlt', { title })}
    />
  );
}
