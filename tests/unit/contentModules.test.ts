/**
 * The content modules made at build time (scripts/lib/contentModules.ts) carry exactly what the
 * loader gives for the same files: the catalogue, each protocol, the shared lists, and the
 * problems of a broken file (whose protocol is left out, as the app always did).
 */
import { describe, expect, it } from 'vitest';
import {
  contentModules,
  INDEX_ID,
  PROTOCOL_PREFIX,
  readContentDir,
  SHARED_ID,
} from '../../scripts/lib/contentModules.ts';
import { catalogueEntry } from '../../src/content/catalogue.ts';
import { loadContent, type ContentFile } from '../../src/content/load.ts';
import { formatProblem } from '../../src/content/problems.ts';
import { ROOT } from '../fixtures/repo.ts';

/** Evaluates a module's source (its dynamic imports are not called). */
async function evaluate(source: string | undefined): Promise<Record<string, unknown>> {
  if (source === undefined) throw new Error('no such module');
  return (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as Record<
    string,
    unknown
  >;
}

const shipped = (files: readonly ContentFile[]) =>
  files.filter((f) => f.path !== 'content/schema.json' && !f.path.startsWith('content/locales/'));

describe('content modules', () => {
  const files = readContentDir(ROOT);

  it('carry the catalogue, every protocol and the shared lists as the loader reads them', async () => {
    const { data, problems } = loadContent(shipped(files));
    expect(data.protocols.length).toBeGreaterThan(5);
    const { modules } = contentModules(files);
    const index = await evaluate(modules.get(INDEX_ID));
    expect(index.catalogue).toEqual(data.protocols.map(catalogueEntry));
    expect(index.problems).toEqual(problems);
    expect(Object.keys(index.loaders as object)).toEqual(data.protocols.map((p) => p.protocol.id));
    for (const lp of data.protocols) {
      const m = await evaluate(modules.get(PROTOCOL_PREFIX + lp.protocol.id));
      expect(m.default).toEqual(lp);
    }
    const shared = (await evaluate(modules.get(SHARED_ID))).default;
    expect(shared).toEqual({
      zones: [...data.zones],
      landmarks: [...data.landmarks],
      contraindications: data.contraindications,
      conditions: data.conditions,
    });
  });

  it('list the problems of a broken protocol file and leave that protocol out', async () => {
    const good = '"catalogueId": "P1",';
    const broken = files.map((f) =>
      f.path === 'content/protocols/p1-hallux-valgus-adult-self.json'
        ? { ...f, text: f.text.replace(good, '"catalogueId": 1,') }
        : f,
    );
    expect(broken).not.toEqual(files);
    const expected = loadContent(shipped(broken)).problems;
    expect(
      expected
        .map(formatProblem)
        .some((p) =>
          p.startsWith('content/protocols/p1-hallux-valgus-adult-self.json › catalogueId › '),
        ),
    ).toBe(true);
    const { modules, problems } = contentModules(broken);
    expect(problems).toEqual(expected);
    const index = await evaluate(modules.get(INDEX_ID));
    expect(index.problems).toEqual(expected);
    const ids = (index.catalogue as { id: string }[]).map((e) => e.id);
    expect(ids).not.toContain('p1-hallux-valgus-adult-self');
    expect(ids).toContain('p2-hallux-valgus-child');
    expect(modules.has(`${PROTOCOL_PREFIX}p1-hallux-valgus-adult-self`)).toBe(false);
  });
});
