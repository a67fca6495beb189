// Turns zod's issues into problems a writer can act on: the field, what is
// wrong in plain words, and what to do.
import type { z } from 'astro/zod';
import type { Problem } from './problems.ts';

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
};

/** Converts zod issues for one file into problems with field and line. */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  keyLines: ReadonlyMap<string, number>,
  knownFields: readonly string[],
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const siblings = path.length === 0 ? knownFields : [];
      for (const key of issue.keys) {
        const field = [...path, key].join('.');
        const hint = closest(key, siblings);
        problems.push(
          withLine(
            {
              file,
              field,
              message: `is not a field here${hint ? `: did you mean "${hint}"?` : '.'} Fix the name or remove the line (see docs/content.md for the fields)`,
            },
            keyLines,
            path[0] ?? key,
          ),
        );
      }
      continue;
    }
    const field = path.join('.');
    problems.push(withLine({ file, field, message: describe(issue) }, keyLines, path[0]));
  }
  return problems;
}

function withLine(problem: Problem, keyLines: ReadonlyMap<string, number>, key: string | undefined): Problem {
  const line = key === undefined ? undefined : keyLines.get(key);
  return line ? { ...problem, line } : problem;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
    // A message set on the schema is already in a writer's words.
    if (!issue.message.startsWith('Invalid input')) return issue.message;
    if (issue.input === undefined) return `is required but missing: add a line "${String(issue.path.at(-1))}: …"`;
    const hint = issue.expected === 'string' ? ' (put it in double quotes)' : '';
    return `must be ${expected}, not ${kindOf(issue.input)}${hint}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array') return 'is an empty list: add an item or remove the field';
  return issue.message;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return `text ("${value}")`;
  return `${typeof value === 'number' ? 'a number' : typeof value} (${String(value)})`;
}

/** The known name nearest to a misspelt one, if it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[b.length]!;
}
