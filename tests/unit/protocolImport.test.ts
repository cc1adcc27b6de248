/**
 * Import of a clinic's protocol file runs every check `npm run check:content` runs, on the real
 * body model: a path over the kneecap is refused with the very message the content check gives;
 * a file that is not UTF-8 is refused with the place of its first wrong byte, never decoded into
 * replacement characters.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODEL_FILES, readContentFiles, runCheck } from '../../scripts/check-content.ts';
import { readBodyFile } from '../../scripts/lib/readBodyFile.ts';
import { loadContent, type ContentData, type ContentFile } from '../../src/content/load.ts';
import { formatProblem } from '../../src/content/problems.ts';
import { decodeTextFile } from '../../src/content/textFile.ts';
import type { ModelInput } from '../../src/domain/checkModel.ts';
import { checkImportedOnModel, checkImportedProtocol } from '../../src/state/protocolImport.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const P8 = 'content/protocols/p8-heel-spur-self.json';

let bundled: ContentFile[];
let content: ContentData;
let adult: ModelInput;
let p8: { id: string; steps: Record<string, unknown>[] } & Record<string, unknown>;

beforeAll(async () => {
  bundled = await readContentFiles(ROOT);
  content = loadContent(bundled).data;
  adult = { file: MODEL_FILES.adult, body: await readBodyFile(join(ROOT, MODEL_FILES.adult)) };
  p8 = JSON.parse(bundled.find((f) => f.path === P8)?.text ?? '{}') as typeof p8;
}, 60_000);

/** P8 under a new id, with its shin stroke (step 4) turned into circles around a landmark. */
function withCircles(id: string, center: string): string {
  const copy = structuredClone(p8);
  copy.id = id;
  const step = copy.steps.at(3);
  if (!step) throw new Error('P8 has no step 4');
  step.path = { kind: 'circles', center, radiusMm: 15, turns: 2, clockwise: true };
  return JSON.stringify(copy, null, 2);
}

describe('protocol import on the body model', () => {
  it('refuses a path on the kneecap by name, with the message check:content gives', async () => {
    const text = withCircles('clinic-knee-circles', 'patella_center');
    const accepted = checkImportedProtocol('knee.json', text, text.length, content);
    // The schema and references are fine: only the model check finds the fault.
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    const problems = checkImportedOnModel('knee.json', accepted.protocol, content, adult);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => /^knee\.json › steps\[3\]\.path › .*"patella"/.test(p))).toBe(true);

    // The same change to P8 in content/ fails check:content with the same reasons (P8 keeps its
    // id there, so that the lists naming it still do).
    const inContent = withCircles(p8.id, 'patella_center');
    const files = bundled.map((f) => (f.path === P8 ? { path: P8, text: inContent } : f));
    const checked = await runCheck({ root: ROOT, files, checkSchemaFile: false });
    const expected = checked.problems
      .filter((p) => p.file === P8)
      .map((p) => formatProblem({ ...p, file: 'knee.json' }));
    expect(expected.length).toBeGreaterThan(0);
    expect([...problems].sort()).toEqual([...expected].sort());
  }, 60_000);

  it('accepts the same protocol whose circles stay on the shin', () => {
    const text = withCircles('clinic-shin-circles', 'shin_center');
    const accepted = checkImportedProtocol('shin.json', text, text.length, content);
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    expect(checkImportedOnModel('shin.json', accepted.protocol, content, adult)).toEqual([]);
  }, 60_000);
});

describe('text of an imported file', () => {
  it('refuses Latin-1 with the byte and its place, and reads UTF-8 and UTF-16 with a BOM', () => {
    // "Café" in Latin-1 on the second line: 0xE9 is not UTF-8.
    const latin1 = Uint8Array.from([...Buffer.from('{\n"t": "Caf'), 0xe9, ...Buffer.from('"}')]);
    const refused = decodeTextFile(latin1);
    expect(refused).toMatchObject({ ok: false, reason: 'not_utf8', byte: '0xE9', line: 2 });
    expect(refused.ok ? '' : refused.detail).toBe(
      'the file is not UTF-8 text (byte 0xE9 at line 2, column 10)',
    );
    const utf8 = decodeTextFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('"Café"')]));
    expect(utf8).toEqual({ ok: true, text: '"Café"', encoding: 'utf-8' });
    const utf16 = decodeTextFile(
      Uint8Array.from([0xff, 0xfe, ...Buffer.from('"Стопа"', 'utf16le')]),
    );
    expect(utf16).toEqual({ ok: true, text: '"Стопа"', encoding: 'utf-16le' });
    // A truncated multi-byte letter at the end is refused too.
    expect(decodeTextFile(Uint8Array.from([0x22, 0xd0]))).toMatchObject({
      ok: false,
      column: 2,
    });
  });
});
