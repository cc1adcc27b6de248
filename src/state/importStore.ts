import { create } from 'zustand';
import type { LoadedProtocol } from '../content/index.ts';
import { useContentStore } from './contentStore.ts';

export interface ImportState {
  readonly status: 'idle' | 'checking' | 'done';
  /** Name of the last file imported. */
  readonly fileName: string | null;
  /** The exact problems of the last file (empty when it was imported). */
  readonly problems: readonly string[];
  readonly imported: LoadedProtocol | null;
  importFile: (file: File) => Promise<void>;
}

export const useImportStore = create<ImportState>()((set) => ({
  status: 'idle',
  fileName: null,
  problems: [],
  imported: null,
  importFile: async (file) => {
    set({ status: 'checking', fileName: file.name, problems: [], imported: null });
    try {
      await useContentStore.getState().load();
      const content = useContentStore.getState().data;
      if (!content) throw new Error('the bundled content could not be loaded');
      const { checkImportedProtocol, MAX_IMPORT_BYTES } = await import('./protocolImport.ts');
      // A file over the limit is refused without reading it.
      const text = file.size > MAX_IMPORT_BYTES ? '' : await file.text();
      const outcome = checkImportedProtocol(file.name, text, file.size, content);
      if (outcome.ok) {
        useContentStore.getState().addImported(outcome.protocol);
        set({ status: 'done', problems: [], imported: outcome.protocol });
      } else {
        set({ status: 'done', problems: outcome.problems, imported: null });
      }
    } catch (e) {
      set({
        status: 'done',
        problems: [
          `${file.name} › $ › the file could not be read: ${e instanceof Error ? e.message : String(e)}`,
        ],
        imported: null,
      });
    }
  },
}));
