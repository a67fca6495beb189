// Every limit in src/lib/content/limits.ts, enforced by loadContent: the most
// allowed loads, one more is refused with the file, line, field and a fix; and
// files that are not UTF-8 are refused with the line of the first bad byte.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS, type Limit } from '#lib/content/limits.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { ContentError, type Problem } from '#lib/content/problems.ts';
import {
  articleFile,
  commentFile,
  loadTree,
  loadTreeError,
  markdownFile,
  removeTempDirs,
  validTree,
  writeContentTree,
} from './factories.ts';

afterEach(removeTempDirs);

const STORY = 'articles/2026/first-story.md';
const WHY = '(limits and their reasons: docs/content.md)';

/** The only problem reported, failing if there are more or none. */
function onlyProblem(files: Record<string, string>): Problem {
  const { problems } = loadTreeError(files);
  expect(problems, JSON.stringify(problems)).toHaveLength(1);
  return problems[0]!;
}

/** 1-based line of the top-level `key:` in a file's text. */
function lineOf(text: string, key: string): number {
  const index = text.split('\n').findIndex((l) => l.startsWith(`${key}:`));
  expect(index, key).toBeGreaterThan(0);
  return index + 1;
}

const a = (n: number): string => 'a'.repeat(n);

/** Article fields of `n` characters, one case per text limit: [limit, top-level key, field path in messages, fields]. */
const articleTextCases: [Limit, string, string, (n: number) => Record<string, unknown>][] = [
  [LIMITS.article.title, 'title', 'title', (n) => ({ title: a(n) })],
  [LIMITS.article.dek, 'dek', 'dek', (n) => ({ dek: a(n) })],
  [LIMITS.article.dateline, 'dateline', 'dateline', (n) => ({ dateline: a(n) })],
  [LIMITS.article.sourceName, 'source', 'source.name', (n) => ({ source: { name: a(n) } })],
  [LIMITS.article.quoteText, 'quotes', 'quotes.0.text', (n) => ({ quotes: [{ text: a(n), speaker: 'Ann' }] })],
  [LIMITS.article.quoteSpeaker, 'quotes', 'quotes.0.speaker', (n) => ({ quotes: [{ text: 'Yes.', speaker: a(n) }] })],
  [LIMITS.article.quoteRole, 'quotes', 'quotes.0.role', (n) => ({ quotes: [{ text: 'Yes.', speaker: 'Ann', role: a(n) }] })],
  [LIMITS.article.tag, 'tags', 'tags.1', (n) => ({ tags: ['ports', a(n)] })],
  [LIMITS.article.imageAlt, 'image', 'image.alt', (n) => ({ image: { src: '/images/a.jpg', alt: a(n) } })],
  [LIMITS.article.imageCaption, 'image', 'image.caption', (n) => ({ image: { src: '/images/a.jpg', alt: 'A pier', caption: a(n) } })],
  [LIMITS.article.imageCredit, 'image', 'image.credit', (n) => ({ image: { src: '/images/a.jpg', alt: 'A pier', credit: a(n) } })],
  [
    LIMITS.article.correctionText,
    'corrections',
    'corrections.0.text',
    (n) => ({ corrections: [{ date: '2026-11-25T08:00:00+00:00', text: a(n) }] }),
  ],
];

describe('article field lengths', () => {
  it('has a case for every text limit of an article', () => {
    expect(articleTextCases.map(([limit]) => limit).sort()).toEqual(
      Object.values(LIMITS.article)
        // Live updates are files of their own (content/updates/): their limits are tested in tests/unit/live.test.ts.
        .filter((l: Limit) => l.unit === 'characters' && !l.label.startsWith('live update'))
        .sort(),
    );
  });

  for (const [limit, key, field, fields] of articleTextCases) {
    it(`loads ${field} of ${limit.max} characters and refuses ${limit.max + 1}, at its line`, () => {
      expect(loadTree({ [STORY]: articleFile(fields(limit.max)) }).articles).toHaveLength(1);
      const text = articleFile(fields(limit.max + 1));
      const problem = onlyProblem({ [STORY]: text });
      expect(problem).toMatchObject({ file: join('articles', '2026', 'first-story.md'), field, line: lineOf(text, key) });
      expect(problem.message).toMatch(
        new RegExp(
          `^is ${(limit.max + 1).toLocaleString('en')} characters long; the most it may have is ${limit.max.toLocaleString('en')}: .+ \\(limits and their reasons: docs/content\\.md\\)$`,
        ),
      );
    });
  }

  it('counts characters after trimming, as the page shows them', () => {
    expect(loadTree({ [STORY]: articleFile({ dek: ` ${a(LIMITS.article.dek.max)} ` }) }).articles).toHaveLength(1);
  });

  it('words the fix for the field', () => {
    expect(onlyProblem({ [STORY]: articleFile({ title: a(201) }) }).message).toBe(
      `is 201 characters long; the most it may have is 200: shorten the headline ${WHY}`,
    );
    expect(onlyProblem({ [STORY]: articleFile({ image: { src: '/a.jpg', alt: a(1001) } }) }).message).toBe(
      `is 1,001 characters long; the most it may have is 1,000: say what the picture shows in a sentence or two, and put the rest in the caption ${WHY}`,
    );
  });
});

