/**
 * Loads `content/` in the browser: every JSON file bundled as text, validated by the same loader
 * as `npm run check:content`. Kept out of the first view's bundle (imported dynamically). The UI
 * tables (`content/locales/`) are left out: the app has them through i18next, and the checker
 * validates them.
 */
import { loadContent, type ContentFile, type LoadResult } from '../content/index.ts';

const rawFiles = import.meta.glob<string>(
  ['../../content/**/*.json', '!../../content/schema.json', '!../../content/locales/**'],
  { query: '?raw', import: 'default', eager: true },
);

/** The bundled content files, with paths relative to the repository root. */
export function bundledContentFiles(): ContentFile[] {
  return Object.entries(rawFiles).map(([path, text]) => ({
    path: path.replace(/^(\.\.\/)+/, ''),
    text,
  }));
}

export function loadAppContent(): LoadResult {
  return loadContent(bundledContentFiles());
}
