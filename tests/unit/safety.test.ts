/**
 * The safety check on the real content: conditions a person ticks, what each rules out in each
 * protocol, and who says so.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { loadContent, type ContentData, type Protocol } from '../../src/content/index.ts';
import { SOURCE_FILES } from '../../src/content/sources.ts';
import {
  applicableSafety,
  checklistByStrength,
  checklistConditions,
  evaluateSafety,
  listApplies,
  scopeMatches,
  stepMatches,
  withParents,
  type ApplicableItem,
  type SafetyContent,
} from '../../src/domain/safety.ts';

let data: ContentData;
let content: SafetyContent;
let avoid: ReadonlySet<string>;

beforeAll(async () => {
  const result = loadContent(await readContentFiles(resolve(import.meta.dirname, '../..')));
  expect(result.problems).toEqual([]);
  data = result.data;
  content = {
    lists: data.contraindications,
    conditions: data.conditions,
    zoneGroup: (z) => data.zones.get(z)?.group,
  };
  avoid = new Set([...data.zones.values()].filter((z) => z.avoid !== null).map((z) => z.id));
});

function protocol(cat: string): Protocol {
  const p = data.protocols.find((l) => l.protocol.catalogueId === cat)?.protocol;
  if (!p) throw new Error(`no protocol ${cat}`);
  return p;
}

const keys = (items: readonly ApplicableItem[]) => items.map((e) => e.key);
const verdict = (cat: string, ...ticked: string[]) =>
  evaluateSafety(protocol(cat), content, avoid, new Set(ticked));
const offered = (cat: string) =>
  checklistConditions(applicableSafety(protocol(cat), content, avoid).checklist).map(
    (e) => e.condition.id,
  );
const rulesFor = (cat: string, condition: string) =>
  checklistConditions(applicableSafety(protocol(cat), content, avoid).checklist).find(
    (e) => e.condition.id === condition,
  )?.rules ?? [];
/** 1-based step numbers, the way the protocols are cited (P4-9 is the ninth step of P4). */
const stepNumbers = (skip: readonly number[]) => skip.map((i) => i + 1);

describe('which lists apply: by what the protocol does and for whom', () => {
  it('gives the valgus and bunion protocols 000’s list, whichever source they follow', () => {
    const with000 = data.protocols
      .filter(({ protocol: p }) =>
        listApplies(
          data.contraindications.find((l) => l.id === 'c000-plano-valgus') ??
            data.contraindications[0],
          p,
          content.zoneGroup,
        ),
      )
      .map((l) => l.protocol.catalogueId);
    expect(with000).toEqual(['P1', 'P2', 'P3', 'P6']);
  });

  it('gives every protocol that works on the feet or legs 002’s general list', () => {
    const heels = data.contraindications.find((l) => l.id === 'c002-heels');
    if (!heels) throw new Error('no c002-heels');
    expect(
      data.protocols
        .filter(({ protocol: p }) => listApplies(heels, p, content.zoneGroup))
        .map((l) => l.protocol.catalogueId),
    ).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9']);
  });

  it('offers pregnancy only for adults, and the baby only for children', () => {
    for (const { protocol: p } of data.protocols) {
      const ids = offered(p.catalogueId);
      expect(ids.includes('pregnant'), p.id).toBe(
        p.audience !== 'child' && p.id !== 'p10-plantar-pain-care',
      );
      expect(ids.includes('baby'), p.id).toBe(p.audience === 'child');
    }
  });

  it('P3 offers fever and infection, and the general conditions of 000', () => {
    const ids = offered('P3');
    for (const c of ['fever', 'infection', 'cancer', 'heart_vessel_disease', 'thrombophlebitis'])
      expect(ids, c).toContain(c);
    expect(verdict('P3', 'infection').skip).toHaveLength(protocol('P3').steps.length);
    expect(verdict('P3', 'fever').blockedBy.map((e) => e.own)).toEqual([true]);
    expect(rulesFor('P3', 'infection').map((e) => e.sources)).toEqual([
      ['002_20e48305e7c8a700.txt'],
    ]);
  });

  it('matches scopes on audience, conditions, zones touched, equipment and position', () => {
    const p8 = protocol('P8');
    const group = content.zoneGroup;
    expect(scopeMatches({}, p8, group)).toBe(true);
    expect(scopeMatches({ audience: ['child'] }, p8, group)).toBe(false);
    expect(scopeMatches({ conditions: ['heel_spur'] }, p8, group)).toBe(true);
    expect(scopeMatches({ notConditions: ['heel_spur'] }, p8, group)).toBe(false);
    expect(scopeMatches({ touches: ['trunk'] }, p8, group)).toBe(false);
    expect(scopeMatches({ touches: ['foot'] }, p8, group)).toBe(true);
    expect(scopeMatches({ equipment: ['vibration_massager'] }, p8, group)).toBe(true);
    expect(scopeMatches({ poses: ['prone'] }, p8, group)).toBe(false);
    // A step's own position counts: P8 ends standing on a mat.
    expect(scopeMatches({ poses: ['standing'] }, p8, group)).toBe(true);
    expect(scopeMatches({ audience: ['self'], touches: ['leg'] }, p8, group)).toBe(true);
  });
});

