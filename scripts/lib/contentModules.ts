/**
 * The bundled content as the browser loads it, made when the app is built: every file of
 * content/ goes through the same loader as `npm run check:content` (schema, references,
 * cross-file checks) here, in Node, so the browser parses no schema. Out come
 *
 * - the index module (with the first view): the catalogue of valid protocols, the problems
 *   found (their files are left out; the app lists them), and a loader per protocol;
 * - one module per protocol, its checked data, loaded when needed;
 * - one module with the zones, landmarks, contraindication lists and safety-check conditions.
 *
 * `contentPlugin` serves them to Vite as virtual modules (`virtual:footwork/content`…).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { catalogueEntry } from '../../src/content/catalogue.ts';
import { loadContent, type ContentFile } from '../../src/content/load.ts';
import { formatProblem, type Problem } from '../../src/content/problems.ts';

export const INDEX_ID = 'virtual:footwork/content';
export const SHARED_ID = 'virtual:footwork/content-shared';
export const PROTOCOL_PREFIX = 'virtual:footwork/protocol/';
/** Each language's name for itself (the language switch shows them all from the first view). */
export const LOCALE_NAMES_ID = 'virtual:footwork/locale-names';
/** The index of the UI tables: a loader per language and part. */
export const LOCALES_ID = 'virtual:footwork/locales';
/** One part of one language's UI table: `virtual:footwork/locale/<code>/<part>`. */
export const LOCALE_PREFIX = 'virtual:footwork/locale/';
const LOCALE_NAME_KEYS = ['ui.lang.short', 'ui.lang.name'] as const;
/**
 * The words of the modes that are loaded when first chosen (Train, Present, Home and its
 * programs): their part of each table loads with them, not with the first view.
 */
export const MODE_WORD_PREFIXES = ['ui.train.', 'ui.present.', 'ui.home.', 'ui.program.'] as const;
export type LocalePart = 'core' | 'modes';

function localeTables(root: string): Map<string, Record<string, unknown>> {
  const dir = join(root, 'content', 'locales');
  const tables = new Map<string, Record<string, unknown>>();
  for (const file of readdirSync(dir)
    .filter((f) => /^[a-z]{2}\.json$/.test(f))
    .sort())
    tables.set(
      file.slice(0, 2),
      JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>,
    );
  return tables;
}

/** The part of a UI table: the mode words, or everything else. */
export function localePart(
  table: Record<string, unknown>,
  part: LocalePart,
): Record<string, unknown> {
  const modeWord = (key: string) => MODE_WORD_PREFIXES.some((p) => key.startsWith(p));
  return Object.fromEntries(
    Object.entries(table).filter(([key]) => modeWord(key) === (part === 'modes')),
  );
}

/** The locale modules by virtual id, made from `content/locales/<code>.json`. */
export function localeModules(root: string): Map<string, string> {
  const tables = localeTables(root);
  const modules = new Map<string, string>();
  const names: Record<string, Record<string, unknown>> = {};
  const loaders: string[] = [];
  for (const [code, table] of tables) {
    names[code] = Object.fromEntries(
      LOCALE_NAME_KEYS.flatMap((k) => (typeof table[k] === 'string' ? [[k, table[k]]] : [])),
    );
    const parts = (['core', 'modes'] as const).map((part) => {
      const id = `${LOCALE_PREFIX}${code}/${part}`;
      modules.set(id, jsonModule(localePart(table, part)));
      return `${part}: () => import(${JSON.stringify(id)})`;
    });
    loaders.push(`  ${JSON.stringify(code)}: { ${parts.join(', ')} },`);
  }
  modules.set(LOCALE_NAMES_ID, `export default ${JSON.stringify(names)};\n`);
  modules.set(LOCALES_ID, `export const loaders = {\n${loaders.join('\n')}\n};\n`);
  return modules;
}

export interface ContentModules {
  /** Module source by virtual id. */
  readonly modules: ReadonlyMap<string, string>;
  readonly problems: readonly Problem[];
  /** The body of each valid protocol, by id (for the page's model preload). */
  readonly bodies: Readonly<Record<string, string>>;
}

