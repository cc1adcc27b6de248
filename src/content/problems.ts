/**
 * A content problem: which file, where in it (a JSON path such as `steps[2].path.center`, or `$`
 * for the whole file) and why. Printed as `file › path › reason`.
 */
export interface Problem {
  readonly file: string;
  readonly path: string;
  readonly reason: string;
}

export type JsonPathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['steps', 2, 'path', 'center']` → `steps[2].path.center`; `[]` → `$`. */
export function formatJsonPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment))
      out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || '$';
}

export function formatProblem(problem: Problem): string {
  return `${problem.file} › ${problem.path} › ${problem.reason}`;
}

/** Stable order: by file, then in the order found (sort is stable). */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
