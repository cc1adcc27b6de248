import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { PerspectiveCamera } from 'three';
import { captionShift } from '../../../domain/presentation.ts';
import { usePresentStore } from '../presentStore.ts';

/**
 * While presenting, moves the 3D picture up (a camera view offset) so that the step the camera
 * frames is not hidden behind the captions; follows the captions' height as their text changes.
 */
export function CaptionRoom() {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const presenting = usePresentStore((s) => s.presenting);

  useEffect(() => {
    if (!(camera instanceof PerspectiveCamera)) return;
    const clear = () => {
      camera.clearViewOffset();
      invalidate();
    };
    if (!presenting) {
      clear();
      return;
    }
    let caption: Element | null = null;
    const apply = () => {
      if (!caption) return;
      const canvasTop = gl.domElement.getBoundingClientRect().top;
      const shift = captionShift(size.height, caption.getBoundingClientRect().top - canvasTop);
      camera.setViewOffset(size.width, size.height, 0, shift, size.width, size.height);
      invalidate();
    };
    const observer = new ResizeObserver(apply);
    // The captions are DOM over the canvas, committed by another root: wait a frame if needed.
    let frame = 0;
    const find = () => {
      caption = document.querySelector('.present-caption');
      if (!caption) {
        frame = requestAnimationFrame(find);
        return;
      }
      observer.observe(caption);
      apply();
    };
    find();
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      clear();
    };
  }, [camera, gl, size, presenting, invalidate]);
  return null;
}
