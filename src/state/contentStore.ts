import { create } from 'zustand';
import type { ContentData, LoadedProtocol, Problem } from '../content/index.ts';

export interface ContentState {
  readonly status: 'idle' | 'loading' | 'ready' | 'failed';
  readonly data: ContentData | null;
  /** Problems found while loading: the files concerned are left out, the rest is usable. */
  readonly problems: readonly Problem[];
  readonly error: string | null;
  load: () => Promise<void>;
  /** Adds an imported protocol (replacing one with the same id) to the loaded content. */
  addImported: (loaded: LoadedProtocol) => void;
  /** Takes an imported protocol out of the loaded content. */
  removeImported: (id: string) => void;
}

export const useContentStore = create<ContentState>()((set, get) => ({
  status: 'idle',
  data: null,
  problems: [],
  error: null,
  load: async () => {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading', error: null });
    try {
      const { loadAppContent } = await import('./appContent.ts');
      const { data, problems } = loadAppContent();
      if (problems.length > 0) console.warn('Footwork: content problems', problems);
      set({ status: 'ready', data, problems });
    } catch (e) {
      set({ status: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
  },
  addImported: (loaded) => {
    const { data } = get();
    if (!data) return;
    const protocols = [
      ...data.protocols.filter((p) => p.protocol.id !== loaded.protocol.id),
      loaded,
    ];
    set({ data: { ...data, protocols } });
  },
  removeImported: (id) => {
    const { data } = get();
    if (!data) return;
    set({ data: { ...data, protocols: data.protocols.filter((p) => p.protocol.id !== id) } });
  },
}));
