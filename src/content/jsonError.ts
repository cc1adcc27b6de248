/**
 * Locates the first syntax error in a JSON text with a short, engine-independent reason, so that
 * problem messages for bad JSON are the same on every Node version and browser
 * (`JSON.parse` messages differ between engines and some carry no position).
 */
export interface JsonSyntaxError {
  /** 1-based line and column of the offending character (or of the end of input). */
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

class Fail extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function describeChar(ch: string | undefined): string {
  if (ch === undefined) return 'end of input';
  if (ch === '\n') return 'line break';
  return `character ${JSON.stringify(ch)}`;
}

/** Recursive-descent scan of JSON (RFC 8259); throws `Fail` at the first error. */
function scan(text: string): void {
  let i = 0;
  const charAt = (k: number): string | undefined => (k < text.length ? text.charAt(k) : undefined);
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const unexpected = (expected: string): Fail =>
    new Fail(i, `unexpected ${describeChar(charAt(i))}, expected ${expected}`);
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else throw unexpected('a value');
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      const ch = charAt(i);
      if (ch === undefined) throw new Fail(i, 'unterminated string');
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') throw new Fail(i, `unexpected ${describeChar(ch)} in string`);
      if (ch === '\\') {
        const esc = charAt(i + 1);
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            throw new Fail(i, 'bad \\u escape in string');
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else throw new Fail(i, 'bad escape in string');
      } else i++;
    }
  };
  const number = () => {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!match) throw unexpected('a value');
    i += match[0].length;
  };
  const value = (): void => {
    ws();
    const ch = charAt(i);
    if (ch === '{') {
      i++;
      ws();
      if (charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (charAt(i) === '}') throw new Fail(i, 'trailing comma before "}"');
        if (charAt(i) !== '"') throw unexpected('a property name in double quotes');
        string();
        ws();
        if (charAt(i) !== ':') throw unexpected('":"');
        i++;
        value();
        ws();
        if (charAt(i) === ',') {
          i++;
          continue;
        }
        if (charAt(i) === '}') {
          i++;
          return;
        }
        throw unexpected('"," or "}"');
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (charAt(i) === ']') throw new Fail(i, 'trailing comma before "]"');
        value();
        ws();
        if (charAt(i) === ',') {
          i++;
          continue;
        }
        if (charAt(i) === ']') {
          i++;
          return;
        }
        throw unexpected('"," or "]"');
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    return number();
  };
  value();
  ws();
  if (i < text.length) throw unexpected('end of input');
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      start = k + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Parses JSON; on failure returns where and why (never throws). A leading BOM is accepted. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    try {
      scan(body);
    } catch (e) {
      if (e instanceof Fail)
        return { ok: false, error: { ...lineColumn(body, e.offset), reason: e.reason } };
      // The scanner recurses per nesting level; absurdly deep input exhausts the stack.
      return { ok: false, error: { line: 1, column: 1, reason: 'nested too deeply' } };
    }
    // JSON.parse refused what the scanner accepts (should not happen): report the whole file.
    return { ok: false, error: { line: 1, column: 1, reason: 'not valid JSON' } };
  }
}
