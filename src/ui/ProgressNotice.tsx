import { useEffect, useState } from 'react';
import type { Translate } from '../i18n/i18n.ts';
import { useT } from '../state/localeStore.ts';
import { mayHoldProgress } from '../state/progressPresence.ts';
import type { StorageNotice } from '../state/progressStorage.ts';

let atStart: Promise<StorageNotice | null> | null = null;

/**
 * Reads the stored training progress once per page (moving an older version's document, leaving
 * out what cannot be read). The storage code and its validator load only where the device holds
 * progress (or its database cannot be read): on a device where nobody has trained there is
 * nothing to read, and the first view loads none of it.
 */
function loadNoticeOnce(): Promise<StorageNotice | null> {
  atStart ??= mayHoldProgress()
    .then((held) =>
      held
        ? import('../state/progressStorage.ts').then(
            async ({ pageProgressStore }) => (await pageProgressStore().load()).notice,
          )
        : null,
    )
    .catch((e: unknown): StorageNotice => ({
      kind: 'unavailable',
      detail: e instanceof Error ? e.message : String(e),
    }));
  return atStart;
}

/** The words of a notice about the saved progress (here at start, and in Train). */
export function describeProgressNotice(notice: StorageNotice, t: Translate): string {
  switch (notice.kind) {
    case 'migrated':
      return t('ui.progress.migrated', { detail: notice.detail });
    case 'reset':
      return t('ui.progress.reset', { detail: notice.detail });
    case 'partial':
      return t('ui.progress.partial', { count: notice.dropped, detail: notice.detail });
    case 'unavailable':
      return t('ui.progress.unavailable', { detail: notice.detail });
  }
}

/** A visible notice, at start, when stored progress was migrated, partly unreadable or cannot be stored. */
export function ProgressNotice() {
  const [notice, setNotice] = useState<StorageNotice | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const { t } = useT();
  useEffect(() => {
    let live = true;
    void loadNoticeOnce().then((n) => {
      if (live) setNotice(n);
    });
    return () => {
      live = false;
    };
  }, []);
  if (!notice || dismissed) return null;
  return (
    <div className="notice progress-notice" role="status">
      <p>{describeProgressNotice(notice, t)}</p>
      {'backupKey' in notice && notice.backupKey ? (
        <p className="muted small">{t('ui.progress.backupKept')}</p>
      ) : null}
      <button type="button" onClick={() => setDismissed(true)}>
        {t('ui.dismiss')}
      </button>
    </div>
  );
}
