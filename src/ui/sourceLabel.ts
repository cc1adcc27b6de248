/** A source file in words: its code and what it is about, never the bare file name. */
import { SOURCES } from '../content/sources.ts';
import type { Translate, UiKey } from '../i18n/i18n.ts';

const SOURCE: Readonly<Partial<Record<string, UiKey>>> = {
  '000_cf6d817cf74adffa.txt': 'ui.learn.source.s000',
  '001_1c2aad9468444d57.txt': 'ui.learn.source.s001',
  '002_20e48305e7c8a700.txt': 'ui.learn.source.s002',
  '003_285d5610ba1bda9f.txt': 'ui.learn.source.s003',
  '004_d764d654849c4dc0.txt': 'ui.learn.source.s004',
};

/** A source file as "000 · what it is about"; a source the app does not know: its file name. */
export function sourceWord(file: string, t: Translate): string {
  const key = SOURCE[file];
  if (key) return t(key);
  const known = SOURCES.find((s) => s.file === file);
  return known ? `${file.slice(0, 3)} · ${known.label}` : file;
}
