import { Html } from '@react-three/drei';
import { useEffect, useMemo } from 'react';
import type { BodyKind } from '../bodyModel/modelUrls.ts';
import type { Step } from '../content/schema.ts';
import type { Side } from '../domain/body.ts';
import { avoidAnchor, buildStepMotion, type StepMotion } from '../domain/stepMotion.ts';
import { zoneName } from '../i18n/zones.ts';
import { useT } from '../state/localeStore.ts';
import { usePlayerStore } from '../state/playerStore.ts';
import { ContactGlyph } from './ContactGlyph.tsx';
import { StrokePath } from './StrokePath.tsx';
import { useBodyModel } from './useBodyModel.ts';
import { useSkin } from './useSkin.ts';

interface StepSceneProps {
  readonly kind: BodyKind;
  readonly step: Step;
  readonly side: Side;
  readonly bodyScale: number;
  readonly avoidZones: ReadonlySet<string>;
  readonly isBilateral: (landmark: string) => boolean;
  readonly reducedMotion: boolean;
  /** Reports the step's motion (or null) once it is computed, for the camera and the panels. */
  readonly onMotion: (motion: StepMotion | null) => void;
  /** Computes and reports the motion but draws nothing (Train mode, before the answer). */
  readonly hidden?: boolean;
}

/** The current step on the body, in model space: path, arrows, contact glyph, avoid labels. */
export function StepScene(props: StepSceneProps) {
  const { kind, step, side, bodyScale, avoidZones, isBilateral, reducedMotion, onMotion, hidden } =
    props;
  const gltf = useBodyModel(kind);
  const severity = usePlayerStore((s) => s.severity);
  const { t, locale } = useT();
  const { body, skin } = useSkin(gltf, severity);
  const result = useMemo(
    () => buildStepMotion({ step, side, body, skin, isBilateral, avoidZones, bodyScale }),
    [step, side, body, skin, isBilateral, avoidZones, bodyScale],
  );
  const motion = result.ok ? result.motion : null;

  useEffect(() => {
    if (!result.ok)
      console.warn(`Footwork: step ${step.id} cannot be shown on the model: ${result.reason}`);
    usePlayerStore.getState().setNearAvoid(motion?.nearAvoid ?? []);
    onMotion(motion);
  }, [result, motion, step.id, onMotion]);

  if (!motion || hidden) return null;
  const labels = motion.nearAvoid.flatMap((zone) => {
    const at = avoidAnchor(zone, motion.center, body.landmarks);
    return at ? [{ zone, at }] : [];
  });
  return (
    <group>
      <StrokePath plan={motion.plan} scale={bodyScale} reducedMotion={reducedMotion} />
      <ContactGlyph
        plan={motion.plan}
        handPart={step.handPart}
        scale={bodyScale}
        avoidZones={avoidZones}
        reducedMotion={reducedMotion}
      />
      {labels.map(({ zone, at }) => (
        <Html key={`${zone.zone}.${zone.side ?? ''}`} position={at} center zIndexRange={[20, 0]}>
          <div className="avoid-label" data-zone={zone.zone}>
            <span aria-hidden="true">⚠</span>{' '}
            {t('ui.scene.avoidLabel', { zone: zoneName(zone.zone, locale) })}
          </div>
        </Html>
      ))}
    </group>
  );
}
