/**
 * The protocol catalogue: the few fields of each protocol the first view lists (its id, number,
 * title and body), without its steps. Bundled protocols come with the page as this list; their
 * whole content loads when first needed (a protocol opened, the library searched, another mode).
 */
import type { LoadedProtocol } from './load.ts';
import type { Protocol } from './schema.ts';

export type CatalogueEntry = Pick<
  Protocol,
  'id' | 'catalogueId' | 'title' | 'body' | 'audience'
> & {
  /** The file the protocol comes from (`content/protocols/….json`, or an imported file's name). */
  readonly file: string;
};

export function catalogueEntry({ file, protocol }: LoadedProtocol): CatalogueEntry {
  const { id, catalogueId, title, body, audience } = protocol;
  return { file, id, catalogueId, title, body, audience };
}
