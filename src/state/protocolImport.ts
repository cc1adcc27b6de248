/**
 * Import of a clinic's own protocol file: size-limited, then validated by the same loader as
 * `npm run check:content`, together with the bundled catalogues so that its zone, landmark and
 * source references resolve. Never throws; the result is the protocol or the exact problems.
 */
import {
  formatProblem,
  loadContent,
  type ContentFile,
  type LoadedProtocol,
} from '../content/index.ts';

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

/**
 * The bundled contraindication lists name their protocols (checked both ways). An imported
 * protocol cannot be named there, so the lists it refers to are linked to it for the check:
 * every other check runs unchanged.
 */
function linkContraindications(bundled: readonly ContentFile[], text: string): ContentFile[] {
  let id: unknown;
  let refs: unknown;
  try {
    ({ id, contraindications: refs } = JSON.parse(text) as {
      id?: unknown;
      contraindications?: unknown;
    });
  } catch {
    return [...bundled];
  }
  if (typeof id !== 'string' || !Array.isArray(refs)) return [...bundled];
  const wanted = new Set(refs.filter((r): r is string => typeof r === 'string'));
  return bundled.map((f) => {
    if (f.path !== 'content/contraindications.json') return f;
    try {
      const doc = JSON.parse(f.text) as { lists?: { id?: unknown; protocols?: unknown }[] };
      for (const list of doc.lists ?? []) {
        if (typeof list.id === 'string' && wanted.has(list.id) && Array.isArray(list.protocols))
          list.protocols = [...(list.protocols as unknown[]), id];
      }
      return { path: f.path, text: JSON.stringify(doc) };
    } catch {
      return f;
    }
  });
}

/** Validates `text` (the file `fileName`, `size` bytes) against the bundled content. */
export function checkImportedProtocol(
  fileName: string,
  text: string,
  size: number,
  bundled: readonly ContentFile[],
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
  const path = importPath(fileName, text);
  const others = linkContraindications(bundled, text).filter((f) => f.path !== path);
  const replaced = others.length !== bundled.length;
  try {
    const { data, problems } = loadContent([...others, { path, text }]);
    const own = problems
      .filter((p) => p.file === path)
      .map((p) => formatProblem({ ...p, file: shown }));
    const loaded = data.protocols.find((p) => p.file === path);
    if (own.length === 0 && loaded) {
      if (replaced) {
        return {
          ok: false,
          problems: [
            `${shown} › id › a bundled protocol already has the id "${loaded.protocol.id}"; give the imported protocol its own id`,
          ],
        };
      }
      return { ok: true, protocol: loaded };
    }
    return {
      ok: false,
      problems: own.length > 0 ? own : [`${shown} › $ › the file is not a valid protocol`],
    };
  } catch (e) {
    return {
      ok: false,
      problems: [`${shown} › $ › ${e instanceof Error ? e.message : String(e)}`],
    };
  }
}
