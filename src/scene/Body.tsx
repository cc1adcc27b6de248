import { useLoader, useThree, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type { Object3D } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { sameZone, useViewerStore, pointerTracker, type ZoneRef } from '../state/viewerStore.ts';
import { createBodyMaterials } from './materials.ts';
import { MODEL_URLS, type BodyKind } from './modelUrls.ts';
import { collectZoneMeshes, zoneOfObject, type ZoneMesh } from './zoneMeshes.ts';

interface BodyProps {
  readonly kind: BodyKind;
  readonly avoidZones: ReadonlySet<string>;
  /** Foot and leg zones: the other side's are hidden while looking at a foot's inner side. */
  readonly limbZones: ReadonlySet<string>;
  /** Called once the model is in the scene, with its zone meshes. */
  readonly onLoaded: (root: Object3D, meshes: readonly ZoneMesh[]) => void;
}

/** Pointer travel (px) above which a press is a drag of the camera, not a click on a zone. */
const CLICK_SLOP_PX = 5;

let firstFrameMarked = false;

/** The body model: zone meshes painted by hover and selection, picked by pointer. */
export function Body({ kind, avoidZones, limbZones, onLoaded }: BodyProps) {
  const gltf = useLoader(GLTFLoader, MODEL_URLS[kind], (loader) => {
    loader.setMeshoptDecoder(MeshoptDecoder);
  });
  const invalidate = useThree((s) => s.invalidate);
  const materials = useMemo(() => createBodyMaterials(), []);
  const meshes = useMemo(() => collectZoneMeshes(gltf.scene), [gltf.scene]);

  useEffect(() => () => materials.dispose(), [materials]);

  useEffect(() => {
    const paint = (hovered: ZoneRef | null, selected: ZoneRef | null) => {
      for (const m of meshes) {
        const ref = { zone: m.zone, side: m.side };
        const isSelected = sameZone(ref, selected);
        m.mesh.material = isSelected
          ? avoidZones.has(m.zone)
            ? materials.avoid
            : materials.selected
          : sameZone(ref, hovered)
            ? materials.hovered
            : materials.skin;
      }
      invalidate();
    };
    const s = useViewerStore.getState();
    paint(s.hovered, s.selected);
    return useViewerStore.subscribe((state, prev) => {
      if (state.hovered !== prev.hovered || state.selected !== prev.selected) {
        paint(state.hovered, state.selected);
      }
    });
  }, [meshes, materials, avoidZones, invalidate]);

  useEffect(() => {
    // The inner side of one foot is seen across the other leg: hide that leg for this view.
    const isolate = (view: string, side: string) => {
      for (const m of meshes) {
        m.mesh.visible = !(view === 'medial' && m.side !== null && m.side !== side && limbZones.has(m.zone));
      }
      invalidate();
    };
    const s = useViewerStore.getState();
    isolate(s.view, s.side);
    return useViewerStore.subscribe((state, prev) => {
      if (state.view !== prev.view || state.side !== prev.side) isolate(state.view, state.side);
    });
  }, [meshes, limbZones, invalidate]);

  useEffect(() => {
    const first = meshes.at(0);
    if (first) {
      first.mesh.onAfterRender = () => {
        first.mesh.onAfterRender = () => undefined;
        if (!firstFrameMarked) {
          firstFrameMarked = true;
          performance.mark('footwork:first-frame');
        }
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
