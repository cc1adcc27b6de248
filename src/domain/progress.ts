/**
 * Training progress kept on the device: a versioned document of attempts per trainee name.
 *
 * Saved data is untrusted (another version of the app wrote it, the user edited it, storage was
 * cut short): `readProgressText` turns any string into a valid document and, when it had to, a
 * notice — the old version was migrated, or the data was unreadable and the progress starts
 * again (the caller keeps the bad text under a backup key; see `src/state/progressStorage.ts`).
 * Nothing here throws past the boundary.
 *
 * Version history:
 * - v1 (the first training prototype): one trainee, `{ version: 1, trainee, scores: [{ protocol,
 *   step, type, score (0–1), ok, date (epoch ms) }] }`.
 * - v2: `{ version: 2, trainees: { [name]: { attempts: [{ protocolId, stepId, kind, score (0–100),
 *   passed, at (ISO) }], updatedAt } } }`, any number of trainees. A trace attempt may also carry
 *   `measures`, its marks per criterion (`{ direction, coverage, shape, turn, accuracy, tempo }`,
 *   each 0–100 and optional); attempts saved before it have none and read as before.
 */
// Before the schemas below are built: zod must not compile validators with `new Function` (CSP).
import '../content/zodConfig.ts';
import { z } from 'zod';
import { kebabId } from '../content/schema.ts';

export const PROGRESS_VERSION = 2;
export const MAX_NAME_LENGTH = 60;
/** Oldest attempts are dropped beyond this many per trainee. */
export const MAX_ATTEMPTS_PER_TRAINEE = 2000;
export const MAX_TRAINEES = 200;
/** Longer saved text is not even parsed (≈ 2× the largest valid document). */
export const MAX_PROGRESS_TEXT = 4_000_000;
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
export const attemptMeasuresSchema = z.strictObject({
  direction: measureMark,
  coverage: measureMark,
  shape: measureMark,
  turn: measureMark,
  accuracy: measureMark,
  tempo: measureMark,
});

export type AttemptMeasures = z.infer<typeof attemptMeasuresSchema>;

export const attemptSchema = z.strictObject({
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
export type Attempt = z.infer<typeof attemptSchema>;

export const traineeSchema = z.strictObject({
  attempts: z.array(attemptSchema).max(MAX_ATTEMPTS_PER_TRAINEE),
  updatedAt: isoInstant,
});
export type TraineeProgress = z.infer<typeof traineeSchema>;

export const traineeNameSchema = z
  .string()
  .refine(isStoredName, { message: 'a trimmed name of 1–60 characters' });

export const progressSchema = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  trainees: z
    .record(traineeNameSchema, traineeSchema)
    .refine((t) => Object.keys(t).length <= MAX_TRAINEES, {
      message: `at most ${MAX_TRAINEES} trainees`,
    }),
});
export type ProgressDoc = z.infer<typeof progressSchema>;

/** The v1 document (see the module comment). */
export const progressV1Schema = z.strictObject({
  version: z.literal(1),
  trainee: z.string().max(200),
  scores: z
    .array(
      z.strictObject({
        protocol: kebabId,
        step: kebabId.nullable().optional(),
        type: z.enum(ATTEMPT_KINDS),
        score: z.number().min(0).max(1),
        ok: z.boolean(),
        /** Epoch milliseconds, within the range a Date can hold. */
        date: z.number().int().min(0).max(8.64e15),
      }),
    )
    .max(MAX_ATTEMPTS_PER_TRAINEE),
});
export type ProgressV1 = z.infer<typeof progressV1Schema>;

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export type ResetReason =
  'corrupt_json' | 'invalid_shape' | 'future_version' | 'unknown_version' | 'too_large';

export type ProgressNotice =
  | { readonly kind: 'migrated'; readonly from: number; readonly detail: string }
  | { readonly kind: 'reset'; readonly reason: ResetReason; readonly detail: string };

export interface ReadResult {
  /** Always a valid document. */
  readonly doc: ProgressDoc;
  /** Null when the text was a valid current document or absent. */
  readonly notice: ProgressNotice | null;
}

export function emptyProgress(): ProgressDoc {
  return { version: PROGRESS_VERSION, trainees: {} };
}

/** A short readable list of what is wrong, from zod issues. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return parts.join('; ') + more;
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

/** Converts a v1 document to v2 (scores 0–1 → 0–100, epoch ms → ISO). */
export function migrateV1(
  v1: ProgressV1,
  now: Date,
): { ok: true; doc: ProgressDoc } | { ok: false; detail: string } {
  const name = normalizeTraineeName(v1.trainee);
  if (!name.ok) return { ok: false, detail: `trainee: the name is not usable (${name.reason})` };
  const attempts: Attempt[] = v1.scores.map((s) => ({
    protocolId: s.protocol,
    stepId: s.step ?? null,
    kind: s.type,
    score: Math.round(s.score * 10_000) / 100,
    passed: s.ok,
    at: new Date(s.date).toISOString(),
  }));
  const latest = v1.scores.reduce((m, s) => Math.max(m, s.date), -1);
  const updatedAt = (latest >= 0 ? new Date(latest) : now).toISOString();
  return {
    ok: true,
    doc: { version: PROGRESS_VERSION, trainees: { [name.name]: { attempts, updatedAt } } },
  };
}

/**
 * Validates a parsed value of any version: the current document as is, v1 migrated, anything else
 * reset with the reason. `now` dates a migrated document with no attempts.
 */
