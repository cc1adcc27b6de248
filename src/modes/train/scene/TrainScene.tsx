import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  Group,
  Line,
  LineBasicMaterial,
  Matrix4,
  Points,
  PointsMaterial,
  Raycaster,
  Vector2,
  Vector3,
} from 'three';
import { AVOID_ZONES } from '../../../content/zoneCatalogue.ts';
import { buildStepMotion } from '../../../domain/stepMotion.ts';
import { MAX_TRACE_POINTS, TraceRecorder, type TraceHit } from '../../../domain/traceInput.ts';
import { scoreTrace } from '../../../domain/traceScore.ts';
import { useBodyModel } from '../../../scene/useBodyModel.ts';
import { useSkin } from '../../../scene/useSkin.ts';
import { collectZoneMeshes, zoneOfObject } from '../../../scene/zoneMeshes.ts';
import { useContentStore } from '../../../state/contentStore.ts';
import { useCurrentStep } from '../../../state/currentStep.ts';
import { usePlayerStore } from '../../../state/playerStore.ts';
import { useTrainStore } from '../../../state/viewFlags.ts';
import {
  stepKey,
  submitAvoidAnswer,
  trainSession,
  TRAIN_BODY_SCALE,
  useTrainSession,
} from '../trainSession.ts';

/** Lift of the drawn trace above the skin, metres: clear of the skin and of the step's path line. */
const LIFT_M = 0.003;
/** A press and release closer than this (CSS pixels) is a click on the model. */
const CLICK_SLOP_PX = 5;
const TRACE_COLOR = '#e8590c';

/**
 * Train mode's part of the 3D view: while "Trace" is on, dragging on the body draws a line on
 * the skin and, on release, grades it against the step's path; in the avoid quiz a click on the
 * body answers. Pointer work touches three.js objects only, never React state.
 */
