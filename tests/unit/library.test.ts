import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/check-content.ts';
import { loadContent, type Protocol } from '../../src/content/index.ts';
import {
  filterLibrary,
  foldForSearch,
  libraryFacets,
  NO_FILTERS,
  searchStem,
  type LibraryFilters,
} from '../../src/domain/library.ts';
import { zoneName } from '../../src/i18n/zones.ts';

let protocols: Protocol[];

beforeAll(async () => {
  const result = loadContent(await readContentFiles(resolve(import.meta.dirname, '../..')));
  expect(result.problems).toEqual([]);
  protocols = result.data.protocols.map((l) => l.protocol);
});

const ids = (filters: Partial<LibraryFilters>, locale: 'en' | 'ru' = 'en') =>
  filterLibrary(protocols, { ...NO_FILTERS, ...filters }, locale, zoneName).map((p) => p.id);

describe('folding text for search', () => {
  it('ignores case, diacritics and punctuation', () => {
    expect(foldForSearch('  Plano-Valgus FEET, café!  ')).toBe('plano valgus feet cafe');
    expect(foldForSearch('РЕБЁНКА')).toBe('ребенка');
    expect(foldForSearch('Пяточная шпора: вечерний')).toBe('пяточная шпора вечернии');
  });
});

describe('protocol library search (real content)', () => {
  it('lists every protocol with no search and no filter', () => {
    expect(ids({})).toHaveLength(protocols.length);
    expect(ids({ text: '   ' })).toHaveLength(protocols.length);
  });

  it('finds a protocol by a word of its title', () => {
    expect(ids({ text: 'spur' })).toEqual(['p8-heel-spur-self']);
    expect(ids({ text: 'STRESS' })).toEqual(['p7-anti-stress-toes']);
    expect(ids({ text: 'metatarsalgia' })).toEqual(['p10-plantar-pain-care']);
  });

  it('searches in the current language only', () => {
    expect(ids({ text: 'шпора' }, 'ru')).toEqual(['p8-heel-spur-self']);
    expect(ids({ text: 'шпора' }, 'en')).toEqual([]);
    expect(ids({ text: 'spur' }, 'ru')).toEqual([]);
  });

  it('ignores case and diacritics in Russian (ё = е)', () => {
    const children = [
      'p2-hallux-valgus-child',
      'p3-valgus-feet-child-orthopedic',
      'p6-hallux-valgus-child-course',
    ];
    expect(ids({ text: 'ребенка' }, 'ru')).toEqual(children);
    expect(ids({ text: 'РЕБЁНКА' }, 'ru')).toEqual(children);
  });

  it('needs every word of the query, in any order and punctuation', () => {
    expect(ids({ text: 'plano-valgus' })).toEqual(ids({ text: 'valgus plano' }));
    expect(ids({ text: 'plano valgus' })).toContain('p2-hallux-valgus-child');
    expect(ids({ text: 'spur stress' })).toEqual([]);
  });

  it('finds no protocol for a word that none contains', () => {
    expect(ids({ text: 'zebra' })).toEqual([]);
  });

  it('finds a protocol by a step title and by the zones its steps work on', () => {
    const heel = protocols.find((p) => p.id === 'p8-heel-spur-self');
    const first = heel?.steps[0];
    if (!heel || !first) throw new Error('p8 missing');
    const stepTitle = heel.steps[2]?.title.en ?? '';
    expect(ids({ text: stepTitle })).toContain('p8-heel-spur-self');
    // A protocol whose only mention of the calf is a step zone is found by the zone's name.
    const only = [
      {
        ...heel,
        id: 'zone-only',
        // No condition whose everyday words name the heel.
        conditions: ['general'] as Protocol['conditions'],
        title: { en: 'X', ru: 'X' },
        summary: { en: 'Y', ru: 'Y' },
        steps: [{ ...first, title: { en: 'Z', ru: 'Z' }, zones: ['calf'] }],
      },
    ];
    expect(filterLibrary(only, { ...NO_FILTERS, text: 'calf' }, 'en', zoneName)).toHaveLength(1);
    expect(
      filterLibrary(only, { ...NO_FILTERS, text: zoneName('calf', 'ru') }, 'ru', zoneName),
    ).toHaveLength(1);
    expect(filterLibrary(only, { ...NO_FILTERS, text: 'heel' }, 'en', zoneName)).toHaveLength(0);
  });
});

