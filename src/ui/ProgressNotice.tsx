import { useEffect, useState } from 'react';
import type { Translate } from '../i18n/i18n.ts';
import { useT } from '../state/localeStore.ts';
import type { SaveResult, StorageNotice } from '../state/progressStorage.ts';

interface StartNotice {
  readonly notice: StorageNotice | null;
  /** The write-back of migrated progress, when it failed (e.g. the storage is full). */
  readonly save: SaveResult | null;
}

let atStart: Promise<StartNotice> | null = null;

/** The key stored training progress is kept under (`PROGRESS_KEY` of progressStorage.ts). */
const PROGRESS_KEY = 'footwork.progress';

/**
 * Whether there may be something to say: stored progress to read, or a storage that refuses to
 * be read (the storage code explains). Without either there is nothing to check.
 */
function mayHaveNotice(): boolean {
  try {
    return window.localStorage.getItem(PROGRESS_KEY) !== null;
  } catch {
    return true;
  }
}

/**
 * Reads the stored training progress once per page (migrating or resetting it if needed). The
 * storage code (and its validator) loads only where there is progress to read, after the first
 * view.
 */
function loadNoticeOnce(): Promise<StartNotice> {
  if (!mayHaveNotice()) return Promise.resolve({ notice: null, save: null });
  atStart ??= import('../state/progressStorage.ts').then(
    ({ browserStorage, loadProgress, saveProgress }): StartNotice => {
      const storage = browserStorage();
      const { doc, notice } = loadProgress(storage, new Date());
      const save = notice?.kind === 'migrated' ? saveProgress(storage, doc) : null;
      return { notice, save: save && !save.ok ? save : null };
    },
    (e: unknown): StartNotice => ({
      notice: { kind: 'unavailable', detail: e instanceof Error ? e.message : String(e) },
      save: null,
    }),
  );
  return atStart;
}

function describe(notice: StorageNotice, t: Translate): string {
  switch (notice.kind) {
    case 'migrated':
      return t('ui.progress.migrated', { detail: notice.detail });
    case 'reset':
      return t('ui.progress.reset', { detail: notice.detail });
    case 'unavailable':
      return t('ui.progress.unavailable', { detail: notice.detail });
  }
}

/** A visible notice, at start, when stored progress was migrated, reset or cannot be stored. */
export function ProgressNotice() {
  const [start, setStart] = useState<StartNotice | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const { t } = useT();
  useEffect(() => {
    let live = true;
    void loadNoticeOnce().then((s) => {
      if (live) setStart(s);
    });
    return () => {
      live = false;
    };
  }, []);
  if (!start?.notice || dismissed) return null;
  const { notice, save } = start;
  // "No storage at all" is only worth a notice where storage was expected and refused.
  if (notice.kind === 'unavailable' && notice.detail === 'no storage on this device') return null;
  return (
    <div className="notice progress-notice" role="status">
      <p>{describe(notice, t)}</p>
      {'backupKey' in notice && notice.backupKey ? (
        <p className="muted small">{t('ui.progress.backup', { key: notice.backupKey })}</p>
      ) : null}
      {save && !save.ok ? (
        <p className="small">
          {save.reason === 'storage_full'
            ? t('ui.progress.full')
            : t('ui.progress.saveFailed', { detail: save.detail })}
        </p>
      ) : null}
      {'unsavedText' in notice && notice.unsavedText !== undefined ? (
        <p className="muted small">{t('ui.progress.noBackup')}</p>
      ) : null}
      <button type="button" onClick={() => setDismissed(true)}>
        {t('ui.dismiss')}
      </button>
    </div>
  );
}
