import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTEMPT_KINDS,
  EXPORT_FILE_OVERHEAD,
  EXPORT_TRAINEE_OVERHEAD,
  MAX_NAME_LENGTH,
  MAX_PROGRESS_FILE_BYTES,
  MAX_STORED_BYTES,
  MAX_TRAINEES,
  checkAttempt,
  docFromRecords,
  emptyProgress,
  exportProgressJson,
  getTrainee,
  importProgressJson,
  mergeProgress,
  normalizeTraineeName,
  progressSchema,
  readProgressText,
  recordAttempt,
  recordBytes,
  recordsOf,
  serializeProgress,
  summarizeTrainee,
  utf8Length,
  type Attempt,
  type NewAttempt,
  type ProgressDoc,
  type ReadResult,
} from '../../src/domain/progress.ts';
import { ATTEMPT, NOW, docWith } from '../fixtures/progress.ts';

// ---------------------------------------------------------------------------------------------
// Doubles and generators
// ---------------------------------------------------------------------------------------------

const kebab = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}$/);
const iso = fc
  .date({
    min: new Date(Date.UTC(2000, 0, 1)),
    max: new Date(Date.UTC(2099, 11, 31)),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString());
// `+ 0` turns −0 into 0: JSON has no negative zero.
const score = fc.double({ min: 0, max: 100, noNaN: true }).map((x) => x + 0);
const attemptArb: fc.Arbitrary<Attempt> = fc.record({
  id: fc.uuid(),
  protocolId: kebab,
  stepId: fc.option(kebab, { nil: null }),
  kind: fc.constantFrom(...ATTEMPT_KINDS),
  score,
  passed: fc.boolean(),
  at: iso,
});
const nameArb = fc.oneof(
  fc.constantFrom('Анна Петрова', 'constructor', 'toString', 'hasOwnProperty', 'Zoë', '李雷'),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
    .map(normalizeTraineeName)
    .filter((r): r is { ok: true; name: string } => r.ok)
    .map((r) => r.name),
);
/** A trainee as kept: attempts oldest first, each id once, updated when the last was made. */
const traineeArb = fc
  .record({
    attempts: fc.uniqueArray(attemptArb, { maxLength: 6, selector: (a) => a.id }),
    updatedAt: iso,
  })
  .map(({ attempts, updatedAt }) => {
    const sorted = [...attempts].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { attempts: sorted, updatedAt: sorted.at(-1)?.at ?? updatedAt };
  });
const docArb: fc.Arbitrary<ProgressDoc> = fc
  .dictionary(nameArb, traineeArb, { maxKeys: 4, noNullPrototype: true })
  .map((trainees) => ({ version: 2 as const, trainees }));

const RESET_REASONS = [
  'corrupt_json',
  'invalid_shape',
  'future_version',
  'unknown_version',
  'too_large',
];

/** The contract of every read: a valid document, and a readable notice when there is one. */
function expectWellFormed(result: ReadResult): void {
  expect(progressSchema.safeParse(result.doc).success).toBe(true);
  const { notice } = result;
  if (notice === null) return;
  expect(typeof notice.detail).toBe('string');
  expect(notice.detail.length).toBeGreaterThan(0);
  if (notice.kind === 'reset') {
    expect(RESET_REASONS).toContain(notice.reason);
    expect(result.doc).toEqual(emptyProgress());
  } else if (notice.kind === 'partial') {
    expect(notice.dropped).toBeGreaterThan(0);
  } else {
    expect(notice.kind).toBe('migrated');
  }
}

/** Every path (list of keys) into a JSON value, the root included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

type Mutation = 'replace' | 'delete' | 'add';

/** Applies one mutation at a path of a JSON copy of `doc`. */
function mutate(doc: unknown, pick: number, op: Mutation, key: string, value: unknown): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(doc));
  const paths = pathsOf(copy);
  const path = paths[pick % paths.length];
  if (path.length === 0) return op === 'replace' ? value : copy;
  let parent: unknown = copy;
  for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[k];
  const last = path[path.length - 1] ?? '';
  const target = parent as Record<string | number, unknown>;
  if (op === 'replace') target[last] = value;
  else if (op === 'delete') {
    if (Array.isArray(target) && typeof last === 'number') target.splice(last, 1);
    else Reflect.deleteProperty(target, last);
  } else if (
    typeof target[last] === 'object' &&
    target[last] !== null &&
    !Array.isArray(target[last])
  ) {
    // defineProperty makes even `__proto__` an own key, as JSON.parse does.
    Object.defineProperty(target[last], key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else target[last] = value;
  return copy;
}

const v1Arb = fc.record({
  version: fc.constant(1 as const),
  trainee: nameArb,
  scores: fc.array(
    fc.record({
      protocol: kebab,
      step: fc.option(kebab, { nil: null }),
      type: fc.constantFrom(...ATTEMPT_KINDS),
      score: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x + 0),
      ok: fc.boolean(),
      date: fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }),
    }),
    { maxLength: 6 },
  ),
});

