/**
 * Training progress kept on the device, in IndexedDB (`deviceDb.ts`): one record per trainee and
 * one per attempt. The API a drill or a view uses is `ProgressStore` (see `createProgressStore`).
 *
 * Guarantees:
 * - Nothing lost between tabs: a write adds or replaces only its own records (an attempt has a
 *   unique id), so two tabs writing at once both keep what they wrote; after each write the tab
 *   tells the others (BroadcastChannel), which read the records again.
 * - No write the reader would refuse: every record is checked before it is written, against the
 *   one limit of `src/domain/progress.ts` (bytes of all records, and trainees); nearing it is
 *   reported (`usage`), and a write past it is refused with the reason, before anything changes.
 * - A damaged record is left out alone (counted in the notice) and stays stored as it was.
 * - Loading and saving never throw: a full or refused storage gives a result saying so, and the
 *   change is kept in memory (and in the export) while the page is open; the next write tries
 *   again to store it.
 * - The document older versions kept in localStorage (`footwork.progress`, v1 or v2) is moved
 *   into the records on first load, and removed only once they are written. What of it could
 *   not be read, and the older versions' backups, become backups here: listed, downloadable and
 *   restorable.
 */
import {
  attemptRecord,
  docFromRecords,
  exportProgressJson,
  fitsLimit,
  LIMITS,
  getTrainee,
  emptyProgress,
  importProgressJson,
  makeAttempt,
  mergeProgress,
  normalizeTraineeName,
  readProgressText,
  recordBytes,
  recordsOf,
  traineeRecord,
  withAttempt,
  addTrainee as addTraineeTo,
  removeTrainee as removeTraineeFrom,
  type AttemptRecord,
  type ChangeResult,
  type ImportResult,
  type LimitProblem,
  type Limits,
  type NewAttempt,
  type ProgressDoc,
  type ProgressNotice,
  type TraineeRecord,
  type Usage,
} from '../domain/progress.ts';
import {
  deviceDb,
  isQuotaError,
  messageOf,
  type BackupRecord,
  type FootworkDatabase,
} from './deviceDb.ts';
import {
  browserStorage,
  LEGACY_BACKUP_PREFIX,
  LEGACY_KEY,
  legacyBackupKeys,
  type StorageLike,
} from './progressPresence.ts';

// Where older versions kept progress, and how to find it: shared with the start-up check.
export {
  browserStorage,
  LEGACY_BACKUP_PREFIX,
  LEGACY_KEY,
  type StorageLike,
} from './progressPresence.ts';
/** The channel on which tabs tell each other that the records changed. */
export const PROGRESS_CHANNEL = 'footwork.progress';

