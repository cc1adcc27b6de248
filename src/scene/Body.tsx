import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type { Object3D } from 'three';
import type { BodyKind } from '../bodyModel/modelUrls.ts';
import type { MorphAnimation, Step } from '../content/schema.ts';
import { MORPH_TARGETS, POSE_MORPH_TARGETS, sidedKey, type MorphTarget } from '../domain/body.ts';
import { jointsMoved, limbPoseAt, type LimbMotionDef } from '../domain/limbMotion.ts';
import { animatePosed, movingSegments, type PosedRig, type Rig } from '../domain/limbPose.ts';
import { poseMorphs, type Pose } from '../domain/pose.ts';
import { playerEngine, usePlayerStore } from '../state/playerStore.ts';
import { useRenderQuality } from '../state/renderQuality.ts';
import { sameZone, useViewerStore, pointerTracker, type ZoneRef } from '../state/viewerStore.ts';
import { enableFastPicking } from './fastPicking.ts';
import { markFirstFrame } from './firstFrameMark.ts';
import { bendMeshes, bendMovingMeshes } from './legPose.ts';
import { createBodyMaterials } from './materials.ts';
import { useBodyModel } from './useBodyModel.ts';
import { collectZoneMeshes, zoneOfObject, type ZoneMesh } from './zoneMeshes.ts';

interface BodyProps {
  readonly kind: BodyKind;
  readonly avoidZones: ReadonlySet<string>;
  /** Foot and leg zones: the other side's are hidden while looking at a foot's inner side. */
  readonly limbZones: ReadonlySet<string>;
  /** Zone parts of the current step (`sidedKey`: `zone.L`, `zone.R` or `zone`), drawn glowing. */
  readonly highlight: ReadonlySet<string>;
  /** Avoid zone parts within reach of the current step, drawn hatched red. */
  readonly avoidMarked: ReadonlySet<string>;
  /** Morph influences the protocol shows the body with (severity sliders override). */
  readonly morphBase: Partial<Record<MorphTarget, number>>;
  /** Toe exercise of the current step, animated while playing. */
  readonly morphAnimation: MorphAnimation | null;
  readonly reducedMotion: boolean;
  /** How the body lies: the arms follow (along the body, on the table when lying). */
  readonly pose: Pose;
  /** Sitting: the legs bent at the hips and knees (`limbPose`). */
  readonly legPose: { readonly rig: Rig; readonly posed: PosedRig };
  /** The legs' exercise movement of the current step (`limbMotion`), animated while playing. */
  readonly exercise: { readonly def: LimbMotionDef; readonly tempo: Step['tempo'] } | null;
  /** Called once the model is in the scene, with its zone meshes. */
  readonly onLoaded: (root: Object3D, meshes: readonly ZoneMesh[]) => void;
}

/** Pointer travel (px) above which a press is a drag of the camera, not a click on a zone. */
const CLICK_SLOP_PX = 5;

/** Value of a keyframe track at phase 0..1 (linear between evenly spaced keys, looping). */
function trackValue(values: readonly number[], phase: number): number {
  const n = values.length;
  const x = phase * (n - 1);
  const i = Math.min(n - 2, Math.floor(x));
  const f = x - i;
  return (values[i] ?? 0) * (1 - f) + (values[i + 1] ?? 0) * f;
}

