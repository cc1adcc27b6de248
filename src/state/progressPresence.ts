/**
 * Whether the device may hold training progress for the start-up read to look at — answered
 * without the progress validator (zod), so that a first visit, or any device where nobody has
 * trained, loads none of that code. A record in the device's database, an older version's
 * document or backup in localStorage, or a database that cannot be read (the full read then says
 * why) all mean yes.
 */
import { deviceDb, type FootworkDatabase } from './deviceDb.ts';

/** The part of the Web Storage API used to find what older versions kept. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length?: number;
  key?(index: number): string | null;
}

/** Where older versions kept the whole document, and their backups of it. */
export const LEGACY_KEY = 'footwork.progress';
export const LEGACY_BACKUP_PREFIX = 'footwork.progress.backup.';

/** The browser's localStorage, or null where it is missing or access to it throws. */
export function browserStorage(): StorageLike | null {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}

/** Keys of older versions' backups in a Web Storage. */
export function legacyBackupKeys(storage: StorageLike): string[] {
  if (typeof storage.key !== 'function' || typeof storage.length !== 'number') return [];
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(LEGACY_BACKUP_PREFIX)) keys.push(k);
  }
  return keys.sort();
}

export async function mayHoldProgress(
  options: { db?: () => Promise<FootworkDatabase>; legacy?: StorageLike | null } = {},
): Promise<boolean> {
  const legacy = options.legacy === undefined ? browserStorage() : options.legacy;
  try {
    if (legacy && (legacy.getItem(LEGACY_KEY) !== null || legacyBackupKeys(legacy).length > 0))
      return true;
  } catch {
    // The full read finds nothing there either (it reads the same storage the same way).
  }
  try {
    const database = await (options.db ?? deviceDb)();
    const tx = database.transaction(['trainees', 'attempts'], 'readonly');
    const [trainees, attempts] = await Promise.all([
      tx.objectStore('trainees').count(),
      tx.objectStore('attempts').count(),
    ]);
    return trainees + attempts > 0;
  } catch {
    return true;
  }
}
