import { describe, expect, it } from 'vitest';
import { ContentError, formatProblems, formatWarnings, toWorkflowCommands, type Problem } from '#lib/content/problems.ts';

describe('formatProblems', () => {
  it('writes one "file:line field: message" line per problem under a summary', () => {
    expect(formatProblems([{ file: 'articles/2026/a.md', line: 5, field: 'publishedAt', message: 'must have an offset' }])).toBe(
      'Dateline found 1 problem in 1 file; nothing was built.\n  articles/2026/a.md:5 publishedAt: must have an offset',
    );
  });

  it('leaves out the line and the field when they are not known', () => {
    expect(formatProblems([{ file: 'articles/Bad.md', message: 'is not a valid slug' }]).split('\n')[1]).toBe(
      '  articles/Bad.md is not a valid slug',
    );
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

  it("does not reorder the caller's list", () => {
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

describe('formatWarnings', () => {
  it('lists warnings in the same line format, under a head that says the build still runs', () => {
    expect(
      formatWarnings([
        { file: 'b.md', line: 5, field: 'publishedAt', message: 'is old' },
        { file: 'a.md', message: 'hm' },
      ]),
    ).toBe('Dateline has 2 warnings (the build will still run):\n  a.md hm\n  b.md:5 publishedAt: is old');
  });
});

describe('toWorkflowCommands', () => {
  it('writes one GitHub workflow command a problem, with file, line and a title naming the field', () => {
    expect(
      toWorkflowCommands(
        [
          { file: 'content/articles/2026/b.md', line: 4, field: 'section', message: '"wrld" is not a section' },
          { file: 'content/articles/2026/a.md', message: 'is not saved as UTF-8' },
        ],
        'error',
      ).split('\n'),
    ).toEqual([
      '::error file=content/articles/2026/a.md,title=Dateline content::is not saved as UTF-8',
      '::error file=content/articles/2026/b.md,line=4,title=Dateline content%3A section::section: "wrld" is not a section',
    ]);
  });

  it('writes warnings as ::warning', () => {
    expect(toWorkflowCommands([{ file: 'a.md', line: 2, message: 'old date' }], 'warning')).toBe(
      '::warning file=a.md,line=2,title=Dateline content::old date',
    );
  });

  it('escapes what the runner would read as the end of a property or of the command', () => {
    expect(toWorkflowCommands([{ file: 'we,ird:name.md', field: 'quotes.0.text', message: '100% wrong\nsecond line\r' }], 'error')).toBe(
      '::error file=we%2Cird%3Aname.md,title=Dateline content%3A quotes.0.text::quotes.0.text: 100%25 wrong%0Asecond line%0D',
    );
  });
});
