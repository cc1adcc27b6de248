/**
 * Home programs and the home log kept on the device (`localStorage`, or any object with the same
 * methods for tests). Each document is versioned JSON checked by its schema on every read:
 * an entry that fails is left out with a notice and its text is copied under a `.broken` key, so
 * nothing is lost silently. Writes never throw: a full or blocked storage returns a reason.
 */
import { z } from 'zod';
import {
  EMPTY_LOG,
  homeLogSchema,
  type HomeLog,
  type HomeSummary,
  parseSummaryJson,
} from '../domain/homeLog.ts';
import { parseProgramJson, toWire, type Program } from '../domain/program.ts';
import { isQuotaError } from './deviceDb.ts';
import type { StorageLike } from './progressStorage.ts';

export const PROGRAMS_KEY = 'footwork.programs.v1';
export const HOME_LOG_KEY = 'footwork.homeLog.v1';
export const SUMMARIES_KEY = 'footwork.summaries.v1';
const BROKEN_SUFFIX = '.broken';
/** Programs kept on one device (a clinician makes one per child). */
export const MAX_PROGRAMS = 200;
export const MAX_SUMMARIES = 200;

export type WriteResult =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'storage_full' | 'unavailable' };

export interface ReadResult<T> {
  readonly value: T;
  /** Entries left out because they failed the schema (their text is kept under `.broken`). */
  readonly dropped: number;
}

function storage(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function write(store: StorageLike | null, key: string, value: unknown): WriteResult {
  if (!store) return { ok: false, reason: 'unavailable' };
  try {
    store.setItem(key, JSON.stringify(value));
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: isQuotaError(e) ? 'storage_full' : 'unavailable' };
  }
}

function readJson(store: StorageLike | null, key: string): unknown {
  if (!store) return null;
  let text: string | null;
  try {
    text = store.getItem(key);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    keepBroken(store, key, text);
    return null;
  }
}

function keepBroken(store: StorageLike, key: string, text: string): void {
  try {
    store.setItem(key + BROKEN_SUFFIX, text);
  } catch {
    // Nowhere to copy it: the original stays under its key until the next successful write.
  }
}

const listDoc = z.strictObject({ version: z.literal(1), items: z.array(z.unknown()).max(1000) });

/** Reads a list document, each item through `parse`; bad items are set aside. */
function readList<T>(
  store: StorageLike | null,
  key: string,
  parse: (v: unknown) => T | null,
): ReadResult<T[]> {
  const raw = readJson(store, key);
  if (raw === null) return { value: [], dropped: 0 };
  const doc = listDoc.safeParse(raw);
  if (!doc.success) {
    if (store) keepBroken(store, key, JSON.stringify(raw));
    return { value: [], dropped: 1 };
  }
  const value: T[] = [];
  const bad: unknown[] = [];
  for (const item of doc.data.items) {
    const parsed = parse(item);
    if (parsed === null) bad.push(item);
    else value.push(parsed);
  }
  if (bad.length > 0 && store) keepBroken(store, key, JSON.stringify(bad));
  return { value, dropped: bad.length };
}

export function loadPrograms(store = storage()): ReadResult<Program[]> {
  return readList(store, PROGRAMS_KEY, (v) => {
    const r = parseProgramJson(v);
    return r.ok ? r.value : null;
  });
}

/** Saves a program (replacing the one with its id), newest first. */
export function saveProgram(program: Program, store = storage()): WriteResult {
  const others = loadPrograms(store).value.filter((p) => p.id !== program.id);
  const items = [program, ...others].slice(0, MAX_PROGRAMS).map(toWire);
  return write(store, PROGRAMS_KEY, { version: 1, items });
}

export function deleteProgram(id: string, store = storage()): WriteResult {
  const items = loadPrograms(store)
    .value.filter((p) => p.id !== id)
    .map(toWire);
  return write(store, PROGRAMS_KEY, { version: 1, items });
}

export function loadHomeLog(store = storage()): ReadResult<HomeLog> {
  const raw = readJson(store, HOME_LOG_KEY);
  if (raw === null) return { value: EMPTY_LOG, dropped: 0 };
  const parsed = homeLogSchema.safeParse(raw);
  if (parsed.success) return { value: parsed.data, dropped: 0 };
  if (store) keepBroken(store, HOME_LOG_KEY, JSON.stringify(raw));
  return { value: EMPTY_LOG, dropped: 1 };
}

export function saveHomeLog(log: HomeLog, store = storage()): WriteResult {
  return write(store, HOME_LOG_KEY, log);
}

/** Summaries brought back from home, read on the clinician's device; newest first. */
export function loadSummaries(store = storage()): ReadResult<HomeSummary[]> {
  return readList(store, SUMMARIES_KEY, (v) => {
    const r = parseSummaryJson(v);
    return r.ok ? r.value : null;
  });
}

/** Keeps a summary (replacing an older one of the same program and day). */
export function saveSummary(summary: HomeSummary, store = storage()): WriteResult {
  const others = loadSummaries(store).value.filter(
    (s) => !(s.i === summary.i && s.m === summary.m),
  );
  return write(store, SUMMARIES_KEY, {
    version: 1,
    items: [summary, ...others].slice(0, MAX_SUMMARIES),
  });
}

export const TEACH_BACK_KEY = 'footwork.teachBack.v1';
export const MAX_TEACH_BACKS = 200;

/**
 * A teach-back in the clinic: the parent traced a step's stroke on the model and Train's trace
 * grading scored it. Kept with the program it was for (`owner`: the program's id, or
 * `protocol:<id>` without a program) and printed on its handout.
 */
export const teachBackSchema = z.strictObject({
  owner: z.string().min(1).max(120),
  stepId: z.string().min(1).max(120),
  /** The step's number in its protocol (from 1). */
  stepNumber: z.number().int().min(1).max(999),
  score: z.number().int().min(0).max(100),
  passed: z.boolean(),
  /** When it was traced (ISO time). */
  at: z.string().max(40),
});
export type TeachBack = z.infer<typeof teachBackSchema>;

/** Who a teach-back belongs to: the program, else the protocol shown without one. */
export function teachBackOwner(programId: string | null, protocolId: string): string {
  return programId ?? `protocol:${protocolId}`;
}

export function loadTeachBacks(store = storage()): ReadResult<TeachBack[]> {
  return readList(store, TEACH_BACK_KEY, (v) => {
    const r = teachBackSchema.safeParse(v);
    return r.success ? r.data : null;
  });
}

/** The latest teach-back of `owner`, or null. */
export function latestTeachBack(owner: string, store = storage()): TeachBack | null {
  return loadTeachBacks(store).value.find((t) => t.owner === owner) ?? null;
}

/** Keeps a teach-back as its owner's latest (one per owner), newest first. */
export function saveTeachBack(record: TeachBack, store = storage()): WriteResult {
  const others = loadTeachBacks(store).value.filter((t) => t.owner !== record.owner);
  return write(store, TEACH_BACK_KEY, {
    version: 1,
    items: [record, ...others].slice(0, MAX_TEACH_BACKS),
  });
}
