/**
 * The protocol library: free-text search and filters over the protocols.
 *
 * Search looks at the title, the summary, the step titles and the names of the zones the steps
 * work on, and at the everyday words for the protocol's conditions and audience (`bunion`, `kid`,
 * `плоскостопие`, `ребёнок`: see `EVERYDAY_WORDS`), in the current language;
 * it ignores case, diacritics (ё = е, é = e) and punctuation. Every word of the query must occur
 * somewhere (as the start of a word or inside one); a word also matches without its ending
 * (`bunions` → `bunion`, `плоскостопие` → `плоскостопии`).
 * Filters (condition, audience, position, source file) keep the protocols that have the chosen
 * value; an empty filter keeps all. Pure: zone names come from a function passed in.
 */
import { localized } from '../content/localized.ts';
import type { Locale, Protocol } from '../content/schema.ts';

/** The parts of a protocol the library reads. */
export type LibraryProtocol = Pick<
  Protocol,
  | 'id'
  | 'catalogueId'
  | 'title'
  | 'summary'
  | 'steps'
  | 'conditions'
  | 'audience'
  | 'position'
  | 'sources'
>;

export interface LibraryFilters {
  /** Free text; blank matches all. */
  readonly text: string;
  readonly condition: string | null;
  readonly audience: string | null;
  /** A pose: prone, supine, seated, standing. */
  readonly position: string | null;
  /** A source file name. */
  readonly source: string | null;
}

export const NO_FILTERS: LibraryFilters = {
  text: '',
  condition: null,
  audience: null,
  position: null,
  source: null,
};

/** The values each filter offers, in first-seen order of the protocols. */
export interface LibraryFacets {
  readonly conditions: readonly string[];
  readonly audiences: readonly string[];
  readonly positions: readonly string[];
  readonly sources: readonly string[];
}

export type ZoneNamer = (zoneId: string, locale: Locale) => string;

/**
 * Text folded for matching: lower case, without diacritics, every run of characters other than
 * letters and digits turned into one space, trimmed.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The words people use for a condition or an audience, per language: medical and everyday names
 * alike. Nothing here widens what a protocol is for (the children's flat-valgus protocols are not
 * bunion protocols, so `bunion` is not one of their words).
 */
export const EVERYDAY_WORDS: Readonly<Record<Locale, Readonly<Record<string, readonly string[]>>>> =
  {
    en: {
      hallux_valgus: ['hallux valgus', 'bunion', 'big toe joint', 'crooked big toe'],
      flat_foot: ['flat foot', 'flat feet', 'flatfoot', 'flatfeet', 'fallen arches'],
      plano_valgus: ['plano valgus', 'flat valgus', 'planovalgus', 'flatfoot', 'flat feet'],
      valgus_foot: ['valgus feet', 'valgus foot', 'feet rolling in', 'ankles rolling in'],
      heel_spur: ['heel spur', 'calcaneal spur'],
      metatarsalgia: ['metatarsalgia', 'ball of the foot', 'forefoot pain'],
      stress: ['stress', 'relax', 'relaxation', 'calm'],
      fatigue: ['tired legs', 'tired feet', 'fatigue', 'heavy legs'],
      general: ['general', 'wellbeing', 'wellness'],
      child: ['child', 'children', 'kid', 'kids', 'baby', 'toddler', 'paediatric', 'pediatric'],
      adult: ['adult', 'adults', 'grown up'],
      self: ['self massage', 'yourself', 'on your own'],
    },
    ru: {
      hallux_valgus: [
        'вальгусная деформация первого пальца',
        'косточка на ноге',
        'шишка на ноге',
        'халюс',
        'халлюкс',
      ],
      flat_foot: ['плоскостопие', 'плоская стопа', 'плоские стопы'],
      plano_valgus: ['плоско вальгусная', 'плосковальгусная', 'плоскостопие', 'плоские стопы'],
      valgus_foot: ['вальгусные стопы', 'вальгусная стопа', 'стопы заваливаются внутрь'],
      heel_spur: ['пяточная шпора', 'шпора на пятке'],
      metatarsalgia: ['метатарзалгия', 'боль в подушечке стопы'],
      stress: ['стресс', 'расслабление', 'успокоить', 'снять напряжение'],
      fatigue: ['усталость', 'уставшие ноги', 'усталые ноги', 'тяжесть в ногах'],
      general: ['общий', 'оздоровительный'],
      child: ['ребёнок', 'ребенок', 'дети', 'детей', 'детский', 'малыш', 'малыша'],
      adult: ['взрослый', 'взрослые', 'взрослого'],
      self: ['самомассаж', 'сам себе', 'самостоятельно'],
    },
  };

