/**
 * The JavaScript a production build makes the browser load for its first view: the entry scripts
 * of index.html, its modulepreload links, and everything those import statically — never what is
 * behind a dynamic `import()`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzip size the way the bench and the size check count it (Node's zlib, level 9). */
export function gzipSize(bytes: Uint8Array | string): number {
  return gzipSync(bytes, { level: 9 }).length;
}

const ATTR = (name: string) =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');

function attr(tag: string, name: string): string | undefined {
  const m = ATTR(name).exec(tag);
  // Unmatched alternatives are undefined at run time, whatever the typings say.
  return m?.slice(1).find(Boolean);
}

/** URLs (as written) of the module entry scripts and modulepreload links of an HTML page. */
export function entryUrls(html: string): string[] {
  const urls: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src && attr(tag, 'type') === 'module') urls.push(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = attr(tag, 'href');
    if (href && attr(tag, 'rel')?.split(/\s+/).includes('modulepreload')) urls.push(href);
  }
  return urls;
}

/**
 * Specifiers of the static imports and re-exports of an ES module: `import x from "./a.js"`,
 * `import "./a.js"`, `export * from "./a.js"` — not `import("./a.js")`. Minified output has no
 * comments between tokens, so a token-level pattern is enough for bundler output.
 */
export function staticImports(code: string): string[] {
  const specs: string[] = [];
  const re =
    /(?:^|[;\s}{)])(?:import|export)\s*(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s*[\w$]+\s*|\*\s*|\{[^}]*\}\s*)?(?:from\s*)?(["'])([^"'\n]+)\1/g;
  for (const m of code.matchAll(re)) {
    const spec = m[2];
    if (spec) specs.push(spec);
  }
  return specs;
}

function toFile(distDir: string, fromFile: string | null, url: string): string | null {
  if (/^[a-z][\w+.-]*:/i.test(url) || url.startsWith('//')) return null; // absolute URL: not ours
  const clean = url.split(/[?#]/)[0] ?? url;
  if (clean.startsWith('/')) return join(distDir, posix.normalize(clean));
  return resolve(fromFile ? dirname(fromFile) : distDir, clean);
}

/** Absolute paths of the JavaScript files the first view loads, entry first. */
export function initialJsFiles(distDir: string, htmlFile = 'index.html'): string[] {
  const root = resolve(distDir);
  const html = readFileSync(join(root, htmlFile), 'utf8');
  const seen = new Set<string>();
  const queue: string[] = [];
  const add = (file: string | null) => {
    if (file && !seen.has(file)) {
      if (!existsSync(file)) throw new Error(`${file} is referenced by the build but missing`);
      seen.add(file);
      queue.push(file);
    }
  };
  for (const url of entryUrls(html)) add(toFile(root, null, url));
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.') || spec.startsWith('/')) add(toFile(root, file, spec));
    }
  }
  return [...seen];
}

/** Gzip bytes of each file of the first view, and their sum. */
export function initialJsSize(
  distDir: string,
  htmlFile = 'index.html',
): { files: { file: string; gzip: number }[]; total: number } {
  const files = initialJsFiles(distDir, htmlFile).map((file) => ({
    file,
    gzip: gzipSize(readFileSync(file)),
  }));
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}
