import { addAfterEffect, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { sceneAccess, type SceneAccess } from '../sceneAccess.ts';

/**
 * Present mode's part of the 3D canvas: publishes `sceneAccess` so that the handout can take a
 * picture of each step and the video export can copy every frame, both right after a render.
 */
export function PresentCapture() {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const canvas = gl.domElement;
    const access: SceneAccess = {
      canvas,
      renderAndRead: (read) => {
        gl.render(scene, camera);
        return read(canvas);
      },
      onAfterRender: (draw) => addAfterEffect(() => draw(canvas)),
      frameCount: () => gl.info.render.frame,
      invalidate: () => invalidate(),
    };
    sceneAccess.set(access);
    return () => {
      if (sceneAccess.get() === access) sceneAccess.set(null);
    };
  }, [gl, scene, camera, invalidate]);
  return null;
}
