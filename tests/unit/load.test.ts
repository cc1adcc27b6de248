/**
 * The real content: it loads without a single problem, covers every protocol and contraindication
 * list of the catalogue (../shared/CATALOGUE.md, parsed here), and its exported JSON Schema and
 * locale files are in step with the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles, runCheck } from '../../scripts/check-content.ts';
import { schemaText } from '../../scripts/export-schema.ts';
import { loadContent, type ContentData } from '../../src/content/load.ts';
import { formatProblem } from '../../src/content/problems.ts';
import { contentJsonSchema, NON_TOUCH_TECHNIQUES } from '../../src/content/schema.ts';
import { SOURCE_FILES } from '../../src/content/sources.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CATALOGUE = readFileSync(join(ROOT, '../shared/CATALOGUE.md'), 'utf8');

// ---------------------------------------------------------------------------------------------
// The catalogue, parsed
// ---------------------------------------------------------------------------------------------

/** The text of the `## <heading>…` section (heading matched as a prefix), up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no section "${heading}" in CATALOGUE.md`);
  const rest = markdown.slice(markdown.indexOf('\n', start + 1) + 1);
  const end = rest.indexOf('\n## ');
  return end < 0 ? rest : rest.slice(0, end);
}

interface CatalogueProtocol {
  id: string;
  title: string;
  sourcePrefix: string;
}

function catalogueProtocols(markdown: string): CatalogueProtocol[] {
  return [...markdown.matchAll(/^### (P\d+) (.+?) — (\d{3})$/gm)].map(
    ([, id, title, sourcePrefix]) => ({
      id,
      title,
      sourcePrefix,
    }),
  );
}

/** Bullets `- key: text` of the contraindications section, continuation lines joined. */
function catalogueContraindicationLists(markdown: string): { key: string; text: string }[] {
  const body = section(markdown, 'Contraindications and cautions');
  const bullets = body.split(/\n(?=- )/).filter((b) => b.startsWith('- '));
  return bullets.map((b) => {
    const m = /^- ([^:]+): ([\s\S]*)$/.exec(b.replace(/\s+/g, ' ').trim());
    return { key: m?.[1] ?? '', text: m?.[2] ?? '' };
  });
}

/** Phrases of a bullet: split at ; , and sentence ends, labels such as "Caution:" removed. */
function phrases(text: string): string[] {
  return text
    .split(/;|,|\.(?=\s|$)/)
    .map((p) => p.trim().replace(/^[A-Z][a-z ]*: /, ''))
    .filter((p) => p.length > 0);
}

/** First cells (and source cells) of the "Areas to avoid" table. */
function catalogueAvoidRows(markdown: string): { area: string; sources: string[] }[] {
  return section(markdown, 'Areas to avoid')
    .split('\n')
    .filter((l) => l.startsWith('|') && !l.startsWith('|---') && !l.startsWith('| area'))
    .map((l) => {
      const cells = l.split('|').map((c) => c.trim());
      return { area: cells[1] ?? '', sources: (cells[3] ?? '').split(/,\s*/) };
    });
}

/**
 * What the content lacks compared with the catalogue: protocols (each citing its source file),
 * contraindication lists (each phrase covered by an item, no item claiming a phrase the catalogue
 * lacks) and the rows of the areas-to-avoid table (with their sources and zones).
 */
function coverageGaps(markdown: string, content: ContentData): string[] {
  const gaps: string[] = [];
  for (const entry of catalogueProtocols(markdown)) {
    const found = content.protocols.filter((lp) => lp.protocol.catalogueId === entry.id);
    if (found.length === 0) gaps.push(`protocol ${entry.id} is missing`);
    else if (found.length > 1) gaps.push(`protocol ${entry.id} appears ${found.length} times`);
    else if (!found[0]?.protocol.sources.some((s) => s.startsWith(`${entry.sourcePrefix}_`)))
      gaps.push(`protocol ${entry.id} does not cite a ${entry.sourcePrefix} source`);
  }
  for (const { key, text } of catalogueContraindicationLists(markdown)) {
    const list = content.contraindications.find((l) => l.catalogueKey === key);
    if (!list) {
      gaps.push(`list ${key} is missing`);
      continue;
    }
    if (!list.sources.some((s) => s.startsWith(`${key.slice(0, 3)}_`)))
      gaps.push(`list ${key} does not cite its source`);
    const refs = list.items.map((i) => i.catalogueRef ?? '').filter((r) => r.length > 0);
    for (const phrase of phrases(text))
      if (!refs.some((r) => r.includes(phrase) || phrase.includes(r)))
        gaps.push(`list ${key}: phrase "${phrase}" has no item`);
    for (const ref of refs)
      if (!text.includes(ref)) gaps.push(`list ${key}: item ref "${ref}" is not in the catalogue`);
  }
  const avoid = content.contraindications.find((l) => l.catalogueKey === 'Areas to avoid');
  if (!avoid) gaps.push('list Areas to avoid is missing');
  for (const row of catalogueAvoidRows(markdown)) {
    const item = avoid?.items.find((i) => i.catalogueRef === row.area);
    if (!avoid) continue;
    if (!item) gaps.push(`area to avoid "${row.area}" has no item`);
    else {
      if (item.zones.length === 0) gaps.push(`area to avoid "${row.area}" names no zone`);
      const prefixes = (item.sources ?? []).map((s) => s.slice(0, 3));
      if (prefixes.join() !== row.sources.join())
        gaps.push(`area to avoid "${row.area}" cites ${prefixes.join()} not ${row.sources.join()}`);
    }
  }
  return gaps;
}

