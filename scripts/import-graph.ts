/**
 * npm run graph — the import graph of src/ between the places of its layers (layers.json): every
 * import counted (static, dynamic and type-only), with each edge's direction. Exits 1 when an
 * edge runs up the layers or sideways (between siblings, or from one mode to another), or when a
 * file of src/ is in no layer. ESLint enforces the same rule file by file (scripts/layers.js).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ts from 'typescript';
import { layerPlaces, type LayerPlace } from './layers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');

export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  readonly direction: 'down' | 'up' | 'sideways';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

/** The place of a file under src/: the one whose path is the file or a folder above it. */
function placeOf(file: string, places: readonly LayerPlace[]): LayerPlace | null {
  const rel = relative(SRC, file).split(sep).join('/');
  return (
    places.find((p) => p.paths.some((path) => rel === path || rel.startsWith(`${path}/`))) ?? null
  );
}

export function importGraph(): { edges: Edge[]; unplaced: string[] } {
  const places = layerPlaces();
  const counts = new Map<string, { from: LayerPlace; to: LayerPlace; count: number }>();
  const unplaced: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = placeOf(file, places);
    if (!from) {
      unplaced.push(relative(ROOT, file));
      continue;
    }
    for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), ref.fileName.replace(/\?.*$/, ''));
      if (!target.startsWith(SRC + sep)) continue;
      const to = placeOf(target, places);
      if (!to || to === from) continue;
      const key = `${from.name}\t${to.name}`;
      const entry = counts.get(key) ?? { from, to, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  const edges = [...counts.values()].map(({ from, to, count }): Edge => ({
    from: from.name,
    to: to.name,
    count,
    direction: to.rank < from.rank ? 'down' : to.rank > from.rank ? 'up' : 'sideways',
  }));
  const rank = new Map(places.map((p) => [p.name, p.rank]));
  const r = (name: string) => rank.get(name) ?? -1;
  edges.sort(
    (a, b) =>
      r(b.from) - r(a.from) ||
      a.from.localeCompare(b.from) ||
      r(b.to) - r(a.to) ||
      a.to.localeCompare(b.to),
  );
  return { edges, unplaced };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { edges, unplaced } = importGraph();
  const against = edges.filter((e) => e.direction !== 'down');
  for (const e of edges) {
    const mark = e.direction === 'down' ? '' : `  ✗ ${e.direction}`;
    console.log(`${e.from.padEnd(14)} → ${e.to.padEnd(14)} ${String(e.count).padStart(3)}${mark}`);
  }
  for (const f of unplaced) console.log(`✗ ${f} is in no layer of layers.json`);
  const ok = against.length === 0 && unplaced.length === 0;
  console.log(
    ok
      ? `import graph: ${String(edges.length)} edges between ${String(new Set(edges.flatMap((e) => [e.from, e.to])).size)} places, all down the layers`
      : `import graph: ${String(against.length)} edges against the layers, ${String(unplaced.length)} files in no layer`,
  );
  process.exitCode = ok ? 0 : 1;
}
