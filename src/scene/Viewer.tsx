import { Canvas } from '@react-three/fiber';
import { Suspense, memo, useCallback, useMemo, useState, type ReactNode } from 'react';
import type { Object3D } from 'three';
import type { BodyKind } from '../bodyModel/modelUrls.ts';
import { AdaptiveResolution } from './AdaptiveResolution.tsx';
import { CameraRig } from './CameraRig.tsx';
import { ContextWatch } from './ContextWatch.tsx';
import { OrientationWatch } from './OrientationWatch.tsx';
import { PendingTapPick } from './PendingTapPick.tsx';
import { PlayerClock } from './PlayerClock.tsx';
import { PosedScene, type ViewerStep } from './PosedScene.tsx';
import { Probe } from './Probe.tsx';
import { BACKGROUND, CAMERA_FOV, LIGHTS, MAX_DPR } from './sceneStyle.ts';
import { useBodyModelFailure } from './useBodyModel.ts';
import type { ZoneMesh } from './zoneMeshes.ts';

export type { ViewerStep } from './PosedScene.tsx';

interface ViewerProps {
  readonly kind: BodyKind;
  readonly avoidZones: ReadonlySet<string>;
  readonly footZones: ReadonlySet<string>;
  readonly limbZones: ReadonlySet<string>;
  readonly reducedMotion: boolean;
  readonly current: ViewerStep | null;
  /** Extra 3D parts a mode adds (trace input, capture), in world space. */
  readonly children?: ReactNode;
}

/** The 3D canvas: lights, the posed body with the current step, and the camera rig. Renders
 * only when something changes or moves. */
export const Viewer = memo(function Viewer(props: ViewerProps) {
  const { kind, avoidZones, footZones, limbZones, reducedMotion, current, children } = props;
  const [meshes, setMeshes] = useState<readonly ZoneMesh[]>([]);
  const onLoaded = useCallback((_root: Object3D, m: readonly ZoneMesh[]) => setMeshes(m), []);
  const zoneMeshList = useMemo(() => meshes.map((m) => m.mesh), [meshes]);
  // A model that cannot be loaded is reported from here, outside the canvas.
  useBodyModelFailure(kind);

  return (
    <Canvas
      frameloop="demand"
      dpr={[1, MAX_DPR]}
      gl={{ antialias: false, powerPreference: 'high-performance' }}
      camera={{ fov: CAMERA_FOV, near: 0.01, far: 30, position: [1.2, 1.3, 3.2] }}
      role="img"
      aria-label="3D body model. Use the zone list for a keyboard alternative."
    >
      <color attach="background" args={[BACKGROUND]} />
      <hemisphereLight
        args={[LIGHTS.hemisphere.sky, LIGHTS.hemisphere.ground, LIGHTS.hemisphere.intensity]}
      />
      {LIGHTS.directional.map((d) => (
        <directionalLight
          key={d.position.join(',')}
          position={d.position}
          intensity={d.intensity}
        />
      ))}
      <Suspense fallback={null}>
        <PosedScene
          kind={kind}
          avoidZones={avoidZones}
          limbZones={limbZones}
          reducedMotion={reducedMotion}
          current={current}
          onLoaded={onLoaded}
        />
      </Suspense>
      <PlayerClock />
      <AdaptiveResolution meshes={zoneMeshList} />
      <Probe />
      <OrientationWatch />
      <PendingTapPick meshes={zoneMeshList} />
      <ContextWatch />
      <CameraRig meshes={meshes} footZones={footZones} reducedMotion={reducedMotion} />
      {children ? <Suspense fallback={null}>{children}</Suspense> : null}
    </Canvas>
  );
});
