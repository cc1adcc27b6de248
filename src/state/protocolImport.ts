/**
 * Import of a clinic's own protocol file: size-limited, then validated by the checks of
 * `npm run check:content` for one protocol file (`parseProtocolFile`, `checkProtocolLinks`),
 * against the loaded catalogues, lists and protocols so that its references resolve. Never
 * throws; the result is the protocol or the exact problems.
 */
import {
  checkProtocolLinks,
  checkSharedNotes,
  loadContent,
  parseProtocolFile,
  stepIndex,
  type ContentData,
  type ContentFile,
  type LoadedProtocol,
} from '../content/load.ts';
import { formatProblem } from '../content/problems.ts';

/** Largest protocol file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 256 * 1024;

export type ImportOutcome =
  | { readonly ok: true; readonly protocol: LoadedProtocol }
  | { readonly ok: false; readonly problems: readonly string[] };

const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** The content path the file is checked under: named after its protocol id when it has a usable one. */
function importPath(fileName: string, text: string): string {
  let id: unknown;
  try {
    id = (JSON.parse(text) as { id?: unknown } | null)?.id;
  } catch {
    id = undefined;
  }
  if (typeof id === 'string' && SAFE_ID.test(id)) return `content/protocols/${id}.json`;
  const base = fileName
    .replace(/\.json$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 80);
  return `content/protocols/${base || 'imported'}.json`;
}

const loadedOf = new WeakMap<readonly ContentFile[], ContentData>();

/** The content an import is checked against: loaded content, or the bundled files (loaded once). */
function contentOf(bundled: readonly ContentFile[] | ContentData): ContentData {
  if (!Array.isArray(bundled)) return bundled as ContentData;
  const files = bundled as readonly ContentFile[];
  let data = loadedOf.get(files);
  if (!data) {
    data = loadContent(files).data;
    loadedOf.set(files, data);
  }
  return data;
}

/**
 * Validates `text` (the file `fileName`, `size` bytes) as one protocol against loaded content
 * (or the bundled files): the checks of `npm run check:content` for one protocol file, with its
 * links to the contraindication lists checked one way (a bundled list cannot name it back).
 */
export function checkImportedProtocol(
  fileName: string,
  text: string,
  size: number,
  bundled: readonly ContentFile[] | ContentData,
): ImportOutcome {
  const shown = fileName || 'imported file';
  if (size > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      problems: [
        `${shown} › $ › the file is ${String(Math.ceil(size / 1024))} KB; the largest protocol file accepted is ${String(MAX_IMPORT_BYTES / 1024)} KB`,
      ],
    };
  }
  try {
    const content = contentOf(bundled);
    const path = importPath(fileName, text);
    const cat = { zones: content.zones, landmarks: content.landmarks };
    const { protocol, problems } = parseProtocolFile({ path, text }, cat);
    const own = [...problems];
    const others = content.protocols.filter((p) => p.file !== path);
    if (protocol) {
      const loaded: LoadedProtocol = { file: path, protocol };
      const all = [...others, loaded];
      own.push(
        ...checkProtocolLinks(loaded, {
          lists: content.contraindications,
          steps: stepIndex(all),
          listsNameProtocol: false,
        }),
        ...checkSharedNotes(all).filter((p) => p.file === path),
      );
      if (own.length === 0) {
        if (content.protocols.some((p) => p.protocol.id === protocol.id)) {
          return {
            ok: false,
            problems: [
              `${shown} › id › a bundled protocol already has the id "${protocol.id}"; give the imported protocol its own id`,
            ],
          };
        }
        return { ok: true, protocol: loaded };
      }
    }
    return {
      ok: false,
      problems:
        own.length > 0
          ? own.map((p) => formatProblem({ ...p, file: shown }))
          : [`${shown} › $ › the file is not a valid protocol`],
    };
  } catch (e) {
    return {
      ok: false,
      problems: [`${shown} › $ › ${e instanceof Error ? e.message : String(e)}`],
    };
  }
}
