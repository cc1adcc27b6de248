/**
 * Import of a clinic's own protocol file: size-limited, then validated by every check of
 * `npm run check:content` for one protocol file: the schema and references (`parseProtocolFile`,
 * `checkProtocolLinks`), against the loaded catalogues, lists and protocols so that its
 * references resolve, and its paths on the real body model (`checkModel`: landmarks, avoid zones
 * and the distance kept from them, the step's own zones), with the same messages. Never throws;
 * the result is the protocol or the exact problems.
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
import { formatProblem, sortProblems } from '../content/problems.ts';
import { checkModel, type ModelInput } from '../domain/checkModel.ts';

/** Largest protocol file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 256 * 1024;
/** Problems listed for one file: the first ones, then how many more. */
export const MAX_LISTED_PROBLEMS = 20;

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

/**
 * The model checks of `npm run check:content` for an imported protocol (already accepted by
 * `checkImportedProtocol`) on the body it is drawn on: each problem as `file › path › reason`.
 */
export function checkImportedOnModel(
  fileName: string,
  loaded: LoadedProtocol,
  content: ContentData,
  model: ModelInput,
): string[] {
  const shown = fileName || 'imported file';
  try {
    const { problems } = checkModel(
      { ...content, protocols: [loaded] },
      new Map([[loaded.protocol.body, model]]),
    );
    return sortProblems(problems).map((p) =>
      formatProblem(p.file === loaded.file ? { ...p, file: shown } : p),
    );
  } catch (e) {
    return [`${shown} › $ › ${e instanceof Error ? e.message : String(e)}`];
  }
}