const RUNS = { numRuns: 300 };

// ---------------------------------------------------------------------------------------------
// Property-based tests
// ---------------------------------------------------------------------------------------------

describe('progress reading never throws past the boundary', () => {
  it('turns any string into a valid document or a readable notice', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string()), (text) => {
        expectWellFormed(readProgressText(text, NOW));
      }),
      RUNS,
    );
  });

  it('turns any JSON value into a valid document or a readable notice', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = readProgressText(JSON.stringify(value), NOW);
        expectWellFormed(result);
        expect(result.notice).not.toBeNull();
      }),
      RUNS,
    );
  });

  it('handles look-alike documents with any version and any trainees', () => {
    const lookAlike = fc.record({
      version: fc.oneof(fc.constantFrom(1, 2, 3, 2.5, -1, 0), fc.jsonValue()),
      trainees: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())),
      trainee: fc.option(fc.string(), { nil: undefined }),
      scores: fc.option(fc.array(fc.jsonValue()), { nil: undefined }),
    });
    fc.assert(
      fc.property(lookAlike, (value) => {
        expectWellFormed(readProgressText(JSON.stringify(value), NOW));
      }),
      RUNS,
    );
  });

  it('keeps a mutated document whole when it is still valid, else every record still readable', () => {
    fc.assert(
      fc.property(
        docArb,
        fc.nat(),
        fc.constantFrom<Mutation>('replace', 'delete', 'add'),
        fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')),
        fc.jsonValue({ maxDepth: 2 }),
        (doc, pick, op, key, value) => {
          const mutated = mutate(doc, pick, op, key, value);
          const result = readProgressText(JSON.stringify(mutated), NOW);
          expectWellFormed(result);
          const text = JSON.stringify(mutated);
          if (progressSchema.safeParse(mutated).success && !text.includes('"__proto__"')) {
            expect(result.notice).toBeNull();
            expect(result.doc).toEqual(mutated);
            return;
          }
          if (result.notice?.kind === 'reset') return;
          // Only what was damaged is left out: each attempt that is still readable on its own,
          // under a trainee whose name is still usable, is kept.
          const trainees = (mutated as { trainees?: Record<string, { attempts?: unknown }> })
            .trainees;
          for (const [name, t] of Object.entries(trainees ?? {})) {
            const usable = normalizeTraineeName(name);
            if (name === '__proto__' || !usable.ok || usable.name !== name) continue;
            const kept = new Set(getTrainee(result.doc, name)?.attempts.map((a) => a.id));
            for (const a of Array.isArray(t.attempts) ? (t.attempts as unknown[]) : []) {
              const checked = checkAttempt(a, 'a');
              if (checked.ok && (a as { id?: unknown }).id !== undefined)
                expect(kept.has(checked.attempt.id)).toBe(true);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('reads back every valid document it wrote (save → load is the identity)', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const read = readProgressText(serializeProgress(doc), NOW);
        expect(read).toEqual({ doc, notice: null });
        const imported = importProgressJson(exportProgressJson(doc), NOW);
        expect(imported).toEqual({ ok: true, doc, migratedFrom: null, dropped: 0, detail: '' });
        // The records a device keeps give the same document back.
        const records = recordsOf(doc);
        const fromRecords = docFromRecords(records.trainees, records.attempts, NOW);
        expect(fromRecords.notice).toBeNull();
        expect(fromRecords.doc.trainees).toEqual(doc.trainees);
        // The export takes no more than the records plus a little per trainee: within the
        // limit, every export can be imported again.
        const bytes = [...records.trainees, ...records.attempts].reduce(
          (n, r) => n + recordBytes(r),
          0,
        );
        expect(fromRecords.bytes).toBe(bytes);
        expect(utf8Length(exportProgressJson(doc))).toBeLessThanOrEqual(
          bytes + EXPORT_FILE_OVERHEAD + EXPORT_TRAINEE_OVERHEAD * records.trainees.length,
        );
      }),
      RUNS,
    );
  });

  it('migrates any v1 document, keeping every attempt', () => {
    fc.assert(
      fc.property(v1Arb, (v1) => {
        const result = readProgressText(JSON.stringify(v1), NOW);
        expectWellFormed(result);
        expect(result.notice).toEqual({ kind: 'migrated', from: 1, detail: 'version 1 → 2' });
        const ordered = [...v1.scores].sort((a, b) => a.date - b.date);
        const trainee = getTrainee(result.doc, v1.trainee);
        expect(Object.keys(result.doc.trainees)).toEqual([v1.trainee]);
        expect(trainee?.attempts).toHaveLength(v1.scores.length);
        ordered.forEach((s, i) => {
          const a = trainee?.attempts[i];
          expect(a?.score).toBeCloseTo(s.score * 100, 2);
          expect(a?.at).toBe(new Date(s.date).toISOString());
          expect(a?.passed).toBe(s.ok);
        });
      }),
      RUNS,
    );
  });

  it('normalises any name to a stored form, or says why it cannot', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 80 })),
        (raw) => {
          const r = normalizeTraineeName(raw);
          if (!r.ok) {
            expect(['empty', 'too_long', 'reserved']).toContain(r.reason);
            return;
          }
          expect(r.name).toBe(r.name.trim());
          expect(Array.from(r.name).length).toBeGreaterThanOrEqual(1);
          expect(Array.from(r.name).length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
          expect(normalizeTraineeName(r.name)).toEqual(r);
          // The name survives a UTF-8 round trip (no lone surrogates) and has no control characters.
          expect(Buffer.from(r.name, 'utf8').toString('utf8')).toBe(r.name);
          expect(/\p{Cc}/u.test(r.name)).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('reads any stored records into a valid document, leaving out only the unreadable ones', () => {
    const recordArb = fc.oneof(
      fc.jsonValue(),
      fc.record({ name: nameArb, addedAt: iso }),
      fc.tuple(nameArb, attemptArb).map(([trainee, a]) => ({ ...a, trainee })),
    );
    fc.assert(
      fc.property(
        fc.array(recordArb, { maxLength: 8 }),
        fc.array(recordArb, { maxLength: 8 }),
        (trainees, attempts) => {
          const read = docFromRecords(trainees, attempts, NOW);
          expectWellFormed(read);
          const readable = attempts.filter(
            (a) =>
              typeof a === 'object' &&
              a !== null &&
              'trainee' in a &&
              checkAttempt({ ...a, trainee: undefined }, 'a').ok,
          );
          const kept = Object.values(read.doc.trainees).reduce((n, t) => n + t.attempts.length, 0);
          const unique = new Set(readable.map((a) => (a as { id: string }).id)).size;
          expect(kept).toBe(unique);
        },
      ),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Examples
// ---------------------------------------------------------------------------------------------

describe('changing progress', () => {
  it('records attempts under the normalised name with the clock time', () => {
    const doc = docWith('  Анна   Петрова ', [ATTEMPT]);
    expect(doc).toEqual({
      version: 2,
      trainees: {
        'Анна Петрова': {
          attempts: [
            { ...ATTEMPT, id: expect.any(String) as string, at: '2026-03-20T09:00:00.000Z' },
          ],
          updatedAt: '2026-03-20T09:00:00.000Z',
        },
      },
    });
  });

  it('refuses bad names, bad attempts and a broken clock', () => {
    const empty = emptyProgress();
    expect(recordAttempt(empty, '   ', ATTEMPT, NOW)).toMatchObject({ ok: false, reason: 'empty' });
    expect(recordAttempt(empty, 'я'.repeat(61), ATTEMPT, NOW)).toMatchObject({
      ok: false,
      reason: 'too_long',
    });
    expect(recordAttempt(empty, 'я'.repeat(60), ATTEMPT, NOW).ok).toBe(true);
    expect(recordAttempt(empty, 'Ann', { ...ATTEMPT, score: 101 }, NOW)).toMatchObject({
      ok: false,
      reason: 'invalid_attempt',
    });
    expect(recordAttempt(empty, 'Ann', { ...ATTEMPT, protocolId: 'Not Kebab' }, NOW)).toMatchObject(
      { ok: false, reason: 'invalid_attempt' },
    );
    expect(recordAttempt(empty, 'Ann', ATTEMPT, new Date(Number.NaN))).toMatchObject({
      ok: false,
      reason: 'invalid_clock',
    });
  });

  it('keeps every attempt and limits the number of trainees', () => {
    let doc = emptyProgress();
    for (let i = 0; i <= 2500; i++) {
      const r = recordAttempt(
        doc,
        'Ann',
        { ...ATTEMPT, score: i % 101 },
        new Date(NOW.getTime() + i * 1000),
      );
      if (!r.ok) throw new Error(r.detail);
      doc = r.doc;
    }
    expect(getTrainee(doc, 'Ann')?.attempts).toHaveLength(2501);
    let many = emptyProgress();
    for (let i = 0; i < MAX_TRAINEES; i++) {
      const r = recordAttempt(many, `T${i}`, ATTEMPT, NOW);
      if (!r.ok) throw new Error(r.detail);
      many = r.doc;
    }
    expect(recordAttempt(many, 'One more', ATTEMPT, NOW)).toMatchObject({
      ok: false,
      reason: 'too_many_trainees',
    });
    expect(recordAttempt(many, 'T0', ATTEMPT, NOW).ok).toBe(true);
    // Everything the limit allows exports to a file small enough to import.
    expect(
      MAX_STORED_BYTES + EXPORT_FILE_OVERHEAD + EXPORT_TRAINEE_OVERHEAD * MAX_TRAINEES,
    ).toBeLessThanOrEqual(MAX_PROGRESS_FILE_BYTES);
  });

  it('merges: every attempt of both, each once (by id), in time order', () => {
    const t1 = new Date(Date.UTC(2026, 0, 1));
    const t2 = new Date(Date.UTC(2026, 0, 2));
    const mine = docWith('Ann', [ATTEMPT], t2);
    const theirs = mergeProgress(
      docWith('Ann', [{ ...ATTEMPT, score: 40, passed: false }], t1),
      docWith('Bob', [ATTEMPT], t1),
    );
    const merged = mergeProgress(mine, mergeProgress(theirs, mine));
    expect(getTrainee(merged, 'Ann')?.attempts.map((a) => [a.score, a.at])).toEqual([
      [40, t1.toISOString()],
      [82, t2.toISOString()],
    ]);
    expect(getTrainee(merged, 'Ann')?.updatedAt).toBe(t2.toISOString());
    expect(Object.keys(merged.trainees).sort()).toEqual(['Ann', 'Bob']);
    // Two attempts alike but distinct (a double click) stay two.
    const twice = docWith('Ann', [ATTEMPT, ATTEMPT]);
    expect(getTrainee(mergeProgress(twice, twice), 'Ann')?.attempts).toHaveLength(2);
  });

  it('exports one attempt per line with the version first, and refuses a bad import', () => {
    const doc = docWith('Ann', [ATTEMPT]);
    const text = exportProgressJson(doc);
    expect(text.startsWith('{\n  "version": 2,\n  "trainees": {\n    "Ann": {')).toBe(true);
    const [attempt] = getTrainee(doc, 'Ann')?.attempts ?? [];
    expect(text).toContain(`\n        ${JSON.stringify(attempt)}\n`);
    expect(JSON.parse(text)).toEqual(doc);
    expect(importProgressJson('not json', NOW)).toMatchObject({
      ok: false,
      reason: 'corrupt_json',
    });
    expect(importProgressJson('{"version":9}', NOW)).toMatchObject({
      ok: false,
      reason: 'future_version',
    });
  });

  it('leaves out one invalid attempt, not its trainee or the others, and names it', () => {
    const good = { ...ATTEMPT, id: 'good', at: NOW.toISOString() };
    const text = JSON.stringify({
      version: 2,
      trainees: {
        Ann: {
          attempts: [good, { ...ATTEMPT, score: 150, at: NOW.toISOString() }],
          updatedAt: NOW.toISOString(),
        },
        Bob: { attempts: [{ ...good, id: 'b', kind: 'palpation' }], updatedAt: NOW.toISOString() },
      },
    });
    const read = readProgressText(text, NOW);
    expect(read.notice).toMatchObject({ kind: 'partial', dropped: 2 });
    expect(read.notice?.detail).toContain('trainees.Ann.attempts.1.score');
    expect(getTrainee(read.doc, 'Ann')?.attempts.map((a) => a.id)).toEqual(['good']);
    expect(getTrainee(read.doc, 'Bob')?.attempts).toEqual([]);
  });

  it('summarises a trainee per protocol and drill for the printed sheet', () => {
    const at = (d: number) => new Date(Date.UTC(2026, 0, d));
    let doc = emptyProgress();
    const add = (a: NewAttempt, d: number) => {
      const r = recordAttempt(doc, 'Ann', a, at(d));
      if (!r.ok) throw new Error(r.detail);
      doc = r.doc;
    };
    add({ ...ATTEMPT, score: 60, passed: false }, 1);
    add({ ...ATTEMPT, score: 90, passed: true }, 2);
    add({ ...ATTEMPT, score: 75, passed: true }, 3);
    add(
      {
        protocolId: 'p1-hallux-valgus-adult-self',
        stepId: null,
        kind: 'order',
        score: 100,
        passed: true,
      },
      4,
    );
    add(
      {
        protocolId: 'p10-plantar-pain-care',
        stepId: 'care-pads',
        kind: 'avoid',
        score: 0,
        passed: false,
      },
      5,
    );
    expect(summarizeTrainee(doc, 'Ann')).toEqual({
      name: 'Ann',
      attempts: 5,
      passed: 3,
      updatedAt: at(5).toISOString(),
      rows: [
        {
          protocolId: 'p1-hallux-valgus-adult-self',
          kind: 'trace',
          attempts: 3,
          passed: 2,
          bestScore: 90,
          lastScore: 75,
          lastAt: at(3).toISOString(),
        },
        {
          protocolId: 'p1-hallux-valgus-adult-self',
          kind: 'order',
          attempts: 1,
          passed: 1,
          bestScore: 100,
          lastScore: 100,
          lastAt: at(4).toISOString(),
        },
        {
          protocolId: 'p10-plantar-pain-care',
          kind: 'avoid',
          attempts: 1,
          passed: 0,
          bestScore: 0,
          lastScore: 0,
          lastAt: at(5).toISOString(),
        },
      ],
    });
    expect(summarizeTrainee(doc, 'Nobody')).toBeNull();
  });
});