export function TrainScene() {
  const current = useCurrentStep();
  const kind = current?.protocol.protocol.body ?? 'adult';
  const gltf = useBodyModel(kind);
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  const severity = usePlayerStore((s) => s.severity);
  const landmarks = useContentStore((s) => s.data?.landmarks);
  const session = trainSession();
  const task = useTrainSession((s) => s.task);
  const traceEpoch = useTrainSession((s) => s.traceEpoch);
  const traceResult = useTrainSession((s) => s.traceResult);
  const avoidResult = useTrainSession((s) => s.avoidResult);

  const { body, skin } = useSkin(gltf, severity);
  const meshes = useMemo(() => collectZoneMeshes(gltf.scene).map((m) => m.mesh), [gltf.scene]);
  const bodyScale = current?.protocol.protocol.body === 'child' ? TRAIN_BODY_SCALE.child : 1;
  const key = current ? stepKey(current.protocol.protocol.id, current.step.id, current.side) : null;

  // The step's path on the skin, in the body's frame: the reference a trace is graded against
  // (computed once per step and side: `current` itself is a new object on every render).
  const step = current?.step;
  const side = current?.side;
  const reference = useMemo(() => {
    if (!step?.path || !side) return null;
    const result = buildStepMotion({
      step,
      side,
      body,
      skin,
      isBilateral: (name) => landmarks?.get(name)?.bilateral ?? false,
      avoidZones: AVOID_ZONES,
      bodyScale,
    });
    return result.ok && result.motion ? result.motion.plan.path : null;
  }, [step, side, body, skin, landmarks, bodyScale]);

  // For the avoid quiz: which steps of the protocol have an area to avoid within reach.
  const protocol = current?.protocol.protocol;
  useEffect(() => {
    if (task !== 'avoid' || !protocol || !side) return;
    const forKey = `${protocol.id}/${side}`;
    if (trainSession().getState().avoidSteps?.key === forKey) return;
    const indices = protocol.steps.flatMap((s, i) => {
      if (!s.path) return [];
      const result = buildStepMotion({
        step: s,
        side,
        body,
        skin,
        isBilateral: (name) => landmarks?.get(name)?.bilateral ?? false,
        avoidZones: AVOID_ZONES,
        bodyScale,
      });
      return result.ok && result.motion && result.motion.nearAvoid.length > 0 ? [i] : [];
    });
    trainSession().getState().setAvoidSteps(forKey, indices);
  }, [task, protocol, side, body, skin, landmarks, bodyScale]);

  // The answer is shown (the step's own path, arrows and avoid marks) once there is one.
  const answered =
    key !== null &&
    ((task === 'trace' && traceResult?.key === key) ||
      (task === 'avoid' && avoidResult?.key === key));
  useEffect(() => {
    useTrainStore.getState().setGuideHidden(!answered);
  }, [answered]);
  useEffect(
    () => () => {
      useTrainStore.getState().setGuideHidden(false);
      useTrainStore.getState().setTracing(false);
    },
    [],
  );

  // The trace: one buffer, filled in place, drawn as a line and as round dots for thickness.
  const drawing = useMemo(() => {
    const positions = new Float32Array(MAX_TRACE_POINTS * 3);
    const geometry = new BufferGeometry();
    const attribute = new BufferAttribute(positions, 3);
    attribute.setUsage(35048); // DynamicDrawUsage
    geometry.setAttribute('position', attribute);
    geometry.setDrawRange(0, 0);
    const lineMaterial = new LineBasicMaterial({ color: TRACE_COLOR });
    const pointMaterial = new PointsMaterial({
      color: TRACE_COLOR,
      size: 7,
      sizeAttenuation: false,
    });
    const group = new Group();
    group.matrixAutoUpdate = false;
    const line = new Line(geometry, lineMaterial);
    const points = new Points(geometry, pointMaterial);
    for (const o of [line, points]) {
      o.frustumCulled = false;
      o.raycast = () => undefined;
      o.renderOrder = 2;
      group.add(o);
    }
    group.name = 'train-trace';
    return { positions, geometry, attribute, group, lineMaterial, pointMaterial, count: 0 };
  }, []);
  useEffect(
    () => () => {
      drawing.geometry.dispose();
      drawing.lineMaterial.dispose();
      drawing.pointMaterial.dispose();
    },
    [drawing],
  );

  const clearDrawing = () => {
    drawing.count = 0;
    drawing.geometry.setDrawRange(0, 0);
    invalidate();
  };
  // A new attempt, another step or another task clears the trace.
  useEffect(clearDrawing, [traceEpoch, key, task, drawing, invalidate]);

  // The drawing follows the body's pose (it is kept in the body's frame).
  useFrame(() => {
    gltf.scene.updateWorldMatrix(true, false);
    if (!drawing.group.matrix.equals(gltf.scene.matrixWorld)) {
      drawing.group.matrix.copy(gltf.scene.matrixWorld);
      drawing.group.matrixWorldNeedsUpdate = true;
      invalidate();
    }
  });

  // What the pointer handlers read: the latest step, without re-attaching them on every render
  // (a re-render in the middle of a drag must not drop the trace).
  const live = useRef({ current, reference, key, bodyScale });
  useEffect(() => {
    live.current = { current, reference, key, bodyScale };
  });
  const gesture = useMemo(
    () => ({
      recorder: new TraceRecorder(),
      dragging: false,
      downAt: null as { x: number; y: number } | null,
    }),
    [],
  );

  useEffect(() => {
    const canvas = gl.domElement;
    const raycaster = new Raycaster();
    (raycaster as Raycaster & { firstHitOnly?: boolean }).firstHitOnly = true;
    const ndc = new Vector2();
    const normal = new Vector3();
    const lifted = new Vector3();
    const toBody = new Matrix4();
    const { recorder } = gesture;

    const pick = (e: PointerEvent): { hit: TraceHit; lifted: Vector3 } | null => {
      const rect = canvas.getBoundingClientRect();
      ndc.set(
        ((e.clientX - rect.left) / rect.width) * 2 - 1,
        -((e.clientY - rect.top) / rect.height) * 2 + 1,
      );
      raycaster.setFromCamera(ndc, camera);
      const visible = meshes.filter((m) => m.visible);
      const found = raycaster.intersectObjects(visible, false).at(0);
      if (!found) return null;
      const part = zoneOfObject(found.object);
      if (!part) return null;
      normal.set(0, 0, 0);
      if (found.face) normal.copy(found.face.normal).transformDirection(found.object.matrixWorld);
      lifted.copy(found.point).addScaledVector(normal, LIFT_M * live.current.bodyScale);
      return {
        hit: {
          point: [found.point.x, found.point.y, found.point.z],
          zone: part.zone,
          side: part.side,
        },
        lifted,
      };
    };

    const drawPoint = (world: Vector3) => {
      if (drawing.count >= MAX_TRACE_POINTS) return;
      const local = world.clone().applyMatrix4(toBody);
      drawing.positions.set([local.x, local.y, local.z], drawing.count * 3);
      drawing.count++;
      drawing.geometry.setDrawRange(0, drawing.count);
      drawing.attribute.needsUpdate = true;
      invalidate();
    };

    const addAt = (e: PointerEvent) => {
      const picked = pick(e);
      const added = recorder.add(picked?.hit ?? null);
      if (added && picked) drawPoint(picked.lifted);
    };

    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      gesture.downAt = { x: e.clientX, y: e.clientY };
      const { reference, key } = live.current;
      const s = useTrainStore.getState();
      if (!(s.tracing && session.getState().task === 'trace' && reference && key)) return;
      if (!pick(e)) return;
      e.preventDefault();
      canvas.setPointerCapture(e.pointerId);
      if (session.getState().traceResult) session.getState().clearTrace();
      gltf.scene.updateWorldMatrix(true, false);
      toBody.copy(gltf.scene.matrixWorld).invert();
      if (!recorder.begin(gltf.scene.matrixWorld.elements)) return;
      clearDrawing();
      useTrainStore.getState().setGuideHidden(true);
      gesture.dragging = true;
      addAt(e);
    };
    const onMove = (e: PointerEvent) => {
      if (gesture.dragging) addAt(e);
    };
    const onUp = (e: PointerEvent) => {
      const start = gesture.downAt;
      gesture.downAt = null;
      const { current, reference, key, bodyScale } = live.current;
      if (gesture.dragging) {
        gesture.dragging = false;
        if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
        addAt(e);
        if (!current || !reference || !key || recorder.length < 2) {
          clearDrawing();
          return;
        }
        const score = scoreTrace({
          trace: recorder.points(),
          reference,
          stepZones: current.step.zones,
          avoidZones: AVOID_ZONES,
          side: current.side,
          bodyScale,
        });
        session.getState().finishTrace(key, score, {
          protocolId: current.protocol.protocol.id,
          stepId: current.step.id,
          kind: 'trace',
          score: score.total,
          passed: score.passed,
        });
        return;
      }
      // A click (not a drag) answers the avoid quiz.
      if (!start || !current || !key || session.getState().task !== 'avoid') return;
      if (Math.hypot(e.clientX - start.x, e.clientY - start.y) > CLICK_SLOP_PX) return;
      if (session.getState().avoidResult?.key === key) return;
      const picked = pick(e);
      if (!picked) return;
      submitAvoidAnswer(current, { zone: picked.hit.zone, side: picked.hit.side });
    };
    const onCancel = () => {
      gesture.dragging = false;
      gesture.downAt = null;
    };
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerup', onUp);
    canvas.addEventListener('pointercancel', onCancel);
    return () => {
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onCancel);
    };
    // clearDrawing only touches `drawing` and `invalidate`, listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gl, camera, meshes, session, drawing, gesture, invalidate, gltf.scene]);

  return <primitive object={drawing.group} />;
}