describe('article list lengths', () => {
  const cases: [Limit, string, (i: number) => unknown][] = [
    [LIMITS.article.tags, 'tags', (i) => `topic ${i}`],
    [LIMITS.article.quotes, 'quotes', (i) => ({ text: `Line ${i}.`, speaker: 'Ann' })],
    [LIMITS.article.corrections, 'corrections', (i) => ({ date: '2026-11-25T08:00:00+00:00', text: `Fix ${i}.` })],
  ];
  for (const [limit, key, item] of cases) {
    it(`loads ${limit.max} ${key} and refuses ${limit.max + 1}`, () => {
      const list = (n: number): unknown[] => Array.from({ length: n }, (_, i) => item(i));
      expect(loadTree({ [STORY]: articleFile({ [key]: list(limit.max) }) }).articles[0]![key as 'tags']).toHaveLength(limit.max);
      const text = articleFile({ [key]: list(limit.max + 1) });
      expect(onlyProblem({ [STORY]: text })).toMatchObject({
        field: key,
        line: lineOf(text, key),
        message: expect.stringMatching(new RegExp(`^has ${limit.max + 1} ${key}; the most it may have is ${limit.max}: .+ \\(limits`)),
      });
    });
  }
});

describe('addresses', () => {
  const url = (n: number): string => `https://example.org/${a(n - 'https://example.org/'.length)}`;
  const max = LIMITS.any.url.max;

  it(`loads a ${max}-character address and refuses a longer one in every address field`, () => {
    expect(loadTree({ [STORY]: articleFile({ canonical: url(max) }) }).articles).toHaveLength(1);
    const fields: Record<string, unknown> = {
      canonical: url(max + 1),
      legacyUrl: url(max + 1),
      source: { name: 'Agency', url: url(max + 1) },
      image: { src: url(max + 1), alt: 'A pier' },
    };
    const { problems } = loadTreeError({
      [STORY]: articleFile(fields),
      'desks/news-desk.md': markdownFile({ name: 'News', avatar: url(max + 1), links: [{ label: 'Site', url: url(max + 1) }] }, 'Bio.\n'),
    });
    expect(problems.map((p) => p.field).sort()).toEqual(['avatar', 'canonical', 'image.src', 'legacyUrl', 'links.0.url', 'source.url']);
    for (const p of problems)
      expect(p.message).toBe(`is ${(max + 1).toLocaleString('en')} characters long; no address may be longer than 2,000 ${WHY}`);
  });
});

describe('the size of an article body', () => {
  const max = LIMITS.article.body.max;
  // The body the loader sees starts with the blank line after the closing "---".
  const body = (bytes: number): string => `${'a'.repeat(bytes - 2)}\n`;

  it('loads a body of exactly 512 KB', () => {
    const text = body(max);
    expect(Buffer.byteLength(`\n${text}`)).toBe(max);
    expect(loadTree({ [STORY]: articleFile({}, text) }).articles).toHaveLength(1);
  });

  it('refuses a byte more, at the first line of the body, saying how big it is and what to do', () => {
    const text = articleFile({}, body(max + 1));
    const problem = onlyProblem({ [STORY]: text });
    expect(problem).toEqual({
      file: join('articles', '2026', 'first-story.md'),
      line: text.split('\n').indexOf('---', 1) + 2,
      message: `the body is 513 KB of Markdown; the most a story may have is 512 KB (about 80,000 words): split it into parts, or link to long documents and data instead of pasting them ${WHY}`,
    });
  });

  it('counts bytes, not characters', () => {
    // 200,000 three-byte characters: 600,000 bytes.
    expect(onlyProblem({ [STORY]: articleFile({}, '語'.repeat(200_000)) }).message).toMatch(/^the body is 586 KB of Markdown/);
  });

  it('says megabytes for a runaway body', () => {
    expect(onlyProblem({ [STORY]: articleFile({}, 'x'.repeat(40 * 1024 * 1024)) }).message).toMatch(/^the body is 40\.0 MB of Markdown;/);
  });
});

