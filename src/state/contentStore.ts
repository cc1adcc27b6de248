import { create } from 'zustand';
import { catalogueEntry, type CatalogueEntry } from '../content/catalogue.ts';
import type { ContentData, LoadedProtocol, Problem } from '../content/index.ts';

export interface ContentState {
  /**
   * Every protocol the app offers, as the first view lists it (number, title, body): the bundled
   * ones from the start, imported ones as they come. Their whole content is `data`.
   */
  readonly catalogue: readonly CatalogueEntry[];
  readonly status: 'idle' | 'loading' | 'ready' | 'failed';
  /** The whole content (steps, zones, landmarks, contraindications), once loaded (`load`). */
  readonly data: ContentData | null;
  /** Problems found while loading: the files concerned are left out, the rest is usable. */
  readonly problems: readonly Problem[];
  readonly error: string | null;
  /** Loads the whole content (once; again after a failure). Resolves when it is there or failed. */
  load: () => Promise<void>;
  /** Adds an imported protocol (replacing one with the same id) to the loaded content. */
  addImported: (loaded: LoadedProtocol) => void;
  /** Takes an imported protocol out of the loaded content. */
  removeImported: (id: string) => void;
}

let loading: Promise<void> | null = null;

export const useContentStore = create<ContentState>()((set, get) => ({
  catalogue: [],
  status: 'idle',
  data: null,
  problems: [],
  error: null,
  load: () => {
    if (get().status === 'ready') return Promise.resolve();
    if (loading) return loading;
    set({ status: 'loading', error: null });
    loading = import('./bundledContent.ts')
      .then(({ loadBundledContent }) => loadBundledContent())
      .then(({ data, problems }) => {
        if (problems.length > 0) console.warn('Footwork: content problems', problems);
        set({ status: 'ready', data, problems, catalogue: data.protocols.map(catalogueEntry) });
      })
      .catch((e: unknown) => {
        set({ status: 'failed', error: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  },
  addImported: (loaded) => {
    const { data, catalogue } = get();
    if (!data) return;
    const protocols = [
      ...data.protocols.filter((p) => p.protocol.id !== loaded.protocol.id),
      loaded,
    ];
    set({
      data: { ...data, protocols },
      catalogue: [...catalogue.filter((e) => e.id !== loaded.protocol.id), catalogueEntry(loaded)],
    });
  },
  removeImported: (id) => {
    const { data } = get();
    if (!data) return;
    set({ data: { ...data, protocols: data.protocols.filter((p) => p.protocol.id !== id) } });
  },
}));

/**
 * Sets the catalogue of the bundled protocols and the problems found in their files when the app
 * was built (at start, before the whole content loads).
 */
export function setBundledCatalogue(
  entries: readonly CatalogueEntry[],
  problems: readonly Problem[],
): void {
  if (useContentStore.getState().status === 'idle')
    useContentStore.setState({ catalogue: entries, problems });
}

/** The whole content, loading it if needed; null when it could not be loaded. */
export async function contentData(): Promise<ContentData | null> {
  await useContentStore.getState().load();
  return useContentStore.getState().data;
}
