/**
 * Property-based tests of the content loader and of protocol import: random and mutated input
 * never throws past the boundary and always yields either valid data or readable problems.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { loadContent, type ContentFile, type LoadResult } from '../../src/content/load.ts';
import { formatProblem } from '../../src/content/problems.ts';
import { protocol as protocolSchema } from '../../src/content/schema.ts';
import { checkImportedProtocol, MAX_IMPORT_BYTES } from '../../src/state/protocolImport.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TARGET = 'content/protocols/p1-hallux-valgus-adult-self.json';

let bundled: ContentFile[];
let original: unknown;

beforeAll(async () => {
  bundled = await readContentFiles(ROOT);
  const file = bundled.find((f) => f.path === TARGET);
  if (!file) throw new Error(`missing ${TARGET}`);
  original = JSON.parse(file.text);
});

/** Loads the bundle with `text` in place of the target protocol file. */
function loadWith(text: string): LoadResult {
  return loadContent(bundled.map((f) => (f.path === TARGET ? { path: f.path, text } : f)));
}

/** The outcome is valid data or readable problems, never both missing. */
function expectValidOrReadable(result: LoadResult): void {
  const own = result.problems.filter((p) => p.file === TARGET);
  const loaded = result.data.protocols.find((p) => p.file === TARGET);
  for (const p of result.problems) {
    expect(typeof p.path).toBe('string');
    expect(p.path.length).toBeGreaterThan(0);
    expect(p.reason.trim().length).toBeGreaterThan(0);
    expect(p.reason).not.toMatch(/\[object Object\]|undefined|NaN/);
    expect(formatProblem(p)).toBe(`${p.file} › ${p.path} › ${p.reason}`);
  }
  if (own.length > 0) {
    // A file with problems is left out; the other protocols still load.
    expect(loaded).toBeUndefined();
  } else {
    expect(loaded).toBeDefined();
    expect(protocolSchema.safeParse(loaded?.protocol).success).toBe(true);
  }
  expect(result.data.protocols.length).toBeGreaterThan(0);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path (as keys and indices) to a value in `value`. */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

type Mutation = { kind: 'replace'; value: Json } | { kind: 'delete' } | { kind: 'duplicate' };

/** Applies one mutation at `path` to a deep copy of `doc`. */
function mutate(doc: Json, path: (string | number)[], m: Mutation): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return m.kind === 'replace' ? m.value : copy;
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key];
  const last = path[path.length - 1];
  const container = parent as Record<string | number, Json> & Json[];
  if (m.kind === 'replace') container[last] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
    else Reflect.deleteProperty(container, last);
  } else if (Array.isArray(container) && typeof last === 'number')
    container.splice(last, 0, structuredClone(container[last]));
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
  fc.constant({ kind: 'delete' as const }),
  fc.constant({ kind: 'duplicate' as const }),
);

describe('content loader properties', () => {
  it('never throws on arbitrary text in a protocol file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (text) => {
        expectValidOrReadable(loadWith(text));
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on random JSON values of any shape', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expectValidOrReadable(loadWith(JSON.stringify(value)));
      }),
      { numRuns: 150 },
    );
  });

  it('reports or accepts every mutation of a valid protocol', () => {
    const doc = original as Json;
    const all = paths(doc);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: all.length - 1 }), mutation), {
          minLength: 1,
          maxLength: 3,
        }),
        (ms) => {
          let current = doc;
          for (const [i, m] of ms) {
            const candidates = paths(current);
            current = mutate(current, candidates[i % candidates.length], m);
          }
          expectValidOrReadable(loadWith(JSON.stringify(current)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports truncated files as problems', () => {
    const text = JSON.stringify(original);
    fc.assert(
      fc.property(fc.nat({ max: text.length - 2 }), (cut) => {
        const result = loadWith(text.slice(0, cut));
        expectValidOrReadable(result);
        expect(result.problems.some((p) => p.file === TARGET)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('a mutated type is reported at its path', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer())),
        (value) => {
          const doc = structuredClone(original) as { steps: Record<string, unknown>[] };
          doc.steps[0].title = value;
          const result = loadWith(JSON.stringify(doc));
          expectValidOrReadable(result);
          expect(
            result.problems.some((p) => p.file === TARGET && p.path.startsWith('steps[0].title')),
          ).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('protocol import properties', () => {
  it('never throws: a protocol or a non-empty list of readable problems', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        ),
        (name, text) => {
          const outcome = checkImportedProtocol(name, text, text.length, bundled);
          if (outcome.ok) {
            expect(protocolSchema.safeParse(outcome.protocol.protocol).success).toBe(true);
          } else {
            expect(outcome.problems.length).toBeGreaterThan(0);
            for (const p of outcome.problems) expect(p).toMatch(/^.+ › .+ › \S/);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('accepts the bundled protocol under a new id and refuses one over the size limit', () => {
    const doc = structuredClone(original) as { id: string };
    doc.id = 'clinic-copy';
    const text = JSON.stringify(doc);
    const ok = checkImportedProtocol('copy.json', text, text.length, bundled);
    expect(ok.ok).toBe(true);
    const same = checkImportedProtocol('same.json', JSON.stringify(original), text.length, bundled);
    expect(same.ok).toBe(false);
    const big = checkImportedProtocol('big.json', text, MAX_IMPORT_BYTES + 1, bundled);
    expect(big).toEqual({
      ok: false,
      problems: ['big.json › $ › the file is 257 KB; the largest protocol file accepted is 256 KB'],
    });
  });
});
