import { Html } from '@react-three/drei';
import type { HandPart } from '../content/schema.ts';
import { sidedKey } from '../domain/body.ts';
import type { DerivedStep } from '../domain/stepMotion.ts';
import { zoneName } from '../i18n/zones.ts';
import { useT } from '../state/localeStore.ts';
import { ContactGlyph } from './ContactGlyph.tsx';
import { StrokePath } from './StrokePath.tsx';

interface StepSceneProps {
  /** The step's derived data (`useStepMotion`), with a motion. */
  readonly derived: DerivedStep;
  readonly handPart: HandPart;
  readonly bodyScale: number;
  readonly avoidZones: ReadonlySet<string>;
  readonly reducedMotion: boolean;
}

/** The current step on the body, in model space: path, arrows, contact glyph, avoid labels. */
export function StepScene({
  derived,
  handPart,
  bodyScale,
  avoidZones,
  reducedMotion,
}: StepSceneProps) {
  const { t, locale } = useT();
  const motion = derived.motion;
  if (!motion) return null;
  return (
    <group>
      <StrokePath plan={motion.plan} scale={bodyScale} reducedMotion={reducedMotion} />
      <ContactGlyph
        plan={motion.plan}
        handPart={handPart}
        scale={bodyScale}
        avoidZones={avoidZones}
        reducedMotion={reducedMotion}
      />
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
