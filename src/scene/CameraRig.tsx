import { CameraControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import type { PerspectiveCamera } from 'three';
import type { Vec3 } from '../domain/body.ts';
import { caregiverEye } from '../domain/hands/caregiverView.ts';
import { FOOT_VIEWS, frameBounds, frameStep, type Bounds } from '../domain/views.ts';
import { useHandsStore } from '../state/handsStore.ts';
import { useTrainStore } from '../state/trainStore.ts';
import { useViewerStore } from '../state/viewerStore.ts';
import { boundsOf, type ZoneMesh } from './zoneMeshes.ts';

/** Where the current step happens, in world space: the camera frames it from its outside. */
export interface StepFrame {
  /** Which step this frames (`stepId:side`). */
  readonly key: string;
  readonly center: Vec3;
  /** Outward skin normal there: the side to look from. */
  readonly normal: Vec3;
  readonly radius: number;
  /** Unit direction toward the massaging person (the caregiver's-eye view looks from there). */
  readonly caregiver?: Vec3;
}

interface CameraRigProps {
  readonly meshes: readonly ZoneMesh[];
  readonly footZones: ReadonlySet<string>;
  readonly reducedMotion: boolean;
  readonly stepFrame: StepFrame | null;
}

/** Orbit, zoom and pan with damping; flies to preset views and to each step's zone. */
export function CameraRig({ meshes, footZones, reducedMotion, stepFrame }: CameraRigProps) {
  const controls = useRef<CameraControls>(null);
  /** The first framing after load is instant: no flight from the placeholder camera. */
  const framed = useRef(false);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const view = useViewerStore((s) => s.view);
  const side = useViewerStore((s) => s.side);
  const viewRequest = useViewerStore((s) => s.viewRequest);
  /** Train mode's trace input owns the pointer while tracing. */
  const tracing = useTrainStore((s) => s.tracing);
  const caregiverView = useHandsStore((s) => s.caregiverView);
  const leftHanded = useHandsStore((s) => s.leftHanded);

  const lookAt = (position: Vec3, target: Vec3) => {
    const c = controls.current;
    if (!c) return;
    void c.setLookAt(...position, ...target, framed.current && !reducedMotion);
    framed.current = true;
    // Without a transition camera-controls fires no event: ask for the frame that applies it.
    invalidate();
  };

  useEffect(() => {
    if (meshes.length === 0 || view === null) return;
    const foot = FOOT_VIEWS.includes(view);
    const bounds: Bounds | null = foot
      ? boundsOf(meshes, (m) => footZones.has(m.zone) && m.side === side)
      : boundsOf(meshes, () => true);
    if (!bounds) return;
    const pose = frameBounds(
      bounds,
      view,
      side,
      camera.fov,
      size.width / size.height,
      foot ? 1.2 : 1.02,
    );
    lookAt(pose.position, pose.target);
    // Only explicit view requests (and the first load) move the camera here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewRequest, meshes]);

  useEffect(() => {
    if (!stepFrame || meshes.length === 0) return;
    const store = useViewerStore.getState();
    if (store.holdViewFor !== null) {
      // A link asked for a preset view of this very step: keep it.
      if (store.holdViewFor === stepFrame.key) return;
      store.setHoldViewFor(null);
    }
    // Look along the skin normal, tilted a little toward the viewer's eye height; or, in the
    // caregiver's-eye view, from the massaging person's place over the hands.
    const aspect = size.width / size.height;
    const { eye, target } =
      caregiverView && stepFrame.caregiver
        ? caregiverEye(stepFrame, stepFrame.caregiver, leftHanded, camera.fov, aspect)
        : frameStep(stepFrame, camera.fov, aspect);
    lookAt(eye, target);
    store.clearView();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stepFrame, meshes, caregiverView, leftHanded]);

  return (
    <CameraControls
      ref={controls}
      makeDefault
      enabled={!tracing}
      minDistance={0.12}
      maxDistance={6}
      smoothTime={reducedMotion ? 0 : 0.3}
      draggingSmoothTime={reducedMotion ? 0 : 0.12}
      dollyToCursor
    />
  );
}