describe('sections, desks and comments', () => {
  it('refuses a section name and description over their limits', () => {
    const { problems } = loadTreeError({
      'sections/world.md': markdownFile({ name: a(LIMITS.section.name.max + 1), description: a(LIMITS.section.description.max + 1) }),
    });
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ['name', 2],
      ['description', 3],
    ]);
    expect(loadTree({ 'sections/world.md': markdownFile({ name: a(100), description: a(1000) }) }).sections).toHaveLength(2);
  });

  it('refuses a desk name, a link label and too many links', () => {
    const links = (n: number, label = 'Site'): unknown[] =>
      Array.from({ length: n }, (_, i) => ({ label, url: `https://example.org/${i}` }));
    expect(loadTree({ 'desks/news-desk.md': markdownFile({ name: a(100), links: links(20, a(100)) }, 'Bio.\n') }).desks).toHaveLength(2);
    const { problems } = loadTreeError({
      'desks/news-desk.md': markdownFile({ name: a(101), links: links(1, a(101)) }, 'Bio.\n'),
      'desks/foreign-desk.md': markdownFile({ name: 'Foreign', links: links(21) }, 'Bio.\n'),
    });
    expect(problems.map((p) => `${p.file} ${p.field}`).sort()).toEqual([
      `${join('desks', 'foreign-desk.md')} links`,
      `${join('desks', 'news-desk.md')} links.0.label`,
      `${join('desks', 'news-desk.md')} name`,
    ]);
    expect(problems.find((p) => p.field === 'links')!.message).toBe(
      `has 21 links; the most it may have is 20: keep the ones readers use ${WHY}`,
    );
  });

  it('refuses a desk bio over its limit, at the line the bio starts', () => {
    const max = LIMITS.desk.bio.max;
    expect(loadTree({ 'desks/news-desk.md': markdownFile({ name: 'News' }, a(max)) }).desks).toHaveLength(2);
    expect(onlyProblem({ 'desks/news-desk.md': markdownFile({ name: 'News' }, a(max + 1)) })).toEqual({
      file: join('desks', 'news-desk.md'),
      line: 4,
      message: `the bio is 2,001 characters long; the most a bio may have is 2,000, as it is shown under every story by the desk: shorten it ${WHY}`,
    });
  });

  it('refuses a comment author over 100 characters, which stops the whole build', () => {
    expect(onlyProblem({ 'comments/first-story/c1.md': commentFile({ author: a(101) }) })).toMatchObject({
      field: 'author',
      line: 2,
      message: `is 101 characters long; the most it may have is 100: shorten the name ${WHY}`,
    });
  });

  it('loads 1,000 comments on one story and refuses 1,001, naming the folder', () => {
    const max = LIMITS.article.comments.max;
    const comments = (n: number): Record<string, string> =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`comments/first-story/c${i}.md`, commentFile()]));
    expect(loadTree(comments(max)).comments).toHaveLength(max);
    expect(onlyProblem(comments(max + 1))).toEqual({
      file: join('comments', 'first-story'),
      message: `holds 1,001 comments; one story may show at most 1,000, all on its page: keep the ones worth reading and delete the rest, or set comments: false on the story ${WHY}`,
    });
  });
});

describe('files that are not UTF-8', () => {
  /** Writes the valid tree, then `path` as raw bytes, and returns the problems. */
  function problemsWithBytes(path: string, bytes: Buffer): Problem[] {
    const root = writeContentTree(validTree());
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
    try {
      loadContent(root);
    } catch (error) {
      if (error instanceof ContentError) return error.problems;
      throw error;
    }
    throw new Error('expected a ContentError');
  }

  it('refuses a headline saved as Latin-1, naming the line and saying to save it as UTF-8', () => {
    const text = articleFile({ title: 'Harbour café reopens' });
    const problems = problemsWithBytes(STORY, Buffer.from(text, 'latin1'));
    expect(problems).toEqual([
      {
        file: join('articles', '2026', 'first-story.md'),
        line: 2,
        message:
          'is not saved as UTF-8: byte 0xE9 on this line ("title: Harbour caf\uFFFD") is not UTF-8 (often a Latin-1 or Windows-1252 letter such as "é"). ' +
          'Open the file, save it as UTF-8 (in most editors: Save with Encoding, UTF-8), and check the line reads right',
      },
    ]);
  });

  it('finds the line of a bad byte deep in the body', () => {
    const text = articleFile({}, 'One.\n\nTwo.\n\nThe caf\u00e9 is open.\n');
    const problems = problemsWithBytes(STORY, Buffer.from(text, 'latin1'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes('caf')) + 1);
  });

  it('refuses a comment, a section and a desk file that is not UTF-8 too', () => {
    for (const [path, text] of [
      ['comments/first-story/c1.md', commentFile({ author: 'Zoë' })],
      ['sections/world.md', markdownFile({ name: 'Wörld' })],
      ['desks/news-desk.md', markdownFile({ name: 'News' }, 'Our desk in Montréal.\n')],
    ] as const) {
      const problems = problemsWithBytes(path, Buffer.from(text, 'latin1'));
      expect(problems, path).toHaveLength(1);
      expect(problems[0]!.message, path).toMatch(/^is not saved as UTF-8: .*save it as UTF-8/);
    }
  });

  it('skips a replacement character the writer really typed, and finds the bad byte after it', () => {
    const good = articleFile({ dek: 'A sign read \uFFFD' });
    expect(Buffer.from(good).includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(true);
    expect(loadTree({ [STORY]: good }).articles[0]!.dek).toBe('A sign read \uFFFD');
    const bytes = Buffer.concat([Buffer.from(good), Buffer.from('Caf\u00e9 society.\n', 'latin1')]);
    const problems = problemsWithBytes(STORY, bytes);
    expect(problems.map((p) => p.line)).toEqual([good.split('\n').length]);
  });

  it('still reads a UTF-8 file that starts with a byte-order mark', () => {
    expect(loadTree({ [STORY]: `\uFEFF${articleFile({ title: 'Café' })}` }).articles[0]!.title).toBe('Café');
  });
});
