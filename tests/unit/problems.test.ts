import { describe, expect, it } from 'vitest';
import { ContentError, formatProblems, type Problem } from '#lib/content/problems.ts';

describe('formatProblems', () => {
  it('writes one "file:line field: message" line per problem under a summary', () => {
    expect(
      formatProblems([{ file: 'articles/2026/a.md', line: 5, field: 'publishedAt', message: 'must have an offset' }]),
    ).toBe('Dateline found 1 problem in 1 file; nothing was built.\n  articles/2026/a.md:5 publishedAt: must have an offset');
  });

  it('leaves out the line and the field when they are not known', () => {
    expect(formatProblems([{ file: 'articles/Bad.md', message: 'is not a valid slug' }]).split('\n')[1]).toBe('  articles/Bad.md is not a valid slug');
    expect(formatProblems([{ file: 'a.md', line: 3, message: 'bad YAML' }]).split('\n')[1]).toBe('  a.md:3 bad YAML');
    expect(formatProblems([{ file: 'a.md', field: 'title', message: 'is missing' }]).split('\n')[1]).toBe('  a.md title: is missing');
  });

  it('sorts by file, then by line, with whole-file problems first', () => {
    const problems: Problem[] = [
      { file: 'b.md', line: 9, message: 'b9' },
      { file: 'a.md', line: 7, message: 'a7' },
      { file: 'b.md', line: 2, message: 'b2' },
      { file: 'a.md', message: 'a-whole' },
      { file: 'a.md', line: 3, message: 'a3' },
    ];
    const lines = formatProblems(problems).split('\n').slice(1);
    expect(lines.map((l) => l.split(' ').at(-1))).toEqual(['a-whole', 'a3', 'a7', 'b2', 'b9']);
  });

  it('counts problems and distinct files in the summary', () => {
    const head = formatProblems([
      { file: 'a.md', message: 'x' },
      { file: 'a.md', message: 'y' },
      { file: 'b.md', message: 'z' },
    ]).split('\n')[0];
    expect(head).toBe('Dateline found 3 problems in 2 files; nothing was built.');
  });

  it('does not reorder the caller\'s list', () => {
    const problems: Problem[] = [
      { file: 'b.md', message: 'b' },
      { file: 'a.md', message: 'a' },
    ];
    formatProblems(problems);
    expect(problems.map((p) => p.file)).toEqual(['b.md', 'a.md']);
  });
});

describe('ContentError', () => {
  it('carries every problem and formats them as its message', () => {
    const problems: Problem[] = [
      { file: 'a.md', field: 'title', message: 'is missing' },
      { file: 'b.md', line: 2, message: 'bad YAML' },
    ];
    const error = new ContentError(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ContentError');
    expect(error.problems).toEqual(problems);
    expect(error.message).toBe(formatProblems(problems));
  });
});