describe('conditions, not rules: what a ticked condition rules out', () => {
  it('nothing ticked: nothing blocked', () => {
    for (const { protocol: p } of data.protocols) {
      const v = evaluateSafety(p, content, avoid, new Set());
      expect(v, p.id).toMatchObject({ blockedBy: [], skip: [], avoidZones: [], warnings: [] });
    }
  });

  it('pregnancy leaves out tapping, patting, vibration, deep kneading and the electric massager', () => {
    expect(stepNumbers(verdict('P4', 'pregnant').skip)).toEqual([9, 10]);
    expect(stepNumbers(verdict('P5', 'pregnant').skip)).toEqual([4, 10]);
    expect(stepNumbers(verdict('P8', 'pregnant').skip)).toEqual([6]);
    // P1's light tapping of the foot (000 names tapping among its techniques).
    expect(stepNumbers(verdict('P1', 'pregnant').skip)).toEqual([7]);
    expect(verdict('P9', 'pregnant').skip).toEqual([]);
    // Acupressure is not for pregnant women (002): the toe presses are out altogether.
    expect(verdict('P7', 'pregnant').skip).toHaveLength(protocol('P7').steps.length);
    // And says so, naming the source.
    const rules = rulesFor('P4', 'pregnant').filter((r) => !r.own);
    const said = rules.map((r) => r.item.plain.en).join(' ');
    for (const word of ['tapping', 'patting', 'vibration', 'deep kneading', 'electric massagers'])
      expect(said).toContain(word);
    for (const r of rules) expect(r.sources).toEqual(['002_20e48305e7c8a700.txt']);
    expect(keys(verdict('P8', 'pregnant').stepBlocks.get(5) ?? [])).toEqual([
      'c002-pregnancy/no_vibration_energetic',
      'c002-pregnancy/no_electric_massagers',
    ]);
  });

  it('a stage of pregnancy implies pregnancy and rules the massage out', () => {
    expect(withParents(new Set(['pregnancy_first_trimester']), data.conditions)).toEqual(
      new Set(['pregnancy_first_trimester', 'pregnant']),
    );
    const v = verdict('P4', 'pregnancy_first_trimester');
    expect(keys(v.blockedBy)).toEqual(['c002-pregnancy/first_trimester']);
    expect(v.skip).toHaveLength(protocol('P4').steps.length);
    // In pregnancy, varicose veins rule the leg massage out too (002), not only the legs.
    expect(keys(verdict('P4', 'pregnant', 'varicose_veins').blockedBy)).toEqual([
      'c002-pregnancy/varicose_veins_pregnancy',
    ]);
  });

  it('varicose veins block P1 (000: no massage), and say so', () => {
    const v = verdict('P1', 'varicose_veins');
    expect(keys(v.blockedBy)).toEqual(['c000-plano-valgus/varicose_veins']);
    expect(v.blockedBy[0]?.sources).toEqual(['000_cf6d817cf74adffa.txt']);
    expect(v.skip).toHaveLength(protocol('P1').steps.length);
    for (const cat of ['P2', 'P3', 'P6'])
      expect(verdict(cat, 'varicose_veins').skip, cat).toHaveLength(protocol(cat).steps.length);
  });

  it('a severe or complicated bunion rules out P1’s self-massage (000), and only there', () => {
    expect(keys(verdict('P1', 'severe_bunion').blockedBy)).toEqual([
      'c000-plano-valgus/self_massage_severe',
    ]);
    for (const cat of ['P2', 'P3', 'P6']) expect(offered(cat), cat).not.toContain('severe_bunion');
  });

  it('where 000 does not speak, the softer reading of varicose veins is labelled the app’s own', () => {
    const v = verdict('P4', 'varicose_veins');
    expect(v.blockedBy).toEqual([]);
    // The legs are left out (the area to avoid, 000) …
    expect(v.avoidZones).toEqual(expect.arrayContaining(['calf', 'thigh_back']));
    expect(v.skip.length).toBeGreaterThan(0);
    // … and the warning that this is softer than 000 is the app's.
    expect(v.warnings.map((e) => [e.key, e.own])).toEqual([
      ['app-suggestions/varicose_softer_own', true],
    ]);
    // Hot foot baths and steaming go too (the app's suggestion).
    const p8 = verdict('P8', 'varicose_veins');
    expect(stepNumbers(p8.skip)).toContain(1);
    expect(keys(p8.stepBlocks.get(0) ?? [])).toEqual(['app-suggestions/varicose_heat_own']);
  });

  it('heel wounds skip exactly the steps on the heel and make the heel an avoid zone', () => {
    const v = verdict('P8', 'heel_wounds');
    expect(v.blockedBy).toEqual([]);
    expect(v.skip).toEqual([0, 1, 2, 4, 5, 6]);
    expect(v.avoidZones).toEqual(['heel']);
    // Two sources' items, one condition.
    expect(keys(v.avoidReasons.get('heel') ?? [])).toEqual([
      'c002-heels/heel_wounds',
      'avoid-areas/heel_open_wounds',
    ]);
  });

  it('a baby is the only age item for children: a certified specialist, or not at all (001)', () => {
    for (const cat of ['P2', 'P3', 'P6']) {
      const age = checklistConditions(applicableSafety(protocol(cat), content, avoid).checklist)
        .filter((e) => e.condition.group === 'age')
        .map((e) => e.condition.id);
      expect(age, cat).toEqual(['baby']);
    }
    expect(verdict('P2', 'baby').blockedBy.map((e) => e.item.effect)).toEqual(['specialist_only']);
    expect(
      verdict('P3', 'baby').blockedBy.map((e) => [e.item.effect, e.sources[0]?.slice(0, 3)]),
    ).toEqual([
      ['specialist_only', '002'],
      ['no_massage', '001'],
    ]);
  });

  it('warnings block nothing', () => {
    const v = verdict('P1', 'unstable_blood_pressure');
    expect(keys(v.warnings)).toEqual(['c000-plano-valgus/unstable_blood_pressure']);
    expect(v.skip).toEqual([]);
  });

  it('ignores ticks of conditions the protocol does not offer', () => {
    expect(offered('P10')).not.toContain('baby');
    expect(verdict('P10', 'baby').skip).toEqual([]);
  });

  it('for every protocol and condition: a blocker skips all, a step limit skips exactly its steps', () => {
    for (const { protocol: p } of data.protocols) {
      for (const e of checklistConditions(applicableSafety(p, content, avoid).checklist)) {
        const v = evaluateSafety(p, content, avoid, new Set([e.condition.id]));
        const alone = e.rules.filter((r) => r.with.length === 0);
        const label = `${p.id} ${e.condition.id}`;
        if (
          alone.some((r) => r.item.effect === 'no_massage' || r.item.effect === 'specialist_only')
        )
          expect(v.skip, label).toHaveLength(p.steps.length);
        else {
          const zones = alone.flatMap((r) => (r.item.effect === 'avoid_zones' ? r.item.zones : []));
          for (const [i, s] of p.steps.entries())
            if (s.zones.some((z) => zones.includes(z)))
              expect(v.skip, `${label} ${s.id}`).toContain(i);
        }
      }
    }
  });
});

