import { Bvh } from '@react-three/drei';
import { Canvas } from '@react-three/fiber';
import { Suspense, useCallback, useState } from 'react';
import type { Object3D } from 'three';
import { Body } from './Body.tsx';
import { CameraRig } from './CameraRig.tsx';
import { Probe } from './Probe.tsx';
import type { BodyKind } from './modelUrls.ts';
import type { ZoneMesh } from './zoneMeshes.ts';

interface ViewerProps {
  readonly kind: BodyKind;
  readonly avoidZones: ReadonlySet<string>;
  readonly footZones: ReadonlySet<string>;
  readonly limbZones: ReadonlySet<string>;
  readonly reducedMotion: boolean;
}

/** The 3D canvas: lights, the body and the camera rig. Renders only when something changes. */
export function Viewer({ kind, avoidZones, footZones, limbZones, reducedMotion }: ViewerProps) {
  const [meshes, setMeshes] = useState<readonly ZoneMesh[]>([]);
  const onLoaded = useCallback((_root: Object3D, m: readonly ZoneMesh[]) => setMeshes(m), []);

  return (
    <Canvas
      frameloop="demand"
      dpr={[1, 1.5]}
      gl={{ antialias: false, powerPreference: 'high-performance' }}
      camera={{ fov: 35, near: 0.01, far: 30, position: [1.2, 1.3, 3.2] }}
      aria-label="3D body model. Use the zone list for a keyboard alternative."
    >
      <color attach="background" args={['#1d2027']} />
      {/* Key from above-front, rim from behind, fill from below so the sole is readable too. */}
      <hemisphereLight args={['#fff6ee', '#7d8494', 1.2]} />
      <directionalLight position={[2, 4, 3]} intensity={1.5} />
      <directionalLight position={[-3, 1.5, -2]} intensity={0.7} />
      <directionalLight position={[0.5, -3, -1]} intensity={0.8} />
      <Suspense fallback={null}>
        <Bvh firstHitOnly>
          <Body kind={kind} avoidZones={avoidZones} limbZones={limbZones} onLoaded={onLoaded} />
        </Bvh>
      </Suspense>
      <Probe />
      <CameraRig meshes={meshes} footZones={footZones} reducedMotion={reducedMotion} />
    </Canvas>
  );
}
