/**
 * A trace of a step graded against its path on the skin, the way Train and Present's teach-back
 * both grade it: the step's figure, its zones, every avoid zone, its side and the body's size.
 */
import type { Step } from '../content/schema.ts';
import { AVOID_ZONES } from '../content/zoneCatalogue.ts';
import { BODY_SCALE, type BodyKind, type Side } from './body.ts';
import type { MotionPlan } from './motion/index.ts';
import { traceFigureFor } from './traceFigure.ts';
import { scoreTrace, type TracePoint, type TraceScore } from './traceScore.ts';

export interface StepTraceInput {
  readonly step: Pick<Step, 'path' | 'zones'>;
  readonly side: Side | null;
  readonly body: BodyKind;
  readonly plan: MotionPlan;
  readonly trace: readonly TracePoint[];
}

export function scoreStepTrace({ step, side, body, plan, trace }: StepTraceInput): TraceScore {
  return scoreTrace({
    trace,
    reference: plan.path,
    figure: traceFigureFor(step, plan),
    stepZones: step.zones,
    avoidZones: AVOID_ZONES,
    side,
    bodyScale: BODY_SCALE[body],
  });
}
