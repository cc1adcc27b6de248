/**
 * Training progress: attempts per trainee name, as the progress file holds them and as the app
 * shows them (a `ProgressDoc`), and as the device keeps them (one record per trainee and one per
 * attempt; see `src/state/progressStorage.ts`).
 *
 * Saved data is untrusted (another version of the app wrote it, the user edited it, storage was
 * cut short). Each record is checked on its own: a damaged attempt is left out alone, a damaged
 * trainee name leaves out that trainee, and only a file that is not a progress document at all is
 * refused whole. Nothing here throws past the boundary.
 *
 * One limit on what is kept, checked on every write: the stored records together take at most
 * `MAX_STORED_BYTES` (UTF-8 bytes of their JSON), and at most `MAX_TRAINEES` trainees. Whatever
 * fits is read back, and its export is always small enough to be imported again.
 *
 * Version history (of the file, and of the document the app kept in localStorage until the
 * records moved to IndexedDB):
 * - v1 (the first training prototype): one trainee, `{ version: 1, trainee, scores: [{ protocol,
 *   step, type, score (0–1), ok, date (epoch ms) }] }`.
 * - v2: `{ version: 2, trainees: { [name]: { attempts: [{ id?, protocolId, stepId, kind, score
 *   (0–100), passed, at (ISO), …optional fields of newer versions }], updatedAt } } }`, any number
 *   of trainees. Attempts read without an `id` get one from their content. A trace attempt may
 *   also carry `measures`, its marks per criterion (`{ direction, coverage, shape, turn,
 *   accuracy, tempo }`, each 0–100 and optional); attempts saved before it have none.
 */
// Before the schemas below are built: zod must not compile validators with `new Function` (CSP).
import '../content/zodConfig.ts';
import { z } from 'zod';
import { kebabId } from '../content/schema.ts';
import { utf8Length } from './utf8.ts';

export const PROGRESS_VERSION = 2;
export const MAX_NAME_LENGTH = 60;
export const MAX_TRAINEES = 200;
/**
 * The one limit on what the device keeps: the stored records' JSON, in UTF-8 bytes, together
 * (about 120,000 attempts). Checked before every write; nearing it is said from `WARN_SHARE` on.
 */
export const MAX_STORED_BYTES = 16_000_000;
/** From this share of a limit on, Train says how close it is. */
export const WARN_SHARE = 0.9;
/** Largest attempt record (its JSON, fields of newer versions included). */
export const MAX_ATTEMPT_BYTES = 4096;
/**
 * Largest progress file read, in bytes. The export of everything the limit allows is smaller: an
 * attempt's line takes fewer bytes than its stored record (which also names the trainee), and a
 * trainee's lines at most `EXPORT_TRAINEE_OVERHEAD` more than theirs; so every export imports.
 */
export const MAX_PROGRESS_FILE_BYTES = 20_000_000;
/** Bytes an export may take beyond its records: per trainee, and once for the file. */
export const EXPORT_TRAINEE_OVERHEAD = 64;
export const EXPORT_FILE_OVERHEAD = 64;
export const ATTEMPT_KINDS = ['trace', 'avoid', 'order'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

export type NameProblem = 'empty' | 'too_long' | 'reserved';
export type NameResult =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly reason: NameProblem };

/** Keys that would reach an object's prototype machinery if used as property names. */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__']);

/**
 * The stored form of a trainee name: Unicode NFC, control characters removed, whitespace runs
 * collapsed to one space, trimmed; 1–60 characters (code points).
 */
export function normalizeTraineeName(raw: string): NameResult {
  const name = replaceLoneSurrogates(raw)
    .normalize('NFC')
    // Control characters (C0, DEL, C1) and the line and paragraph separators.
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (name.length === 0) return { ok: false, reason: 'empty' };
  if (countCodePoints(name) > MAX_NAME_LENGTH) return { ok: false, reason: 'too_long' };
  if (RESERVED_NAMES.has(name)) return { ok: false, reason: 'reserved' };
  return { ok: true, name };
}

