/**
 * npm run check:content — validates everything under content/ against the schema, the catalogues
 * and the real body models (models/body-adult.glb, models/body-child.glb). Prints every problem as
 * `file › json path › reason` and exits 1, or prints a one-line summary and exits 0.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContent, SCHEMA_FILE, type ContentFile } from '../src/content/load.ts';
import { message } from '../src/content/messages.ts';
import { formatProblem, sortProblems, type Problem } from '../src/content/problems.ts';
import type { BodyData } from '../src/domain/body.ts';
import { checkModel, type BodyKind, type ModelInput } from '../src/domain/checkModel.ts';
import { schemaText } from './export-schema.ts';
import { readBodyFile } from './lib/readBodyFile.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every `*.json` under `<root>/content`, with repository-relative forward-slash paths, sorted. */
export async function readContentFiles(root: string): Promise<ContentFile[]> {
  const out: ContentFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && e.name.endsWith('.json'))
        out.push({
          path: relative(root, full).split(sep).join('/'),
          text: await readFile(full, 'utf8'),
        });
    }
  };
  await walk(join(root, 'content'));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export const MODEL_FILES: Readonly<Record<BodyKind, string>> = {
  adult: 'models/body-adult.glb',
  child: 'models/body-child.glb',
};

export interface RunOptions {
  /** Repository root holding content/ and models/. */
  readonly root: string;
  /** Content files to check instead of reading `<root>/content` (tests). */
  readonly files?: readonly ContentFile[];
  /** Reads a model file (default: `readBodyFile`, the app's own glTF reader). */
  readonly readBody?: (path: string) => Promise<BodyData>;
  /** Whether a model file exists (default: on disk). */
  readonly exists?: (path: string) => boolean;
  /** Compare content/schema.json with the zod schema (default true). */
  readonly checkSchemaFile?: boolean;
}

export interface RunResult {
  readonly lines: readonly string[];
  readonly exitCode: 0 | 1;
  readonly problems: readonly Problem[];
}

export async function runCheck(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const files = options.files ?? (await readContentFiles(options.root));
  const { data, problems: loadProblems } = loadContent(files);
  const problems: Problem[] = [...loadProblems];

  if (options.checkSchemaFile ?? true) {
    const current = files.find((f) => f.path === SCHEMA_FILE)?.text;
    if (current !== schemaText())
      problems.push({
        file: SCHEMA_FILE,
        path: '$',
        reason: message(current === undefined ? 'problem.file.required' : 'problem.schema.stale'),
      });
  }

  // Models: only the bodies that protocols use.
  const read = options.readBody ?? readBodyFile;
  const models = new Map<BodyKind, ModelInput>();
  const needed = new Set(data.protocols.map((p) => p.protocol.body));
  for (const kind of [...needed].sort()) {
    const file = MODEL_FILES[kind];
    const full = join(options.root, file);
    if (!(options.exists ?? existsSync)(full)) {
      problems.push({ file, path: '$', reason: message('problem.model.missing') });
      continue;
    }
    try {
      models.set(kind, { file, body: await read(full) });
    } catch (e) {
      problems.push({
        file,
        path: '$',
        reason: message('problem.model.unreadable', {
          message: e instanceof Error ? e.message : String(e),
        }),
      });
    }
  }
  const checked = checkModel(data, models);
  problems.push(...checked.problems);

  if (problems.length) {
    const lines = sortProblems(problems).map(formatProblem);
    lines.push(message('check.failed', { count: problems.length }));
    return { lines, exitCode: 1, problems };
  }
  const steps = data.protocols.reduce((n, p) => n + p.protocol.steps.length, 0);
  const summary = message('check.summary', {
    protocols: data.protocols.length,
    steps,
    paths: checked.paths,
    samples: checked.samples,
    lists: data.contraindications.length,
    models: [...models.values()].map((m) => m.file).join(' and ') || 'no model',
    ms: Math.round(performance.now() - started),
  });
  return { lines: [summary], exitCode: 0, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runCheck({ root: REPO_ROOT });
  for (const line of result.lines) (result.exitCode ? console.error : console.log)(line);
  process.exitCode = result.exitCode;
}