/** The body model: zone meshes painted by step, hover and selection; morphs; picking. */
export function Body(props: BodyProps) {
  const {
    kind,
    avoidZones,
    limbZones,
    highlight,
    avoidMarked,
    morphBase,
    morphAnimation,
    reducedMotion,
    pose,
    legPose,
    exercise,
    onLoaded,
  } = props;
  const gltf = useBodyModel(kind);
  const invalidate = useThree((s) => s.invalidate);
  const materials = useMemo(() => createBodyMaterials(), []);
  const meshes = useMemo(() => collectZoneMeshes(gltf.scene), [gltf.scene]);
  const morphMeshes = useMemo(
    () => meshes.filter((m) => m.mesh.morphTargetDictionary && m.mesh.morphTargetInfluences),
    [meshes],
  );

  useEffect(() => () => materials.dispose(), [materials]);

  useEffect(() => {
    const paint = (hovered: ZoneRef | null, selected: ZoneRef | null) => {
      const paints = useRenderQuality.getState().lightShading ? materials.light : materials;
      for (const m of meshes) {
        const ref = { zone: m.zone, side: m.side };
        const key = sidedKey(m.zone, m.side);
        m.mesh.material = sameZone(ref, selected)
          ? avoidZones.has(m.zone)
            ? paints.avoid
            : paints.selected
          : sameZone(ref, hovered)
            ? paints.hovered
            : avoidMarked.has(key)
              ? paints.hatch
              : highlight.has(key)
                ? paints.glow
                : paints.skin;
      }
      invalidate();
    };
    const s = useViewerStore.getState();
    paint(s.hovered, s.selected);
    const unsubViewer = useViewerStore.subscribe((state, prev) => {
      if (state.hovered !== prev.hovered || state.selected !== prev.selected) {
        paint(state.hovered, state.selected);
      }
    });
    const unsubQuality = useRenderQuality.subscribe((q, prev) => {
      if (q.lightShading !== prev.lightShading) {
        const v = useViewerStore.getState();
        paint(v.hovered, v.selected);
      }
    });
    return () => {
      unsubViewer();
      unsubQuality();
    };
  }, [meshes, materials, avoidZones, highlight, avoidMarked, invalidate]);

  useEffect(() => {
    // The inner side of one foot is seen across the other leg: hide that leg for this view.
    const isolate = (view: string | null, side: string) => {
      for (const m of meshes) {
        m.mesh.visible = !(
          view === 'medial' &&
          m.side !== null &&
          m.side !== side &&
          limbZones.has(m.zone)
        );
      }
      invalidate();
    };
    const s = useViewerStore.getState();
    isolate(s.view, s.side);
    return useViewerStore.subscribe((state, prev) => {
      if (state.view !== prev.view || state.side !== prev.side) isolate(state.view, state.side);
    });
  }, [meshes, limbZones, invalidate]);

  // Static morphs: the protocol's look, overridden by the severity sliders.
  const applyMorphs = useMemo(
    () => (animated: Partial<Record<MorphTarget, number>>) => {
      const severity = usePlayerStore.getState().severity;
      for (const m of morphMeshes) {
        const dict: Record<string, number | undefined> = m.mesh.morphTargetDictionary ?? {};
        const influences = m.mesh.morphTargetInfluences ?? [];
        for (const target of MORPH_TARGETS) {
          const i = dict[target];
          if (i === undefined) continue;
          const base =
            target === 'hallux_valgus' || target === 'flat_foot'
              ? severity[target]
              : (morphBase[target] ?? 0);
          influences[i] = Math.min(1, base + (animated[target] ?? 0));
        }
      }
      invalidate();
    },
    [morphMeshes, morphBase, invalidate],
  );

  useEffect(() => {
    applyMorphs({});
    return usePlayerStore.subscribe((s, prev) => {
      if (s.severity !== prev.severity) applyMorphs({});
    });
  }, [applyMorphs]);

  useFrame(() => {
    if (!morphAnimation || reducedMotion) return;
    const state = playerEngine.state;
    if (state.status !== 'playing') return;
    const phase = (state.elapsed / morphAnimation.cycleS) % 1;
    const animated: Partial<Record<MorphTarget, number>> = {};
    for (const track of morphAnimation.tracks)
      animated[track.target] = trackValue(track.values, phase);
    applyMorphs(animated);
  });

  useEffect(() => {
    // Back to the resting shape when the exercise ends or changes.
    if (!morphAnimation) applyMorphs({});
  }, [morphAnimation, applyMorphs]);

  useEffect(() => {
    // The arms lie on the table in the lying poses (pose morphs of the arm meshes).
    const weights = poseMorphs(pose);
    for (const m of meshes) {
      const dict: Record<string, number | undefined> = m.mesh.morphTargetDictionary ?? {};
      const influences = m.mesh.morphTargetInfluences;
      if (!influences) continue;
      for (const target of POSE_MORPH_TARGETS) {
        const i = dict[target];
        if (i !== undefined) influences[i] = weights[target];
      }
    }
    invalidate();
  }, [meshes, pose, invalidate]);

  useEffect(() => {
    bendMeshes(gltf.scene, meshes, legPose.rig, legPose.posed);
    invalidate();
  }, [gltf.scene, meshes, legPose, invalidate]);
  useEffect(
    // The loaded model is shared: it goes back to standing when this view is gone.
    () => () =>
      bendMeshes(gltf.scene, meshes, legPose.rig, { ...legPose.posed, layout: 'as_modelled' }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on unmount only, with the last rig
    [gltf.scene, meshes],
  );

  // Exercises (ankle circles, squats, walking, cycling) move the legs at the step's tempo.
  const moving = useMemo(
    () => (exercise ? movingSegments(jointsMoved(exercise.def)) : 0),
    [exercise],
  );
  useFrame(() => {
    if (!exercise || reducedMotion) return;
    const state = playerEngine.state;
    if (state.status !== 'playing') return;
    const at = limbPoseAt(exercise.def, exercise.tempo, state.elapsed);
    const posed = animatePosed(legPose.rig, legPose.posed, at);
    bendMovingMeshes(gltf.scene, meshes, legPose.rig, posed, moving);
    gltf.scene.position.fromArray(posed.offset ?? [0, 0, 0]);
    invalidate();
  });
  useEffect(() => {
    // The step's own pose again when the exercise ends or changes (the meshes: `bendMeshes`).
    gltf.scene.position.set(0, 0, 0);
    invalidate();
  }, [gltf.scene, exercise, legPose, invalidate]);

  const raycaster = useThree((s) => s.raycaster);
  useEffect(() => {
    // Only the nearest hit matters for picking a zone.
    (raycaster as typeof raycaster & { firstHitOnly?: boolean }).firstHitOnly = true;
    let undo: (() => void) | null = null;
    let cancelled = false;
    // After the first frame: build the picking BVH off the critical path.
    const unsubscribe = useViewerStore.subscribe((s) => {
      if (!s.modelReady || undo || cancelled) return;
      void enableFastPicking(meshes.map((m) => m.mesh)).then((u) => {
        if (cancelled) u();
        else undo = u;
      });
    });
    return () => {
      cancelled = true;
      unsubscribe();
      undo?.();
    };
  }, [meshes, raycaster]);

  useEffect(() => {
    const first = meshes.at(0);
    if (first) {
      first.mesh.onAfterRender = () => {
        first.mesh.onAfterRender = () => undefined;
        markFirstFrame();
        useViewerStore.getState().setModelReady(true);
      };
    }
    onLoaded(gltf.scene, meshes);
    invalidate();
  }, [gltf.scene, meshes, onLoaded, invalidate]);

  const onPointerMove = (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    useViewerStore.getState().hover(zoneOfObject(e.object));
    pointerTracker.emit(e.nativeEvent.offsetX, e.nativeEvent.offsetY);
  };
  const onPointerOut = () => useViewerStore.getState().hover(null);
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.delta > CLICK_SLOP_PX) return;
    e.stopPropagation();
    useViewerStore.getState().select(zoneOfObject(e.object));
  };

  return (
    <primitive
      object={gltf.scene}
      onPointerMove={onPointerMove}
      onPointerOut={onPointerOut}
      onClick={onClick}
    />
  );
}
