/**
 * The work behind `useStepMotionDriver`: the body's skin (cached per body and morphs) and the
 * pure `deriveStep`. Loaded once a protocol is opened, not for the first view.
 */
import { skinFor, type MorphWeights } from '../bodyModel/skin.ts';
import { BODY_SCALE } from '../domain/body.ts';
import { deriveStep, type DerivedStep } from '../domain/stepMotion.ts';
import type { CurrentStep } from './currentStep.ts';

export async function deriveCurrentStep(input: {
  readonly current: CurrentStep;
  readonly severity: MorphWeights;
  readonly avoidZones: ReadonlySet<string>;
  readonly isBilateral: (landmark: string) => boolean;
}): Promise<DerivedStep> {
  const { current, severity, avoidZones, isBilateral } = input;
  const { protocol } = current.protocol;
  const kind = protocol.body;
  const { base, bounds, body, skin } = await skinFor(kind, severity);
  return deriveStep({
    protocolId: protocol.id,
    step: current.step,
    side: current.side,
    position: current.step.position ?? protocol.position,
    base,
    bounds,
    body,
    skin,
    isBilateral,
    avoidZones,
    bodyScale: BODY_SCALE[kind],
  });
}
