/**
 * The protocol library: free-text search and filters over the protocols.
 *
 * Search looks at the title, the summary, the step titles and the names of the zones the steps
 * work on, in the current language; it ignores case, diacritics (ё = е, é = e) and punctuation.
 * Every word of the query must occur somewhere (as the start of a word or inside one).
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

/** The searchable text of a protocol in one language, folded. */
export function searchText(protocol: LibraryProtocol, locale: Locale, zoneName: ZoneNamer): string {
  const zones = new Set(protocol.steps.flatMap((s) => s.zones));
  const parts = [
    protocol.catalogueId,
    localized(protocol.title, locale),
    localized(protocol.summary, locale),
    ...protocol.steps.map((s) => localized(s.title, locale)),
    ...[...zones].map((z) => zoneName(z, locale)),
  ];
  return ` ${foldForSearch(parts.join(' \n '))} `;
}

/** Whether folded `haystack` (from `searchText`) holds every word of `query`. */
export function matchesText(haystack: string, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  return words.every((w) => haystack.includes(w));
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
