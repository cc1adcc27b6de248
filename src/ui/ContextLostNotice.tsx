import { useGlStatus } from '../state/glStatus.ts';
import { useT } from '../state/localeStore.ts';

/** A small status line over the 3D view while its WebGL context is lost; gone once restored. */
export function ContextLostNotice() {
  const lost = useGlStatus((s) => s.contextLost);
  const { t } = useT();
  return (
    <div className="gl-status" role="status">
      {lost ? t('ui.gl.lost') : ''}
    </div>
  );
}
