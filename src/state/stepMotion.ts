/**
 * The current step's derived data (its motion on the skin, the avoid zones within reach and the
 * framing), computed once per step, side, severity and set of avoid zones, and read by the 3D
 * view (path, glyph, hatching, camera), the panels (warnings, captions), Train (grading, the
 * avoid quiz) and the handout. `useStepMotionDriver` (mounted once, in App) keeps it current;
 * the work itself loads after the first view (`deriveCurrentStep.ts`).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { stepKey } from '../domain/stepKey.ts';
import type { DerivedStep } from '../domain/stepMotion.ts';
import { useContentStore } from './contentStore.ts';
import { useCurrentStep, type CurrentStep } from './currentStep.ts';
import { usePlayerStore } from './playerStore.ts';
import { useAvoidZones } from './safetyStore.ts';

interface StepMotionState {
  /** The last step derived (possibly of a step no longer current: check its key). */
  readonly derived: DerivedStep | null;
}

export const useStepMotionStore = create<StepMotionState>()(() => ({ derived: null }));

/** The key of a current step (`stepKey`), or null. */
export function currentStepKey(current: CurrentStep | null): string | null {
  return current ? stepKey(current.protocol.protocol.id, current.step.id, current.side) : null;
}

/** The derived data of the current step, or null while it is computed (or without a step). */
export function useStepMotion(): DerivedStep | null {
  const key = currentStepKey(useCurrentStep());
  return useStepMotionStore((s) => (key !== null && s.derived?.key === key ? s.derived : null));
}

/** Resolves with the derived data of step `key` once it is there (null after `timeoutMs`). */
export function whenStepDerived(key: string, timeoutMs = 10_000): Promise<DerivedStep | null> {
  const now = useStepMotionStore.getState().derived;
  if (now?.key === key) return Promise.resolve(now);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(null);
    }, timeoutMs);
    const unsubscribe = useStepMotionStore.subscribe((s) => {
      if (s.derived?.key !== key) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(s.derived);
    });
  });
}

/** Keeps `useStepMotionStore` in step with the current step; mount once. */
export function useStepMotionDriver(): void {
  const current = useCurrentStep();
  const severity = usePlayerStore((s) => s.severity);
  const avoidZones = useAvoidZones();
  const landmarks = useContentStore((s) => s.data?.landmarks);
  useEffect(() => {
    if (!current) return;
    let live = true;
    import('./deriveCurrentStep.ts')
      .then(({ deriveCurrentStep }) =>
        deriveCurrentStep({
          current,
          severity,
          avoidZones,
          isBilateral: (name) => landmarks?.get(name)?.bilateral ?? false,
        }),
      )
      .then(
        (derived) => {
          if (!live) return;
          if (derived.problem)
            console.warn(
              `Footwork: step ${current.step.id} cannot be shown on the model: ${derived.problem}`,
            );
          useStepMotionStore.setState({ derived });
        },
        (e: unknown) => {
          // The model did not load: the 3D view reports it; the panels go on without motion.
          console.warn('Footwork: the step could not be placed on the model', e);
        },
      );
    return () => {
      live = false;
    };
  }, [current, severity, avoidZones, landmarks]);
}
