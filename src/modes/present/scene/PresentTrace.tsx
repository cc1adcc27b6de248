import { useEffect, useMemo } from 'react';
import { BODY_SCALE } from '../../../domain/body.ts';
import { useTraceGesture } from '../../../scene/trace/useTraceGesture.ts';
import { useTraceLine } from '../../../scene/trace/useTraceLine.ts';
import { useBodyModel } from '../../../scene/useBodyModel.ts';
import { collectZoneMeshes } from '../../../scene/zoneMeshes.ts';
import { useCurrentStep } from '../../../state/currentStep.ts';
import { currentStepKey, useStepMotion } from '../../../state/stepMotion.ts';
import { useViewFlags } from '../../../state/viewFlags.ts';
import { gradeTeachBack, useTeachBack } from '../teachBack.ts';

/**
 * The teach-back's part of the 3D view: while the parent's tracing is on, a finger dragged on the
 * body draws on the skin (Train's trace input) and, on release, the trace is graded.
 */
export function PresentTrace() {
  const current = useCurrentStep();
  const kind = current?.protocol.protocol.body ?? 'adult';
  const gltf = useBodyModel(kind);
  const hasReference = useStepMotion()?.motion != null;
  const epoch = useTeachBack((s) => s.epoch);
  const meshes = useMemo(() => collectZoneMeshes(gltf.scene).map((m) => m.mesh), [gltf.scene]);
  const key = currentStepKey(current);
  const line = useTraceLine(gltf.scene);
  // A new attempt or another step clears the trace.
  useEffect(() => line.clear(), [epoch, key, line]);
  useEffect(() => () => useViewFlags.getState().setOrbitLocked(false), []);

  useTraceGesture(gltf.scene, meshes, BODY_SCALE[kind], {
    canTrace: () => useViewFlags.getState().orbitLocked && hasReference,
    onBegin: () => {
      line.clear();
      line.follow();
    },
    onPoint: (lifted) => line.add(lifted),
    onEnd: (points) => {
      if (!current || !points || !gradeTeachBack(current, points)) line.clear();
    },
    onClick: () => undefined,
  });

  return <primitive object={line.group} />;
}
