/**
 * Importing a clinic's own protocol file, and the imported protocols kept on this device: a file
 * is decoded (UTF-8, or UTF-16 with its byte order mark; anything else refused), checked like the
 * bundled protocols (schema, references, and its paths on the real body model), then added to the
 * protocol list and kept on the device until removed. At start the kept ones are read back and
 * checked again (on the model too when the model changed since).
 */
import { create } from 'zustand';
import { bodyOf, loadBodyGltf } from '../bodyModel/loadBody.ts';
import { MODEL_URLS, type BodyKind } from '../bodyModel/modelUrls.ts';
import type { ContentData, LoadedProtocol, LocalizedText } from '../content/index.ts';
import { decodeTextFile, type DecodedText } from '../content/textFile.ts';
import type { ModelInput } from '../domain/checkModel.ts';
import { utf8Length } from '../domain/utf8.ts';
import { useContentStore } from './contentStore.ts';

/** An imported protocol kept on this device. */
export interface KeptImport {
  readonly id: string;
  readonly fileName: string;
  readonly title: LocalizedText;
}

export interface ImportState {
  readonly status: 'idle' | 'checking' | 'checkingModel' | 'done';
  /** Name of the last file imported. */
  readonly fileName: string | null;
  /** The first problems of the last file (empty when it was imported); `problemTotal` counts all. */
  readonly problems: readonly string[];
  readonly problemTotal: number;
  /** Set when the last file was not text the app reads (not UTF-8). */
  readonly unreadable: Extract<DecodedText, { ok: false }> | null;
  readonly imported: LoadedProtocol | null;
  /** Whether the last imported file was kept on the device (null while not known). */
  readonly kept: { readonly ok: true } | { readonly ok: false; readonly detail: string } | null;
  /** Imported protocols kept on this device, in the protocol list. */
  readonly stored: readonly KeptImport[];
  /** Kept files that no longer pass the checks (left out of the list), with the first problem. */
  readonly refusedEarlier: readonly { readonly file: string; readonly problem: string }[];
  /** Reading back the kept protocols at start. */
  readonly restoreStatus: 'idle' | 'loading' | 'done';
  importFile: (file: File) => Promise<void>;
  /** Reads back the protocols kept on this device (once). */
  restore: () => Promise<void>;
  /** Removes an imported protocol from the list and from the device. */
  remove: (id: string) => Promise<void>;
}

/**
 * The loaded content, once it is there: starts the load, or waits for the one under way (a file
 * may be given before the protocols have loaded). Null when loading failed.
 */
async function loadedContent(): Promise<ContentData | null> {
  await useContentStore.getState().load();
  if (useContentStore.getState().status === 'loading')
    await new Promise<void>((resolve) => {
      const off = useContentStore.subscribe((s) => {
        if (s.status !== 'loading') {
          off();
          resolve();
        }
      });
    });
  return useContentStore.getState().data;
}

/** The body model a protocol is drawn on, as the model check reads it. */
async function modelFor(kind: BodyKind): Promise<ModelInput> {
  const gltf = await loadBodyGltf(kind);
  return { file: MODEL_URLS[kind].split('/').pop() ?? MODEL_URLS[kind], body: bodyOf(gltf).body };
}

/** The content a file is checked against: without the imported protocols it may replace. */
function checkedAgainst(content: ContentData, replacing: ReadonlySet<string>): ContentData {
  return { ...content, protocols: content.protocols.filter((p) => !replacing.has(p.protocol.id)) };
}

/**
 * The full check of one protocol file's text: schema and references, then the paths on the
 * model. The problems are all of them (the caller lists the first few).
 */
async function checkFile(
  fileName: string,
  text: string,
  size: number,
  content: ContentData,
  onModel: () => void,
): Promise<{ ok: true; protocol: LoadedProtocol } | { ok: false; problems: readonly string[] }> {
  const { checkImportedProtocol, checkImportedOnModel } = await import('./protocolImport.ts');
  const outcome = checkImportedProtocol(fileName, text, size, content);
  if (!outcome.ok) return outcome;
  onModel();
  const kind = outcome.protocol.protocol.body;
  let model: ModelInput;
  try {
    model = await modelFor(kind);
  } catch (e) {
    // The checker's messages (all of the English table) load with the check, not the page.
    const { message } = await import('../content/messages.ts');
    return {
      ok: false,
      problems: [
        `${fileName} › $ › ${message('problem.import.modelUnavailable', {
          kind,
          error: e instanceof Error ? e.message : String(e),
        })}`,
      ],
    };
  }
  const problems = checkImportedOnModel(fileName, outcome.protocol, content, model);
  return problems.length > 0 ? { ok: false, problems } : outcome;
}

