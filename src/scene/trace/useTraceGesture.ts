import { useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { Raycaster, Vector2, Vector3, type Mesh, type Object3D } from 'three';
import type { ZonePart } from '../../domain/avoidQuiz.ts';
import { TraceRecorder, type TraceHit } from '../../domain/traceInput.ts';
import type { TracePoint } from '../../domain/traceScore.ts';
import { zoneOfObject } from '../zoneMeshes.ts';

/** Lift of the drawn trace above the skin, metres: clear of the skin and of the step's path line. */
const LIFT_M = 0.003;
/** A press and release closer than this (CSS pixels) is a click on the model. */
const CLICK_SLOP_PX = 5;

export interface TraceGestureHandlers {
  /** Whether a drag that starts on the body now draws a trace. */
  readonly canTrace: () => boolean;
  /** A trace begins: the body's world matrix (16 numbers) is the frame of its points. */
  readonly onBegin: () => void;
  /** A point of the trace was recorded, at `lifted` (world space, just above the skin). */
  readonly onPoint: (lifted: Vector3) => void;
  /** The trace ended: its points in the body's frame, or null when it was too short to grade. */
  readonly onEnd: (points: readonly TracePoint[] | null) => void;
  /** A click (not a drag) on a zone part of the body. */
  readonly onClick: (part: ZonePart) => void;
}

/**
 * The canvas's pointer input for tracing (Train, and the teach-back in Present): a drag that starts on the body records a trace on the
 * skin (in the body's frame, `body`'s pose at the start), a click names the zone part under it.
 * Listens on the canvas directly so that a drag is not turned into orbiting (the camera is
 * locked meanwhile); touches only three.js objects, never React state.
 */
export function useTraceGesture(
  body: Object3D,
  meshes: readonly Mesh[],
  bodyScale: number,
  handlers: TraceGestureHandlers,
): void {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  // The latest handlers, without re-attaching the listeners (a re-render mid-drag keeps the trace).
  const live = useRef({ handlers, bodyScale });
  useEffect(() => {
    live.current = { handlers, bodyScale };
  });

  useEffect(() => {
    const canvas = gl.domElement;
    const raycaster = new Raycaster();
    (raycaster as Raycaster & { firstHitOnly?: boolean }).firstHitOnly = true;
    const ndc = new Vector2();
    const normal = new Vector3();
    const lifted = new Vector3();
    const recorder = new TraceRecorder();
    let dragging = false;
    let downAt: { x: number; y: number } | null = null;

    const pick = (e: PointerEvent): { hit: TraceHit; lifted: Vector3 } | null => {
      const rect = canvas.getBoundingClientRect();
      ndc.set(
        ((e.clientX - rect.left) / rect.width) * 2 - 1,
        -((e.clientY - rect.top) / rect.height) * 2 + 1,
      );
      raycaster.setFromCamera(ndc, camera);
      const found = raycaster
        .intersectObjects(
          meshes.filter((m) => m.visible),
          false,
        )
        .at(0);
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
    const addAt = (e: PointerEvent) => {
      const picked = pick(e);
      // The event's time stamp: the tempo is judged from the trace's timing.
      const added = recorder.add(picked?.hit ?? null, e.timeStamp);
      if (added && picked) live.current.handlers.onPoint(picked.lifted);
    };

    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      downAt = { x: e.clientX, y: e.clientY };
      const { handlers } = live.current;
      if (!handlers.canTrace() || !pick(e)) return;
      e.preventDefault();
      canvas.setPointerCapture(e.pointerId);
      body.updateWorldMatrix(true, false);
      if (!recorder.begin(body.matrixWorld.elements)) return;
      handlers.onBegin();
      dragging = true;
      addAt(e);
    };
    const onMove = (e: PointerEvent) => {
      if (!dragging) return;
      // Every position the pointer passed since the last event: a quick circle keeps its shape.
      const all = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
      for (const c of all.length > 0 ? all : [e]) addAt(c);
    };
    const onUp = (e: PointerEvent) => {
      const start = downAt;
      downAt = null;
      const { handlers } = live.current;
      if (dragging) {
        dragging = false;
        if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
        addAt(e);
        handlers.onEnd(recorder.length < 2 ? null : recorder.points());
        return;
      }
      if (!start || Math.hypot(e.clientX - start.x, e.clientY - start.y) > CLICK_SLOP_PX) return;
      const picked = pick(e);
      if (picked) handlers.onClick({ zone: picked.hit.zone, side: picked.hit.side });
    };
    const onCancel = () => {
      dragging = false;
      downAt = null;
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
  }, [gl, camera, meshes, body]);
}