describe('everyday words and synonyms (real content)', () => {
  const children = [
    'p2-hallux-valgus-child',
    'p3-valgus-feet-child-orthopedic',
    'p6-hallux-valgus-child-course',
  ];

  it('finds the children’s protocols by ребенок and ребёнок, which no title contains', () => {
    expect(ids({ text: 'ребенок' }, 'ru')).toEqual(children);
    expect(ids({ text: 'ребёнок' }, 'ru')).toEqual(children);
    expect(ids({ text: 'малыш' }, 'ru')).toEqual(children);
    expect(ids({ text: 'kid' })).toEqual(children);
    expect(ids({ text: 'kids' })).toEqual(children);
  });

  it('finds every flat-foot protocol by плоскостопие and flatfoot', () => {
    const flat = [
      'p2-hallux-valgus-child',
      'p3-valgus-feet-child-orthopedic',
      'p5-flat-feet',
      'p6-hallux-valgus-child-course',
    ];
    expect(ids({ text: 'плоскостопие' }, 'ru')).toEqual(flat);
    expect(ids({ text: 'Плоскостопие у ребёнка' }, 'ru')).toEqual(children);
    expect(ids({ text: 'flatfoot' })).toEqual(flat);
  });

  it('finds the hallux valgus protocols by bunion, in the singular and the plural', () => {
    const bunion = ids({ text: 'bunion' });
    expect(bunion).toContain('p1-hallux-valgus-adult-self');
    expect(ids({ text: 'bunions' })).toEqual(bunion);
    for (const id of ids({ condition: 'hallux_valgus' })) expect(bunion).toContain(id);
    expect(ids({ text: 'косточка на ноге' }, 'ru')).toEqual(['p1-hallux-valgus-adult-self']);
  });

  it('keeps every word of a query required', () => {
    expect(ids({ text: 'kid spur' })).toEqual([]);
    expect(ids({ text: 'ребёнок шпора' }, 'ru')).toEqual([]);
  });

  it('drops one ending from a word, keeping at least four letters', () => {
    expect(searchStem('плоскостопие')).toBe('плоскостоп');
    expect(searchStem('bunions')).toBe('bunion');
    expect(searchStem('ног')).toBe('ног');
    expect(searchStem('spur')).toBe('spur');
  });
});

describe('the three children’s valgus protocols', () => {
  it('each says how it differs from the other two, in both languages', () => {
    const child = protocols.filter((p) => p.audience === 'child');
    expect(child.map((p) => p.catalogueId).sort()).toEqual(['P2', 'P3', 'P6']);
    for (const p of child) {
      const others = child.filter((o) => o !== p).map((o) => o.catalogueId);
      expect(p.summary.en).toMatch(new RegExp(`^How it differs from ${others.join(' and ')}:`));
      expect(p.summary.ru).toMatch(new RegExp(`^Чем отличается от ${others.join(' и ')}:`));
    }
  });
});

describe('protocol library filters (real content)', () => {
  it('offers the values found in the protocols', () => {
    const f = libraryFacets(protocols);
    expect([...f.audiences].sort()).toEqual(['adult', 'child', 'self']);
    expect([...f.positions].sort()).toEqual(['prone', 'seated', 'standing', 'supine']);
    expect(f.conditions).toContain('hallux_valgus');
    expect(f.conditions).toContain('heel_spur');
    expect(f.sources).toEqual([
      '000_cf6d817cf74adffa.txt',
      '001_1c2aad9468444d57.txt',
      '002_20e48305e7c8a700.txt',
      '003_285d5610ba1bda9f.txt',
      '004_d764d654849c4dc0.txt',
    ]);
  });

  it('audience child leaves only the child protocols', () => {
    expect(ids({ audience: 'child' })).toEqual([
      'p2-hallux-valgus-child',
      'p3-valgus-feet-child-orthopedic',
      'p6-hallux-valgus-child-course',
    ]);
    for (const id of ids({ audience: 'self' }))
      expect(protocols.find((p) => p.id === id)?.audience).toBe('self');
  });

  it('filters by condition, position and source file', () => {
    expect(ids({ condition: 'heel_spur' })).toEqual(['p8-heel-spur-self']);
    // The bunion is an adult's: the children's protocols are for flat-valgus feet.
    expect(ids({ condition: 'hallux_valgus' })).toEqual(['p1-hallux-valgus-adult-self']);
    expect(ids({ condition: 'plano_valgus' })).toEqual([
      'p2-hallux-valgus-child',
      'p3-valgus-feet-child-orthopedic',
      'p6-hallux-valgus-child-course',
    ]);
    expect(ids({ position: 'supine' })).toEqual(['p7-anti-stress-toes']);
    expect(ids({ position: 'seated' })).toEqual([
      'p1-hallux-valgus-adult-self',
      'p8-heel-spur-self',
      'p9-foot-self-massage-seated',
    ]);
    expect(ids({ source: '004_d764d654849c4dc0.txt' })).toEqual(['p10-plantar-pain-care']);
  });

  it('combines filters and search (all must hold)', () => {
    expect(ids({ audience: 'child', condition: 'hallux_valgus' })).toEqual([]);
    expect(ids({ audience: 'child', condition: 'valgus_foot' })).toEqual([
      'p3-valgus-feet-child-orthopedic',
      'p6-hallux-valgus-child-course',
    ]);
    expect(ids({ audience: 'child', text: 'course' })).toEqual(['p6-hallux-valgus-child-course']);
    expect(ids({ audience: 'adult', position: 'seated' })).toEqual([]);
  });
});
