import { Suspense, lazy, useMemo } from 'react';
import type { Object3D } from 'three';
import { bodyOf } from '../bodyModel/loadBody.ts';
import type { BodyKind } from '../bodyModel/modelUrls.ts';
import type { Position, Step } from '../content/schema.ts';
import { sidedKey, type MorphTarget, type Side } from '../domain/body.ts';
import { poseTransform } from '../domain/pose.ts';
import { useStepMotion } from '../state/stepMotion.ts';
import { useViewFlags } from '../state/viewFlags.ts';
import { Body } from './Body.tsx';
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
  const highlight = useMemo(
    () =>
      new Set(
        current?.step.zones.map((z) =>
          sidedKey(z, body.parts.some((p) => p.zone === z && p.side) ? current.side : null),
        ) ?? [],
      ),
    [current, body],
  );
  const derived = useStepMotion();
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
          onLoaded={onLoaded}
        />
        {current && derived?.motion && !guideHidden ? (
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
