import { addAfterEffect, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Color, Mesh, MeshStandardMaterial, Vector3, type Camera, type Object3D } from 'three';
import type { MotionPlan } from '../../../domain/motion/index.ts';
import { STROKE_PATH_NAME } from '../../../scene/StrokePath.tsx';
import { PROPS_NAME } from '../../../scene/TableProps.tsx';
import { sceneAccess, type SceneAccess, type ScreenStroke } from '../sceneAccess.ts';

/** Every `STEP`th point of a stroke is projected: enough for a smooth printed line. */
const STEP = 3;

/** The drawn path's strokes projected to the canvas (`SceneAccess.strokesOnScreen`). */
function projectStrokes(root: Object3D, camera: Camera, width: number, height: number) {
  const path = root.getObjectByName(STROKE_PATH_NAME);
  const strokes = path?.userData.strokes as MotionPlan['path']['strokes'] | undefined;
  if (!path || !strokes) return [];
  path.updateWorldMatrix(true, false);
  const v = new Vector3();
  const out: ScreenStroke[] = [];
  for (const stroke of strokes) {
    const points: [number, number][] = [];
    let firstZ = 0;
    let lastZ = 0;
    const last = stroke.count - 1;
    for (let i = 0; i <= last; i = i === last ? last + 1 : Math.min(last, i + STEP)) {
      v.set(
        stroke.points[i * 3] ?? 0,
        stroke.points[i * 3 + 1] ?? 0,
        stroke.points[i * 3 + 2] ?? 0,
      );
      v.applyMatrix4(path.matrixWorld).project(camera);
      if (points.length === 0) firstZ = v.z;
      lastZ = v.z;
      points.push([((v.x + 1) / 2) * width, ((1 - v.y) / 2) * height]);
    }
    if (points.length > 0) out.push({ contact: stroke.contact, points, depth: firstZ - lastZ });
  }
  return out;
}

/** How far the props' colours go toward white in a picture for paper (0: as shown, 1: white). */
const PAPER_TINT = 0.75;
const WHITE = new Color('#ffffff');

/**
 * Tints the props (table, bolsters) light for a picture on paper, so that they print as pale
 * shapes rather than dark blocks; returns what puts their colours back.
 */
function tintProps(root: Object3D): () => void {
  const saved: [Color, Color][] = [];
  root.traverse((o) => {
    if (o.name !== PROPS_NAME) return;
    o.traverse((m) => {
      if (!(m instanceof Mesh) || !(m.material instanceof MeshStandardMaterial)) return;
      const color = m.material.color;
      saved.push([color, color.clone()]);
      color.lerp(WHITE, PAPER_TINT);
    });
  });
  return () => {
    for (const [color, was] of saved) color.copy(was);
  };
}

/**
 * Present mode's part of the 3D canvas: publishes `sceneAccess` so that the handout can take a
 * picture of each step and the video export can copy every frame, both right after a render.
 */
export function PresentCapture() {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  const setDpr = useThree((s) => s.setDpr);
  const setFrameloop = useThree((s) => s.setFrameloop);
  const get = useThree((s) => s.get);
  useEffect(() => {
    const canvas = gl.domElement;
    let savedRatio: number | null = null;
    let wantedRatio: number | null = null;
    const access: SceneAccess = {
      canvas,
      renderAndRead: (read, options) => {
        // The canvas puts its own ratio back whenever it is configured again (a new step):
        // the ratio asked for holds for every picture.
        if (wantedRatio !== null && gl.getPixelRatio() !== wantedRatio) setDpr(wantedRatio);
        if (options?.applyCamera) {
          // The default controls (camera-controls) apply a view asked for without a transition
          // on their next update: do it now rather than in a frame of its own.
          const controls = get().controls as { update?: (delta: number) => unknown } | null;
          controls?.update?.(0);
        }
        const saved = scene.background;
        const restore = options?.background ? tintProps(scene) : null;
        if (options?.background) scene.background = new Color(options.background);
        try {
          gl.render(scene, camera);
        } finally {
          scene.background = saved;
          restore?.();
        }
        return read(canvas);
      },
      setPixelRatio: (ratio) => {
        if (ratio === null) {
          if (savedRatio !== null) setDpr(savedRatio);
          savedRatio = null;
        } else {
          savedRatio ??= gl.getPixelRatio();
          setDpr(ratio);
        }
        wantedRatio = ratio;
        invalidate();
      },
      holdFrames: (hold) => {
        setFrameloop(hold ? 'never' : 'demand');
        if (!hold) invalidate();
      },
      pathShown: () => {
        const strokes: unknown = scene.getObjectByName(STROKE_PATH_NAME)?.userData.strokes;
        return strokes ?? null;
      },
      strokesOnScreen: () => projectStrokes(scene, camera, canvas.width, canvas.height),
      onAfterRender: (draw) => addAfterEffect(() => draw(canvas)),
      frameCount: () => gl.info.render.frame,
      invalidate: () => invalidate(),
    };
    sceneAccess.set(access);
    return () => {
      if (sceneAccess.get() === access) sceneAccess.set(null);
    };
  }, [gl, scene, camera, invalidate, setDpr, setFrameloop, get]);
  return null;
}
