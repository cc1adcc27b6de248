/**
 * The loader and checker on broken inputs (tests/fixtures/content/): every problem is reported with
 * its exact `file › json path › reason` line, all at once, and valid content loads with none.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../scripts/check-content.ts';
import { parseJson } from '../../src/content/jsonError.ts';
import { loadContent, pathEnds, type ContentFile } from '../../src/content/load.ts';
import { fillTemplate, message } from '../../src/content/messages.ts';
import { formatJsonPath, formatProblem } from '../../src/content/problems.ts';
import { checkModel, type BodyKind, type ModelInput } from '../../src/domain/checkModel.ts';
import { syntheticBody } from '../fixtures/content/syntheticBody.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'tests/fixtures/content');

const real = (path: string): ContentFile => ({
  path,
  text: readFileSync(join(ROOT, path), 'utf8'),
});
const fixtureProtocol = (name: string): ContentFile => ({
  path: `content/protocols/${name}.json`,
  text: readFileSync(join(FIXTURES, 'protocols', `${name}.json`), 'utf8'),
});
const catalogues = (): ContentFile[] => [
  real('content/zones.json'),
  real('content/landmarks.json'),
  {
    path: 'content/contraindications.json',
    text: readFileSync(join(FIXTURES, 'contraindications.json'), 'utf8'),
  },
];
const load = (...names: string[]) => loadContent([...catalogues(), ...names.map(fixtureProtocol)]);
const lines = (...names: string[]) => load(...names).problems.map(formatProblem);

const adultModel = (): ReadonlyMap<BodyKind, ModelInput> =>
  new Map([['adult', { file: 'models/body-adult.glb', body: syntheticBody() }]]);

describe('loader: valid content', () => {
  it('loads a valid protocol with no problem and gives typed objects', () => {
    const { data, problems } = load('fixture-valid');
    expect(problems).toEqual([]);
    expect(data.protocols.map((p) => p.protocol.id)).toEqual(['fixture-valid']);
    expect(data.protocols[0]?.file).toBe('content/protocols/fixture-valid.json');
    expect(data.protocols[0]?.protocol.steps[0]?.path).toEqual({
      kind: 'line',
      from: 'arch_center',
      to: 'sole_center',
    });
    expect(data.zones.get('bunion')?.avoid).not.toBeNull();
    expect(data.landmarks.get('first_mtp_center')?.bilateral).toBe(true);
    expect(data.contraindications.map((l) => l.id)).toEqual(['fixture-list']);
  });

  it('passes the model check on the synthetic body', () => {
    const result = checkModel(load('fixture-valid').data, adultModel());
    expect(result.problems).toEqual([]);
    expect(result.paths).toBe(1);
    expect(result.samples).toBeGreaterThan(10);
  });
});

describe('loader: broken files', () => {
  it('reports bad JSON with file, line and column', () => {
    expect(lines('bad-json')).toEqual([
      'content/protocols/bad-json.json › $ › invalid JSON (line 4, column 1): trailing comma before "}"',
    ]);
  });

  it('reports wrong types', () => {
    expect(lines('wrong-types')).toEqual([
      'content/protocols/wrong-types.json › catalogueId › expected string, got number',
      'content/protocols/wrong-types.json › steps[0].zones › expected array, got string',
      'content/protocols/wrong-types.json › steps[0].intensity › expected one of "light" | "moderate" | "vigorous", got "hard"',
      'content/protocols/wrong-types.json › steps[0].durationS › expected number, got string',
      'content/protocols/wrong-types.json › steps[0].repetitions › must be a whole number',
    ]);
  });

  it('reports an unknown zone and a step on an avoid zone', () => {
    expect(lines('unknown-zone')).toEqual([
      'content/protocols/unknown-zone.json › steps[0].zones[1] › unknown zone "toe9"',
      'content/protocols/unknown-zone.json › steps[0].zones[2] › zone "bunion" must not be massaged: The bony prominence itself is never massaged: work around the lump, not on it (source 000).',
    ]);
  });

  it('reports an unknown landmark and an unknown path kind', () => {
    expect(lines('unknown-landmark')).toEqual([
      'content/protocols/unknown-landmark.json › steps[1].path.kind › unknown path kind "wiggle", expected one of "line" | "circles" | "spiral" | "figure_eight" | "zigzag" | "points" | "each_toe" | "fan"',
      'content/protocols/unknown-landmark.json › steps[0].path.center › unknown landmark "foo"',
    ]);
  });

  it('reports a missing, an unknown and an unlisted source', () => {
    expect(lines('missing-source')).toEqual([
      'content/protocols/missing-source.json › steps[0].source › missing required field',
      'content/protocols/missing-source.json › steps[1].source › unknown source "999_0000000000000000.txt"',
      'content/protocols/missing-source.json › steps[2].source › source "002_20e48305e7c8a700.txt" is not in the protocol\'s sources',
    ]);
  });

  it('reports a step without text, with empty text, and an unknown locale key', () => {
    expect(lines('no-text')).toEqual([
      'content/protocols/no-text.json › steps[0].text › missing required field',
      'content/protocols/no-text.json › steps[1].text.en › must not be empty',
      'content/protocols/no-text.json › steps[2].plain.fr › unknown key "fr"',
    ]);
  });

  it('reports a direction that disagrees with the path', () => {
    expect(lines('reversed-direction')).toEqual([
      'content/protocols/reversed-direction.json › steps[0].direction › direction runs from "sole_center" to "arch_center" but the path runs from "arch_center" to "sole_center"',
    ]);
  });

  it('knows where each kind of path starts and ends', () => {
    expect(pathEnds({ kind: 'line', from: 'a', to: 'b', via: ['c'] })).toEqual({
      from: 'a',
      to: ['b'],
    });
    expect(
      pathEnds({ kind: 'spiral', along: ['a', 'b'], radiusMm: 5, turns: 1, clockwise: true }),
    ).toEqual({ from: 'a', to: ['b'] });
    expect(pathEnds({ kind: 'zigzag', along: ['a', 'b'], widthMm: 5, segments: 4 })).toEqual({
      from: 'a',
      to: ['b'],
    });
    expect(pathEnds({ kind: 'figure_eight', a: 'a', b: 'b', widthMm: 5, loops: 1 })).toEqual({
      from: 'a',
      to: ['b'],
    });
    expect(pathEnds({ kind: 'fan', from: 'a', to: ['b', 'c'] })).toEqual({
      from: 'a',
      to: ['b', 'c'],
    });
    expect(pathEnds({ kind: 'each_toe', order: 'little_to_big', segment: 'tip' })).toEqual({
      from: 'toe5_tip',
      to: ['toe1_tip'],
    });
    expect(
      pathEnds({ kind: 'each_toe', order: 'big_to_little', segment: 'base_to_tip' }),
    ).toBeNull();
    expect(
      pathEnds({ kind: 'circles', center: 'a', radiusMm: 5, turns: 1, clockwise: true }),
    ).toBeNull();
    expect(pathEnds({ kind: 'points', at: ['a'] })).toBeNull();
  });

  it('reports all problems of all files at once and still loads the valid ones', () => {
    const { data, problems } = load('bad-json', 'wrong-types', 'fixture-valid', 'no-text');
    expect(problems.map((p) => p.file)).toEqual([
      'content/protocols/bad-json.json',
      ...Array<string>(5).fill('content/protocols/wrong-types.json'),
      ...Array<string>(3).fill('content/protocols/no-text.json'),
    ]);
    expect(data.protocols.map((p) => p.protocol.id)).toEqual(['fixture-valid']);
  });

  it('never throws, whatever the input', () => {
    const inputs = [
      'null',
      '[]',
      '"x"',
      '['.repeat(200_000),
      '{"steps": [null, 3, {"id": 5}], "sources": [1]}',
      '\u0000',
    ];
    for (const text of inputs) {
      const result = loadContent([...catalogues(), { path: 'content/protocols/x.json', text }]);
      expect(result.problems.length, text.slice(0, 20)).toBeGreaterThan(0);
      expect(result.data.protocols).toEqual([]);
    }
  });

  it('reports a missing catalogue, an unknown file and a file whose id differs from its name', () => {
    const valid = fixtureProtocol('fixture-valid');
    const result = loadContent([
      real('content/landmarks.json'),
      { path: 'content/contraindications.json', text: '{"version":1,"lists":[]}' },
      { path: 'content/protocols/renamed.json', text: valid.text },
      { path: 'content/notes.json', text: '{}' },
    ]);
    expect(result.problems.map(formatProblem)).toEqual([
      'content/notes.json › $ › not a known content file (expected zones.json, landmarks.json, contraindications.json, protocols/*.json or locales/*.json)',
      'content/zones.json › $ › required file is missing',
      'content/protocols/renamed.json › id › id "fixture-valid" does not match the file name "renamed.json"',
      'content/contraindications.json › lists › needs at least 1 items',
    ]);
  });

  it('reports a locale file with missing or extra keys', () => {
    const result = loadContent([
      ...catalogues(),
      { path: 'content/locales/en.json', text: '{"a.b": "A", "c": "C"}' },
      { path: 'content/locales/ru.json', text: '{"a.b": "", "d": ""}' },
    ]);
    expect(result.problems.map(formatProblem)).toEqual([
      'content/locales/ru.json › c › missing key "c" (present in en.json)',
      'content/locales/ru.json › d › key "d" is not in en.json',
    ]);
  });

  it('asks each locale for the plural forms of its own language', () => {
    const en = '{"n_one": "{count} time", "n_other": "{count} times"}';
    const forms = (ru: string) =>
      loadContent([
        ...catalogues(),
        { path: 'content/locales/en.json', text: en },
        { path: 'content/locales/ru.json', text: ru },
      ]).problems.map(formatProblem);
    expect(forms('{"n_one": "", "n_few": "", "n_many": "", "n_other": ""}')).toEqual([]);
    expect(forms('{"n_one": "", "n_other": ""}')).toEqual([
      'content/locales/ru.json › n_few › missing key "n_few" (present in en.json)',
      'content/locales/ru.json › n_many › missing key "n_many" (present in en.json)',
    ]);
    expect(forms('{"n_one": "", "n_two": "", "n_few": "", "n_many": "", "n_other": ""}')).toEqual([
      'content/locales/ru.json › n_two › key "n_two" is not in en.json',
    ]);
  });
});

describe('loader: variations of the valid fixture', () => {
  type Json = Record<string, unknown>;
  const variant = (id: string, change: (p: Json & { steps: Json[] }) => void): ContentFile => {
    const p = JSON.parse(fixtureProtocol('fixture-valid').text) as Json & { steps: Json[] };
    p.id = id;
    change(p);
    return { path: `content/protocols/${id}.json`, text: JSON.stringify(p) };
  };
  const problemsOf = (...files: ContentFile[]) =>
    loadContent([...catalogues(), ...files]).problems.map(formatProblem);

  it('enforces length limits and rejects unknown keys', () => {
    expect(
      problemsOf(
        variant('limits', (p) => {
          p.title = { en: 'x'.repeat(161) };
          p.extra = true;
          p.steps[0].text = { en: 'y'.repeat(1201) };
        }),
      ),
    ).toEqual([
      'content/protocols/limits.json › title.en › must have at most 160 characters',
      'content/protocols/limits.json › steps[0].text.en › must have at most 1200 characters',
      'content/protocols/limits.json › extra › unknown key "extra"',
    ]);
  });

  it('requires a path and zones on touching steps, a dose on all but care steps', () => {
    expect(
      problemsOf(
        variant('rules', (p) => {
          const step = p.steps[0];
          delete step.path;
          step.zones = [];
          delete step.durationS;
        }),
      ),
    ).toEqual([
      'content/protocols/rules.json › steps[0].path › a rubbing step touches the body and needs a path',
      'content/protocols/rules.json › steps[0].zones › a rubbing step touches the body and needs at least one zone',
      'content/protocols/rules.json › steps[0].durationS › needs durationS or repetitions',
    ]);
  });

  it('checks ids, ranges, references to lists and source notes', () => {
    const note = (text: string) => ({
      id: 'shared-note',
      topic: { en: 'Topic' },
      variants: [
        {
          source: '000_cf6d817cf74adffa.txt',
          protocol: 'notes-a',
          step: 'sole-line',
          text: { en: text },
        },
        {
          source: '000_cf6d817cf74adffa.txt',
          protocol: 'notes-b',
          step: 'no-such-step',
          text: { en: 'B' },
        },
      ],
    });
    expect(
      problemsOf(
        variant('notes-a', (p) => {
          p.sourceNotes = [note('A')];
          p.contraindications = ['fixture-list'];
          p.steps.push({ ...p.steps[0] });
          p.schedule = {
            frequency: 'daily',
            breakWeeks: { min: 4, max: 2 },
            load: 'steady',
            notes: [],
            source: '000_cf6d817cf74adffa.txt',
          };
        }),
        variant('notes-b', (p) => {
          p.sourceNotes = [note('A, said differently')];
        }),
      ),
    ).toEqual([
      'content/protocols/notes-a.json › schedule.breakWeeks › min 4 is greater than max 2',
      'content/protocols/notes-a.json › steps[2].id › duplicate id "sole-line"',
      'content/protocols/notes-a.json › contraindications[0] › protocol "notes-a" lists "fixture-list" but the list does not name the protocol',
      'content/protocols/notes-a.json › sourceNotes[0].variants[1].step › unknown step "no-such-step" in protocol "notes-b"',
      'content/protocols/notes-b.json › sourceNotes[0].variants[1].step › unknown step "no-such-step" in protocol "notes-b"',
      'content/protocols/notes-b.json › sourceNotes[0] › source note "shared-note" differs from the one in content/protocols/notes-a.json',
    ]);
  });

  it('checks contraindication items and the protocols a list names', () => {
    const ci = JSON.parse(readFileSync(join(FIXTURES, 'contraindications.json'), 'utf8')) as {
      lists: [{ protocols: string[]; items: Json[] }];
    };
    const [list] = ci.lists;
    list.protocols = ['fixture-valid', 'ghost'];
    list.items.push(
      { ...list.items[0], id: 'no_zones', zones: [] },
      { ...list.items[0], id: 'no_tech', effect: 'avoid_techniques' },
    );
    const result = loadContent([
      real('content/zones.json'),
      real('content/landmarks.json'),
      { path: 'content/contraindications.json', text: JSON.stringify(ci) },
      fixtureProtocol('fixture-valid'),
    ]);
    expect(result.problems.map(formatProblem)).toEqual([
      'content/contraindications.json › lists[0].protocols[1] › unknown protocol "ghost"',
      'content/contraindications.json › lists[0].items[1].zones › an item that avoids zones must name them',
      'content/contraindications.json › lists[0].items[2].techniques › an item that avoids techniques must name them',
      'content/contraindications.json › lists[0].protocols[0] › the list names protocol "fixture-valid" but the protocol does not list it',
    ]);
  });

  it('needs each caution to name its source or to be the app’s own, never both', () => {
    expect(
      problemsOf(
        variant('origins', (p) => {
          p.cautions = [
            { text: { en: 'Said by nobody.' } },
            { text: { en: 'Own and sourced.' }, own: true, source: '000_cf6d817cf74adffa.txt' },
            { text: { en: 'The app suggests it.' }, own: true },
          ];
          p.steps[0].cautions = [{ text: { en: 'No origin.' } }];
        }),
      ),
    ).toEqual([
      'content/protocols/origins.json › cautions[0].source › needs the source that says it, or "own": true for the app\'s own suggestion',
      'content/protocols/origins.json › cautions[1].source › the app\'s own suggestion ("own": true) names no source',
      'content/protocols/origins.json › steps[0].cautions[0].source › needs the source that says it, or "own": true for the app\'s own suggestion',
    ]);
  });

  it('checks the steps a source disagreement touches', () => {
    expect(
      problemsOf(
        variant('touches', (p) => {
          p.sourceNotes = [
            {
              id: 'a-note',
              topic: { en: 'Topic' },
              variants: [
                { source: '000_cf6d817cf74adffa.txt', protocol: 'touches', text: { en: 'A' } },
                { source: '001_1c2aad9468444d57.txt', step: 'lonely', text: { en: 'B' } },
              ],
              touches: [{ protocol: 'touches', step: 'ghost-step' }, { protocol: 'ghost' }],
              appChoice: { en: 'The app shows both.' },
            },
          ];
        }),
      ),
    ).toEqual([
      'content/protocols/touches.json › sourceNotes[0].variants[1].step › a step needs the protocol it belongs to',
      'content/protocols/touches.json › sourceNotes[0].touches[0].step › unknown step "ghost-step" in protocol "touches"',
      'content/protocols/touches.json › sourceNotes[0].touches[1].protocol › unknown protocol "ghost"',
    ]);
  });

  it('checks the conditions a person ticks and the rules that hang on them', () => {
    const ci = JSON.parse(readFileSync(join(FIXTURES, 'contraindications.json'), 'utf8')) as {
      conditions: Json[];
      lists: (Json & { items: Json[] })[];
    };
    ci.conditions.push(
      { id: 'varicose_veins', label: { en: 'Again' }, group: 'vessels' },
      { id: 'stage', label: { en: 'A stage' }, group: 'pregnancy', parent: 'nobody' },
      { id: 'unused', label: { en: 'Unused' }, group: 'illness' },
    );
    const [list] = ci.lists;
    list.items.push(
      { ...list.items[0], id: 'ghost_rule', when: ['ghost'] },
      { ...list.items[0], id: 'no_when', effect: 'no_massage', zones: [], when: undefined },
      { ...list.items[0], id: 'no_steps', effect: 'avoid_steps', zones: [] },
      { ...list.items[0], id: 'staged', when: ['stage'] },
    );
    ci.lists.push({ ...list, id: 'own-list', own: true, items: [list.items[0]] });
    ci.lists.push({ ...list, id: 'unsourced', sources: [], items: [list.items[0]] });
    const result = loadContent([
      real('content/zones.json'),
      real('content/landmarks.json'),
      { path: 'content/contraindications.json', text: JSON.stringify(ci) },
    ]);
    expect(result.problems.map(formatProblem)).toEqual([
      'content/contraindications.json › conditions[1].id › duplicate id "varicose_veins"',
      'content/contraindications.json › conditions[2].parent › unknown condition "nobody"',
      'content/contraindications.json › lists[0].items[1].when[0] › unknown condition "ghost"',
      'content/contraindications.json › lists[0].items[2].when › a rule needs the conditions it hangs on ("when"); only areas no one massages and risks of massage stand alone',
      'content/contraindications.json › lists[0].items[3].steps › an item that leaves out steps must say which ("steps")',
      'content/contraindications.json › lists[1].sources › the app\'s own list ("own": true) cites no source',
      'content/contraindications.json › lists[2].sources › a list needs the sources that say it, or "own": true',
      'content/contraindications.json › conditions[3].id › condition "unused" rules nothing out: no item names it in "when"',
    ]);
  });
});

describe('model check: paths against avoid zones', () => {
  it('reports a path over the bunion and a path too close to it, not a clear one', () => {
    const { data, problems } = load('over-bunion');
    expect(problems).toEqual([]);
    const result = checkModel(data, adultModel());
    expect(result.problems.map(formatProblem)).toEqual([
      'content/protocols/over-bunion.json › steps[0].path › sample 18 of 41 (left) lands on avoid zone "bunion"',
      'content/protocols/over-bunion.json › steps[1].path › sample 20 of 41 (left) is 5.9 mm from avoid zone "bunion" (margin 8 mm)',
    ]);
    expect(result.paths).toBe(3);
  });

  it("reports a path that lands mostly outside the step's zones", () => {
    const { data, problems } = load('off-zone');
    expect(problems).toEqual([]);
    expect(checkModel(data, adultModel()).problems.map(formatProblem)).toEqual([
      'content/protocols/off-zone.json › steps[0].zones › only 0% of the path samples land on the step\'s zones (heel); 100% land on "sole"',
    ]);
    expect(checkModel(data, adultModel(), { minOnZones: 0 }).problems).toEqual([]);
  });

  it('checks again with the deformity at its worst', () => {
    const { data, problems } = load('severe-only');
    expect(problems).toEqual([]);
    expect(checkModel(data, adultModel()).problems.map(formatProblem)).toEqual([
      'content/protocols/severe-only.json › steps[0].path › sample 10 of 21 (left, with hallux_valgus 1, flat_foot 1) is 5.9 mm from avoid zone "bunion" (margin 8 mm)',
    ]);
    expect(checkModel(data, adultModel(), { extraMorphs: [] }).problems).toEqual([]);
  });

  it('uses the margin it is given', () => {
    const result = checkModel(load('over-bunion').data, adultModel(), {
      marginM: 0.005,
      extraMorphs: [],
    });
    expect(result.problems.map((p) => p.path)).toEqual(['steps[0].path']);
  });

  it('reports a landmark that the model lacks, for the side that lacks it', () => {
    const body = syntheticBody();
    const landmarks = new Map(body.landmarks);
    landmarks.delete('sole_center.R');
    const models = new Map([
      ['adult' as const, { file: 'models/body-adult.glb', body: { ...body, landmarks } }],
    ]);
    const result = checkModel(load('over-bunion').data, models);
    expect(result.problems.map(formatProblem)).toContain(
      'content/protocols/over-bunion.json › steps[2].path.to › landmark "sole_center.R" is not in the model',
    );
  });

  it('checks paths on the body with the protocol morphs applied', () => {
    const { data } = load('fixture-valid');
    const morphed = {
      ...data,
      protocols: data.protocols.map((p) => ({
        ...p,
        protocol: { ...p.protocol, bodyMorphs: { flat_foot: 1 } },
      })),
    };
    expect(morphed.protocols).toHaveLength(1);
    // The fixture's flat_foot lifts skin and landmarks alike, so the path stays clean.
    expect(checkModel(morphed, adultModel()).problems).toEqual([]);
  });
});

describe('check:content end to end', () => {
  it('prints every problem and exits 1, including a missing model', async () => {
    const root = mkdtempSync(join(tmpdir(), 'footwork-check-'));
    try {
      const result = await runCheck({
        root,
        files: [...catalogues(), fixtureProtocol('fixture-valid'), fixtureProtocol('no-text')],
        checkSchemaFile: false,
      });
      expect(result.exitCode).toBe(1);
      expect(result.lines).toEqual([
        'content/protocols/no-text.json › steps[0].text › missing required field',
        'content/protocols/no-text.json › steps[1].text.en › must not be empty',
        'content/protocols/no-text.json › steps[2].plain.fr › unknown key "fr"',
        'models/body-adult.glb › $ › model file missing — build it with npm run build:model',
        '4 problem(s) found',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('prints a one-line summary and exits 0 when clean', async () => {
    const result = await runCheck({
      root: FIXTURES,
      files: [...catalogues(), fixtureProtocol('fixture-valid')],
      readBody: () => Promise.resolve(syntheticBody()),
      exists: () => true,
      checkSchemaFile: false,
    });
    expect(result.exitCode).toBe(0);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(
      /^content OK: 1 protocols, 2 steps, 1 paths \(\d+ samples\), 1 contraindication lists, checked against models\/body-adult\.glb in \d+ ms$/,
    );
  });

  it('reports a model that cannot be read', async () => {
    const result = await runCheck({
      root: FIXTURES,
      files: [...catalogues(), fixtureProtocol('fixture-valid')],
      readBody: () => Promise.reject(new Error('bad glTF header')),
      exists: () => true,
      checkSchemaFile: false,
    });
    expect(result.lines).toEqual([
      'models/body-adult.glb › $ › model file cannot be read: bad glTF header',
      '1 problem(s) found',
    ]);
  });
});

describe('helpers', () => {
  it('formats JSON paths', () => {
    expect(formatJsonPath([])).toBe('$');
    expect(formatJsonPath(['steps', 2, 'path', 'center'])).toBe('steps[2].path.center');
    expect(formatJsonPath(['problem.json.invalid'])).toBe('["problem.json.invalid"]');
    expect(formatJsonPath([0, 'a'])).toBe('[0].a');
  });

  it('locates JSON syntax errors independently of the engine', () => {
    expect(parseJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJson('\uFEFF[1]')).toEqual({ ok: true, value: [1] });
    const error = (text: string) => {
      const r = parseJson(text);
      return r.ok ? null : r.error;
    };
    expect(error('')).toEqual({
      line: 1,
      column: 1,
      reason: 'unexpected end of input, expected a value',
    });
    expect(error('{"a": }')).toEqual({
      line: 1,
      column: 7,
      reason: 'unexpected character "}", expected a value',
    });
    expect(error('{\n  "a": 1\n  "b": 2}')).toEqual({
      line: 3,
      column: 3,
      reason: 'unexpected character "\\"", expected "," or "}"',
    });
    expect(error('[1, 2,]')).toEqual({ line: 1, column: 7, reason: 'trailing comma before "]"' });
    expect(error('{"a": "x\ny"}')).toEqual({
      line: 1,
      column: 9,
      reason: 'unexpected line break in string',
    });
    expect(error('{"a": 1} x')).toEqual({
      line: 1,
      column: 10,
      reason: 'unexpected character "x", expected end of input',
    });
    expect(error('{a: 1}')).toEqual({
      line: 1,
      column: 2,
      reason: 'unexpected character "a", expected a property name in double quotes',
    });
    expect(error('"abc')).toEqual({ line: 1, column: 5, reason: 'unterminated string' });
    expect(error('tru')).toEqual({
      line: 1,
      column: 1,
      reason: 'unexpected character "t", expected a value',
    });
    expect(error('['.repeat(200_000))).toEqual({ line: 1, column: 1, reason: 'nested too deeply' });
  });

  it('fills message templates and falls back to English for empty translations', () => {
    expect(fillTemplate('a {x} b {y}', { x: 1 })).toBe('a 1 b {y}');
    expect(message('problem.ref.unknownZone', { id: 'z' }, { 'problem.ref.unknownZone': '' })).toBe(
      'unknown zone "z"',
    );
    expect(
      message(
        'problem.ref.unknownZone',
        { id: 'z' },
        { 'problem.ref.unknownZone': 'неизвестная зона «{id}»' },
      ),
    ).toBe('неизвестная зона «z»');
  });
});
