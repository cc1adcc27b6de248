import { StalledError } from '../bodyModel/fetchBytes.ts';
import { describeViewerError } from '../bodyModel/modelError.ts';
import type { BodyKind } from '../bodyModel/modelUrls.ts';
import type { Translate } from '../content/messages.ts';
import { useT } from '../state/localeStore.ts';
import { useModelLoad } from '../state/modelLoad.ts';
import { ErrorMessage } from './ErrorBoundary.tsx';

const kb = (bytes: number) => Math.round(bytes / 1024);

/**
 * What to say when the body model (or the 3D view) failed: a stalled download in the UI
 * language, with how long nothing arrived; anything else as `describeViewerError` says it.
 */
export function describeModelError(kind: BodyKind, error: Error, t: Translate): string {
  const { cause } = error;
  return cause instanceof StalledError
    ? t('ui.loading.stalled', { seconds: Math.round(cause.stallMs / 1000) })
    : describeViewerError(kind, error);
}

/**
 * Over the 3D area while the body model downloads: a progress bar of the bytes received (from
 * the streamed download) and a line saying the steps can be read meanwhile. When the download
 * fails or stalls, a message and a retry (the 3D view is not shown meanwhile), unless
 * `showFailure` is off because the 3D view's own error message already says it.
 */
export function ModelStatus(props: {
  readonly kind: BodyKind;
  readonly showFailure: boolean;
  readonly onRetry: () => void;
}) {
  const { kind, showFailure, onRetry } = props;
  const load = useModelLoad(kind);
  const { t } = useT();
  if (load.status === 'failed' && load.error && showFailure) {
    return (
      <ErrorMessage
        what={t('ui.error.viewer')}
        message={describeModelError(kind, load.error, t)}
        onRetry={onRetry}
      />
    );
  }
  if (load.status !== 'loading') return null;
  const { loaded, total } = load;
  const pct = total ? Math.min(100, Math.round((loaded / total) * 100)) : null;
  return (
    <div className="loading">
      <div
        className="loading-track"
        role="progressbar"
        aria-label={t('ui.loading.model')}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total ? loaded : undefined}
        aria-valuetext={
          total
            ? t('ui.loading.bytes', { loaded: kb(loaded), total: kb(total) })
            : t('ui.loading.bytesUnknown', { loaded: kb(loaded) })
        }
      >
        <div
          className={pct === null ? 'loading-fill loading-fill-unknown' : 'loading-fill'}
          style={{ width: `${pct ?? 100}%` }}
        />
      </div>
      <span>
        {total
          ? t('ui.loading.bytes', { loaded: kb(loaded), total: kb(total) })
          : t('ui.loading.bytesUnknown', { loaded: kb(loaded) })}
      </span>
      <span className="muted small">{t('ui.loading.textFirst')}</span>
    </div>
  );
}