export type StorageNotice =
  | (ProgressNotice & {
      /** The backup holding what could not be read as it was (see `backups()`), if any. */
      readonly backupKey: string | null;
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
      readonly reason: 'storage_full' | 'unavailable';
      readonly detail: string;
    };

export interface BackupInfo {
  readonly key: string;
  readonly at: string;
  readonly reason: string;
  /** Length of the kept text, in characters. */
  readonly size: number;
}

export interface ProgressStore {
  /** The document in use: the stored records, and changes not stored yet. */
  doc(): ProgressDoc;
  /** What the device keeps against the limit. */
  usage(): Usage;
  /** The limit this store checks. */
  readonly limits: Limits;
  /** Reads the records (moving an older version's document first); once per store. */
  load(): Promise<LoadResult>;
  /**
   * Records an attempt: checked and added in memory at once (or refused with the reason, the limit
   * included), then written; `saved` says whether it reached the storage.
   */
  record(
    name: string,
    attempt: NewAttempt,
  ): { change: ChangeResult; saved: Promise<SaveResult> | null };
  /** Adds a trainee with no attempts yet (nothing is written if already there). */
  addTrainee(name: string): { change: ChangeResult; saved: Promise<SaveResult> | null };
  /** Removes a trainee and their attempts. */
  remove(name: string): Promise<SaveResult>;
  /**
   * Merges an exported file (or a backup's text): refused whole, with nothing changed, when it
   * is not a progress file or would take the device past its limit.
   */
  importJson(
    text: string,
  ): Promise<{ result: ImportResult | LimitRefusal; save: SaveResult | null }>;
  exportJson(): string;
  /** Backups kept on the device, newest first. */
  backups(): Promise<BackupInfo[]>;
  backupText(key: string): Promise<string | null>;
  removeBackup(key: string): Promise<SaveResult>;
  /** Called when the records change in another tab (after they were read again). */
  subscribe(listener: () => void): () => void;
  /** Stops listening to other tabs and closes the connection. */
  close(): void;
}

/** An import refused because the device would go past its limit. */
export type LimitRefusal = LimitProblem;

export interface StoreOptions {
  /** The database connection (default: the page's). */
  readonly db?: () => Promise<FootworkDatabase>;
  /** Where older versions kept progress (default: the browser's localStorage). */
  readonly legacy?: StorageLike | null;
  readonly now?: () => Date;
  /** New attempt ids (default: random). */
  readonly newId?: () => string;
  /** The cross-tab channel's name (tests give each simulated device its own; null: none). */
  readonly channel?: string | null;
  /** The limit (default: `LIMITS` of src/domain/progress.ts; tests use smaller ones). */
  readonly limits?: Limits;
}

function saveFailure(e: unknown): SaveResult {
  return isQuotaError(e)
    ? { ok: false, reason: 'storage_full', detail: messageOf(e) }
    : { ok: false, reason: 'unavailable', detail: messageOf(e) };
}

function stampOf(now: Date): string {
  return Number.isFinite(now.getTime()) ? now.toISOString() : 'unknown-time';
}

interface Pending {
  readonly trainees: Map<string, TraineeRecord>;
  readonly attempts: Map<string, AttemptRecord>;
}

/** A progress store over the device's database; call `load()` first. */
export function createProgressStore(options: StoreOptions = {}): ProgressStore {
  const openDb = options.db ?? deviceDb;
  const legacy = options.legacy === undefined ? browserStorage() : options.legacy;
  const now = options.now ?? (() => new Date());
  const limits = options.limits ?? LIMITS;
  let doc = emptyProgress();
  let usage: Usage = { bytes: 0, trainees: 0 };
  /** Trainee names with a stored record (or one being written). */
  let storedNames = new Set<string>();
  /** Records written but not yet confirmed, or refused by the storage: kept across re-reads. */
  const pending: Pending = { trainees: new Map(), attempts: new Map() };
  const listeners = new Set<() => void>();
  let db: FootworkDatabase | null = null;
  let loading: Promise<LoadResult> | null = null;
  let channel: BroadcastChannel | null = null;
  let closed = false;

  const withPending = (base: ProgressDoc): ProgressDoc => {
    let out = base;
    for (const t of pending.trainees.values()) {
      const added = addTraineeTo(out, t.name, new Date(t.addedAt));
      if (added.ok) out = added.doc;
    }
    for (const a of pending.attempts.values()) {
      const { trainee, ...attempt } = a;
      out = withAttempt(out, trainee, attempt);
    }
    return out;
  };

  /** Reads every record into the document; the pending ones are laid over. */
  const readAll = async (database: FootworkDatabase): Promise<LoadResult> => {
    const tx = database.transaction(['trainees', 'attempts'], 'readonly');
    const [trainees, attempts] = await Promise.all([
      tx.objectStore('trainees').getAll(),
      tx.objectStore('attempts').getAll(),
    ]);
    const read = docFromRecords(trainees, attempts, now());
    storedNames = new Set(
      trainees.flatMap((t) => {
        const name = (t as { name?: unknown } | null)?.name;
        return typeof name === 'string' ? [name] : [];
      }),
    );
    usage = { bytes: read.bytes, trainees: read.traineeCount };
    doc = withPending(read.doc);
    return {
      doc,
      notice: read.notice ? { ...read.notice, backupKey: null } : null,
    };
  };

  /** Moves the document an older version kept in localStorage into the records. */
  const moveLegacy = async (database: FootworkDatabase): Promise<StorageNotice | null> => {
    if (!legacy) return null;
    let text: string | null;
    let backupKeys: string[];
    try {
      text = legacy.getItem(LEGACY_KEY);
      backupKeys = legacyBackupKeys(legacy);
    } catch {
      return null;
    }
    if (text === null && backupKeys.length === 0) return null;
    const at = now();
    const read = text === null ? null : readProgressText(text, at);
    const notice = read?.notice ?? null;
    const backupKey = notice && text !== null ? `moved-${stampOf(at)}` : null;
    try {
      const tx = database.transaction(['trainees', 'attempts', 'backups'], 'readwrite');
      if (read) {
        const records = recordsOf(read.doc);
        for (const t of records.trainees) void tx.objectStore('trainees').put(t);
        for (const a of records.attempts) void tx.objectStore('attempts').put(a);
      }
      if (backupKey !== null && text !== null && notice)
        void tx.objectStore('backups').put({
          key: backupKey,
          at: at.toISOString(),
          reason: notice.detail,
          text,
        } satisfies BackupRecord);
      for (const key of backupKeys) {
        const kept = legacy.getItem(key);
        if (kept === null) continue;
        void tx.objectStore('backups').put({
          key: `local-${key.slice(LEGACY_BACKUP_PREFIX.length)}`,
          at: key.slice(LEGACY_BACKUP_PREFIX.length),
          reason: 'kept by an earlier version of the app',
          text: kept,
        } satisfies BackupRecord);
      }
      await tx.done;
    } catch (e) {
      // Nothing moved: the old document stays where it is, and is read from there next time.
      return {
        kind: 'unavailable',
        detail: `the saved progress could not be moved: ${messageOf(e)}`,
      };
    }
    try {
      if (text !== null) legacy.removeItem(LEGACY_KEY);
      for (const key of backupKeys) legacy.removeItem(key);
    } catch {
      // Moved already: the copies left behind are moved again (to the same records) next time.
    }
    if (!notice) return null;
    return { ...notice, backupKey };
  };

  const notify = () => {
    for (const l of listeners) l();
  };

  let rereading: Promise<void> | null = null;
  let again = false;
  /** Reads the records again after another tab wrote (one read at a time, the last one wins). */
  const reread = (): void => {
    if (!db || closed) return;
    if (rereading) {
      again = true;
      return;
    }
    const database = db;
    rereading = readAll(database)
      .then(() => notify())
      .catch(() => {
        // The records in memory stay as they were; the next change reads them again.
      })
      .finally(() => {
        rereading = null;
        if (again) {
          again = false;
          reread();
        }
      });
  };

  const tellOthers = () => {
    try {
      channel?.postMessage({ changed: true });
    } catch {
      // Another tab reads the records again when it next loads.
    }
  };

  /** Writes the pending records (this change and any that failed before) in one transaction. */
  const writePending = async (): Promise<SaveResult> => {
    let database: FootworkDatabase;
    try {
      database = db ?? (await openDb());
    } catch (e) {
      return { ok: false, reason: 'unavailable', detail: messageOf(e) };
    }
    const trainees = [...pending.trainees.values()];
    const attempts = [...pending.attempts.values()];
    try {
      const tx = database.transaction(['trainees', 'attempts'], 'readwrite');
      for (const t of trainees) void tx.objectStore('trainees').put(t);
      for (const a of attempts) void tx.objectStore('attempts').put(a);
      await tx.done;
    } catch (e) {
      return saveFailure(e);
    }
    for (const t of trainees)
      if (pending.trainees.get(t.name) === t) pending.trainees.delete(t.name);
    for (const a of attempts) if (pending.attempts.get(a.id) === a) pending.attempts.delete(a.id);
    tellOthers();
    return { ok: true };
  };

  /** Queues the trainee's record when the device has none yet; returns its bytes. */
  const traineeBytes = (name: string): { bytes: number; record: TraineeRecord | null } => {
    if (storedNames.has(name) || pending.trainees.has(name)) return { bytes: 0, record: null };
    const record = traineeRecord(name, now().toISOString());
    return { bytes: recordBytes(record), record };
  };

  return {
    doc: () => doc,
    usage: () => usage,
    limits,
    load() {
      loading ??= (async (): Promise<LoadResult> => {
        try {
          db = await openDb();
        } catch (e) {
          return { doc, notice: { kind: 'unavailable', detail: messageOf(e) } };
        }
        const moved = await moveLegacy(db);
        let result: LoadResult;
        try {
          result = await readAll(db);
        } catch (e) {
          return { doc, notice: { kind: 'unavailable', detail: messageOf(e) } };
        }
        if (options.channel !== null && typeof BroadcastChannel === 'function' && !closed) {
          channel = new BroadcastChannel(options.channel ?? PROGRESS_CHANNEL);
          channel.onmessage = () => reread();
        }
        return { doc: result.doc, notice: moved ?? result.notice };
      })();
      return loading;
    },
    record(rawName, attempt) {
      const name = normalizeTraineeName(rawName);
      if (!name.ok)
        return {
          change: { ok: false, reason: name.reason, detail: `name: ${name.reason}` },
          saved: null,
        };
      const made = makeAttempt(attempt, now(), options.newId?.());
      if (!made.ok) return { change: made, saved: null };
      const trainee = traineeBytes(name.name);
      const record = attemptRecord(name.name, made.attempt);
      const over = fitsLimit(
        usage,
        recordBytes(record) + trainee.bytes,
        trainee.record ? 1 : 0,
        limits,
      );
      if (over) return { change: over, saved: null };
      if (trainee.record) pending.trainees.set(name.name, trainee.record);
      pending.attempts.set(record.id, record);
      usage = {
        bytes: usage.bytes + recordBytes(record) + trainee.bytes,
        trainees: usage.trainees + (trainee.record ? 1 : 0),
      };
      if (trainee.record) storedNames.add(name.name);
      doc = withAttempt(doc, name.name, made.attempt);
      return { change: { ok: true, doc }, saved: writePending() };
    },
    addTrainee(rawName) {
      const change = addTraineeTo(doc, rawName, now());
      if (!change.ok || change.doc === doc) return { change, saved: null };
      const name = Object.keys(change.doc.trainees).find((n) => !getTrainee(doc, n)) ?? '';
      const trainee = traineeBytes(name);
      if (trainee.record) {
        const over = fitsLimit(usage, trainee.bytes, 1, limits);
        if (over) return { change: over, saved: null };
        pending.trainees.set(name, trainee.record);
        storedNames.add(name);
        usage = { bytes: usage.bytes + trainee.bytes, trainees: usage.trainees + 1 };
      }
      doc = change.doc;
      return { change, saved: writePending() };
    },
    async remove(name) {
      doc = removeTraineeFrom(doc, name);
      pending.trainees.delete(name);
      for (const [id, a] of pending.attempts) if (a.trainee === name) pending.attempts.delete(id);
      let database: FootworkDatabase;
      try {
        database = db ?? (await openDb());
      } catch (e) {
        return { ok: false, reason: 'unavailable', detail: messageOf(e) };
      }
      try {
        const tx = database.transaction(['trainees', 'attempts'], 'readwrite');
        void tx.objectStore('trainees').delete(name);
        const keys = await tx.objectStore('attempts').index('trainee').getAllKeys(name);
        for (const key of keys) void tx.objectStore('attempts').delete(key);
        await tx.done;
      } catch (e) {
        return saveFailure(e);
      }
      tellOthers();
      await readAll(database).catch(() => undefined);
      return { ok: true };
    },
    async importJson(text) {
      const result = importProgressJson(text, now());
      if (!result.ok) return { result, save: null };
      // Only what is new counts against the limit.
      const records = recordsOf(result.doc);
      const known = new Set(
        Object.values(doc.trainees).flatMap((t) => t.attempts.map((a) => a.id)),
      );
      const newTrainees = records.trainees.filter(
        (t) => !storedNames.has(t.name) && !pending.trainees.has(t.name),
      );
      const newAttempts = records.attempts.filter((a) => !known.has(a.id));
      const bytes =
        newTrainees.reduce((n, t) => n + recordBytes(t), 0) +
        newAttempts.reduce((n, a) => n + recordBytes(a), 0);
      const over = fitsLimit(usage, bytes, newTrainees.length, limits);
      if (over) return { result: over, save: null };
      for (const t of newTrainees) {
        pending.trainees.set(t.name, t);
        storedNames.add(t.name);
      }
      for (const a of newAttempts) pending.attempts.set(a.id, a);
      usage = { bytes: usage.bytes + bytes, trainees: usage.trainees + newTrainees.length };
      doc = mergeProgress(doc, result.doc);
      return { result, save: await writePending() };
    },
    exportJson: () => exportProgressJson(doc),
    async backups() {
      try {
        const database = db ?? (await openDb());
        const all = await database.getAll('backups');
        return all
          .map((b) => ({ key: b.key, at: b.at, reason: b.reason, size: b.text.length }))
          .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
      } catch {
        return [];
      }
    },
    async backupText(key) {
      try {
        const database = db ?? (await openDb());
        return (await database.get('backups', key))?.text ?? null;
      } catch {
        return null;
      }
    },
    async removeBackup(key) {
      try {
        const database = db ?? (await openDb());
        await database.delete('backups', key);
        return { ok: true };
      } catch (e) {
        return saveFailure(e);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      channel?.close();
      channel = null;
      db?.close();
    },
  };
}

let pageStore: ProgressStore | null = null;

/** The page's progress store (created and loaded on first use). */
export function pageProgressStore(): ProgressStore {
  pageStore ??= createProgressStore();
  return pageStore;
}
