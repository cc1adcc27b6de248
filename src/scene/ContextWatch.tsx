import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { useGlStatus } from '../state/glStatus.ts';

/**
 * Keeps the 3D view alive across a lost WebGL context: the loss is reported (the browser is asked
 * to restore the context rather than give up on it) and, once restored, three.js re-uploads its
 * GPU resources and a new frame is requested so the body is drawn again without a reload.
 */
export function ContextWatch() {
  const canvas = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const setContextLost = useGlStatus((s) => s.setContextLost);
  useEffect(() => {
    let frame = 0;
    const onLost = (e: Event) => {
      e.preventDefault();
      setContextLost(true);
    };
    const onRestored = () => {
      setContextLost(false);
      invalidate();
      // One more frame after the restore settles (textures and programs are re-created lazily).
      frame = requestAnimationFrame(() => invalidate());
    };
    canvas.addEventListener('webglcontextlost', onLost);
    canvas.addEventListener('webglcontextrestored', onRestored);
    return () => {
      cancelAnimationFrame(frame);
      canvas.removeEventListener('webglcontextlost', onLost);
      canvas.removeEventListener('webglcontextrestored', onRestored);
      setContextLost(false);
    };
  }, [canvas, invalidate, setContextLost]);
  return null;
}