/** A JSON value as module source that the engine parses fast (`JSON.parse` of a string). */
function jsonModule(value: unknown): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});\n`;
}

/**
 * The modules for these content files (paths relative to the repository root). Locale tables and
 * the JSON schema are not part of them: the app has its UI tables through i18next, and
 * `npm run check:content` checks both.
 */
export function contentModules(files: readonly ContentFile[]): ContentModules {
  const shipped = files.filter(
    (f) => f.path !== 'content/schema.json' && !f.path.startsWith('content/locales/'),
  );
  const { data, problems } = loadContent(shipped);
  const modules = new Map<string, string>();
  const loaders = data.protocols.map(
    ({ protocol }) =>
      `  ${JSON.stringify(protocol.id)}: () => import(${JSON.stringify(PROTOCOL_PREFIX + protocol.id)}),`,
  );
  modules.set(
    INDEX_ID,
    [
      `export const catalogue = JSON.parse(${JSON.stringify(JSON.stringify(data.protocols.map(catalogueEntry)))});`,
      `export const problems = ${JSON.stringify(problems)};`,
      `export const loaders = {\n${loaders.join('\n')}\n};`,
      `export const loadShared = () => import(${JSON.stringify(SHARED_ID)});`,
      '',
    ].join('\n'),
  );
  for (const lp of data.protocols) modules.set(PROTOCOL_PREFIX + lp.protocol.id, jsonModule(lp));
  modules.set(
    SHARED_ID,
    jsonModule({
      zones: [...data.zones],
      landmarks: [...data.landmarks],
      contraindications: data.contraindications,
      conditions: data.conditions,
    }),
  );
  const bodies = Object.fromEntries(data.protocols.map(({ protocol: p }) => [p.id, p.body]));
  return { modules, problems, bodies };
}

/** Every JSON file under `<root>/content`, with repository-relative forward-slash paths, sorted. */
export function readContentDir(root: string): ContentFile[] {
  const out: ContentFile[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && e.name.endsWith('.json'))
        out.push({
          path: relative(root, full).split(sep).join('/'),
          text: readFileSync(full, 'utf8'),
        });
    }
  };
  walk(join(root, 'content'));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Vite plugin: the content modules as virtual modules, made from content/ on first use and again
 * whenever a file there changes (the dev server reloads the page). Problems are printed as
 * warnings by the build; the app lists them and leaves their files out, as it always has.
 */
/** The content plugin, with what other build steps read of the content. */
export type ContentPlugin = Omit<Plugin, 'api'> & {
  readonly api: { readonly bodies: () => ContentModules['bodies'] };
};

export function contentPlugin(root: string): ContentPlugin {
  let made: ContentModules | null = null;
  const make = () => (made ??= contentModules(readContentDir(root)));
  const isOurs = (id: string) =>
    id === INDEX_ID ||
    id === SHARED_ID ||
    id === LOCALE_NAMES_ID ||
    id === LOCALES_ID ||
    id.startsWith(LOCALE_PREFIX) ||
    id.startsWith(PROTOCOL_PREFIX);
  return {
    name: 'footwork:content',
    api: { bodies: () => make().bodies },
    buildStart() {
      made = null;
      for (const p of make().problems) this.warn(`content problem: ${formatProblem(p)}`);
    },
    resolveId(id) {
      return isOurs(id) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith('\0') || !isOurs(id.slice(1))) return null;
      for (const f of readContentDir(root)) this.addWatchFile(join(root, f.path));
      const locale = localeModules(root).get(id.slice(1));
      if (locale !== undefined) return locale;
      const code = make().modules.get(id.slice(1));
      // A protocol that was left out (or removed) since the index was made: an empty module.
      return code ?? 'export default null;\n';
    },
    watchChange(id) {
      if (id.startsWith(join(root, 'content'))) made = null;
    },
  };
}
