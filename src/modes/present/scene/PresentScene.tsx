import { CaptionRoom } from './CaptionRoom.tsx';
import { PresentCapture } from './PresentCapture.tsx';

/** Present mode's parts of the 3D canvas: canvas capture, and room for the captions. */
export function PresentScene() {
  return (
    <>
      <PresentCapture />
      <CaptionRoom />
    </>
  );
}
