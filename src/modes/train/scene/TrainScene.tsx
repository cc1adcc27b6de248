import { useEffect, useMemo } from 'react';
import { BODY_SCALE } from '../../../domain/body.ts';
import { useTraceGesture } from '../../../scene/trace/useTraceGesture.ts';
import { useTraceLine } from '../../../scene/trace/useTraceLine.ts';
import { useBodyModel } from '../../../scene/useBodyModel.ts';
import { collectZoneMeshes } from '../../../scene/zoneMeshes.ts';
import { useCurrentStep } from '../../../state/currentStep.ts';
import { currentStepKey, useStepMotion } from '../../../state/stepMotion.ts';
import { useViewFlags } from '../../../state/viewFlags.ts';
import { submitAvoidAnswer, submitTrace, trainSession, useTrainSession } from '../trainSession.ts';

/**
 * Train mode's part of the 3D view: while "Trace" is on, dragging on the body draws a line on
 * the skin and, on release, grades it against the step's path; in the avoid quiz a click on the
 * body answers. The step's path, arrows and avoid marks stay hidden until there is an answer.
 */
export function TrainScene() {
  const current = useCurrentStep();
  const kind = current?.protocol.protocol.body ?? 'adult';
  const gltf = useBodyModel(kind);
  const task = useTrainSession((s) => s.task);
  const traceEpoch = useTrainSession((s) => s.traceEpoch);
  const traceResult = useTrainSession((s) => s.traceResult);
  const avoidResult = useTrainSession((s) => s.avoidResult);
  const hasReference = useStepMotion()?.motion != null;
  const meshes = useMemo(() => collectZoneMeshes(gltf.scene).map((m) => m.mesh), [gltf.scene]);
  const key = currentStepKey(current);
  const line = useTraceLine(gltf.scene);

  // The answer is shown (the step's own path, arrows and avoid marks) once there is one.
  const answered =
    key !== null &&
    ((task === 'trace' && traceResult?.key === key) ||
      (task === 'avoid' && avoidResult?.key === key));
  useEffect(() => {
    useViewFlags.getState().setGuideHidden(!answered);
  }, [answered]);
  useEffect(
    () => () => {
      useViewFlags.getState().setGuideHidden(false);
      useViewFlags.getState().setOrbitLocked(false);
    },
    [],
  );
  // A new attempt, another step or another task clears the trace.
  useEffect(() => line.clear(), [traceEpoch, key, task, line]);

  useTraceGesture(gltf.scene, meshes, BODY_SCALE[kind], {
    canTrace: () =>
      useViewFlags.getState().orbitLocked &&
      trainSession().getState().task === 'trace' &&
      hasReference,
    onBegin: () => {
      const session = trainSession().getState();
      if (session.traceResult) session.clearTrace();
      line.clear();
      line.follow();
      useViewFlags.getState().setGuideHidden(true);
    },
    onPoint: (lifted) => line.add(lifted),
    onEnd: (points) => {
      if (!current || !points || !submitTrace(current, points)) line.clear();
    },
    onClick: (part) => {
      const session = trainSession().getState();
      if (!current || session.task !== 'avoid' || session.avoidResult?.key === key) return;
      submitAvoidAnswer(current, part);
    },
  });

  return <primitive object={line.group} />;
}
