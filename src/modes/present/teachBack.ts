/**
 * Teach-back in the clinic: the parent traces the step's stroke on the model by touch, graded by
 * Train's trace scoring (`scoreTrace`), and the grade is kept with the program on the device and
 * printed on the handout.
 */
import { create } from 'zustand';
import { scoreStepTrace } from '../../domain/stepTrace.ts';
import type { TracePoint, TraceScore } from '../../domain/traceScore.ts';
import type { CurrentStep } from '../../state/currentStep.ts';
import { saveTeachBack, teachBackOwner, type TeachBack } from '../../state/homeStorage.ts';
import { currentStepKey, useStepMotionStore } from '../../state/stepMotion.ts';
import { useViewFlags } from '../../state/viewFlags.ts';
import { usePresentStore } from './presentStore.ts';

interface TeachBackState {
  /** The last grade, of the step with this key, and whether it could be kept on the device. */
  readonly result: {
    readonly key: string;
    readonly score: TraceScore;
    readonly record: TeachBack;
    readonly kept: boolean;
  } | null;
  /** A new attempt clears the drawn trace. */
  readonly epoch: number;
}

export const useTeachBack = create<TeachBackState>()(() => ({ result: null, epoch: 0 }));

/** Who the current protocol's teach-back belongs to: its program (when one was made), else it. */
export function currentOwner(protocolId: string): string {
  const made = usePresentStore.getState().program;
  return teachBackOwner(
    made?.program.protocolId === protocolId ? made.program.id : null,
    protocolId,
  );
}

/** Turns the parent's tracing on (the camera stops orbiting) or off. */
export function setTracing(on: boolean): void {
  useViewFlags.getState().setOrbitLocked(on);
  if (on) useTeachBack.setState((s) => ({ result: null, epoch: s.epoch + 1 }));
}

/**
 * Grades a trace of the current step against its path and keeps the grade with the program.
 * Returns null when the step has no path (yet) to trace.
 */
export function gradeTeachBack(
  current: CurrentStep,
  trace: readonly TracePoint[],
): TraceScore | null {
  const key = currentStepKey(current);
  const derived = useStepMotionStore.getState().derived;
  const plan = derived && derived.key === key ? derived.motion?.plan : null;
  if (!key || !plan) return null;
  const { protocol } = current.protocol;
  const score = scoreStepTrace({
    step: current.step,
    side: current.side,
    body: protocol.body,
    plan,
    trace,
  });
  const record: TeachBack = {
    owner: currentOwner(protocol.id),
    stepId: current.step.id,
    stepNumber: current.index + 1,
    score: score.total,
    passed: score.passed,
    at: new Date().toISOString(),
  };
  const kept = saveTeachBack(record).ok;
  useTeachBack.setState({ result: { key, score, record, kept } });
  // Graded: the camera is free again to look at the trace against the step's path.
  useViewFlags.getState().setOrbitLocked(false);
  return score;
}
