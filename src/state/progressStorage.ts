/**
 * Training progress in the browser's storage (`localStorage`, or any object with the same
 * methods, so tests run in Node with an in-memory double).
 *
 * Guarantees:
 * - Loading never throws: unreadable or newer-version data starts a fresh document with a notice;
 *   the old text is first copied under a backup key (the newest `MAX_BACKUPS` are kept). If even
 *   the backup cannot be written, the main key is left untouched and the text rides along in the
 *   notice, so the UI can offer it as a download: data is never lost silently.
 * - Saving never throws: a full storage (`QuotaExceededError`) or a storage that refuses access
 *   gives a result saying so, and the repository keeps the document in memory.
 */
import {
  addTrainee,
  emptyProgress,
  importProgressJson,
  exportProgressJson,
  mergeProgress,
  progressSchema,
  readProgressText,
  recordAttempt,
  removeTrainee,
  serializeProgress,
  type ChangeResult,
  type ImportResult,
  type NewAttempt,
  type ProgressDoc,
  type ProgressNotice,
} from '../domain/progress.ts';

/** The part of the Web Storage API used here. `length` and `key` allow pruning old backups. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length?: number;
  key?(index: number): string | null;
}

export const PROGRESS_KEY = 'footwork.progress';
export const BACKUP_PREFIX = 'footwork.progress.backup.';
export const MAX_BACKUPS = 3;

export type StorageNotice =
  | (ProgressNotice & {
      /** Where the previous text was copied, or null if the copy failed (see `unsavedText`). */
      readonly backupKey: string | null;
      /** The previous text, when no backup could be written. */
      readonly unsavedText?: string;
    })
  | { readonly kind: 'unavailable'; readonly detail: string };

export interface LoadResult {
  readonly doc: ProgressDoc;
  readonly notice: StorageNotice | null;
}

export type SaveResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: 'storage_full' | 'unavailable' | 'invalid';
      readonly detail: string;
    };

/** Whether an error thrown by `setItem` means the storage is full (names differ by browser). */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    code === 22 ||
    code === 1014
  );
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : 'unknown error';
}

/** The browser's localStorage, or null where it is missing or access to it throws. */
export function browserStorage(): StorageLike | null {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}

/** Backup keys present in the storage, oldest first (the ISO stamp in the key sorts by time). */
function listBackups(storage: StorageLike): string[] {
  if (typeof storage.key !== 'function' || typeof storage.length !== 'number') return [];
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(BACKUP_PREFIX)) keys.push(k);
  }
  return keys.sort();
}

/**
 * Copies `text` under a new backup key and prunes the oldest backups beyond `MAX_BACKUPS`.
 * Returns the key, or null when the copy could not be written.
 */
function writeBackup(storage: StorageLike, text: string, now: Date): string | null {
  const stamp = Number.isFinite(now.getTime()) ? now.toISOString() : 'unknown-time';
  let key = `${BACKUP_PREFIX}${stamp}`;
  try {
    for (let n = 2; storage.getItem(key) !== null && storage.getItem(key) !== text; n++)
      key = `${BACKUP_PREFIX}${stamp}.${n}`;
    storage.setItem(key, text);
  } catch {
    return null;
  }
  try {
    const backups = listBackups(storage);
    for (const old of backups.slice(0, Math.max(0, backups.length - MAX_BACKUPS))) {
      if (old !== key) storage.removeItem(old);
    }
  } catch {
    // Pruning is housekeeping: a failure leaves one backup too many, nothing is lost.
  }
  return key;
}

/** Writes a valid document; never throws. */
export function saveProgress(storage: StorageLike | null, doc: ProgressDoc): SaveResult {
  const valid = progressSchema.safeParse(doc);
  if (!valid.success)
    return { ok: false, reason: 'invalid', detail: valid.error.issues[0]?.message ?? 'invalid' };
  if (!storage) return { ok: false, reason: 'unavailable', detail: 'no storage on this device' };
  try {
    storage.setItem(PROGRESS_KEY, serializeProgress(valid.data));
    return { ok: true };
  } catch (e) {
    return isQuotaError(e)
      ? { ok: false, reason: 'storage_full', detail: messageOf(e) }
      : { ok: false, reason: 'unavailable', detail: messageOf(e) };
  }
}

