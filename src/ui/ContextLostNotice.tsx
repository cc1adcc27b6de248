import { useGlStatus } from '../state/glStatus.ts';

/** A small status line over the 3D view while its WebGL context is lost; gone once restored. */
export function ContextLostNotice() {
  const lost = useGlStatus((s) => s.contextLost);
  return (
    <div className="gl-status" role="status">
      {lost
        ? '3D view paused: the graphics context was lost. Restoring it… The text panels still work.'
        : ''}
    </div>
  );
}