/** Length in code points (a letter outside the BMP counts once). */
function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Whether a key is already a stored trainee name (normalising it changes nothing). */
function isStoredName(key: string): boolean {
  const r = normalizeTraineeName(key);
  return r.ok && r.name === key;
}

/** Lone surrogates, which have no UTF-8 form, become U+FFFD. */
function replaceLoneSurrogates(s: string): string {
  return s.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const isoInstant = z.iso.datetime();
export const attemptIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9:_-]+$/);

/** The criteria a graded trace is marked on (`TRACE_CRITERIA` of `traceScore.ts`). */
export const ATTEMPT_MEASURES = [
  'direction',
  'coverage',
  'shape',
  'turn',
  'accuracy',
  'tempo',
] as const;
export type AttemptMeasure = (typeof ATTEMPT_MEASURES)[number];

const measureMark = z.number().min(0).max(100).optional();
export const attemptMeasuresSchema = z.looseObject({
  direction: measureMark,
  coverage: measureMark,
  shape: measureMark,
  turn: measureMark,
  accuracy: measureMark,
  tempo: measureMark,
});

export type AttemptMeasures = z.infer<typeof attemptMeasuresSchema>;

/**
 * One attempt. Fields a newer version adds (e.g. sub-scores per criterion) are kept as they are:
 * an attempt is refused only for what this version needs and cannot read.
 */
export const attemptSchema = z.looseObject({
  /** Unique per attempt; absent in files of older versions (then derived from the content). */
  id: attemptIdSchema.optional(),
  protocolId: kebabId,
  /** The step drilled; null for the step-order drill of a whole protocol. */
  stepId: kebabId.nullable(),
  kind: z.enum(ATTEMPT_KINDS),
  score: z.number().min(0).max(100),
  passed: z.boolean(),
  at: isoInstant,
  /** Trace attempts: the marks per criterion (none in attempts saved before they were kept). */
  measures: attemptMeasuresSchema.optional(),
});
/** An attempt as kept: always with its id. */
export type Attempt = z.infer<typeof attemptSchema> & { readonly id: string };

export interface TraineeProgress {
  /** Oldest first. */
  readonly attempts: readonly Attempt[];
  readonly updatedAt: string;
}

export const traineeNameSchema = z
  .string()
  .refine(isStoredName, { message: 'a trimmed name of 1–60 characters' });

export interface ProgressDoc {
  readonly version: typeof PROGRESS_VERSION;
  readonly trainees: Readonly<Record<string, TraineeProgress>>;
}

/** The outline of a v2 document; its trainees and attempts are checked one by one. */
const progressOutline = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  trainees: z.record(
    z.string(),
    z.looseObject({ attempts: z.array(z.unknown()), updatedAt: z.unknown().optional() }),
  ),
});

/** A fully valid document: every trainee and attempt readable (what the app itself writes). */
export const progressSchema = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  trainees: z
    .record(
      traineeNameSchema,
      z.strictObject({
        attempts: z.array(attemptSchema.extend({ id: attemptIdSchema })),
        updatedAt: isoInstant,
      }),
    )
    .refine((t) => Object.keys(t).length <= MAX_TRAINEES, {
      message: `at most ${MAX_TRAINEES} trainees`,
    }),
});

/** The v1 document (see the module comment). */
export const progressV1Schema = z.strictObject({
  version: z.literal(1),
  trainee: z.string().max(200),
  scores: z.array(z.unknown()),
});
const scoreV1Schema = z.strictObject({
  protocol: kebabId,
  step: kebabId.nullable().optional(),
  type: z.enum(ATTEMPT_KINDS),
  score: z.number().min(0).max(1),
  ok: z.boolean(),
  /** Epoch milliseconds, within the range a Date can hold. */
  date: z.number().int().min(0).max(8.64e15),
});
export type ProgressV1 = z.infer<typeof progressV1Schema>;

// ---------------------------------------------------------------------------------------------
// Sizes and ids
// ---------------------------------------------------------------------------------------------

// In a module of its own, so that code measuring text needs no schema.
export { utf8Length };

/** Bytes a record takes (its JSON in UTF-8): what the limit counts. */
export function recordBytes(value: unknown): number {
  // JSON.stringify gives undefined for undefined and functions (typed as string).
  const json = JSON.stringify(value) as string | undefined;
  return utf8Length(json ?? '');
}

