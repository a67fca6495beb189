import matter from 'gray-matter';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  isFrontmatterFailure,
  parseMarkdownFile,
  splitFrontmatter,
  type FrontmatterFailure,
  type ParsedFile,
} from '#lib/content/frontmatter.ts';

function parsed(source: string): ParsedFile {
  const result = parseMarkdownFile(source);
  if (isFrontmatterFailure(result)) throw new Error(`expected the file to parse: ${result.message}`);
  return result;
}

function failure(source: string): FrontmatterFailure {
  const result = parseMarkdownFile(source);
  if (!isFrontmatterFailure(result)) throw new Error('expected the file to fail');
  return result;
}

describe('parseMarkdownFile', () => {
  const source = [
    '---',
    'title: "Ferry inquiry"',
    'tags:',
    '  - ports',
    'publishedAt: 2026-11-24T08:30:00+01:00',
    '---',
    '',
    'Body text.',
    '',
  ].join('\n');

  it('splits the frontmatter from the body', () => {
    const file = parsed(source);
    expect(file.data).toEqual({ title: 'Ferry inquiry', tags: ['ports'], publishedAt: '2026-11-24T08:30:00+01:00' });
    expect(file.body.trim()).toBe('Body text.');
  });

  it('keeps unquoted dates as the text written, offset included', () => {
    expect(parsed(source).data['publishedAt']).toBe('2026-11-24T08:30:00+01:00');
  });

  it('records the 1-based line of each top-level key, not of nested ones', () => {
    expect([...parsed(source).keyLines]).toEqual([
      ['title', 2],
      ['tags', 3],
      ['publishedAt', 5],
    ]);
  });

  it('gives the line where the body starts', () => {
    expect(parsed(source).bodyLine).toBe(7);
    expect(parsed('---\ntitle: A\n---\nBody').bodyLine).toBe(4);
  });

  it('handles Windows line endings', () => {
    const file = parsed('---\r\ntitle: A\r\ndesk: news-desk\r\n---\r\nBody');
    expect(file.data).toEqual({ title: 'A', desk: 'news-desk' });
    expect(file.keyLines.get('desk')).toBe(3);
  });

  it('reads empty frontmatter as no fields', () => {
    expect(parsed('---\n---\nBody').data).toEqual({});
  });

  it('does not turn yes/no or on/off into booleans (YAML 1.2)', () => {
    expect(parsed('---\ndraft: yes\ncomments: off\n---\n').data).toEqual({ draft: 'yes', comments: 'off' });
  });

  it('fails at line 1 when the file does not start with "---"', () => {
    expect(failure('title: A\n\nBody')).toEqual({
      line: 1,
      message: 'has no frontmatter: start the file with a line "---", the fields, then another "---"',
    });
  });

  it('fails with the line of a YAML syntax error', () => {
    const result = failure(['---', 'title: A', 'section: world', 'desk: news: desk', '---', 'Body'].join('\n'));
    expect(result.line).toBe(4);
    expect(result.message).toMatch(/^frontmatter is not valid YAML \(.+\)\./);
  });

  it('fails with the line of bad indentation in a list', () => {
    const result = failure(['---', 'title: A', 'tags:', '  - ports', ' - ships', '---', 'Body'].join('\n'));
    expect(result.line).toBe(5);
  });

  it('says the closing "---" is missing, at the opening line, rather than blaming the YAML in the body', () => {
    const unclosed = ['---', 'title: "Harbour accord signed"', 'section: world', '', 'The council voted: yes, by nine to two.', ''].join(
      '\n',
    );
    expect(failure(unclosed)).toEqual({
      line: 1,
      message:
        'frontmatter is never closed: the "---" on line 1 opens it, but no later line starts with "---". Add a line "---" after the last field, before the story',
    });
    // With a byte-order mark and Windows line endings too.
    expect(failure(`\uFEFF${unclosed.replace(/\n/g, '\r\n')}`).message).toMatch(/^frontmatter is never closed/);
  });

  it('fails when the frontmatter is a list rather than fields', () => {
    expect(failure('---\n- a\n- b\n---\nBody')).toEqual({ line: 2, message: 'frontmatter must be a list of "field: value" lines' });
  });

  it('fails when the frontmatter is a single value rather than fields', () => {
    expect(failure('---\njust text\n---\nBody').message).toBe('frontmatter must be a list of "field: value" lines');
  });
});

describe('splitFrontmatter reads files exactly as gray-matter did', () => {
  // The loader used gray-matter until it proved slow; archives must read the same.
  const engines = { yaml: (text: string): object => (yaml.load(text, { schema: yaml.CORE_SCHEMA }) ?? {}) as object };
  const files = {
    plain: '---\ntitle: A\n---\n\nBody.\n',
    'no blank line after the fence': '---\ntitle: A\n---\nBody.',
    'Windows line endings': '---\r\ntitle: A\r\n---\r\n\r\nBody.\r\n',
    'no closing fence': '---\ntitle: A\nsection: world\n',
    'closing fence at the very end': '---\ntitle: A\n---',
    'a longer closing fence': '---\ntitle: A\n----\nBody.',
    'a rule in the body': '---\ntitle: A\n---\nOne.\n\n---\n\nTwo.',
    'only comments': '---\n# title: A\n  # another\n---\nBody.',
    empty: '---\n---\nBody.',
    'a block scalar': '---\ndek: |\n  Line one\n  --- not a fence\n---\nBody.',
    'text after the closing fence': '---\ntitle: A\n--- trailing\nBody.',
  };
  for (const [name, source] of Object.entries(files)) {
    it(`splits ${name} the same way`, () => {
      const theirs = matter(source, { engines });
      const ours = splitFrontmatter(source);
      expect(ours.body).toBe(theirs.content);
      expect(ours.matter).toBe(theirs.matter);
      // gray-matter reads an unclosed frontmatter as the whole file; the loader refuses it (tested above).
      if (name === 'no closing fence') return;
      const parsed = parseMarkdownFile(source);
      expect(isFrontmatterFailure(parsed) ? parsed : parsed.data).toEqual(theirs.data);
    });
  }
});
