/**
 * The text of a file a user gives the app (a protocol, a progress file): UTF-8, with or without a
 * byte order mark; UTF-16 only with its byte order mark (which says it is UTF-16). Anything else —
 * Latin-1, Windows-1251, random bytes — is refused with the place of the first byte that is not
 * UTF-8, never decoded into replacement characters.
 */

export type DecodedText =
  | {
      readonly ok: true;
      readonly text: string;
      readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
    }
  | {
      readonly ok: false;
      readonly reason: 'not_utf8' | 'bad_utf16';
      /** The first byte that is not UTF-8 (hex), and where it is. */
      readonly byte: string;
      readonly line: number;
      readonly column: number;
      /** The same in English words (for logs and Node tools). */
      readonly detail: string;
    };

/** Where the first byte that is not valid UTF-8 is, or -1 (as the WHATWG decoder judges). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < lower || c > upper) return i;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** Line and column (1-based) of a byte offset, counting lines by LF bytes. */
function lineColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');

/** Decodes a file's bytes (see the module comment). Never throws. */
export function decodeTextFile(bytes: Uint8Array): DecodedText {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  try {
    if (a === 0xff && b === 0xfe)
      return {
        ok: true,
        text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)),
        encoding: 'utf-16le',
      };
    if (a === 0xfe && b === 0xff)
      return {
        ok: true,
        text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)),
        encoding: 'utf-16be',
      };
  } catch {
    return {
      ok: false,
      reason: 'bad_utf16',
      byte: '',
      line: 0,
      column: 0,
      detail: 'the file says it is UTF-16 text but is not valid UTF-16',
    };
  }
  const body = a === 0xef && b === 0xbb && c === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: true }).decode(body),
      encoding: 'utf-8',
    };
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(body));
    const { line, column } = lineColumn(body, bad);
    const byte = `0x${hex(body[bad] ?? 0)}`;
    return {
      ok: false,
      reason: 'not_utf8',
      byte,
      line,
      column,
      detail: `the file is not UTF-8 text (byte ${byte} at line ${line}, column ${column})`,
    };
  }
}