/** The everyday words of a protocol's conditions and audience in one language, in one string. */
function everydayWords(protocol: LibraryProtocol, locale: Locale): string {
  const words = EVERYDAY_WORDS[locale];
  return [...protocol.conditions, protocol.audience]
    .flatMap((key) => words[key] ?? [])
    .join(' \n ');
}

/** The searchable text of a protocol in one language, folded. */
export function searchText(protocol: LibraryProtocol, locale: Locale, zoneName: ZoneNamer): string {
  const zones = new Set(protocol.steps.flatMap((s) => s.zones));
  const parts = [
    protocol.catalogueId,
    localized(protocol.title, locale),
    localized(protocol.summary, locale),
    ...protocol.steps.map((s) => localized(s.title, locale)),
    ...[...zones].map((z) => zoneName(z, locale)),
    everydayWords(protocol, locale),
  ];
  return ` ${foldForSearch(parts.join(' \n '))} `;
}

/** Endings a folded word may drop when it is matched (plurals and Russian case endings). */
const ENDINGS =
  /(?:ами|ями|ого|его|ому|ему|ией|иям|ах|ях|ам|ям|ой|ей|ый|ий|ая|яя|ое|ее|ие|ия|ии|ую|юю|ов|ев|ом|ем|es|s|а|я|ы|и|е|у|ю|о|ь|й)$/u;

/**
 * The stem a folded word is matched by: the word without one common ending, when at least four
 * letters are left (so short words are matched as typed).
 */
export function searchStem(word: string): string {
  const stem = word.replace(ENDINGS, '');
  return stem.length >= 4 && stem !== word ? stem : word;
}

/** Whether folded `haystack` (from `searchText`) holds every word of `query` (or its stem). */
export function matchesText(haystack: string, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  return words.every((w) => haystack.includes(w) || haystack.includes(searchStem(w)));
}

/** Whether a protocol passes the filters other than the text. */
export function matchesFacets(protocol: LibraryProtocol, filters: LibraryFilters): boolean {
  return (
    (filters.condition === null ||
      (protocol.conditions as readonly string[]).includes(filters.condition)) &&
    (filters.audience === null || protocol.audience === filters.audience) &&
    (filters.position === null || protocol.position.pose === filters.position) &&
    (filters.source === null || protocol.sources.includes(filters.source))
  );
}

/** The protocols that pass the search and every filter, in their given order. */
export function filterLibrary<P extends LibraryProtocol>(
  protocols: readonly P[],
  filters: LibraryFilters,
  locale: Locale,
  zoneName: ZoneNamer,
): P[] {
  const text = filters.text.trim();
  return protocols.filter(
    (p) =>
      matchesFacets(p, filters) &&
      (text === '' || matchesText(searchText(p, locale, zoneName), text)),
  );
}

/** The values the filters offer for these protocols. */
export function libraryFacets(protocols: readonly LibraryProtocol[]): LibraryFacets {
  const distinct = (values: readonly string[]) => [...new Set(values)];
  return {
    conditions: distinct(protocols.flatMap((p) => p.conditions)),
    audiences: distinct(protocols.map((p) => p.audience)),
    positions: distinct(protocols.map((p) => p.position.pose)),
    sources: distinct(protocols.flatMap((p) => p.sources)).sort(),
  };
}