/**
 * Loads the progress document. Unreadable data is backed up and reset; a v1 document is backed
 * up, migrated and written back in the current version. Never throws.
 */
export function loadProgress(storage: StorageLike | null, now: Date): LoadResult {
  if (!storage)
    return {
      doc: emptyProgress(),
      notice: { kind: 'unavailable', detail: 'no storage on this device' },
    };
  let text: string | null;
  try {
    text = storage.getItem(PROGRESS_KEY);
  } catch (e) {
    return { doc: emptyProgress(), notice: { kind: 'unavailable', detail: messageOf(e) } };
  }
  if (text !== null && typeof text !== 'string') text = String(text);
  const { doc, notice } = readProgressText(text, now);
  if (!notice || text === null) return { doc, notice: null };
  const backupKey = writeBackup(storage, text, now);
  if (backupKey === null) return { doc, notice: { ...notice, backupKey, unsavedText: text } };
  if (notice.kind === 'migrated') {
    saveProgress(storage, doc);
  } else {
    try {
      storage.removeItem(PROGRESS_KEY);
    } catch {
      // The backup holds the text; a failed removal only means it is backed up again next time.
    }
  }
  return { doc, notice: { ...notice, backupKey } };
}

// ---------------------------------------------------------------------------------------------
// A repository: the document in memory, written through on every change
// ---------------------------------------------------------------------------------------------

export interface ProgressRepository {
  /** The document in use (kept even when saving fails). */
  readonly doc: () => ProgressDoc;
  /** The result of the last write (null before any). */
  readonly lastSave: () => SaveResult | null;
  /** Reads storage again, replacing the document in memory. */
  load(): LoadResult;
  /** Records an attempt and saves; the change stays in memory if the save fails. */
  record(name: string, attempt: NewAttempt): { change: ChangeResult; save: SaveResult | null };
  /** Adds a trainee with no attempts yet and saves (nothing is written if already there). */
  addTrainee(name: string): { change: ChangeResult; save: SaveResult | null };
  remove(name: string): SaveResult;
  /** Imports an exported file, replacing or merging; a refused file changes nothing. */
  importJson(
    text: string,
    mode: 'replace' | 'merge',
  ): { result: ImportResult; save: SaveResult | null };
  exportJson(): string;
}

export interface RepositoryOptions {
  readonly storage: StorageLike | null;
  readonly now: () => Date;
}

/** A progress repository over a storage; call `load()` first. */
export function createProgressRepository({ storage, now }: RepositoryOptions): ProgressRepository {
  let doc = emptyProgress();
  let last: SaveResult | null = null;
  const save = (): SaveResult => {
    last = saveProgress(storage, doc);
    return last;
  };
  return {
    doc: () => doc,
    lastSave: () => last,
    load() {
      const result = loadProgress(storage, now());
      doc = result.doc;
      return result;
    },
    record(name, attempt) {
      const change = recordAttempt(doc, name, attempt, now());
      if (!change.ok) return { change, save: null };
      doc = change.doc;
      return { change, save: save() };
    },
    addTrainee(name) {
      const change = addTrainee(doc, name, now());
      if (!change.ok) return { change, save: null };
      if (change.doc === doc) return { change, save: null };
      doc = change.doc;
      return { change, save: save() };
    },
    remove(name) {
      doc = removeTrainee(doc, name);
      return save();
    },
    importJson(text, mode) {
      const result = importProgressJson(text, now());
      if (!result.ok) return { result, save: null };
      doc = mode === 'merge' ? mergeProgress(doc, result.doc) : result.doc;
      return { result, save: save() };
    },
    exportJson: () => exportProgressJson(doc),
  };
}
