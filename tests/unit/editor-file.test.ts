// The editor's file format (src/editor/article-file.js): an opened file saved
// without changes is the same bytes, a changed field changes only its lines,
// a new story is written in npm run new's style and order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { createFormat, FORM_ONLY, NESTED_ORDER, ORIGINAL, slugFrom } from '../../src/editor/article-file.js';
import { isFrontmatterFailure, parseMarkdownFile } from '#lib/content/frontmatter.ts';
import { slugFromHeadline } from '#lib/content/new-article.ts';
import { deskSchema } from '#lib/content/schemas.ts';
import { SLUG_PATTERN } from '#lib/content/slugs.ts';
import { ARTICLE_FIELD_ORDER, NESTED_SCHEMAS } from '#lib/editor/cms-config.ts';

const ROOT = join(import.meta.dirname, '../..');
const format = createFormat(yaml);
const ORDER = [...ARTICLE_FIELD_ORDER, 'body'];

/** Saves `text` as the editor does: read, changed by `edit`, written with the file as it was opened. */
function save(text: string, edit: (data: Record<string, unknown>) => void = () => {}): string {
  const data = structuredClone(format.fromFile(text)) as Record<string, unknown>;
  edit(data);
  return format.toFile({ ...data, [ORIGINAL]: text }, ORDER);
}

