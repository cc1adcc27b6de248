/**
 * The protocols a clinic imported, kept on this device (IndexedDB, `deviceDb.ts`) as their text:
 * read back at start and checked again like a new import (a stored record is untrusted).
 */
import { deviceDb, messageOf, type StoredProtocol } from './deviceDb.ts';

/** A stored record that has the fields of a kept protocol, else null. */
function asStored(value: unknown): StoredProtocol | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<Record<keyof StoredProtocol, unknown>>;
  if (
    typeof v.id !== 'string' ||
    typeof v.fileName !== 'string' ||
    typeof v.text !== 'string' ||
    typeof v.importedAt !== 'string' ||
    typeof v.checkedOn !== 'string'
  )
    return null;
  return {
    id: v.id,
    fileName: v.fileName,
    text: v.text,
    importedAt: v.importedAt,
    checkedOn: v.checkedOn,
  };
}

/** The kept protocols, oldest first, and how many records were not readable at all. */
export async function readStoredProtocols(): Promise<{
  protocols: StoredProtocol[];
  unreadable: number;
}> {
  const all = await (await deviceDb()).getAll('protocols');
  const protocols = all.flatMap((v) => {
    const stored = asStored(v);
    return stored ? [stored] : [];
  });
  protocols.sort((a, b) =>
    a.importedAt < b.importedAt ? -1 : a.importedAt > b.importedAt ? 1 : 0,
  );
  return { protocols, unreadable: all.length - protocols.length };
}

export type KeepResult = { readonly ok: true } | { readonly ok: false; readonly detail: string };

/** Keeps (or replaces) a protocol on the device. Never throws. */
export async function keepProtocol(record: StoredProtocol): Promise<KeepResult> {
  try {
    await (await deviceDb()).put('protocols', record);
    return { ok: true };
  } catch (e) {
    return { ok: false, detail: messageOf(e) };
  }
}

/** Removes a kept protocol. Never throws. */
export async function forgetProtocol(id: string): Promise<KeepResult> {
  try {
    await (await deviceDb()).delete('protocols', id);
    return { ok: true };
  } catch (e) {
    return { ok: false, detail: messageOf(e) };
  }
}
