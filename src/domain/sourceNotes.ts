/**
 * Where the sources disagree (`sourceNotes` of a protocol): which notes touch a step, and each
 * version with its source; who says a note, in words. Pure.
 */
import type { Translate } from '../content/messages.ts';
import type { Protocol, SourceNote } from '../content/schema.ts';

/** Whether a note concerns a step of a protocol (a version used there, or listed in `touches`). */
export function noteTouchesStep(note: SourceNote, protocolId: string, stepId: string): boolean {
  return (
    note.variants.some((v) => v.protocol === protocolId && v.step === stepId) ||
    (note.touches ?? []).some((t) => t.protocol === protocolId && t.step === stepId)
  );
}

/** The protocol's source notes that concern one of its steps, in file order. */
export function stepSourceNotes(protocol: Protocol, stepId: string): SourceNote[] {
  return protocol.sourceNotes.filter((n) => noteTouchesStep(n, protocol.id, stepId));
}

/** The short code of a source file (`000` for `000_cf6d817cf74adffa.txt`). */
export function sourceCode(file: string): string {
  return /^\d{3}/.exec(file)?.[0] ?? file;
}

/** Whether a version of a note is the one this protocol (and step) follows. */
export function isVersionHere(
  variant: SourceNote['variants'][number],
  protocolId: string,
  stepId?: string,
): boolean {
  return variant.protocol === protocolId && (stepId === undefined || variant.step === stepId);
}

/**
 * Who says a note or a rule: "source 000" / "sources 001, 002", or "the app's suggestion" for one
 * of the app's own (or one that names no source).
 */
export function originWords(
  origin: {
    readonly source?: string;
    readonly own?: boolean;
    readonly sources?: readonly string[];
  },
  t: Translate,
): string {
  const sources = origin.sources ?? (origin.source !== undefined ? [origin.source] : []);
  if (origin.own || sources.length === 0) return t('ui.safety.own');
  return t(sources.length > 1 ? 'ui.safety.sources' : 'ui.safety.source', {
    sources: sources.map(sourceCode).join(', '),
  });
}