describe('the checklist itself', () => {
  it('lists no condition twice, by id or by label, in any protocol', () => {
    for (const { protocol: p } of data.protocols) {
      const entries = checklistConditions(applicableSafety(p, content, avoid).checklist);
      const ids = entries.map((e) => e.condition.id);
      expect(new Set(ids).size, p.id).toBe(ids.length);
      for (const locale of ['en', 'ru'] as const) {
        const labels = entries.map((e) => e.condition.label[locale]?.toLowerCase());
        expect(new Set(labels).size, `${p.id} ${locale}`).toBe(labels.length);
      }
      expect(entries.length, p.id).toBeGreaterThan(0);
    }
  });

  it('credits every rule to the sources that say it, or labels it the app’s own', () => {
    for (const { protocol: p } of data.protocols) {
      const s = applicableSafety(p, content, avoid);
      for (const r of [
        ...checklistConditions(s.checklist).flatMap((e) => e.rules),
        ...s.always,
        ...s.notes,
      ]) {
        if (r.own) expect(r.sources, r.key).toEqual([]);
        else {
          expect(r.sources.length, r.key).toBeGreaterThan(0);
          for (const f of r.sources) expect(SOURCE_FILES.has(f), r.key).toBe(true);
        }
      }
    }
    // The knee is kept out after 001, which says it; no other source is credited for it.
    const knee = applicableSafety(protocol('P4'), content, avoid).always.find(
      (e) => e.item.id === 'knee',
    );
    expect(knee?.sources).toEqual(['001_1c2aad9468444d57.txt']);
  });

  it('shows only the areas a protocol comes near: no spine for a foot self-massage', () => {
    const always = (cat: string) =>
      applicableSafety(protocol(cat), content, avoid).always.map((e) => e.item.id);
    expect(always('P1')).toEqual(['bunion']);
    expect(always('P3')).toEqual(['vertebrae', 'knee', 'patella']);
  });

  it('sorts the conditions by what they do when ticked alone', () => {
    const b = checklistByStrength(applicableSafety(protocol('P8'), content, avoid));
    const ids = (list: readonly { condition: { id: string } }[]) => list.map((e) => e.condition.id);
    expect(ids(b.noMassage)).toContain('tuberculosis');
    expect(ids(b.noMassage)).not.toContain('varicose_veins');
    expect(ids(b.someSteps)).toEqual(
      expect.arrayContaining(['pregnant', 'varicose_veins', 'heel_wounds']),
    );
    expect(ids(b.care)).toContain('diabetes_or_numbness');
  });
});

describe('step matches', () => {
  const step = {
    zones: ['calf'],
    technique: 'kneading' as const,
    intensity: 'moderate' as const,
    intensityTo: 'vigorous' as const,
    tempo: { word: 'moderate' },
    equipment: ['massage_mitten'],
  };
  it('needs every field given to hold', () => {
    expect(stepMatches({ techniques: ['kneading'] }, step)).toBe(true);
    expect(stepMatches({ techniques: ['kneading'], minIntensity: 'vigorous' }, step)).toBe(true);
    expect(
      stepMatches(
        { techniques: ['kneading'], minIntensity: 'vigorous' },
        { ...step, intensityTo: undefined },
      ),
    ).toBe(false);
    expect(stepMatches({ techniques: ['tapping'] }, step)).toBe(false);
    expect(stepMatches({ equipment: ['vibration_massager'] }, step)).toBe(false);
    expect(stepMatches({ equipment: ['massage_mitten'] }, step)).toBe(true);
    expect(stepMatches({ tempo: ['brisk'] }, step)).toBe(false);
    expect(stepMatches({ tempo: ['brisk'] }, { ...step, tempo: { word: 'brisk' } })).toBe(true);
  });
});
