import { CameraControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useCallback, useEffect, useRef } from 'react';
import { Matrix3, Vector3, type BufferAttribute, type PerspectiveCamera } from 'three';
import type { Vec3 } from '../domain/body.ts';
import { caregiverEye } from '../domain/hands/caregiverView.ts';
import type { DerivedStep } from '../domain/stepMotion.ts';
import {
  FOOT_VIEWS,
  boundsCenter,
  frameBounds,
  frameStep,
  plantarDirection,
  type Bounds,
} from '../domain/views.ts';
import { useHandsStore } from '../state/handsStore.ts';
import { useStepMotionStore } from '../state/stepMotion.ts';
import { useViewerStore, type ViewerState } from '../state/viewerStore.ts';
import { useViewFlags } from '../state/viewFlags.ts';
import { boundsOf, type ZoneMesh } from './zoneMeshes.ts';

/** Mean outward normal of one side's sole, world space (the meshes as posed and bent). */
function soleNormal(meshes: readonly ZoneMesh[], side: string): Vec3 {
  const sum = new Vector3();
  const n = new Vector3();
  const normalMatrix = new Matrix3();
  for (const m of meshes) {
    if (m.zone !== 'sole' || m.side !== side) continue;
    m.mesh.updateWorldMatrix(true, false);
    normalMatrix.getNormalMatrix(m.mesh.matrixWorld);
    const attr = m.mesh.geometry.getAttribute('normal') as BufferAttribute | undefined;
    if (!attr) continue;
    for (let i = 0; i < attr.count; i++)
      sum.add(n.fromBufferAttribute(attr, i).applyMatrix3(normalMatrix).normalize());
  }
  return sum.lengthSq() > 0 ? sum.normalize().toArray() : [0, -1, 0];
}

interface CameraRigProps {
  readonly meshes: readonly ZoneMesh[];
  readonly footZones: ReadonlySet<string>;
  readonly reducedMotion: boolean;
}

/**
 * Orbit, zoom and pan with damping; flies to a preset view when one is asked for, and to each
 * step's zone once, when that step (or its side) becomes current. Both are decided on the
 * stores' own changes (a view request, a new step key), never on React re-renders: a language
 * switch, a mode round trip or a tick in the safety check leaves the camera and the view alone.
 */
export function CameraRig({ meshes, footZones, reducedMotion }: CameraRigProps) {
  const controls = useRef<CameraControls>(null);
  /** The first framing after load is instant: no flight from the placeholder camera. */
  const framed = useRef(false);
  /** The view request and the step last flown to. */
  const appliedRequest = useRef(-1);
  const appliedStep = useRef<string | null>(null);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  /** A mode's own pointer input (Train's trace) owns the drag. */
  const orbitLocked = useViewFlags((s) => s.orbitLocked);

  const lookAt = useCallback(
    (position: Vec3, target: Vec3) => {
      const c = controls.current;
      if (!c) return;
      void c.setLookAt(...position, ...target, framed.current && !reducedMotion);
      framed.current = true;
      // Without a transition camera-controls fires no event: ask for the frame that applies it.
      invalidate();
    },
    [reducedMotion, invalidate],
  );

  // Preset views: on every request (and on the first load).
  useEffect(() => {
    if (meshes.length === 0) return;
    const apply = ({ view, side, viewRequest }: ViewerState) => {
      if (viewRequest === appliedRequest.current) return;
      appliedRequest.current = viewRequest;
      if (view === null) return;
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
      if (view === 'plantar') {
        // The sole as the body is posed (face down: from the foot end), not as it stands.
        const dir = plantarDirection(soleNormal(meshes, side), side);
        const c = boundsCenter(bounds);
        const d = Math.hypot(
          pose.position[0] - c[0],
          pose.position[1] - c[1],
          pose.position[2] - c[2],
        );
        lookAt([c[0] + dir[0] * d, c[1] + dir[1] * d, c[2] + dir[2] * d], c);
        return;
      }
      lookAt(pose.position, pose.target);
    };
    apply(useViewerStore.getState());
    return useViewerStore.subscribe(apply);
  }, [meshes, footZones, camera, size, lookAt]);

  // The step: once per step key.
  useEffect(() => {
    if (meshes.length === 0) return;
    const apply = (derived: DerivedStep | null) => {
      if (derived && !derived.frame) {
        // A step on no zone (turning over, advice): the whole body, as the body is posed now.
        const applied = `${derived.key}|whole`;
        if (applied === appliedStep.current) return;
        appliedStep.current = applied;
        const bounds = boundsOf(meshes, () => true);
        if (!bounds) return;
        const side = useViewerStore.getState().side;
        const pose = frameBounds(bounds, 'whole', side, camera.fov, size.width / size.height, 1.02);
        lookAt(pose.position, pose.target);
        return;
      }
      const frame = derived?.frame ?? null;
      // The caregiver's-eye view (and its mirror for the left-handed) frames the step anew.
      const { caregiverView, leftHanded } = useHandsStore.getState();
      const look = caregiverView && frame?.caregiver ? (leftHanded ? 'L' : 'R') : '';
      const applied = frame ? `${frame.key}|${look}` : null;
      if (!frame || applied === appliedStep.current) return;
      const sameStep = appliedStep.current?.split('|')[0] === frame.key;
      appliedStep.current = applied;
      const store = useViewerStore.getState();
      if (store.holdViewFor !== null && !sameStep) {
        // A link asked for a preset view of this very step: keep it.
        if (store.holdViewFor === frame.key) return;
        store.setHoldViewFor(null);
      }
      // Look along the skin normal, tilted a little toward the viewer's eye height; or, in the
      // caregiver's-eye view, from the massaging person's place over the hands.
      const aspect = size.width / size.height;
      const { eye, target } =
        look && frame.caregiver
          ? caregiverEye(frame, frame.caregiver, look === 'L', camera.fov, aspect)
          : frameStep(frame, camera.fov, aspect);
      lookAt(eye, target);
      store.clearView();
    };
    const now = () => useStepMotionStore.getState().derived ?? null;
    apply(now());
    const offStep = useStepMotionStore.subscribe((s) => apply(s.derived ?? null));
    const offHands = useHandsStore.subscribe(() => apply(now()));
    return () => {
      offStep();
      offHands();
    };
  }, [meshes, camera, size, lookAt]);

  return (
    <CameraControls
      ref={controls}
      makeDefault
      enabled={!orbitLocked}
      minDistance={0.12}
      maxDistance={6}
      smoothTime={reducedMotion ? 0 : 0.3}
      draggingSmoothTime={reducedMotion ? 0 : 0.12}
      dollyToCursor
    />
  );
}
