/**
 * The real content: it loads without a single problem, covers every protocol, contraindication
 * list and area to avoid that the sources contain (the project's own record of them,
 * tests/fixtures/catalogue.ts), and its exported JSON Schema and locale files are in step with the
 * code.
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
import { directionSenses } from '../../src/domain/checkDirection.ts';
import {
  CATALOGUE_AVOID_AREAS,
  CATALOGUE_LISTS,
  CATALOGUE_PROTOCOLS,
  type CatalogueAvoidArea,
  type CatalogueList,
  type CatalogueProtocol,
} from '../fixtures/catalogue.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Catalogue {
  readonly protocols: readonly CatalogueProtocol[];
  readonly lists: readonly CatalogueList[];
  readonly avoid: readonly CatalogueAvoidArea[];
}
const CATALOGUE: Catalogue = {
  protocols: CATALOGUE_PROTOCOLS,
  lists: CATALOGUE_LISTS,
  avoid: CATALOGUE_AVOID_AREAS,
};

/** Whether an item's catalogue reference stands for a phrase (the same words, or part of them). */
const refMatches = (ref: string, phrase: string) => ref.includes(phrase) || phrase.includes(ref);

/**
 * What the content lacks compared with the catalogue: protocols (each citing its source file),
 * contraindication lists (each phrase covered by an item, no item claiming a phrase the catalogue
 * lacks) and the areas to avoid (with their sources and zones).
 */
