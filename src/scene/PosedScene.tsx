import { Suspense, lazy, useMemo } from 'react';
import { Matrix4, type Object3D } from 'three';
import { bodyOf } from '../bodyModel/loadBody.ts';
import type { BodyKind } from '../bodyModel/modelUrls.ts';
import type { Position, Step } from '../content/schema.ts';
import { sidedKey, type MorphTarget, type Side } from '../domain/body.ts';
import { limbMotionOf } from '../domain/limbMotion.ts';
import { legPoseFor, segmentAt } from '../domain/limbPose.ts';
import { poseTransform } from '../domain/pose.ts';
import { rollingPlan } from '../domain/rolling.ts';
import { stepProps } from '../domain/stepProps.ts';
import { useStepMotion } from '../state/stepMotion.ts';
import { useViewFlags } from '../state/viewFlags.ts';
import { Body } from './Body.tsx';
import { StepProps } from './StepProps.tsx';
import { TableProps } from './TableProps.tsx';
import { useBodyModel } from './useBodyModel.ts';
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

export interface PosedSceneProps {
  readonly kind: BodyKind;
  readonly avoidZones: ReadonlySet<string>;
  readonly limbZones: ReadonlySet<string>;
  readonly reducedMotion: boolean;
  readonly current: ViewerStep | null;
  readonly onLoaded: (root: Object3D, meshes: readonly ZoneMesh[]) => void;
}

const NO_MORPHS: Partial<Record<MorphTarget, number>> = {};
const EMPTY: ReadonlySet<string> = new Set();
const IDENTITY = new Matrix4();

/**
 * The body in its pose (standing, or lying on the table) with the current step on it: its zones
 * glowing, the avoid zones within reach hatched, its path and glyph (`StepScene`).
 */
export function PosedScene(props: PosedSceneProps) {
  const { kind, current, avoidZones, limbZones, reducedMotion, onLoaded } = props;
  const gltf = useBodyModel(kind);
  const { bounds, body } = bodyOf(gltf);
  const pose = useMemo(
    () => poseTransform(current?.position.pose ?? 'standing', bounds),
    [current?.position.pose, bounds],
  );
  // Sitting: the legs bent at the hips and knees as the step's content has them.
  const legPose = useMemo(
    () =>
      current
        ? legPoseFor(body, current.position, current.step, current.side)
        : legPoseFor(body, { pose: 'standing', props: [] }, {}, 'L'),
    [body, current],
  );
  const propsShown = useMemo(
    () => (current ? stepProps(body, legPose.rig, legPose.posed, current.step, current.side) : []),
    [body, legPose, current],
  );
  // A ball or roller goes along the path under the sole, and the leg rides on it.
  const rolling = useMemo(
    () =>
      current
        ? rollingPlan(body, legPose.rig, legPose.posed, current.step, current.side, propsShown)
        : null,
    [body, legPose, current, propsShown],
  );
  const exercise = useMemo(() => {
    const def = rolling?.motion ?? (current ? limbMotionOf(current.step) : null);
    return current && def ? { def, tempo: current.step.tempo } : null;
  }, [current, rolling]);
  const highlight = useMemo(() => {
    // A soak works both feet at once.
    const both = current?.step.movement === 'soak';
    return new Set(
      current?.step.zones.flatMap((z) => {
        if (!body.parts.some((p) => p.zone === z && p.side)) return [z];
        return both ? [sidedKey(z, 'L'), sidedKey(z, 'R')] : [sidedKey(z, current.side)];
      }) ?? [],
    );
  }, [current, body]);
  const derived = useStepMotion();
  /** The path, glyph and hands ride on the bent segment they lie on (the foot: the shank). */
  const stepMatrix = useMemo(() => {
    const at = derived?.motion?.center;
    const seg = at ? segmentAt(legPose.rig, legPose.posed, at) : null;
    if (!seg) return null;
    const [a, b, c, d, e, f, g, h, i] = seg.r;
    return new Matrix4().set(
      a ?? 1,
      b ?? 0,
      c ?? 0,
      seg.t[0],
      d ?? 0,
      e ?? 1,
      f ?? 0,
      seg.t[1],
      g ?? 0,
      h ?? 0,
      i ?? 1,
      seg.t[2],
      0,
      0,
      0,
      1,
    );
  }, [derived, legPose]);
  /** Train mode hides the step's path and avoid marks until the trainee has answered. */
  const guideHidden = useViewFlags((s) => s.guideHidden);
  const avoidMarked = useMemo(
    () =>
      guideHidden || !derived
        ? EMPTY
        : new Set(derived.nearAvoid.map((z) => sidedKey(z.zone, z.side))),
    [derived, guideHidden],
  );

  return (
    <>
      <group rotation-x={pose.rotationX} position={pose.position}>
        <Body
          kind={kind}
          avoidZones={avoidZones}
          limbZones={limbZones}
          highlight={highlight}
          avoidMarked={avoidMarked}
          morphBase={current?.bodyMorphs ?? NO_MORPHS}
          morphAnimation={current?.step.morph ?? null}
          reducedMotion={reducedMotion}
          pose={current?.position.pose ?? 'standing'}
          legPose={legPose}
          exercise={exercise}
          onLoaded={onLoaded}
        />
        <StepProps
          props={propsShown}
          rolling={rolling && current ? { plan: rolling, tempo: current.step.tempo } : null}
          reducedMotion={reducedMotion}
        />
        {current && derived?.motion && !guideHidden ? (
          <group matrixAutoUpdate={false} matrix={stepMatrix ?? IDENTITY}>
            <Suspense fallback={null}>
              <StepScene
                derived={derived}
                kind={kind}
                step={current.step}
                side={current.side}
                pose={current.position.pose}
                bodyScale={current.bodyScale}
                avoidZones={avoidZones}
                reducedMotion={reducedMotion}
              />
            </Suspense>
          </group>
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
