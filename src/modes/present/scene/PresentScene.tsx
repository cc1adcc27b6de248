import { CaptionRoom } from './CaptionRoom.tsx';
import { PresentCapture } from './PresentCapture.tsx';
import { PresentTrace } from './PresentTrace.tsx';

/** Present mode's parts of the 3D canvas: canvas capture, room for the captions, teach-back. */
export function PresentScene() {
  return (
    <>
      <PresentCapture />
      <CaptionRoom />
      <PresentTrace />
    </>
  );
}
