/**
 * A home program for one child: what a visit decided (which steps of a protocol, their dose, the
 * severity shown, the side, the first day, the course length, a short note), with a name. It is
 * kept on the device and travels to the parent's phone inside a link (no server): the program is
 * written as compact JSON with short keys, a checksum is added, and the text is compressed into
 * URL-safe characters (lz-string). Reading a link is as strict as importing a protocol file: the
 * size is capped before anything is decompressed, the checksum must match and the result must
 * pass the schema; every failure has a reason the UI can name.
 *
 * The checksum catches a link cut short or changed by hand; it is not a signature.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { z } from 'zod';
import type { Protocol } from '../content/schema.ts';
import { KEBAB_ID } from '../content/schema.ts';
import { parseLocalDate } from './calendar.ts';

export const PROGRAM_VERSION = 1;
/** Longest program code a link may carry (characters), checked before decompressing. */
export const MAX_CODE_LENGTH = 4000;
/** Longest decompressed text. */
const MAX_JSON_LENGTH = 16_000;
export const MAX_NAME_LENGTH = 80;
export const MAX_NOTE_LENGTH = 300;
export const MAX_PROGRAM_STEPS = 80;

export const PROGRAM_SIDES = ['L', 'R', 'both'] as const;
export type ProgramSide = (typeof PROGRAM_SIDES)[number];

/** A step's dose for this child, where it differs from the protocol's. */
export interface StepDose {
  readonly durationS?: number;
  readonly repetitions?: number;
}

export interface Program {
  readonly version: typeof PROGRAM_VERSION;
  /** Stable id (letters and digits), made when the program is created. */
  readonly id: string;
  readonly name: string;
  readonly protocolId: string;
  /** Step ids in the order they are done, a subset of the protocol's. */
  readonly steps: readonly string[];
  /** Dose per step id, only where it differs from the protocol. */
  readonly doses: Readonly<Record<string, StepDose>>;
  /** Severity shown on the model, 0..1. */
  readonly severity: { readonly halluxValgus: number; readonly flatFoot: number };
  readonly side: ProgramSide;
  /** First session, `YYYY-MM-DD`. */
  readonly start: string;
  /** Sessions in the course. */
  readonly sessions: number;
  readonly note: string;
}

const localDate = z
  .string()
  .refine((s) => parseLocalDate(s) !== null, { message: 'not a date (YYYY-MM-DD)' });
const stepId = z.string().max(64).regex(KEBAB_ID);
const severity = z.number().min(0).max(1);
const dose = z.strictObject({
  d: z.number().int().min(1).max(3600).optional(),
  r: z.number().int().min(1).max(500).optional(),
});

/** The wire form: short keys, to keep links (and QR codes) small. */
const wire = z.strictObject({
  v: z.literal(PROGRAM_VERSION),
  i: z.string().regex(/^[A-Za-z0-9]{4,24}$/),
  n: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  p: z.string().max(64).regex(KEBAB_ID),
  s: z.array(stepId).min(1).max(MAX_PROGRAM_STEPS),
  o: z.record(stepId, dose).optional(),
  h: z.tuple([severity, severity]),
  sd: z.enum(PROGRAM_SIDES),
  d: localDate,
  c: z.number().int().min(1).max(366),
  t: z.string().max(MAX_NOTE_LENGTH).optional(),
});
type Wire = z.infer<typeof wire>;

/** The stored/linked JSON form of a program (also what storage keeps). */
export const programSchema = wire;

