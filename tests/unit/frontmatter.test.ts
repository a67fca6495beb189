import { describe, expect, it } from 'vitest';
import { isFrontmatterFailure, parseMarkdownFile, type FrontmatterFailure, type ParsedFile } from '../../src/lib/frontmatter.ts';

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
  const source = ['---', 'title: "Ferry inquiry"', 'tags:', '  - ports', 'publishedAt: 2026-11-24T08:30:00+01:00', '---', '', 'Body text.', ''].join('\n');

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

  it('fails when the frontmatter is a list rather than fields', () => {
    expect(failure('---\n- a\n- b\n---\nBody')).toEqual({ line: 2, message: 'frontmatter must be a list of "field: value" lines' });
  });

  it('fails when the frontmatter is a single value rather than fields', () => {
    expect(failure('---\njust text\n---\nBody').message).toBe('frontmatter must be a list of "field: value" lines');
  });
});