// ---------------------------------------------------------------------------------------------

let data: ContentData;
let problems: string[];

beforeAll(async () => {
  const result = loadContent(await readContentFiles(ROOT));
  data = result.data;
  problems = result.problems.map(formatProblem);
});

describe('the catalogue parser', () => {
  it('finds the ten protocols, five contraindication lists and six areas to avoid', () => {
    expect(catalogueProtocols(CATALOGUE).map((p) => p.id)).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
      'P5',
      'P6',
      'P7',
      'P8',
      'P9',
      'P10',
    ]);
    expect(catalogueContraindicationLists(CATALOGUE).map((l) => l.key)).toEqual([
      '000',
      '002 (heels)',
      '002 (pregnancy)',
      '002 (children)',
      '002 (acupressure)',
    ]);
    expect(catalogueAvoidRows(CATALOGUE).map((r) => r.area)).toEqual([
      'the bunion itself (medial prominence of the 1st metatarsal head)',
      'vertebrae / spinous processes',
      'knee joint',
      'patella',
      'heel with open or purulent wounds',
      'legs with varicose veins',
    ]);
  });

  it('splits a bullet into its phrases', () => {
    expect(phrases('a; b, c. Caution: d, e.')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(phrases('from 1.5–2 months only')).toEqual(['from 1.5–2 months only']);
  });
});