export function readProgressValue(value: unknown, now: Date): ReadResult {
  const version = versionOf(value);
  if (version === PROGRESS_VERSION) {
    // zod skips `__proto__` keys: refuse them first so nothing is dropped silently.
    const reserved = findProtoKey(value);
    if (reserved !== null)
      return reset('invalid_shape', `${reserved}: a key that cannot be stored`);
    const parsed = progressSchema.safeParse(value);
    if (!parsed.success) return reset('invalid_shape', describeIssues(parsed.error));
    return { doc: parsed.data, notice: null };
  }
  if (version === 1) {
    const reserved = findProtoKey(value);
    if (reserved !== null)
      return reset('invalid_shape', `${reserved}: a key that cannot be stored`);
    const parsed = progressV1Schema.safeParse(value);
    if (!parsed.success) return reset('invalid_shape', describeIssues(parsed.error));
    const migrated = migrateV1(parsed.data, now);
    if (!migrated.ok) return reset('invalid_shape', migrated.detail);
    return { doc: migrated.doc, notice: { kind: 'migrated', from: 1, detail: 'version 1 → 2' } };
  }
  if (version !== null && Number.isInteger(version) && version > PROGRESS_VERSION)
    return reset('future_version', `saved by a newer version (${version})`);
  if (version !== null) return reset('unknown_version', `unknown version ${version}`);
  return reset('invalid_shape', 'not a progress document (no version)');
}

/**
 * Reads saved text: null (nothing saved) gives an empty document without a notice; anything
 * else is parsed and validated (see `readProgressValue`). Never throws.
 */
export function readProgressText(text: string | null, now: Date): ReadResult {
  if (text === null) return { doc: emptyProgress(), notice: null };
  if (text.length > MAX_PROGRESS_TEXT) return reset('too_large', `${text.length} characters`);
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
// Writing and changing
// ---------------------------------------------------------------------------------------------

/** The compact form kept in storage. */
export function serializeProgress(doc: ProgressDoc): string {
  return JSON.stringify(doc);
}

/** The export file: pretty JSON, the version first. */
export function exportProgressJson(doc: ProgressDoc): string {
  return `${JSON.stringify({ version: doc.version, trainees: doc.trainees }, null, 2)}\n`;
}

export type ImportResult =
  | { readonly ok: true; readonly doc: ProgressDoc; readonly migratedFrom: number | null }
  | { readonly ok: false; readonly reason: ResetReason; readonly detail: string };

/**
 * Reads an exported file with the same validation as saved data; unlike loading, a bad file is
 * refused (the progress in use stays as it is).
 */
export function importProgressJson(text: string, now: Date): ImportResult {
  const { doc, notice } = readProgressText(text, now);
  if (notice?.kind === 'reset') return { ok: false, reason: notice.reason, detail: notice.detail };
  return { ok: true, doc, migratedFrom: notice?.kind === 'migrated' ? notice.from : null };
}

/** An attempt as the drills report it; `at` is set from the clock. */
export type NewAttempt = Omit<Attempt, 'at'>;

export type ChangeResult =
  | { readonly ok: true; readonly doc: ProgressDoc }
  | {
      readonly ok: false;
      readonly reason: NameProblem | 'invalid_attempt' | 'too_many_trainees' | 'invalid_clock';
      readonly detail: string;
    };

/** Own-property lookup of a trainee (names like `constructor` must not reach the prototype). */
export function getTrainee(doc: ProgressDoc, name: string): TraineeProgress | null {
  return Object.hasOwn(doc.trainees, name) ? (doc.trainees[name] ?? null) : null;
}

/**
 * Adds an attempt for a trainee (the name is normalised; a new name starts a new record). The
 * document is not changed; the oldest attempts beyond the limit are dropped.
 */
export function recordAttempt(
  doc: ProgressDoc,
  rawName: string,
  attempt: NewAttempt,
  now: Date,
): ChangeResult {
  const name = normalizeTraineeName(rawName);
  if (!name.ok) return { ok: false, reason: name.reason, detail: `name: ${name.reason}` };
  if (!Number.isFinite(now.getTime()))
    return { ok: false, reason: 'invalid_clock', detail: 'the clock gave an invalid date' };
  const parsed = attemptSchema.safeParse({ ...attempt, at: now.toISOString() });
  if (!parsed.success)
    return { ok: false, reason: 'invalid_attempt', detail: describeIssues(parsed.error) };
  const existing = getTrainee(doc, name.name);
  if (!existing && Object.keys(doc.trainees).length >= MAX_TRAINEES)
    return { ok: false, reason: 'too_many_trainees', detail: `at most ${MAX_TRAINEES} trainees` };
  const attempts = [...(existing?.attempts ?? []), parsed.data].slice(-MAX_ATTEMPTS_PER_TRAINEE);
  return {
    ok: true,
    doc: {
      ...doc,
      trainees: { ...doc.trainees, [name.name]: { attempts, updatedAt: parsed.data.at } },
    },
  };
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

const attemptKey = (a: Attempt) =>
  JSON.stringify([a.at, a.protocolId, a.stepId, a.kind, a.score, a.passed]);

/**
 * Merges an imported document into the current one: attempts of the same trainee are joined
 * (identical attempts once), ordered by time, capped; trainees beyond the limit are left out.
 */
export function mergeProgress(base: ProgressDoc, incoming: ProgressDoc): ProgressDoc {
  const trainees: Record<string, TraineeProgress> = { ...base.trainees };
  for (const [name, t] of Object.entries(incoming.trainees)) {
    const mine = getTrainee(base, name);
    if (!mine && Object.keys(trainees).length >= MAX_TRAINEES) continue;
    const seen = new Set<string>();
    const attempts = [...(mine?.attempts ?? []), ...t.attempts]
      .filter((a) => {
        const key = attemptKey(a);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .slice(-MAX_ATTEMPTS_PER_TRAINEE);
    const updatedAt = mine && mine.updatedAt > t.updatedAt ? mine.updatedAt : t.updatedAt;
    trainees[name] = { attempts, updatedAt };
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
