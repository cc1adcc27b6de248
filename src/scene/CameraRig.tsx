import { CameraControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import type { PerspectiveCamera } from 'three';
import { FOOT_VIEWS, frameBounds, type Bounds } from '../domain/views.ts';
import { useViewerStore } from '../state/viewerStore.ts';
import { boundsOf, type ZoneMesh } from './zoneMeshes.ts';

interface CameraRigProps {
  readonly meshes: readonly ZoneMesh[];
  readonly footZones: ReadonlySet<string>;
  readonly reducedMotion: boolean;
}

/** Orbit, zoom and pan with damping; flies to preset views when the store asks for one. */
export function CameraRig({ meshes, footZones, reducedMotion }: CameraRigProps) {
  const controls = useRef<CameraControls>(null);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const view = useViewerStore((s) => s.view);
  const side = useViewerStore((s) => s.side);
  const viewRequest = useViewerStore((s) => s.viewRequest);

  useEffect(() => {
    const c = controls.current;
    if (!c || meshes.length === 0) return;
    const foot = FOOT_VIEWS.includes(view);
    const bounds: Bounds | null = foot
      ? boundsOf(meshes, (m) => footZones.has(m.zone) && m.side === side)
      : boundsOf(meshes, () => true);
    if (!bounds) return;
    const pose = frameBounds(bounds, view, side, camera.fov, size.width / size.height, foot ? 1.2 : 1.02);
    void c.setLookAt(...pose.position, ...pose.target, !reducedMotion);
    // Without a transition camera-controls fires no event: ask for the frame that applies it.
    invalidate();
  }, [view, side, viewRequest, meshes, footZones, camera, size, reducedMotion, invalidate]);

  return (
    <CameraControls
      ref={controls}
      makeDefault
      minDistance={0.12}
      maxDistance={6}
      smoothTime={reducedMotion ? 0 : 0.3}
      draggingSmoothTime={reducedMotion ? 0 : 0.12}
      dollyToCursor
    />
  );
}