function coverageGaps(catalogue: Catalogue, content: ContentData): string[] {
  const gaps: string[] = [];
  for (const entry of catalogue.protocols) {
    const found = content.protocols.filter((lp) => lp.protocol.catalogueId === entry.id);
    if (found.length === 0) gaps.push(`protocol ${entry.id} is missing`);
    else if (found.length > 1) gaps.push(`protocol ${entry.id} appears ${found.length} times`);
    else if (!found[0]?.protocol.sources.some((s) => s.startsWith(`${entry.source}_`)))
      gaps.push(`protocol ${entry.id} does not cite a ${entry.source} source`);
  }
  for (const { key, phrases } of catalogue.lists) {
    const list = content.contraindications.find((l) => l.catalogueKey === key);
    if (!list) {
      gaps.push(`list ${key} is missing`);
      continue;
    }
    if (!list.sources.some((s) => s.startsWith(`${key.slice(0, 3)}_`)))
      gaps.push(`list ${key} does not cite its source`);
    const refs = list.items.map((i) => i.catalogueRef ?? '').filter((r) => r.length > 0);
    for (const phrase of phrases)
      if (!refs.some((r) => refMatches(r, phrase)))
        gaps.push(`list ${key}: phrase "${phrase}" has no item`);
    for (const ref of refs)
      if (!ref.split(', ').every((part) => phrases.some((p) => refMatches(part, p))))
        gaps.push(`list ${key}: item ref "${ref}" is not in the catalogue`);
  }
  const avoid = content.contraindications.find((l) => l.catalogueKey === 'Areas to avoid');
  if (!avoid) gaps.push('list Areas to avoid is missing');
  for (const row of catalogue.avoid) {
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

describe('the record of what the sources contain', () => {
  it('has the ten protocols, five contraindication lists and six areas to avoid', () => {
    expect(CATALOGUE.protocols.map((p) => p.id)).toEqual([
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
    expect(CATALOGUE.lists.map((l) => l.key)).toEqual([
      '000',
      '002 (heels)',
      '002 (pregnancy)',
      '002 (children)',
      '002 (acupressure)',
    ]);
    expect(CATALOGUE.avoid.map((r) => r.area)).toEqual([
      'the bunion itself (medial prominence of the 1st metatarsal head)',
      'vertebrae / spinous processes',
      'knee joint',
      'patella',
      'heel with open or purulent wounds',
      'legs with varicose veins',
    ]);
  });
});

describe('real content', () => {
  it('loads without any problem', () => {
    expect(problems).toEqual([]);
    expect(data.protocols).toHaveLength(10);
  });

  it('one broken protocol file does not take the protocols that share a source note with it', async () => {
    const files = (await readContentFiles(ROOT)).map((f) =>
      f.path.endsWith('/p1-hallux-valgus-adult-self.json')
        ? { ...f, text: f.text.replace('"catalogueId": "P1"', '"catalogueId": 1') }
        : f,
    );
    const result = loadContent(files);
    expect([...new Set(result.problems.map((p) => p.file))].sort()).toEqual([
      'content/contraindications.json',
      'content/protocols/p1-hallux-valgus-adult-self.json',
    ]);
    // P2, P3 and P6 carry the note on what "hallux valgus" means, which names a step of P1.
    expect(result.data.protocols.map((p) => p.protocol.catalogueId)).toEqual([
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
  });

  it('covers every protocol, contraindication list and area to avoid of the catalogue', () => {
    expect(coverageGaps(CATALOGUE, data)).toEqual([]);
    expect(data.protocols.map((p) => p.protocol.catalogueId)).toEqual(
      CATALOGUE.protocols.map((p) => p.id),
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
    expect([...sources].sort()).toEqual(['000', '001', '002', '003']);
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

  it('records every disagreement between the sources, each version with its source and what the app does', () => {
    const notes = new Map(
      data.protocols.flatMap((p) => p.protocol.sourceNotes.map((n) => [n.id, n])),
    );
    expect([...notes.keys()].sort()).toEqual([
      'back-stroke-direction',
      'child-intensity',
      'course-length',
      'foot-rubbing-direction',
      'hallux-valgus-term',
      'knee-in-valgus-legs',
      'starting-age',
      'who-may-massage-a-child',
    ]);
    for (const n of notes.values()) {
      expect(n.appChoice?.en.length ?? 0, n.id).toBeGreaterThan(20);
      expect(n.appChoice?.ru, n.id).toBeDefined();
      // Each version says whose it is.
      for (const v of n.variants) expect(v.text.en, n.id).toContain(v.source.slice(0, 3));
    }
    const sourcesOf = (id: string) =>
      [...new Set(notes.get(id)?.variants.map((v) => v.source.slice(0, 3)))].sort();
    expect(sourcesOf('knee-in-valgus-legs')).toEqual(['001', '002']);
    expect(sourcesOf('who-may-massage-a-child')).toEqual(['001', '002']);
    expect(notes.get('who-may-massage-a-child')?.variants).toHaveLength(3);
    expect(sourcesOf('starting-age')).toEqual(['001', '002']);
    expect(sourcesOf('hallux-valgus-term')).toEqual(['000', '001', '002']);
    // Every child protocol carries who may massage a child and from what age.
    for (const { protocol: p } of data.protocols.filter((l) => l.protocol.audience === 'child'))
      expect(
        p.sourceNotes.map((n) => n.id),
        p.id,
      ).toEqual(
        expect.arrayContaining(['who-may-massage-a-child', 'starting-age', 'hallux-valgus-term']),
      );
  });

  it("runs each stroke the way its source says (the project's record of the directions)", () => {
    // [catalogue id, step id, the way the source has it]
    const DIRECTIONS = [
      ['P2', 'thigh-back-stroke', 'up'], // 000: stroking upward from the knee
      ['P3', 'lower-leg-bottom-up', 'up'], // 001: lower leg bottom-up, with the lymph
      ['P3', 'bypass-patella-lateral-leg', 'up'], // 001: the whole lower leg bottom-up
      ['P3', 'foot-thumbs-toes-to-heel', 'toward_heel'], // 001: thumbs from the toes to the heel
      ['P3', 'foot-strictly-bottom-up', 'up'], // 001: the foot strictly bottom-up
      ['P4', 'stroke-lower-leg', 'up'], // 002: strokes from bottom to top
      ['P4', 'finish-stroke-lower', 'up'], // 002: from the toes up to the hips
      ['P5', 'foot-toes-to-heel', 'toward_heel'], // 002: the foot from the toes to the heel
      ['P6', 'back-stroke-buttocks-to-head', 'up'], // 002: from the buttocks to the head
      ['P6', 'foot-outer-edge-heel-to-toes', 'toward_toes'], // 002: edges from heel to toes
      ['P6', 'foot-inner-edge-heel-to-toes', 'toward_toes'],
      ['P8', 'prep-foot-shin-upward', 'up'], // 002: foot and shin from bottom to top
      ['P9', 'therapist-sole-heel-to-toes', 'toward_toes'], // 003: from the heel to the toes
    ] as const;
    for (const [cat, id, sense] of DIRECTIONS) {
      const step = data.protocols
        .find((p) => p.protocol.catalogueId === cat)
        ?.protocol.steps.find((s) => s.id === id);
      expect(directionSenses(step?.direction?.text.en ?? ''), `${cat} ${id}`).toContain(sense);
    }
  });

  it("shows the children's feet as flat-valgus feet, not as bunions", () => {
    for (const { protocol: p } of data.protocols.filter((l) => l.protocol.audience === 'child')) {
      expect(p.bodyMorphs?.hallux_valgus ?? 0, p.id).toBe(0);
      expect(p.conditions, p.id).not.toContain('hallux_valgus');
      expect(p.title.en.toLowerCase(), p.id).not.toContain('hallux');
      expect(p.title.ru ?? '', p.id).not.toContain('первого пальца');
      for (const step of p.steps)
        for (const c of step.cautions) expect(c.text.en, `${p.id} ${step.id}`).not.toMatch(/bump/);
    }
  });

  it("labels the cautions no source gives as the app's own, and credits the rest", () => {
    const all = data.protocols.flatMap(({ protocol: p }) => [
      ...p.cautions.map((c) => ({ where: p.id, c })),
      ...p.steps.flatMap((s) => s.cautions.map((c) => ({ where: `${p.id} ${s.id}`, c }))),
    ]);
    for (const { where, c } of all) expect(c.own === true, where).toBe(c.source === undefined);
    const own = (en: RegExp) => all.filter(({ c }) => en.test(c.text.en)).map(({ c }) => c.own);
    // Said by no source: testing the bath water, "not scalding", the knee in adult massage.
    expect(own(/Test the water/)).toEqual([true]);
    expect(own(/^Hot, not scalding/)).toEqual([true]);
    expect(own(/keeping it out of every protocol/)).toEqual([true, true]);
  });

  it('says the knee caution the right way round for a stroke going up', () => {
    for (const { protocol: p } of data.protocols)
      for (const s of p.steps)
        for (const c of s.cautions)
          if (/knee/i.test(c.text.en) && /stop/.test(c.text.en))
            expect(c.text.en, `${p.id} ${s.id}`).toMatch(/stop below it and start again above it/);
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
