import { Canvas } from '@react-three/fiber';
import { Suspense, lazy, memo, useCallback, useMemo, useState, type ReactNode } from 'react';
import type { Object3D } from 'three';
import type { Position, Step } from '../content/schema.ts';
import type { MorphTarget, Side } from '../domain/body.ts';
import { caregiverDirection } from '../domain/hands/approach.ts';
import { applyPose, poseTransform, rotatePose } from '../domain/pose.ts';
import type { StepMotion } from '../domain/stepMotion.ts';
import { keepAboveTable, zoneFraming } from '../domain/views.ts';
import { useTrainStore } from '../state/trainStore.ts';
import { AdaptiveResolution } from './AdaptiveResolution.tsx';
import { Body, partKey } from './Body.tsx';
import { CameraRig, type StepFrame } from './CameraRig.tsx';
import { ContextWatch } from './ContextWatch.tsx';
import { BACKGROUND, CAMERA_FOV, LIGHTS, MAX_DPR } from './look.ts';
import type { BodyKind } from './modelUrls.ts';
import { PlayerClock } from './PlayerClock.tsx';
import { Probe } from './Probe.tsx';
import { TableProps } from './TableProps.tsx';
import { bodyOf, useBodyModel } from './useBodyModel.ts';
import type { ZoneMesh } from './zoneMeshes.ts';

/** The step's path, glyph and warnings: loaded once a protocol is opened, not for the first view. */
const StepScene = lazy(() => import('./StepScene.tsx').then((m) => ({ default: m.StepScene })));

/** What the viewer needs of the step being played. */
export interface ViewerStep {
  readonly step: Step;
  readonly side: Side;
  readonly position: Position;
  readonly bodyMorphs: Partial<Record<MorphTarget, number>>;
  readonly bodyScale: number;
}

interface ViewerProps {
  readonly kind: BodyKind;
  readonly avoidZones: ReadonlySet<string>;
  readonly footZones: ReadonlySet<string>;
  readonly limbZones: ReadonlySet<string>;
  readonly reducedMotion: boolean;
  readonly current: ViewerStep | null;
  readonly isBilateral: (landmark: string) => boolean;
  /** Extra 3D parts a mode adds (trace input, capture), in world space. */
  readonly children?: ReactNode;
}

const NO_MORPHS: Partial<Record<MorphTarget, number>> = {};
const EMPTY: ReadonlySet<string> = new Set();

/** The body in its pose (standing, or lying on the table) with the current step on it. */
function PosedScene(
  props: ViewerProps & {
    onLoaded: (root: Object3D, m: readonly ZoneMesh[]) => void;
    onFrame: (f: StepFrame | null) => void;
  },
) {
  const { kind, current, avoidZones, limbZones, reducedMotion, isBilateral, onLoaded, onFrame } =
    props;
  const gltf = useBodyModel(kind);
  const { bounds, body } = bodyOf(gltf);
  const pose = useMemo(
    () => poseTransform(current?.position.pose ?? 'standing', bounds),
    [current?.position.pose, bounds],
  );
  const highlight = useMemo(
    () =>
      new Set(
        current?.step.zones.map((z) =>
          partKey(z, body.parts.some((p) => p.zone === z && p.side) ? current.side : null),
        ) ?? [],
      ),
    [current, body],
  );
  const [nearAvoid, setNearAvoid] = useState<ReadonlySet<string>>(EMPTY);
  /** Train mode hides the step's path and avoid marks until the trainee has answered. */
  const guideHidden = useTrainStore((s) => s.guideHidden);

  const onMotion = useCallback(
    (motion: StepMotion | null) => {
      setNearAvoid(new Set(motion?.nearAvoid.map((z) => partKey(z.zone, z.side)) ?? []));
      // A step without a path (exercises, care) frames its zones; both in model space, posed here
      // so that the framing follows the pose of this very step.
      const frame =
        motion ?? (current ? zoneFraming(body, new Set(current.step.zones), current.side) : null);
      onFrame(
        frame && current
          ? {
              key: `${current.step.id}:${current.side}`,
              center: applyPose(pose, frame.center),
              normal: pose.onTable
                ? keepAboveTable(rotatePose(pose, frame.normal))
                : rotatePose(pose, frame.normal),
              radius: frame.radius,
              // Hands: where the massaging person stands, for the caregiver's-eye view.
              caregiver: rotatePose(
                pose,
                caregiverDirection(
                  current.position.pose,
                  frame.center,
                  frame.normal,
                  current.side,
                  0.1 * current.bodyScale,
                ),
              ),
            }
          : null,
      );
    },
    [pose, onFrame, current, body],
  );

  return (
    <>
      <group rotation-x={pose.rotationX} position={pose.position}>
        <Body
          kind={kind}
          avoidZones={avoidZones}
          limbZones={limbZones}
          highlight={highlight}
          avoidMarked={guideHidden ? EMPTY : nearAvoid}
          morphBase={current?.bodyMorphs ?? NO_MORPHS}
          morphAnimation={current?.step.morph ?? null}
          reducedMotion={reducedMotion}
          onLoaded={onLoaded}
        />
        {current ? (
          <Suspense fallback={null}>
            <StepScene
              kind={kind}
              step={current.step}
              side={current.side}
              bodyScale={current.bodyScale}
              avoidZones={avoidZones}
              isBilateral={isBilateral}
              reducedMotion={reducedMotion}
              onMotion={onMotion}
              hidden={guideHidden}
              pose={current.position.pose}
            />
          </Suspense>
        ) : null}
      </group>
      {pose.onTable && current ? (
        <TableProps
          position={current.position}
          pose={pose}
          bounds={bounds}
          landmarks={body.landmarks}
          scale={current.bodyScale}
        />
      ) : null}
    </>
  );
}

/** The 3D canvas: lights, the posed body with the current step, and the camera rig. Renders
 * only when something changes or moves. */
export const Viewer = memo(function Viewer(props: ViewerProps) {
  const { footZones, reducedMotion, current, children } = props;
  const [meshes, setMeshes] = useState<readonly ZoneMesh[]>([]);
  const [motionFrame, setMotionFrame] = useState<StepFrame | null>(null);
  const onLoaded = useCallback((_root: Object3D, m: readonly ZoneMesh[]) => setMeshes(m), []);
  const zoneMeshList = useMemo(() => meshes.map((m) => m.mesh), [meshes]);

  // The step's framing comes from the posed scene (its path, or its zones for steps without one).
  const stepFrame = current ? motionFrame : null;

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
        <PosedScene {...props} onLoaded={onLoaded} onFrame={setMotionFrame} />
      </Suspense>
      <PlayerClock />
      <AdaptiveResolution meshes={zoneMeshList} />
      <Probe />
      <ContextWatch />
      <CameraRig
        meshes={meshes}
        footZones={footZones}
        reducedMotion={reducedMotion}
        stepFrame={stepFrame}
      />
      {children ? <Suspense fallback={null}>{children}</Suspense> : null}
    </Canvas>
  );
});