export function toWire(p: Program): Wire {
  const o: Record<string, { d?: number; r?: number }> = {};
  for (const [id, d] of Object.entries(p.doses)) {
    const entry: { d?: number; r?: number } = {};
    if (d.durationS !== undefined) entry.d = d.durationS;
    if (d.repetitions !== undefined) entry.r = d.repetitions;
    if (entry.d !== undefined || entry.r !== undefined) o[id] = entry;
  }
  return {
    v: PROGRAM_VERSION,
    i: p.id,
    n: p.name,
    p: p.protocolId,
    s: [...p.steps],
    ...(Object.keys(o).length > 0 ? { o } : {}),
    h: [round3(p.severity.halluxValgus), round3(p.severity.flatFoot)],
    sd: p.side,
    d: p.start,
    c: p.sessions,
    ...(p.note ? { t: p.note } : {}),
  };
}

export function fromWire(w: Wire): Program {
  const doses: Record<string, StepDose> = {};
  for (const [id, d] of Object.entries(w.o ?? {})) {
    doses[id] = {
      ...(d.d !== undefined ? { durationS: d.d } : {}),
      ...(d.r !== undefined ? { repetitions: d.r } : {}),
    };
  }
  return {
    version: PROGRAM_VERSION,
    id: w.i,
    name: w.n,
    protocolId: w.p,
    steps: w.s,
    doses,
    severity: { halluxValgus: w.h[0], flatFoot: w.h[1] },
    side: w.sd,
    start: w.d,
    sessions: w.c,
    note: w.t ?? '',
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** FNV-1a (32 bit) of a string, as base-36 text: the link's checksum. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export type CodeError =
  'empty' | 'too_long' | 'corrupt' | 'checksum' | 'not_json' | 'newer_version' | 'invalid';

export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: CodeError; readonly detail?: string };

/**
 * Packs any JSON value as `<checksum>.<compressed>`: the generic part shared by program links
 * and home summaries.
 */
export function packJson(value: unknown): string {
  const json = JSON.stringify(value);
  return `${checksum(json)}.${compressToEncodedURIComponent(json)}`;
}

/** Unpacks what `packJson` wrote; fails with a reason (never throws). */
export function unpackJson(code: string): DecodeResult<unknown> {
  const text = code.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_CODE_LENGTH) return { ok: false, reason: 'too_long' };
  const dot = text.indexOf('.');
  if (dot < 1) return { ok: false, reason: 'corrupt' };
  const sum = text.slice(0, dot);
  const body = text.slice(dot + 1);
  if (!/^[A-Za-z0-9+$-]+$/.test(body)) return { ok: false, reason: 'corrupt' };
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(body);
  } catch {
    json = null;
  }
  if (!json) return { ok: false, reason: 'corrupt' };
  if (json.length > MAX_JSON_LENGTH) return { ok: false, reason: 'too_long' };
  if (checksum(json) !== sum) return { ok: false, reason: 'checksum' };
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false, reason: 'not_json' };
  }
}

/** The first problem zod found, as `field: reason`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '';
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${path}: ${issue.message}`;
}

/** A program's code for a link. */
export function encodeProgram(p: Program): string {
  return packJson(toWire(p));
}

/** Reads a program's code; the schema checks every field. */
export function decodeProgram(code: string): DecodeResult<Program> {
  const unpacked = unpackJson(code);
  if (!unpacked.ok) return unpacked;
  return parseProgramJson(unpacked.value);
}

/** Validates a program's JSON form (from a link or from storage). */
export function parseProgramJson(value: unknown): DecodeResult<Program> {
  if (
    typeof value === 'object' &&
    value !== null &&
    'v' in value &&
    typeof value.v === 'number' &&
    value.v > PROGRAM_VERSION
  )
    return { ok: false, reason: 'newer_version' };
  const parsed = wire.safeParse(value);
  if (!parsed.success) return { ok: false, reason: 'invalid', detail: describeIssue(parsed.error) };
  return { ok: true, value: fromWire(parsed.data) };
}

/** The hash parameter that carries a program in a link. */
export const PROGRAM_HASH = 'program';

/**
 * The link that opens a program in the home mode: `<base>?mode=home&lang=..#program=<code>`. The
 * program rides in the fragment, which browsers never send to a server.
 */
