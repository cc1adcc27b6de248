import { Html } from '@react-three/drei';
import { Suspense, lazy } from 'react';
import type { BodyKind } from '../bodyModel/modelUrls.ts';
import type { Step } from '../content/schema.ts';
import { sidedKey, type Side } from '../domain/body.ts';
import { gripFor } from '../domain/hands/grips.ts';
import type { Pose } from '../domain/pose.ts';
import type { DerivedStep } from '../domain/stepMotion.ts';
import { zoneName } from '../i18n/zones.ts';
import { useHandsStore } from '../state/handsStore.ts';
import { useT } from '../state/localeStore.ts';
import { ContactGlyph } from './ContactGlyph.tsx';
import { StrokePath } from './StrokePath.tsx';

/** The hands (and their model) load only once a step shows them. */
const Hands = lazy(() => import('./Hands.tsx').then((m) => ({ default: m.Hands })));

interface StepSceneProps {
  /** The step's derived data (`useStepMotion`), with a motion. */
  readonly derived: DerivedStep;
  readonly kind: BodyKind;
  readonly step: Step;
  readonly side: Side;
  /** How the body lies: where the massaging person's hands come from. */
  readonly pose: Pose;
  readonly bodyScale: number;
  readonly avoidZones: ReadonlySet<string>;
  readonly reducedMotion: boolean;
}

/** The current step on the body, in model space: path, arrows, contact glyph, avoid labels. */
export function StepScene({
  derived,
  kind,
  step,
  side,
  pose,
  bodyScale,
  avoidZones,
  reducedMotion,
}: StepSceneProps) {
  const { t, locale } = useT();
  const showHands = useHandsStore((s) => s.showHands);
  const leftHanded = useHandsStore((s) => s.leftHanded);
  const motion = derived.motion;
  if (!motion) return null;
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
          kind={kind}
          stepKey={derived.key}
          step={step}
          pathKind={step.path?.kind}
          avoidZones={avoidZones}
          pose={pose}
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
      {derived.avoidLabels.map(({ zone, at }) => (
        <Html key={sidedKey(zone.zone, zone.side)} position={at} center zIndexRange={[20, 0]}>
          <div className="avoid-label" data-zone={zone.zone}>
            <span aria-hidden="true">⚠</span>{' '}
            {t('ui.scene.avoidLabel', { zone: zoneName(zone.zone, locale) })}
          </div>
        </Html>
      ))}
    </group>
  );
}
