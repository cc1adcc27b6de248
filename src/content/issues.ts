/**
 * Turns zod issues into our problem messages (`content/locales/*.json`), so that a content author
 * sees "missing required field" or `unknown zone "x"` rather than zod's wording.
 */
import type { z } from 'zod';
import { message } from './messages.ts';
import { formatJsonPath, type Problem } from './problems.ts';
import { PATTERN_NAMES } from './schema.ts';

type Issue = z.core.$ZodIssue;

/** A short name for the JSON type of a value. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function listOptions(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(' | ');
}

/** The reason text for one issue. `input` must have been reported (`reportInput: true`). */
export function issueReason(issue: Issue): string {
  const input: unknown = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return message('problem.field.missing');
      if (issue.expected === 'int' && typeof input === 'number')
        return message('problem.field.notInteger');
      return message('problem.field.wrongType', {
        expected: issue.expected,
        received: describeType(input),
      });
    case 'unrecognized_keys':
      // One issue per key is produced by `issuesToProblems`; here the first key serves.
      return message('problem.field.unknownKey', { key: issue.keys[0] ?? '' });
    case 'invalid_value':
      if (input === undefined) return message('problem.field.missing');
      if (issue.values.length === 1)
        return message('problem.field.wrongValue', {
          expected: listOptions(issue.values),
          value: describeValue(input),
        });
      return message('problem.field.notOneOf', {
        options: listOptions(issue.values),
        value: describeValue(input),
      });
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue) {
        // zod reports the whole object as input; name the discriminator's value.
        const value: unknown = isRecord(input) ? input[issue.discriminator] : input;
        if (value === undefined) return message('problem.field.missing');
        return message('problem.path.unknownKind', {
          value: describeValue(value),
          options: listOptions(issue.options ?? []),
        });
      }
      return message('problem.field.invalid', { message: issue.message });
    case 'invalid_format':
      if (issue.format === 'regex' && typeof input === 'string') {
        const pattern = issue.pattern
          ? (PATTERN_NAMES.get(issue.pattern.replace(/^\/|\/$/g, '')) ?? issue.pattern)
          : 'pattern';
        return message('problem.field.pattern', { value: input, pattern });
      }
      return message('problem.field.invalid', { message: issue.message });
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? message('problem.field.empty')
          : message('problem.field.tooShort', { min: Number(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return message('problem.field.tooFew', { min: Number(issue.minimum) });
      return message('problem.field.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string')
        return message('problem.field.tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return message('problem.field.tooMany', { max: Number(issue.maximum) });
      return message('problem.field.tooLarge', { max: Number(issue.maximum) });
    default:
      return message('problem.field.invalid', { message: issue.message });
  }
}

/** Problems for a failed parse of `file`. Unknown keys give one problem per key, at that key. */
export function issuesToProblems(file: string, issues: readonly Issue[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        problems.push({
          file,
          path: formatJsonPath([...issue.path, key]),
          reason: message('problem.field.unknownKey', { key }),
        });
      continue;
    }
    problems.push({ file, path: formatJsonPath(issue.path), reason: issueReason(issue) });
  }
  return problems;
}