describe('real content', () => {
  it('loads without any problem', () => {
    expect(problems).toEqual([]);
    expect(data.protocols).toHaveLength(10);
  });

  it('covers every protocol, contraindication list and area to avoid of the catalogue', () => {
    expect(coverageGaps(CATALOGUE, data)).toEqual([]);
    expect(data.protocols.map((p) => p.protocol.catalogueId)).toEqual(
      catalogueProtocols(CATALOGUE).map((p) => p.id),
    );
    expect(
      data.contraindications.find((l) => l.catalogueKey === 'Areas to avoid')?.protocols,
    ).toHaveLength(10);
  });

  it('the coverage check finds what is missing', () => {
    const without = <T>(items: readonly T[], drop: (t: T) => boolean) =>
      items.filter((t) => !drop(t));
    const lists = data.contraindications.map((l) =>
      l.catalogueKey === '002 (heels)'
        ? { ...l, items: without(l.items, (i) => i.id === 'tuberculosis') }
        : l,
    );
    const broken: ContentData = {
      ...data,
      protocols: without(data.protocols, (p) => p.protocol.catalogueId === 'P7').map((p) =>
        p.protocol.catalogueId === 'P9'
          ? { ...p, protocol: { ...p.protocol, sources: ['004_d764d654849c4dc0.txt'] } }
          : p,
      ),
      contraindications: without(lists, (l) => l.catalogueKey === '002 (acupressure)').map((l) =>
        l.catalogueKey === 'Areas to avoid'
          ? { ...l, items: without(l.items, (i) => i.id === 'patella') }
          : l,
      ),
    };
    expect(coverageGaps(CATALOGUE, broken)).toEqual([
      'protocol P7 is missing',
      'protocol P9 does not cite a 003 source',
      'list 002 (heels): phrase "tuberculosis" has no item',
      'list 002 (acupressure) is missing',
      'area to avoid "patella" has no item',
    ]);
  });

  it('marks the always-avoided zones of the catalogue as avoid zones', () => {
    const avoid = [...data.zones.values()].filter((z) => z.avoid).map((z) => z.id);
    expect(avoid.sort()).toEqual(['bunion', 'knee', 'patella', 'vertebrae']);
  });

  it('gives every protocol and step a known source, text, plain text, and a path to every touching step', () => {
    for (const { protocol } of data.protocols) {
      expect(protocol.sources.length).toBeGreaterThan(0);
      for (const step of protocol.steps) {
        const where = `${protocol.id} › ${step.id}`;
        expect(SOURCE_FILES.has(step.source), where).toBe(true);
        expect(protocol.sources, where).toContain(step.source);
        expect(step.text.en.length, where).toBeGreaterThan(10);
        expect(step.plain.en.length, where).toBeGreaterThan(5);
        if (!NON_TOUCH_TECHNIQUES.has(step.technique)) expect(step.path, where).toBeDefined();
      }
    }
  });

  it('keeps both versions where sources disagree on the direction of foot rubbing', () => {
    const notes = data.protocols
      .flatMap((p) => p.protocol.sourceNotes)
      .filter((n) => n.id === 'foot-rubbing-direction');
    expect(notes.length).toBeGreaterThanOrEqual(2);
    const variants = notes[0]?.variants ?? [];
    const sources = new Set(variants.map((v) => v.source.slice(0, 3)));
    expect([...sources].sort()).toEqual(['001', '002', '003']);
    // The steps named by the note really run in the stated directions.
    const stepOf = (protocolId: string, stepId: string | undefined) =>
      data.protocols
        .find((p) => p.protocol.id === protocolId)
        ?.protocol.steps.find((s) => s.id === stepId);
    const p3 = variants.find((v) => v.source.startsWith('001'));
    const p6 = variants.find((v) => v.protocol === 'p6-hallux-valgus-child-course');
    expect(stepOf(p3?.protocol ?? '', p3?.step)?.direction).toMatchObject({
      from: 'metatarsal_heads',
      to: 'heel_bottom',
    });
    expect(stepOf(p6?.protocol ?? '', p6?.step)?.direction?.from).toBe('heel_bottom');
  });

  it('has the course schedules of the sources', () => {
    const schedule = (cat: string) =>
      data.protocols.find((p) => p.protocol.catalogueId === cat)?.protocol.schedule;
    expect(schedule('P3')).toMatchObject({
      frequency: 'daily',
      courseWeeks: { min: 2, max: 2 },
      breakWeeks: { min: 3, max: 4 },
    });
    expect(schedule('P5')).toMatchObject({
      frequency: 'every_other_day',
      courseSessions: { min: 12 },
    });
    expect(schedule('P6')).toMatchObject({
      frequency: 'daily',
      courseSessions: { min: 15, max: 20 },
      breakWeeks: { min: 2, max: 4 },
    });
    expect(schedule('P8')).toMatchObject({ frequency: 'evenings' });
  });

  it('animates toe exercises with toe morph targets', () => {
    const exercises = data.protocols
      .flatMap((p) => p.protocol.steps)
      .filter((s) => s.technique === 'active_exercise' && s.morph);
    expect(exercises.length).toBeGreaterThanOrEqual(6);
    const targets = new Set(exercises.flatMap((s) => s.morph?.tracks.map((t) => t.target) ?? []));
    expect([...targets].sort()).toEqual(['toes_extend', 'toes_flex', 'toes_spread']);
  });
});

describe('exported JSON Schema and locales', () => {
  it('content/schema.json is the current export of the zod schema', () => {
    expect(readFileSync(join(ROOT, 'content/schema.json'), 'utf8')).toBe(schemaText());
    expect(schemaText()).toBe(schemaText()); // deterministic
    const schema = contentJsonSchema();
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.$defs as object)).toContain('contraindications');
  });

  it('every protocol file points at the schema', async () => {
    const files = (await readContentFiles(ROOT)).filter((f) =>
      f.path.startsWith('content/protocols/'),
    );
    expect(files).toHaveLength(10);
    for (const f of files)
      expect((JSON.parse(f.text) as { $schema?: string }).$schema, f.path).toBe('../schema.json');
  });

  it('ru.json has exactly the keys of en.json, ready for translation', () => {
    const en = data.locales.get('en') ?? {};
    const ru = data.locales.get('ru') ?? {};
    expect(Object.keys(en).length).toBeGreaterThan(20);
    // Plural families aside: each language has its own forms (checked by the loader).
    const plain = (t: object) =>
      Object.keys(t)
        .filter((k) => !/_(zero|one|two|few|many|other)$/.test(k))
        .sort();
    expect(plain(ru)).toEqual(plain(en));
    for (const key of Object.keys(en).filter((k) => k.endsWith('_other'))) {
      const base = key.slice(0, -'_other'.length);
      for (const category of new Intl.PluralRules('ru').resolvedOptions().pluralCategories)
        expect(ru).toHaveProperty([`${base}_${category}`]);
    }
  });
});

describe('check:content on the real models', () => {
  it('finds no problem: no path sample on or near an avoid zone, all landmarks present', async () => {
    const result = await runCheck({ root: ROOT });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.lines[0]).toMatch(
      /^content OK: 10 protocols, \d+ steps, \d+ paths .* models\/body-adult\.glb and models\/body-child\.glb in \d+ ms$/,
    );
  });
});
