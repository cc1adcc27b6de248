/**
 * The app's IndexedDB database on this device: training progress (one record per trainee and
 * per attempt, so that two tabs writing at once never overwrite each other), backups of data that
 * could not be read as it was, and the protocols a clinic imported. Record values are what this
 * or another version of the app wrote: readers check every one (see `src/domain/progress.ts`).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'footwork';
export const DB_VERSION = 1;

/** A copy of saved data that could not be read as it was, kept to be downloaded or restored. */
export interface BackupRecord {
  readonly key: string;
  /** When the copy was made (ISO). */
  readonly at: string;
  /** Why it was kept (the reader's words). */
  readonly reason: string;
  readonly text: string;
}

/** An imported protocol file, kept as its text and checked again whenever it is read. */
export interface StoredProtocol {
  readonly id: string;
  readonly fileName: string;
  readonly text: string;
  readonly importedAt: string;
  /** The model file its paths were checked on (a new model means checking again). */
  readonly checkedOn: string;
}

export interface FootworkDb extends DBSchema {
  trainees: { key: string; value: unknown };
  attempts: { key: string; value: unknown; indexes: { trainee: string } };
  backups: { key: string; value: BackupRecord };
  protocols: { key: string; value: unknown };
}

export type FootworkDatabase = IDBPDatabase<FootworkDb>;

/** Opens a new connection (tests open several, as tabs do). Rejects where IndexedDB is missing. */
export async function openFootworkDb(name: string = DB_NAME): Promise<FootworkDatabase> {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) throw new Error('IndexedDB is not available in this browser');
  const db = await openDB<FootworkDb>(name, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('trainees', { keyPath: 'name' });
        const attempts = database.createObjectStore('attempts', { keyPath: 'id' });
        attempts.createIndex('trainee', 'trainee');
        database.createObjectStore('backups', { keyPath: 'key' });
        database.createObjectStore('protocols', { keyPath: 'id' });
      }
    },
    blocking() {
      // A newer version of the app wants to upgrade the database: let it.
      db.close();
    },
  });
  return db;
}

let pageDb: Promise<FootworkDatabase> | null = null;

/** The page's connection (opened on first use; a failed open is tried again next time). */
export function deviceDb(): Promise<FootworkDatabase> {
  pageDb ??= openFootworkDb().catch((e: unknown) => {
    pageDb = null;
    throw e;
  });
  return pageDb;
}

/** Whether an error means the storage is full (names differ by browser). */
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

export function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : 'unknown error';
}