/** cyrb53: a fast 53-bit string hash (not cryptographic), as base-36 text. */
function hash53(s: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A deterministic id from some text (≈ 106 bits): the same text gives the same id everywhere. */
export function contentId(prefix: string, text: string): string {
  return `${prefix}-${hash53(text, 1)}${hash53(text, 2)}`;
}

/** A fresh random id for a new attempt. */
export function newAttemptId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

const attemptKey = (a: Omit<Attempt, 'id'>) =>
  JSON.stringify([a.at, a.protocolId, a.stepId, a.kind, a.score, a.passed]);

// ---------------------------------------------------------------------------------------------
// Checking one record
// ---------------------------------------------------------------------------------------------

/** A short readable list of what is wrong, from zod issues. */
function describeIssues(error: z.ZodError, prefix = ''): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return parts.join('; ') + more;
}

/** The path of the first own `__proto__` key in a parsed JSON value, or null (iterative). */
function findProtoKey(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { v, path } = item;
    if (typeof v !== 'object' || v === null) continue;
    if (!Array.isArray(v) && Object.hasOwn(v, '__proto__'))
      return path ? `${path}.__proto__` : '__proto__';
    for (const [k, child] of Object.entries(v))
      stack.push({ v: child, path: path ? `${path}.${k}` : k });
  }
  return null;
}

export type AttemptCheck =
  | { readonly ok: true; readonly attempt: Attempt }
  | { readonly ok: false; readonly detail: string };

/**
 * Checks one attempt (from a file or a stored record; `where` names it in the message). An
 * attempt without an id gets one from `seed` and its content, so the same attempt read twice is
 * one.
 */
export function checkAttempt(value: unknown, where: string, seed = ''): AttemptCheck {
  const reserved = findProtoKey(value);
  if (reserved !== null)
    return { ok: false, detail: `${where}.${reserved}: a key that cannot be stored` };
  const parsed = attemptSchema.safeParse(value);
  if (!parsed.success) return { ok: false, detail: describeIssues(parsed.error, where) };
  const withId = {
    ...parsed.data,
    id: parsed.data.id ?? contentId('h', `${seed}\u0000${attemptKey(parsed.data)}`),
  };
  const bytes = recordBytes(withId);
  if (bytes > MAX_ATTEMPT_BYTES)
    return { ok: false, detail: `${where}: ${bytes} bytes, more than ${MAX_ATTEMPT_BYTES}` };
  return { ok: true, attempt: withId };
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export type ResetReason =
  'corrupt_json' | 'invalid_shape' | 'future_version' | 'unknown_version' | 'too_large';

export type ProgressNotice =
  | { readonly kind: 'migrated'; readonly from: number; readonly detail: string }
  | { readonly kind: 'reset'; readonly reason: ResetReason; readonly detail: string }
  /** Some records could not be read: they are left out (and kept where they were stored). */
  | { readonly kind: 'partial'; readonly dropped: number; readonly detail: string };

export interface ReadResult {
  /** Always a valid document. */
  readonly doc: ProgressDoc;
  /** Null when everything was read as it was. */
  readonly notice: ProgressNotice | null;
}

export function emptyProgress(): ProgressDoc {
  return { version: PROGRESS_VERSION, trainees: {} };
}

function reset(reason: ResetReason, detail: string): ReadResult {
  return { doc: emptyProgress(), notice: { kind: 'reset', reason, detail: detail || reason } };
}

/** The `version` field of a parsed value, if it has a numeric one. */
function versionOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = (value as { version?: unknown }).version;
  return typeof v === 'number' ? v : null;
}

/** Collects what could not be read: a count and the first few reasons. */
class Dropped {
  count = 0;
  private readonly reasons: string[] = [];
  add(detail: string, count = 1): void {
    this.count += count;
    if (this.reasons.length < 3) this.reasons.push(detail);
  }
  get detail(): string {
    const more =
      this.count > this.reasons.length ? ` (+${this.count - this.reasons.length} more)` : '';
    return this.reasons.join('; ') + more;
  }
}

