/**
 * The bundled content in the browser: the catalogue comes with the first view; the protocols
 * (one module each) and the shared lists load when the content is first needed. All of it was
 * checked when the app was built (scripts/lib/contentModules.ts), by the same loader as
 * `npm run check:content`, so no schema is parsed here.
 */
import { catalogue, loaders, loadShared, problems } from 'virtual:footwork/content';
import type { CatalogueEntry } from '../content/catalogue.ts';
import type { LoadResult } from '../content/load.ts';
import type { Problem } from '../content/problems.ts';

export const bundledCatalogue: readonly CatalogueEntry[] = catalogue;
export const bundledProblems: readonly Problem[] = problems;

export async function loadBundledContent(): Promise<LoadResult> {
  const [shared, ...protocols] = await Promise.all([
    loadShared(),
    ...catalogue.flatMap((entry) => {
      const load = loaders[entry.id];
      return load ? [load()] : [];
    }),
  ]);
  const { zones, landmarks, contraindications, conditions } = shared.default;
  return {
    data: {
      zones: new Map(zones),
      landmarks: new Map(landmarks),
      protocols: protocols.map((m) => m.default),
      contraindications,
      conditions,
      locales: new Map(),
    },
    problems,
  };
}