/** The lines of `after` that differ from `before` (same line count assumed). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return b.filter((line, i) => line !== a[i]);
}

const contentFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && /^(articles|sections|desks)\//.test(f))
    .map((f) => join(dir, f));

const HARBOUR = readFileSync(join(ROOT, 'tests/fixtures/basic/articles/2026/harbour-accord-signed.md'), 'utf8');

describe('the editor’s file format', () => {
  it('saves every sample and fixture article, section and desk without changes byte for byte', () => {
    const files = [...contentFiles(join(ROOT, 'content')), ...contentFiles(join(ROOT, 'tests/fixtures/basic'))];
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(save(text), file).toBe(text);
    }
  });

  it('changes only the headline’s line when the headline is edited, and only the quote’s line when a quote is', () => {
    const after = save(HARBOUR, (data) => {
      data['title'] = 'Harbour accord signed in Valletta at dawn';
      (data['quotes'] as { text: string }[])[1]!.text = 'The work starts on Tuesday.';
    });
    expect(changedLines(HARBOUR, after)).toEqual([
      'title: "Harbour accord signed in Valletta at dawn"',
      '  - text: "The work starts on Tuesday."',
    ]);
  });

  it('writes an added field in the form’s order and drops an emptied one, leaving the other lines alone', () => {
    const text = readFileSync(join(ROOT, 'tests/fixtures/basic/articles/2026/port-strike-ends.md'), 'utf8');
    const after = save(text, (data) => {
      data['dek'] = 'Dockers return on Monday.';
      delete data['commentsCloseAfterDays'];
    });
    const lines = after.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '---',
      'title: "Port strike ends after three weeks"',
      'section: world',
      'desk: news-desk',
      'publishedAt: 2026-05-10T07:00:00+00:00',
      'dek: "Dockers return on Monday."',
    ]);
    expect(after).not.toContain('commentsCloseAfterDays');
    expect(after.replace('dek: "Dockers return on Monday."\n', '')).toBe(text.replace('commentsCloseAfterDays: 7\n', ''));
  });

  it('keeps the comments and hints of a file from npm run new', () => {
    const text = [
      '---',
      'title: "A"',
      'section: world',
      'desk: news-desk',
      'publishedAt: 2026-01-02T03:04:05+00:00',
      '# a hint',
      'draft: true',
      '# dek: "x"',
      '---',
      '',
      'Body.',
      '',
    ].join('\n');
    expect(save(text)).toBe(text);
    const undrafted = save(text, (data) => {
      data['draft'] = false;
      data['dateline'] = 'CORK';
    });
    expect(undrafted).toBe(text.replace('draft: true\n', 'draft: false\ndateline: "CORK"\n'));
  });

  it('writes a new story in npm run new’s style: the form’s order, free text quoted, slugs and dates plain, tags as a flow list', () => {
    const text = format.toFile(
      {
        body: 'First paragraph.',
        quotes: [{ speaker: 'Ann Lee', text: 'We "won".', role: '' }],
        tags: ['ports', 'EU policy', 'a, b', 'true'],
        title: 'Tom & Jerry </script><img src=x onerror=alert(1)>',
        desk: 'news-desk',
        section: 'world',
        publishedAt: '2026-11-25T09:15:00+00:00',
        draft: false,
        image: { alt: 'A quay', src: './photo.jpg', credit: 'Agency' },
        source: { url: 'https://wire.example/a', name: 'Wire: #1' },
        corrections: [{ text: 'Fixed.', date: '2026-11-26T10:00:00+00:00' }],
        commentsCloseAfterDays: 7,
        slug: 'ignored',
        yearfolder: '2026',
        dateline: '',
      },
      ORDER,
    );
    expect(text).toBe(
      [
        '---',
        'title: "Tom & Jerry </script><img src=x onerror=alert(1)>"',
        'section: world',
        'desk: news-desk',
        'publishedAt: 2026-11-25T09:15:00+00:00',
        'draft: false',
        'tags: [ports, EU policy, "a, b", "true"]',
        'image:',
        '  src: "./photo.jpg"',
        '  alt: "A quay"',
        '  credit: "Agency"',
        'quotes:',
        '  - text: "We \\"won\\"."',
        '    speaker: "Ann Lee"',
        'source:',
        '  name: "Wire: #1"',
        '  url: "https://wire.example/a"',
        'commentsCloseAfterDays: 7',
        'corrections:',
        '  - date: 2026-11-26T10:00:00+00:00',
        '    text: "Fixed."',
        '---',
        '',
        'First paragraph.',
        '',
      ].join('\n'),
    );
    for (const key of FORM_ONLY) expect(text).not.toMatch(new RegExp(`^${key}:`, 'm'));
    const parsed = parseMarkdownFile(text);
    if (isFrontmatterFailure(parsed)) throw new Error('not frontmatter');
    expect(parsed.data['tags']).toEqual(['ports', 'EU policy', 'a, b', 'true']);
    expect(parsed.data['title']).toBe('Tom & Jerry </script><img src=x onerror=alert(1)>');
  });

  it('reads back what it writes, whatever the text', () => {
    const nasty = [
      'line\nbreak',
      '"quoted"',
      "it's",
      ': colon',
      '# hash',
      '- dash',
      'null',
      '0123',
      '\u2028',
      '\\back',
      '[flow]',
      '{x}',
      ' padded ',
    ];
    for (const value of nasty) {
      const text = format.toFile({ title: value, tags: [value], quotes: [{ text: value, speaker: value }], body: 'x' }, ORDER);
      const data = format.fromFile(text) as Record<string, unknown>;
      expect(data['title'], JSON.stringify(value)).toBe(value);
      expect(data['tags']).toEqual([value]);
      expect(data['quotes']).toEqual([{ text: value, speaker: value }]);
    }
  });

  it('orders the keys of each group as the contract’s schema has them', () => {
    for (const [group, keys] of Object.entries(NESTED_SCHEMAS)) expect(NESTED_ORDER[group as keyof typeof NESTED_ORDER]).toEqual(keys);
    expect(NESTED_ORDER.links).toEqual(Object.keys(deskSchema.shape.links.unwrap().element.shape));
  });

  it('makes file names the contract accepts, as npm run new does for plain headlines', () => {
    for (const headline of [
      'Ferry crews vote to accept harbour pay deal',
      'Tom & Jerry’s </script> "quoted"',
      'Café owners in Malmö',
      'x'.repeat(100),
    ]) {
      expect(slugFrom(headline)).toMatch(SLUG_PATTERN);
      expect(slugFrom(headline).length).toBeLessThanOrEqual(80);
    }
    expect(slugFrom('Ferry crews vote to accept harbour pay deal')).toBe(slugFromHeadline('Ferry crews vote to accept harbour pay deal'));
    expect(slugFrom('Café owners in Malmö')).toBe('cafe-owners-in-malmo');
  });
});
