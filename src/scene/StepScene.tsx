import { Html } from '@react-three/drei';
import { Suspense, lazy, useEffect, useMemo } from 'react';
import type { Step } from '../content/schema.ts';
import type { Side } from '../domain/body.ts';
import { gripFor } from '../domain/hands/grips.ts';
import type { Pose } from '../domain/pose.ts';
import { avoidAnchor, buildStepMotion, type StepMotion } from '../domain/stepMotion.ts';
import { useT } from '../i18n/localeStore.ts';
import { zoneName } from '../i18n/zones.ts';
import { useHandsStore } from '../state/handsStore.ts';
import { usePlayerStore } from '../state/playerStore.ts';
import { ContactGlyph } from './ContactGlyph.tsx';
import type { BodyKind } from './modelUrls.ts';
import { StrokePath } from './StrokePath.tsx';
import { useBodyModel } from './useBodyModel.ts';
import { useSkin } from './useSkin.ts';

/** The hands (and their model) load only once a step shows them. */
const Hands = lazy(() => import('./Hands.tsx').then((m) => ({ default: m.Hands })));

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
  /** How the body lies: where the massaging person's hands come from. */
  readonly pose?: Pose;
}

/** The current step on the body, in model space: path, arrows, contact glyph, avoid labels. */
export function StepScene(props: StepSceneProps) {
  const { kind, step, side, bodyScale, avoidZones, isBilateral, reducedMotion, onMotion, hidden } =
    props;
  const showHands = useHandsStore((s) => s.showHands);
  const leftHanded = useHandsStore((s) => s.leftHanded);
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
  const glyph = (
    <ContactGlyph
      plan={motion.plan}
      handPart={step.handPart}
      scale={bodyScale}
      avoidZones={avoidZones}
      reducedMotion={reducedMotion}
    />
  );
  // Hands: with motion allowed, the massaging person's hands do the step instead of the glyph
  // (src/scene/Hands.tsx); the glyph stays for reduced motion and until the hands are ready.
  const grip = gripFor(step.technique, step.handPart, step.path?.kind);
  const hands =
    grip && showHands && !reducedMotion ? (
      <Suspense fallback={glyph}>
        <Hands
          plan={motion.plan}
          grip={grip}
          bodyKey={`${kind}|${JSON.stringify(severity)}`}
          planKey={`${kind}|${JSON.stringify(severity)}|${step.id}|${side}`}
          step={step}
          isBilateral={isBilateral}
          pathKind={step.path?.kind}
          body={body}
          skin={skin}
          avoidZones={avoidZones}
          pose={props.pose ?? 'standing'}
          side={side}
          bodyScale={bodyScale}
          working={leftHanded ? 'L' : 'R'}
          fallback={glyph}
        />
      </Suspense>
    ) : (
      glyph
    );
  return (
    <group>
      <StrokePath plan={motion.plan} scale={bodyScale} reducedMotion={reducedMotion} />
      {hands}
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
