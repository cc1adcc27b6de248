import { useT } from '../state/localeStore.ts';
import { useLinkNotice } from '../state/useDeepLink.ts';

/** Says that a link's protocol is not on this device, and how to get it there. */
export function LinkNotice() {
  const missing = useLinkNotice((s) => s.missing);
  const dismiss = useLinkNotice((s) => s.dismiss);
  const { t } = useT();
  if (!missing) return null;
  return (
    <div className="notice link-notice" role="alert">
      <p>{t('ui.link.missing', { id: missing })}</p>
      <button type="button" onClick={dismiss}>
        {t('ui.dismiss')}
      </button>
    </div>
  );
}