export const useImportStore = create<ImportState>()((set, get) => {
  const storedIds = () => new Set(get().stored.map((s) => s.id));
  const refuse = async (problems: readonly string[]): Promise<void> => {
    const { MAX_LISTED_PROBLEMS } = await import('./protocolImport.ts');
    set({
      status: 'done',
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      problemTotal: problems.length,
      imported: null,
    });
  };
  return {
    status: 'idle',
    fileName: null,
    problems: [],
    problemTotal: 0,
    unreadable: null,
    imported: null,
    kept: null,
    stored: [],
    refusedEarlier: [],
    restoreStatus: 'idle',
    importFile: async (file) => {
      set({
        status: 'checking',
        fileName: file.name,
        problems: [],
        problemTotal: 0,
        unreadable: null,
        imported: null,
        kept: null,
      });
      try {
        const loaded = await loadedContent();
        if (!loaded) throw new Error('the bundled content could not be loaded');
        const { MAX_IMPORT_BYTES } = await import('./protocolImport.ts');
        let text = '';
        // A file over the limit is refused without reading it.
        if (file.size <= MAX_IMPORT_BYTES) {
          const decoded = decodeTextFile(new Uint8Array(await file.arrayBuffer()));
          if (!decoded.ok) {
            set({ status: 'done', unreadable: decoded, imported: null });
            return;
          }
          text = decoded.text;
        }
        const content = checkedAgainst(loaded, storedIds());
        const checked = await checkFile(file.name, text, file.size, content, () =>
          set({ status: 'checkingModel' }),
        );
        if (!checked.ok) {
          await refuse(checked.problems);
          return;
        }
        const { protocol } = checked;
        useContentStore.getState().addImported(protocol);
        set({ status: 'done', problems: [], problemTotal: 0, imported: protocol });
        const { keepProtocol } = await import('./importedProtocols.ts');
        const kept = await keepProtocol({
          id: protocol.protocol.id,
          fileName: file.name,
          text,
          importedAt: new Date().toISOString(),
          checkedOn: MODEL_URLS[protocol.protocol.body],
        });
        set((s) => ({
          kept,
          stored: kept.ok
            ? [
                ...s.stored.filter((k) => k.id !== protocol.protocol.id),
                { id: protocol.protocol.id, fileName: file.name, title: protocol.protocol.title },
              ]
            : s.stored,
        }));
      } catch (e) {
        await refuse([
          `${file.name} › $ › the file could not be read: ${e instanceof Error ? e.message : String(e)}`,
        ]);
      }
    },
    restore: async () => {
      if (get().restoreStatus !== 'idle') return;
      set({ restoreStatus: 'loading' });
      try {
        if (!(await loadedContent())) return;
        const { readStoredProtocols, keepProtocol } = await import('./importedProtocols.ts');
        const { protocols } = await readStoredProtocols();
        const stored: KeptImport[] = [];
        const refusedEarlier: { file: string; problem: string }[] = [];
        for (const record of protocols) {
          const content = useContentStore.getState().data;
          if (!content) break;
          const { checkImportedProtocol } = await import('./protocolImport.ts');
          // Checked again: on the model too when the model changed since it was kept.
          const first = checkImportedProtocol(
            record.fileName,
            record.text,
            utf8Length(record.text),
            content,
          );
          let outcome: Awaited<ReturnType<typeof checkFile>> = first;
          if (first.ok && record.checkedOn !== MODEL_URLS[first.protocol.protocol.body]) {
            outcome = await checkFile(record.fileName, record.text, 0, content, () => undefined);
            if (outcome.ok)
              void keepProtocol({
                ...record,
                checkedOn: MODEL_URLS[outcome.protocol.protocol.body],
              });
          }
          if (!outcome.ok) {
            refusedEarlier.push({ file: record.fileName, problem: outcome.problems[0] ?? '' });
            continue;
          }
          useContentStore.getState().addImported(outcome.protocol);
          stored.push({
            id: outcome.protocol.protocol.id,
            fileName: record.fileName,
            title: outcome.protocol.protocol.title,
          });
        }
        set((s) => ({
          stored: [...stored, ...s.stored.filter((k) => !stored.some((n) => n.id === k.id))],
          refusedEarlier,
        }));
      } catch (e) {
        // Nothing kept can be read here (no IndexedDB): the bundled protocols work as ever.
        console.warn('Footwork: the imported protocols kept on this device could not be read', e);
      } finally {
        set({ restoreStatus: 'done' });
      }
    },
    remove: async (id) => {
      // Forgotten on the device first: the list drops it only once a reload cannot bring it back.
      const { forgetProtocol } = await import('./importedProtocols.ts');
      await forgetProtocol(id);
      useContentStore.getState().removeImported(id);
      set((s) => ({ stored: s.stored.filter((k) => k.id !== id) }));
    },
  };
});
