/**
 * Attributes the bytes of built JavaScript chunks to npm packages (or to the app's own source) from
 * their source maps: each generated character belongs to the source of the mapping segment it
 * follows. Gzip bytes are shared out in proportion to minified bytes (an estimate: gzip works on the
 * whole chunk).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gzipSize } from './initialJs.ts';

const B64 = new Map(
  Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c, i) => [c, i]),
);

/** Decodes one line of source-map mappings into [generatedColumn, sourceIndex | -1] pairs. */
function decodeLine(line: string, state: { source: number }): [number, number][] {
  const out: [number, number][] = [];
  let column = 0;
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const fields: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of segment) {
      const digit = B64.get(ch);
      if (digit === undefined) throw new Error(`bad source-map character ${ch}`);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
      } else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += fields[0] ?? 0;
    if (fields.length >= 4) {
      state.source += fields[1] ?? 0;
      out.push([column, state.source]);
    } else {
      out.push([column, -1]);
    }
  }
  return out;
}

/** `three`, `@react-three/drei`, or `(app) src/scene` for our own files. */
export function packageOf(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = source.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? source);
  }
  const src = /(?:^|\/)(src|content)\/(.*)$/.exec(source);
  if (src) {
    const [, top = '', rest = ''] = src;
    return `(app) ${top}/${dirname(rest).split('/')[0] ?? ''}`.replace(/\/\.?$/, '');
  }
  if (source.includes('\0') || source.startsWith('rolldown:') || source.includes('vite/'))
    return '(bundler runtime)';
  return `(other) ${basename(source)}`;
}

export interface Attribution {
  readonly name: string;
  readonly bytes: number;
  readonly gzipEstimate: number;
}

/** The path of a source below node_modules/ or the project: finer-grained than packageOf. */
export function moduleOf(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  return nm >= 0 ? source.slice(nm + 'node_modules/'.length) : source.replace(/^(\.\.\/)+/, '');
}

/**
 * Minified and estimated gzip bytes per package (or per module with `keyOf = moduleOf`) across the
 * given chunks, which need their .map files beside them.
 */
export function attributeChunks(
  files: readonly string[],
  keyOf: (source: string) => string = packageOf,
): Attribution[] {
  const totals = new Map<string, { bytes: number; gzip: number }>();
  for (const file of files) {
    const mapFile = `${file}.map`;
    const code = readFileSync(file, 'utf8');
    const gzip = gzipSize(code);
    const perPackage = new Map<string, number>();
    const add = (name: string, n: number) => perPackage.set(name, (perPackage.get(name) ?? 0) + n);
    if (!existsSync(mapFile)) {
      add(`(no source map) ${basename(file)}`, code.length);
    } else {
      const map = JSON.parse(readFileSync(mapFile, 'utf8')) as {
        sources: string[];
        mappings: string;
        sourceRoot?: string;
      };
      const names = map.sources.map((s) =>
        keyOf(join(map.sourceRoot ?? '', s).replaceAll('\\', '/')),
      );
      const lines = code.split('\n');
      const state = { source: 0 };
      // A line without segments (inside a multi-line template literal, e.g. three's shader
      // chunks) continues the last segment of the line before.
      let owner = '(unmapped)';
      map.mappings.split(';').forEach((mappingLine, i) => {
        const text = lines[i] ?? '';
        const segments = decodeLine(mappingLine, state);
        let last = 0;
        for (const [column, source] of segments) {
          add(owner, column - last);
          last = column;
          owner = source >= 0 ? (names[source] ?? '(unmapped)') : '(unmapped)';
        }
        add(owner, text.length - last + 1);
      });
    }
    const rawTotal = [...perPackage.values()].reduce((a, b) => a + b, 0);
    for (const [name, bytes] of perPackage) {
      const t = totals.get(name) ?? { bytes: 0, gzip: 0 };
      t.bytes += bytes;
      t.gzip += (gzip * bytes) / rawTotal;
      totals.set(name, t);
    }
  }
  return [...totals]
    .map(([name, t]) => ({ name, bytes: t.bytes, gzipEstimate: Math.round(t.gzip) }))
    .sort((a, b) => b.bytes - a.bytes);
}