/** Oldest first; attempts with the same id once (the first kept). */
function orderAttempts(attempts: readonly Attempt[]): Attempt[] {
  const seen = new Set<string>();
  return attempts
    .filter((a) => {
      if (seen.has(a.id)) return false;
      seen.add(a.id);
      return true;
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function latest(attempts: readonly Attempt[], fallback: string): string {
  return attempts.reduce((m, a) => (a.at > m ? a.at : m), fallback);
}

/** Reads a v2 document record by record (see the module comment). */
function readV2(value: unknown, now: Date): ReadResult {
  const outline = progressOutline.safeParse(value);
  if (!outline.success) return reset('invalid_shape', describeIssues(outline.error));
  const dropped = new Dropped();
  const trainees: Record<string, TraineeProgress> = {};
  for (const [name, t] of Object.entries(outline.data.trainees)) {
    if (name === '__proto__' || !isStoredName(name)) {
      dropped.add(`trainees.${name}: not a usable name`, 1 + t.attempts.length);
      continue;
    }
    if (Object.keys(trainees).length >= MAX_TRAINEES) {
      dropped.add(`trainees.${name}: more than ${MAX_TRAINEES} trainees`, 1 + t.attempts.length);
      continue;
    }
    const attempts: Attempt[] = [];
    t.attempts.forEach((a, i) => {
      // Without an id of its own, an attempt's id comes from its place and content: the same
      // file read twice gives the same ids.
      const checked = checkAttempt(a, `trainees.${name}.attempts.${i}`, `${name}\u0000${i}`);
      if (checked.ok) attempts.push(checked.attempt);
      else dropped.add(checked.detail);
    });
    const ordered = orderAttempts(attempts);
    const updated = isoInstant.safeParse(t.updatedAt);
    const fallback = updated.success ? updated.data : now.toISOString();
    trainees[name] = { attempts: ordered, updatedAt: latest(ordered, fallback) };
  }
  const doc: ProgressDoc = { version: PROGRESS_VERSION, trainees };
  if (dropped.count === 0) return { doc, notice: null };
  return { doc, notice: { kind: 'partial', dropped: dropped.count, detail: dropped.detail } };
}

/** Converts a v1 document to v2 (scores 0–1 → 0–100, epoch ms → ISO), attempt by attempt. */
export function migrateV1(
  v1: ProgressV1,
  now: Date,
): { ok: true; doc: ProgressDoc; dropped: number; detail: string } | { ok: false; detail: string } {
  const name = normalizeTraineeName(v1.trainee);
  if (!name.ok) return { ok: false, detail: `trainee: the name is not usable (${name.reason})` };
  const dropped = new Dropped();
  const attempts: Attempt[] = [];
  v1.scores.forEach((raw, i) => {
    const s = scoreV1Schema.safeParse(raw);
    if (!s.success) {
      dropped.add(describeIssues(s.error, `scores.${i}`));
      return;
    }
    const a = {
      protocolId: s.data.protocol,
      stepId: s.data.step ?? null,
      kind: s.data.type,
      score: Math.round(s.data.score * 10_000) / 100,
      passed: s.data.ok,
      at: new Date(s.data.date).toISOString(),
    };
    attempts.push({ ...a, id: contentId('v1', `${i}\u0000${attemptKey(a)}`) });
  });
  const ordered = orderAttempts(attempts);
  return {
    ok: true,
    doc: {
      version: PROGRESS_VERSION,
      trainees: {
        [name.name]: { attempts: ordered, updatedAt: latest(ordered, now.toISOString()) },
      },
    },
    dropped: dropped.count,
    detail: dropped.detail,
  };
}

/**
 * Validates a parsed value of any version: the current document record by record, v1 migrated,
 * anything else reset with the reason. `now` dates a trainee with no attempts.
 */
export function readProgressValue(value: unknown, now: Date): ReadResult {
  const version = versionOf(value);
  if (version === PROGRESS_VERSION) {
    if (Object.hasOwn(value as object, '__proto__'))
      return reset('invalid_shape', '__proto__: a key that cannot be stored');
    return readV2(value, now);
  }
  if (version === 1) {
    const reserved = findProtoKey(value);
    if (reserved !== null)
      return reset('invalid_shape', `${reserved}: a key that cannot be stored`);
    const parsed = progressV1Schema.safeParse(value);
    if (!parsed.success) return reset('invalid_shape', describeIssues(parsed.error));
    const migrated = migrateV1(parsed.data, now);
    if (!migrated.ok) return reset('invalid_shape', migrated.detail);
    const detail =
      migrated.dropped > 0
        ? `version 1 → 2; ${migrated.dropped} unreadable left out: ${migrated.detail}`
        : 'version 1 → 2';
    return { doc: migrated.doc, notice: { kind: 'migrated', from: 1, detail } };
  }
  if (version !== null && Number.isInteger(version) && version > PROGRESS_VERSION)
    return reset('future_version', `saved by a newer version (${version})`);
  if (version !== null) return reset('unknown_version', `unknown version ${version}`);
  return reset('invalid_shape', 'not a progress document (no version)');
}

/**
 * Reads a progress file or the document older versions kept: null (nothing saved) gives an empty
 * document without a notice; anything else is parsed and validated (see `readProgressValue`).
 * Never throws.
 */
export function readProgressText(text: string | null, now: Date): ReadResult {
  if (text === null) return { doc: emptyProgress(), notice: null };
  if (text.length > MAX_PROGRESS_FILE_BYTES) return reset('too_large', `${text.length} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return reset('corrupt_json', e instanceof Error ? e.message : 'not JSON');
  }
  try {
    return readProgressValue(value, now);
  } catch (e) {
    // Defensive: validation of hostile input (e.g. nesting deep enough to exhaust the stack).
    return reset('invalid_shape', e instanceof Error ? e.message : 'unreadable');
  }
}

// ---------------------------------------------------------------------------------------------
// The records the device keeps
// ---------------------------------------------------------------------------------------------

/** A trainee's record: kept so that a trainee with no attempts yet is listed. */
export interface TraineeRecord {
  readonly name: string;
  readonly addedAt: string;
}
/** An attempt's record: the attempt and whose it is. */
export type AttemptRecord = Attempt & { readonly trainee: string };

export function traineeRecord(name: string, addedAt: string): TraineeRecord {
  return { name, addedAt };
}

export function attemptRecord(trainee: string, attempt: Attempt): AttemptRecord {
  return { ...attempt, trainee };
}

/** The records of a document (what an import or a migration writes). */
export function recordsOf(doc: ProgressDoc): {
  trainees: TraineeRecord[];
  attempts: AttemptRecord[];
} {
  const trainees: TraineeRecord[] = [];
  const attempts: AttemptRecord[] = [];
  for (const [name, t] of Object.entries(doc.trainees)) {
    trainees.push(traineeRecord(name, t.attempts[0]?.at ?? t.updatedAt));
    for (const a of t.attempts) attempts.push(attemptRecord(name, a));
  }
  return { trainees, attempts };
}

export interface RecordsRead extends ReadResult {
  /** Bytes the records take, the unreadable ones included (they stay stored). */
  readonly bytes: number;
  /** Trainees stored, the unreadable ones included. */
  readonly traineeCount: number;
}

/**
 * The document from stored records, each checked on its own: an unreadable record is left out
 * alone (and counted in the notice); an attempt whose trainee has no record of its own still
 * lists that trainee.
 */
export function docFromRecords(
  traineeValues: readonly unknown[],
  attemptValues: readonly unknown[],
  now: Date,
): RecordsRead {
  const dropped = new Dropped();
  let bytes = 0;
  const byName = new Map<string, { addedAt: string; attempts: Attempt[] }>();
  const names = new Set<string>();
  for (const v of traineeValues) {
    bytes += recordBytes(v);
    const r = v as Partial<TraineeRecord> | null;
    const name = typeof r?.name === 'string' ? r.name : null;
    if (name !== null) names.add(name);
    if (name === null || name === '__proto__' || !isStoredName(name)) {
      dropped.add(`a trainee record without a usable name`);
      continue;
    }
    const addedAt = isoInstant.safeParse(r?.addedAt);
    byName.set(name, {
      addedAt: addedAt.success ? addedAt.data : now.toISOString(),
      attempts: [],
    });
  }
  for (const v of attemptValues) {
    bytes += recordBytes(v);
    const trainee = (v as { trainee?: unknown } | null)?.trainee;
    if (typeof trainee !== 'string' || trainee === '__proto__' || !isStoredName(trainee)) {
      dropped.add('an attempt record without a usable trainee name');
      continue;
    }
    names.add(trainee);
    const rest: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    delete rest.trainee;
    const checked = checkAttempt(rest, `${trainee}.attempt`);
    if (!checked.ok) {
      dropped.add(checked.detail);
      continue;
    }
    let entry = byName.get(trainee);
    if (!entry) {
      entry = { addedAt: checked.attempt.at, attempts: [] };
      byName.set(trainee, entry);
    }
    entry.attempts.push(checked.attempt);
  }
  const trainees: Record<string, TraineeProgress> = {};
  for (const [name, { addedAt, attempts }] of [...byName].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  )) {
    const ordered = orderAttempts(attempts);
    trainees[name] = { attempts: ordered, updatedAt: latest(ordered, addedAt) };
  }
  const doc: ProgressDoc = { version: PROGRESS_VERSION, trainees };
  const notice: ProgressNotice | null =
    dropped.count > 0 ? { kind: 'partial', dropped: dropped.count, detail: dropped.detail } : null;
  return { doc, notice, bytes, traineeCount: names.size };
}

// ---------------------------------------------------------------------------------------------
// Writing and changing
// ---------------------------------------------------------------------------------------------

/** The compact form of a document. */
export function serializeProgress(doc: ProgressDoc): string {
  return JSON.stringify(doc);
}

/**
 * The export file: JSON with the version first and one attempt per line (its compact JSON), so a
 * file of everything the limit allows stays under `MAX_PROGRESS_FILE_BYTES`.
 */
export function exportProgressJson(doc: ProgressDoc): string {
  const trainees = Object.entries(doc.trainees).map(([name, t]) => {
    const attempts = t.attempts.map((a) => `        ${JSON.stringify(a)}`).join(',\n');
    return [
      `    ${JSON.stringify(name)}: {`,
      `      "updatedAt": ${JSON.stringify(t.updatedAt)},`,
      attempts ? `      "attempts": [\n${attempts}\n      ]` : '      "attempts": []',
      '    }',
    ].join('\n');
  });
  const body = trainees.length ? `{\n${trainees.join(',\n')}\n  }` : '{}';
  return `{\n  "version": ${PROGRESS_VERSION},\n  "trainees": ${body}\n}\n`;
}

export type ImportResult =
  | {
      readonly ok: true;
      readonly doc: ProgressDoc;
      readonly migratedFrom: number | null;
      /** Records of the file that could not be read and were left out. */
      readonly dropped: number;
      readonly detail: string;
    }
  | { readonly ok: false; readonly reason: ResetReason; readonly detail: string };

/**
 * Reads an exported file with the same checks as stored records; a file that is not a progress
 * document is refused (the progress in use stays as it is), unreadable records are left out.
 */
export function importProgressJson(text: string, now: Date): ImportResult {
  const { doc, notice } = readProgressText(text, now);
  if (notice?.kind === 'reset') return { ok: false, reason: notice.reason, detail: notice.detail };
  return {
    ok: true,
    doc,
    migratedFrom: notice?.kind === 'migrated' ? notice.from : null,
    dropped: notice?.kind === 'partial' ? notice.dropped : 0,
    detail: notice?.kind === 'partial' ? notice.detail : '',
  };
}

/** An attempt as the drills report it (fields of newer drills included); `at` is set from the clock. */
export type NewAttempt = Omit<z.input<typeof attemptSchema>, 'at' | 'id'>;

export type ChangeProblem =
  NameProblem | 'invalid_attempt' | 'too_many_trainees' | 'invalid_clock' | 'limit_reached';

export type ChangeResult =
  | { readonly ok: true; readonly doc: ProgressDoc }
  | { readonly ok: false; readonly reason: ChangeProblem; readonly detail: string };

/** Own-property lookup of a trainee (names like `constructor` must not reach the prototype). */
export function getTrainee(doc: ProgressDoc, name: string): TraineeProgress | null {
  return Object.hasOwn(doc.trainees, name) ? (doc.trainees[name] ?? null) : null;
}

/** What the device keeps against its limit. */
export interface Usage {
  readonly bytes: number;
  readonly trainees: number;
}

export interface LimitProblem {
  readonly ok: false;
  readonly reason: 'limit_reached' | 'too_many_trainees';
  readonly detail: string;
}

/** The limit (tests use smaller ones). */
export interface Limits {
  readonly bytes: number;
  readonly trainees: number;
}
export const LIMITS: Limits = { bytes: MAX_STORED_BYTES, trainees: MAX_TRAINEES };

/** Null when adding `bytes` more (and `trainees` more) stays within the limit, else why not. */
export function fitsLimit(
  usage: Usage,
  bytes: number,
  trainees: number,
  limits: Limits = LIMITS,
): LimitProblem | null {
  if (trainees > 0 && usage.trainees + trainees > limits.trainees)
    return {
      ok: false,
      reason: 'too_many_trainees',
      detail: `at most ${limits.trainees} trainees`,
    };
  if (usage.bytes + bytes > limits.bytes)
    return {
      ok: false,
      reason: 'limit_reached',
      detail: `${usage.bytes + bytes} bytes, more than ${limits.bytes}`,
    };
  return null;
}

/** How close the device is to its limit: the larger share of bytes and of trainees (0–1). */
export function usageShare(usage: Usage, limits: Limits = LIMITS): number {
  return Math.max(usage.bytes / limits.bytes, usage.trainees / limits.trainees);
}

/** The attempt as it will be kept (checked, with its id and time), or why it cannot be. */
export function makeAttempt(
  attempt: NewAttempt,
  now: Date,
  id: string = newAttemptId(),
): { ok: true; attempt: Attempt } | { ok: false; reason: ChangeProblem; detail: string } {
  if (!Number.isFinite(now.getTime()))
    return { ok: false, reason: 'invalid_clock', detail: 'the clock gave an invalid date' };
  const checked = checkAttempt({ ...attempt, id, at: now.toISOString() }, 'attempt');
  if (!checked.ok) return { ok: false, reason: 'invalid_attempt', detail: checked.detail };
  return { ok: true, attempt: checked.attempt };
}

/** The document with a checked attempt added for a stored trainee name (not changed in place). */
export function withAttempt(doc: ProgressDoc, name: string, attempt: Attempt): ProgressDoc {
  const existing = getTrainee(doc, name);
  const attempts = orderAttempts([...(existing?.attempts ?? []), attempt]);
  return {
    ...doc,
    trainees: {
      ...doc.trainees,
      [name]: { attempts, updatedAt: latest(attempts, existing?.updatedAt ?? attempt.at) },
    },
  };
}

/**
 * Adds an attempt for a trainee (the name is normalised; a new name starts a new record). The
 * document is not changed.
 */
export function recordAttempt(
  doc: ProgressDoc,
  rawName: string,
  attempt: NewAttempt,
  now: Date,
  id?: string,
): ChangeResult {
  const name = normalizeTraineeName(rawName);
  if (!name.ok) return { ok: false, reason: name.reason, detail: `name: ${name.reason}` };
  const made = makeAttempt(attempt, now, id);
  if (!made.ok) return made;
  if (!getTrainee(doc, name.name) && Object.keys(doc.trainees).length >= MAX_TRAINEES)
    return { ok: false, reason: 'too_many_trainees', detail: `at most ${MAX_TRAINEES} trainees` };
  return { ok: true, doc: withAttempt(doc, name.name, made.attempt) };
}

/**
 * The document with a trainee (normalised name) who has no attempts yet; unchanged when the
 * trainee is already there. Lets a trainee be chosen before the first attempt.
 */
export function addTrainee(doc: ProgressDoc, rawName: string, now: Date): ChangeResult {
  const name = normalizeTraineeName(rawName);
  if (!name.ok) return { ok: false, reason: name.reason, detail: `name: ${name.reason}` };
  if (getTrainee(doc, name.name)) return { ok: true, doc };
  if (!Number.isFinite(now.getTime()))
    return { ok: false, reason: 'invalid_clock', detail: 'the clock gave an invalid date' };
  if (Object.keys(doc.trainees).length >= MAX_TRAINEES)
    return { ok: false, reason: 'too_many_trainees', detail: `at most ${MAX_TRAINEES} trainees` };
  return {
    ok: true,
    doc: {
      ...doc,
      trainees: { ...doc.trainees, [name.name]: { attempts: [], updatedAt: now.toISOString() } },
    },
  };
}

/** The document without one trainee. */
export function removeTrainee(doc: ProgressDoc, name: string): ProgressDoc {
  if (!Object.hasOwn(doc.trainees, name)) return doc;
  const trainees = Object.fromEntries(Object.entries(doc.trainees).filter(([k]) => k !== name));
  return { ...doc, trainees };
}

/**
 * Merges two documents: every attempt of both, each once (by id), ordered by time. Trainees
 * beyond the limit are left out (an import checks the limit before it merges).
 */
export function mergeProgress(base: ProgressDoc, incoming: ProgressDoc): ProgressDoc {
  const trainees: Record<string, TraineeProgress> = { ...base.trainees };
  for (const [name, t] of Object.entries(incoming.trainees)) {
    const mine = getTrainee(base, name);
    if (!mine && Object.keys(trainees).length >= MAX_TRAINEES) continue;
    const attempts = orderAttempts([...(mine?.attempts ?? []), ...t.attempts]);
    const updatedAt = mine && mine.updatedAt > t.updatedAt ? mine.updatedAt : t.updatedAt;
    trainees[name] = { attempts, updatedAt: latest(attempts, updatedAt) };
  }
  return { version: PROGRESS_VERSION, trainees };
}

// ---------------------------------------------------------------------------------------------
// Summary for the printable sheet
// ---------------------------------------------------------------------------------------------

export interface SummaryRow {
  readonly protocolId: string;
  readonly kind: AttemptKind;
  readonly attempts: number;
  readonly passed: number;
  readonly bestScore: number;
  readonly lastScore: number;
  readonly lastAt: string;
}

export interface TraineeSummary {
  readonly name: string;
  readonly attempts: number;
  readonly passed: number;
  readonly updatedAt: string;
  /** One row per protocol and drill kind, by protocol id then kind. */
  readonly rows: readonly SummaryRow[];
}

/** Totals per protocol and drill kind for one trainee, or null if there is no such trainee. */
export function summarizeTrainee(doc: ProgressDoc, name: string): TraineeSummary | null {
  const t = getTrainee(doc, name);
  if (!t) return null;
  const rows = new Map<string, { -readonly [K in keyof SummaryRow]: SummaryRow[K] }>();
  for (const a of t.attempts) {
    const key = `${a.protocolId}\u0000${a.kind}`;
    const row = rows.get(key);
    if (!row) {
      rows.set(key, {
        protocolId: a.protocolId,
        kind: a.kind,
        attempts: 1,
        passed: a.passed ? 1 : 0,
        bestScore: a.score,
        lastScore: a.score,
        lastAt: a.at,
      });
      continue;
    }
    row.attempts++;
    if (a.passed) row.passed++;
    row.bestScore = Math.max(row.bestScore, a.score);
    if (a.at >= row.lastAt) {
      row.lastAt = a.at;
      row.lastScore = a.score;
    }
  }
  const sorted = [...rows.values()].sort((a, b) =>
    a.protocolId === b.protocolId
      ? ATTEMPT_KINDS.indexOf(a.kind) - ATTEMPT_KINDS.indexOf(b.kind)
      : a.protocolId < b.protocolId
        ? -1
        : 1,
  );
  return {
    name,
    attempts: t.attempts.length,
    passed: t.attempts.filter((a) => a.passed).length,
    updatedAt: t.updatedAt,
    rows: sorted,
  };
}