export function programLink(base: string, p: Program, lang?: string): string {
  const url = new URL(base);
  url.search = '';
  url.searchParams.set('mode', 'home');
  if (lang) url.searchParams.set('lang', lang);
  url.hash = `${PROGRAM_HASH}=${encodeProgram(p)}`;
  return url.toString();
}

/** The hash parameter that names the step a step link opens on (a step id). */
export const PROGRAM_STEP_HASH = 'step';
/** The hash parameter of a step link that names its program (kept on the phone) by id. */
export const PROGRAM_ID_HASH = 'pid';

/**
 * The link that opens one step of a program in the home mode (the handout's QR code per step):
 * `<base>?mode=home&lang=..#pid=<program id>&step=<step id>`. It names the program by id only, so
 * its QR code stays small enough to print beside each step; the program itself comes with its own
 * link (the handout's first QR code), kept on the phone once opened. A step the program does not
 * have is not linked to (the link opens the program where it was left).
 */
export function programStepLink(base: string, p: Program, stepId: string, lang?: string): string {
  const url = new URL(base);
  url.search = '';
  url.searchParams.set('mode', 'home');
  if (lang) url.searchParams.set('lang', lang);
  url.hash = `${PROGRAM_ID_HASH}=${p.id}${p.steps.includes(stepId) ? `&${PROGRAM_STEP_HASH}=${stepId}` : ''}`;
  return url.toString();
}

/** The value of `key` in a `#a=b&c=d` fragment, or null. */
export function hashParam(hash: string, key: string): string | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === key) return part.slice(eq + 1);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// A program against the content
// ---------------------------------------------------------------------------------------------

export type ProgramContentError = 'unknown_protocol' | 'unknown_step';

export type ResolveResult =
  | {
      readonly ok: true;
      /** Indices into the protocol's steps, in the program's order. */
      readonly stepIndices: readonly number[];
    }
  | { readonly ok: false; readonly reason: ProgramContentError; readonly detail: string };

/** Checks a program names a protocol and steps that exist here. */
export function resolveProgram(
  p: Program,
  protocols: readonly Pick<Protocol, 'id' | 'steps'>[],
): ResolveResult {
  const protocol = protocols.find((x) => x.id === p.protocolId);
  if (!protocol) return { ok: false, reason: 'unknown_protocol', detail: p.protocolId };
  const indices: number[] = [];
  for (const id of p.steps) {
    const i = protocol.steps.findIndex((s) => s.id === id);
    if (i < 0) return { ok: false, reason: 'unknown_step', detail: id };
    indices.push(i);
  }
  return { ok: true, stepIndices: indices };
}

/** A step's dose in a program: the override where there is one, else the protocol's own. */
export function doseFor(
  p: Program,
  step: { readonly id: string; readonly durationS?: number; readonly repetitions?: number },
): StepDose {
  const o = p.doses[step.id];
  const durationS = o?.durationS ?? step.durationS;
  const repetitions = o?.repetitions ?? step.repetitions;
  return {
    ...(durationS !== undefined ? { durationS } : {}),
    ...(repetitions !== undefined ? { repetitions } : {}),
  };
}

/**
 * The course length the source gives, in sessions (P6: 15–20); null when it gives no count.
 */
export function courseSessionRange(
  protocol: Pick<Protocol, 'schedule'>,
): { readonly min: number; readonly max: number } | null {
  const r = protocol.schedule?.courseSessions;
  if (!r) return null;
  const min = Math.max(1, Math.round(r.min));
  return { min, max: Math.max(min, Math.round(r.max ?? r.min)) };
}

/** A new id from a random source (injected for tests). */
export function newProgramId(random: () => number = Math.random): string {
  const chars = 'abcdefghijkmnpqrstuvwxyz23456789';
  let id = '';
  for (let i = 0; i < 10; i++)
    id += chars.charAt(Math.floor(random() * chars.length) % chars.length);
  return id;
}
