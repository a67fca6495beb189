import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '#lib/content/load-content.ts';
import { ContentError, type Problem } from '#lib/content/problems.ts';
import {
  articleFile,
  loadTree,
  loadTreeError,
  makeTempDir,
  markdownFile,
  removeTempDirs,
  validTree,
  writeContentTree,
} from './factories.ts';

afterEach(removeTempDirs);

/** The only problem reported, failing if there are more or none. */
function onlyProblem(files: Record<string, string>): Problem {
  const { problems } = loadTreeError(files);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

describe('loadContent on valid content', () => {
  it('returns sections, desks and articles with slugs taken from their file names', () => {
    const content = loadTree({});
    expect(content.sections.map((s) => s.slug)).toEqual(['world', 'business']);
    expect(content.desks.map((d) => d.slug).sort()).toEqual(['foreign-desk', 'news-desk']);
    expect(content.articles.map((a) => a.slug)).toEqual(['first-story']);
    expect(content.articles[0]!.file).toBe(join('articles', '2026', 'first-story.md'));
  });

  it('fills in the contract defaults for optional article fields', () => {
    const [article] = loadTree({}).articles;
    expect(article).toMatchObject({ draft: false, comments: true, featured: false, quotes: [], tags: [], corrections: [] });
    expect(article!.dek).toBeUndefined();
    expect(article!.updatedMs).toBeUndefined();
  });

  it('keeps the written date strings with their offsets and derives epoch milliseconds from them', () => {
    const [article] = loadTree({
      'articles/2026/first-story.md': articleFile({
        publishedAt: '2026-11-24T09:30:00+01:00',
        updatedAt: '2026-11-24T10:00:00Z',
      }),
    }).articles;
    expect(article!.publishedAt).toBe('2026-11-24T09:30:00+01:00');
    expect(article!.publishedMs).toBe(Date.UTC(2026, 10, 24, 8, 30));
    expect(article!.updatedMs).toBe(Date.UTC(2026, 10, 24, 10, 0));
  });

  it('gives each article the sha1 of its whole file, which changes when the file does', () => {
    const text = articleFile();
    const dir = writeContentTree({ ...validTree(), 'articles/2026/first-story.md': text });
    const before = loadContent(dir).articles[0]!.digest;
    expect(before).toBe(createHash('sha1').update(text).digest('hex'));
    writeFileSync(join(dir, 'articles/2026/first-story.md'), `${text}One more line.\n`);
    expect(loadContent(dir).articles[0]!.digest).not.toBe(before);
  });

  it('keeps the absolute path so the body can be read at render time', () => {
    const dir = writeContentTree(validTree());
    const [article] = loadContent(dir).articles;
    expect(article!.path).toBe(join(dir, 'articles/2026/first-story.md'));
    expect(readFileSync(article!.path, 'utf8')).toContain('The first paragraph of the story.');
  });

  it('resolves a lead image written ./photo.jpg beside the article file, and leaves site paths and web addresses alone', () => {
    const dir = writeContentTree({
      ...validTree(),
      'articles/2026/first-story.md': articleFile({ image: { src: './quay.jpg', alt: 'The quay' } }),
      'articles/2026/quay.jpg': 'not really a JPEG; the loader only checks that it exists',
      'articles/2026/second-story.md': articleFile({ image: { src: '/images/quay.jpg', alt: 'The quay' } }),
    });
    const [first, second] = loadContent(dir).articles;
    expect(first!.image?.src).toBe('./quay.jpg');
    expect(first!.imageFile).toBe(join(dir, 'articles/2026/quay.jpg'));
    expect(second!.imageFile).toBeUndefined();
  });

  it('uses the dek as the summary when there is one', () => {
    const [article] = loadTree({
      'articles/2026/first-story.md': articleFile({ dek: 'The standfirst.' }, 'Body paragraph.\n'),
    }).articles;
    expect(article!.summary).toBe('The standfirst.');
  });

  it('uses the first paragraph as the summary when there is no dek', () => {
    const [article] = loadTree({
      'articles/2026/first-story.md': articleFile({}, '## A heading\n\nThe *real* opening.\n\nSecond paragraph.\n'),
    }).articles;
    expect(article!.summary).toBe('The real opening.');
  });

  it('keeps the desk body, trimmed, as its bio', () => {
    const content = loadTree({ 'desks/news-desk.md': markdownFile({ name: 'HD News Desk' }, '\n\nWe report.\n\n') });
    expect(content.desks.find((d) => d.slug === 'news-desk')!.bio).toBe('We report.');
  });

  it('orders sections by their order field, then the ones without by name', () => {
    const content = loadTree({
      'sections/world.md': markdownFile({ name: 'World', order: 2 }),
      'sections/business.md': markdownFile({ name: 'Business', order: 1 }),
      'sections/culture.md': markdownFile({ name: 'Culture' }),
      'sections/arts.md': markdownFile({ name: 'Arts' }),
    });
    expect(content.sections.map((s) => s.slug)).toEqual(['business', 'world', 'arts', 'culture']);
  });

  it('loads drafts and embargoed articles too, leaving publishing decisions to later', () => {
    const content = loadTree({
      'articles/2026/a-draft.md': articleFile({ draft: true }),
      'articles/2099/far-future.md': articleFile({ publishedAt: '2099-01-01T00:00:00Z' }),
    });
    expect(content.articles.map((a) => a.slug).sort()).toEqual(['a-draft', 'far-future', 'first-story']);
    expect(content.articles.find((a) => a.slug === 'a-draft')!.draft).toBe(true);
  });

  it('names files relative to displayRoot when one is given', () => {
    const root = makeTempDir();
    const dir = writeContentTree(Object.fromEntries(Object.entries(validTree()).map(([path, text]) => [`content/${path}`, text])), root);
    const content = loadContent(join(dir, 'content'), { displayRoot: root });
    expect(content.articles[0]!.file).toBe(join('content', 'articles', '2026', 'first-story.md'));
  });

  it('names files by their absolute path when the content lives outside displayRoot', () => {
    const dir = writeContentTree(validTree());
    const elsewhere = makeTempDir();
    const content = loadContent(dir, { displayRoot: elsewhere });
    expect(content.articles[0]!.file).toBe(join(dir, 'articles', '2026', 'first-story.md'));
  });

  it('ignores files that are not Markdown', () => {
    const content = loadTree({ 'sections/notes.txt': 'not a section', 'articles/2026/photo.jpg': 'binary' });
    expect(content.sections).toHaveLength(2);
    expect(content.articles).toHaveLength(1);
  });

  it('accepts a safe source, canonical, image and desk links', () => {
    const content = loadTree({
      'articles/2026/first-story.md': articleFile({
        source: { name: 'RTE', url: 'https://www.rte.ie/news/1' },
        canonical: 'https://www.rte.ie/news/1',
        image: { src: '/images/harbour.jpg', alt: 'The harbour at dawn' },
      }),
      'desks/news-desk.md': markdownFile({
        name: 'HD News Desk',
        avatar: '/images/desk.svg',
        links: [
          { label: 'Email', url: 'mailto:news@example.org' },
          { label: 'Tips', url: 'https://example.org/tips' },
        ],
      }),
    });
    expect(content.articles[0]!.image).toEqual({ src: '/images/harbour.jpg', alt: 'The harbour at dawn' });
    expect(content.desks.find((d) => d.slug === 'news-desk')!.links).toHaveLength(2);
  });
});

describe('loadContent error text per bad input', () => {
  it('reports a content folder that does not exist, naming DATELINE_CONTENT_DIR', () => {
    const missing = join(makeTempDir(), 'nope');
    expect(() => loadContent(missing)).toThrow(ContentError);
    expect(() => loadContent(missing)).toThrow(/is not a folder\. Point DATELINE_CONTENT_DIR at a content folder/);
  });

  it('reports each missing top-level folder', () => {
    const dir = writeContentTree({ 'sections/world.md': markdownFile({ name: 'World' }) });
    try {
      loadContent(dir);
      expect.unreachable('loadContent should have thrown');
    } catch (error) {
      const { problems } = error as ContentError;
      expect(problems.map((p) => p.file).sort()).toEqual(['articles', 'desks']);
      expect(problems[0]!.message).toMatch(/^is missing: create the folder (articles|desks)\/ \(see docs\/content\.md\)$/);
    }
  });

  it('reports a missing required field by name at the closing "---", telling the writer to add it', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ title: undefined }) });
    expect(problem).toEqual({
      file: join('articles', '2026', 'first-story.md'),
      line: 5,
      field: 'title',
      message: 'is required but missing: add a line "title: …"',
    });
  });

  it('reports a lead image beside the article that is not there, naming the file, field, line and folder', () => {
    const problem = onlyProblem({
      'articles/2026/first-story.md': articleFile({ image: { src: './Quay.jpg', alt: 'The quay' } }),
      'articles/2026/quay.jpg': 'a photo whose name differs in case',
    });
    expect(problem).toEqual({
      file: join('articles', '2026', 'first-story.md'),
      line: 6,
      field: 'image.src',
      message: `"./Quay.jpg" is not in ${join('articles', '2026')}/: put the photo beside the article, or fix its name (names are case-sensitive)`,
    });
  });

  it('reports a missing publishedAt with the same wording, not the date-format message', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ publishedAt: undefined }) });
    expect(problem.field).toBe('publishedAt');
    expect(problem.message).toBe('is required but missing: add a line "publishedAt: …"');
  });

  it('reports a headline over 200 characters with its line', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ title: 'x'.repeat(201) }) });
    expect(problem).toMatchObject({
      field: 'title',
      line: 2,
      message: 'is 201 characters long; the most it may have is 200: shorten the headline (limits and their reasons: docs/content.md)',
    });
  });

  it('accepts a headline of exactly 200 characters', () => {
    expect(loadTree({ 'articles/2026/first-story.md': articleFile({ title: 'x'.repeat(200) }) }).articles[0]!.title).toHaveLength(200);
  });

  it('reports a headline that YAML read as a number, suggesting double quotes', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ title: 2026 }) });
    expect(problem).toMatchObject({ field: 'title', line: 2, message: 'must be text, not a number (2026) (put it in double quotes)' });
  });

  it('reports a blank headline', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ title: '   ' }) });
    expect(problem).toMatchObject({ field: 'title', message: 'is empty: write some text, or remove the field' });
  });

  it('reports an unknown section with a did-you-mean hint and the list of sections', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ section: 'wrold' }) });
    expect(problem).toEqual({
      file: join('articles', '2026', 'first-story.md'),
      line: 3,
      field: 'section',
      message: '"wrold" is not a section: did you mean "world"? Use one of business, world, or add content/sections/wrold.md',
    });
  });

  it('reports an unknown section with no hint when nothing is close', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ section: 'sport' }) });
    expect(problem.message).toBe('"sport" is not a section. Use one of business, world, or add content/sections/sport.md');
  });

  it('reports an unknown desk, naming the desks there are', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ desk: 'sports-desk' }) });
    expect(problem).toMatchObject({ field: 'desk', line: 4 });
    expect(problem.message).toMatch(/^"sports-desk" is not a desk/);
    expect(problem.message).toContain('Use one of foreign-desk, news-desk, or add content/desks/sports-desk.md');
  });

  it('reports a duplicate slug against both files, each naming the other', () => {
    const { problems } = loadTreeError({
      'articles/2025/first-story.md': articleFile({ publishedAt: '2025-03-01T12:00:00Z' }),
    });
    const older = join('articles', '2025', 'first-story.md');
    const newer = join('articles', '2026', 'first-story.md');
    expect(problems).toHaveLength(2);
    expect(problems.map((p) => p.file).sort()).toEqual([older, newer]);
    for (const p of problems) {
      const other = p.file === older ? newer : older;
      expect(p.message).toBe(`slug "first-story" is used by two articles (${other} too); URLs must be unique, so rename one file`);
    }
  });

  it('reports a malformed date with its line and an example of the right form', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ publishedAt: '24/11/2026 08:30' }) });
    expect(problem).toMatchObject({ field: 'publishedAt', line: 5 });
    expect(problem.message).toContain('must be a date and time with a UTC offset, like 2026-11-24T08:30:00+00:00');
  });

  it('reports a date without an offset, saying the offset is required', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ publishedAt: '2026-11-24T08:30:00' }) });
    expect(problem).toMatchObject({ field: 'publishedAt', line: 5 });
    expect(problem.message).toContain('(the offset, +00:00 or Z, is required)');
  });

  it('reports a date with no time as malformed', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ publishedAt: '2026-11-24' }) });
    expect(problem.field).toBe('publishedAt');
    expect(problem.message).toMatch(/UTC offset/);
  });

  it('reports a date that does not exist on the calendar', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ publishedAt: '2026-02-30T08:00:00Z' }) });
    expect(problem).toMatchObject({ field: 'publishedAt', message: 'is not a real date (check the month and day)' });
  });

  it('reports a malformed updatedAt', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ updatedAt: 'yesterday' }) });
    expect(problem).toMatchObject({ field: 'updatedAt', line: 6 });
    expect(problem.message).toMatch(/UTC offset/);
  });

  it('reports updatedAt before publishedAt, quoting both', () => {
    const problem = onlyProblem({
      'articles/2026/first-story.md': articleFile({ updatedAt: '2026-11-24T07:00:00+00:00' }),
    });
    expect(problem).toEqual({
      file: join('articles', '2026', 'first-story.md'),
      line: 6,
      field: 'updatedAt',
      message: `(2026-11-24T07:00:00+00:00) is before publishedAt (2026-11-24T08:30:00+00:00): an update cannot come before first publication`,
    });
  });

  it('compares updatedAt with publishedAt as moments, not as text', () => {
    // 09:00 in Paris is 08:00 UTC, before publication at 08:30 UTC, although "09" > "08".
    const problem = onlyProblem({
      'articles/2026/first-story.md': articleFile({ updatedAt: '2026-11-24T09:00:00+01:00' }),
    });
    expect(problem.field).toBe('updatedAt');
    // And the other way round: 08:00 in New York is later than 08:30 UTC.
    expect(loadTree({ 'articles/2026/first-story.md': articleFile({ updatedAt: '2026-11-24T08:00:00-05:00' }) }).articles).toHaveLength(1);
  });

  it('accepts updatedAt equal to publishedAt', () => {
    expect(loadTree({ 'articles/2026/first-story.md': articleFile({ updatedAt: '2026-11-24T08:30:00Z' }) }).articles).toHaveLength(1);
  });

  it('reports an image without alt text as image.alt on the image line', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ image: { src: '/images/a.jpg' } }) });
    expect(problem).toMatchObject({
      field: 'image.alt',
      line: 6,
      message: 'is required when an image is given: describe the picture for readers who cannot see it',
    });
  });

  it('reports an image with empty alt text, asking for a description', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ image: { src: '/images/a.jpg', alt: ' ' } }) });
    expect(problem).toMatchObject({ field: 'image.alt', message: 'is empty: describe the picture for readers who cannot see it' });
  });

  it('reports broken YAML with the line it broke on', () => {
    const text = [
      '---',
      'title: "A headline"',
      'section: world',
      'desk: news: desk',
      `publishedAt: ${'2026-11-24T08:30:00+00:00'}`,
      '---',
      '',
      'Body.',
      '',
    ].join('\n');
    const problem = onlyProblem({ 'articles/2026/first-story.md': text });
    expect(problem.line).toBe(4);
    expect(problem.field).toBeUndefined();
    expect(problem.message).toMatch(
      /^frontmatter is not valid YAML \(.+\)\. Check indentation and put text containing ":" or "#" in double quotes$/,
    );
  });

  it('reports a file with no frontmatter at line 1', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': 'Just a story, no fields.\n' });
    expect(problem).toMatchObject({ line: 1, message: expect.stringMatching(/^has no frontmatter: start the file with a line "---"/) });
  });

  it('reports an empty body at the line where the body should start', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({}, '\n  \n') });
    expect(problem.field).toBeUndefined();
    expect(problem.message).toBe('the body is empty: write the story below the closing "---"');
    // Frontmatter "---" + 4 fields + "---" is 6 lines; the body starts on line 7.
    expect(problem.line).toBe(7);
  });

  it('reports a file name that is not a slug at line 1, suggesting one', () => {
    const problem = onlyProblem({ 'articles/2026/Harbour_Story.md': articleFile() });
    expect(problem).toEqual({
      file: join('articles', '2026', 'Harbour_Story.md'),
      line: 1,
      message: 'file name "Harbour_Story.md" is not a valid slug: use lower-case letters, digits and hyphens only, e.g. "harbour-story.md"',
    });
  });

  it('reports a bad file name in sections and desks too', () => {
    const { problems } = loadTreeError({
      'sections/World News.md': markdownFile({ name: 'World News' }),
      'desks/--.md': markdownFile({ name: 'Dashes' }),
    });
    expect(problems.map((p) => p.file).sort()).toEqual([join('desks', '--.md'), join('sections', 'World News.md')]);
    expect(problems.find((p) => p.file.startsWith('sections'))!.message).toContain('e.g. "world-news.md"');
    // Nothing can be suggested for a name with no letters or digits.
    expect(problems.find((p) => p.file.startsWith('desks'))!.message).toBe(
      'file name "--.md" is not a valid slug: use lower-case letters, digits and hyphens only',
    );
  });

  it('reports an article that is not in a year folder', () => {
    const problem = onlyProblem({ 'articles/stray-story.md': articleFile() });
    expect(problem).toEqual({
      file: join('articles', 'stray-story.md'),
      message: 'is not in a year folder: move it to content/articles/<yyyy>/ (the year it is published)',
    });
  });

  it('reports an article folder that is not named by year', () => {
    const problem = onlyProblem({ 'articles/drafts/some-story.md': articleFile() });
    expect(problem).toEqual({
      file: join('articles', 'drafts'),
      message: 'is not a year folder: article folders are named by year, like content/articles/2026/',
    });
  });

  it('reports an article whose year folder does not match publishedAt', () => {
    const problem = onlyProblem({ 'articles/2025/late-filing.md': articleFile() });
    expect(problem).toEqual({
      file: join('articles', '2025', 'late-filing.md'),
      line: 5,
      field: 'publishedAt',
      message: 'is in 2026 but the file is in the 2025/ folder: move it to content/articles/2026/',
    });
  });

  it('reports an unknown field with a typo hint and its line', () => {
    const text = articleFile({ tilte: 'Typo' });
    const { problems } = loadTreeError({ 'articles/2026/first-story.md': text });
    expect(problems).toContainEqual({
      file: join('articles', '2026', 'first-story.md'),
      line: 6,
      field: 'tilte',
      message: 'is not a field here: did you mean "title"? Fix the name or remove the line (see docs/content.md for the fields)',
    });
  });

  it('reports an unknown field with no hint when nothing is close', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ wordcount: 300 }) });
    expect(problem).toMatchObject({
      field: 'wordcount',
      message: 'is not a field here. Fix the name or remove the line (see docs/content.md for the fields)',
    });
  });

  it('reports an unknown field inside a group by its full path', () => {
    const problem = onlyProblem({
      'articles/2026/first-story.md': articleFile({ image: { src: '/images/a.jpg', alt: 'A', captoin: 'Oops' } }),
    });
    expect(problem).toMatchObject({ field: 'image.captoin', line: 6 });
    expect(problem.message).toMatch(/^is not a field here/);
  });

  it("reports a field with the wrong type in a writer's words", () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ draft: 'yes please' }) });
    expect(problem).toMatchObject({ field: 'draft', message: 'must be true or false, not text ("yes please")' });
  });

  it('reports a bad field inside a list item by its index', () => {
    const problem = onlyProblem({
      'articles/2026/first-story.md': articleFile({ quotes: [{ text: 'One', speaker: 'A' }, { text: 'Two' }] }),
    });
    expect(problem).toMatchObject({ field: 'quotes.1.speaker', line: 6, message: 'is required but missing: add a line "speaker: …"' });
  });

  it('reports a tag with no letters or digits, since it cannot have a page', () => {
    const problem = onlyProblem({ 'articles/2026/first-story.md': articleFile({ tags: ['ports', '!!!'] }) });
    expect(problem).toMatchObject({
      field: 'tags.1',
      line: 6,
      message: '"!!!" has no letters or digits, so it cannot have a page: use a word',
    });
  });

  it.each(['tag', 'desk', 'search', 'page'])('reports a section named "%s", which the site uses for its own pages', (slug) => {
    const problem = onlyProblem({ [`sections/${slug}.md`]: markdownFile({ name: 'Reserved' }) });
    expect(problem).toEqual({
      file: join('sections', `${slug}.md`),
      message: `"${slug}" is used by the site's own pages and cannot name a section: rename the file`,
    });
  });

  it('reports a section without a name and a section order that is not a number', () => {
    const { problems } = loadTreeError({
      'sections/world.md': markdownFile({ description: 'No name' }),
      'sections/business.md': markdownFile({ name: 'Business', order: 'first' }),
    });
    expect(problems).toContainEqual({
      file: join('sections', 'world.md'),
      line: 3,
      field: 'name',
      message: 'is required but missing: add a line "name: …"',
    });
    expect(problems).toContainEqual({
      file: join('sections', 'business.md'),
      line: 3,
      field: 'order',
      message: 'must be a number, not text ("first")',
    });
  });

  it('reports a desk without a name', () => {
    const problem = onlyProblem({ 'desks/foreign-desk.md': markdownFile({ avatar: '/images/a.svg' }, 'Bio.') });
    expect(problem).toMatchObject({ file: join('desks', 'foreign-desk.md'), field: 'name' });
  });

  describe('unsafe URLs', () => {
    const article = join('articles', '2026', 'first-story.md');
    // foreign-desk has no articles, so its problems are the only ones.
    const desk = join('desks', 'foreign-desk.md');
    it.each([
      [
        'source.url',
        'javascript:alert(1)',
        { 'articles/2026/first-story.md': articleFile({ source: { name: 'RTE', url: 'javascript:alert(1)' } }) },
        article,
      ],
      ['canonical', 'javascript:alert(1)', { 'articles/2026/first-story.md': articleFile({ canonical: 'javascript:alert(1)' }) }, article],
      ['canonical', 'JaVaScRiPt:alert(1)', { 'articles/2026/first-story.md': articleFile({ canonical: 'JaVaScRiPt:alert(1)' }) }, article],
      [
        'canonical',
        'java\tscript:alert(1)',
        { 'articles/2026/first-story.md': articleFile({ canonical: 'java\tscript:alert(1)' }) },
        article,
      ],
      [
        'canonical',
        ' javascript:alert(1)',
        { 'articles/2026/first-story.md': articleFile({ canonical: ' javascript:alert(1)' }) },
        article,
      ],
      [
        'canonical',
        'data:text/html,hi',
        { 'articles/2026/first-story.md': articleFile({ canonical: 'data:text/html,<script>alert(1)</script>' }) },
        article,
      ],
      ['canonical', 'a relative path', { 'articles/2026/first-story.md': articleFile({ canonical: '/world/story/' }) }, article],
      [
        'image.src',
        'data:image/svg+xml',
        { 'articles/2026/first-story.md': articleFile({ image: { src: 'data:image/svg+xml;base64,PHN2Zz4=', alt: 'A' } }) },
        article,
      ],
      [
        'image.src',
        'javascript:alert(1)',
        { 'articles/2026/first-story.md': articleFile({ image: { src: 'javascript:alert(1)', alt: 'A' } }) },
        article,
      ],
      [
        'image.src',
        '//evil.example/a.jpg',
        { 'articles/2026/first-story.md': articleFile({ image: { src: '//evil.example/a.jpg', alt: 'A' } }) },
        article,
      ],
      [
        'links.0.url',
        'javascript:alert(1)',
        { 'desks/foreign-desk.md': markdownFile({ name: 'Foreign', links: [{ label: 'Tip', url: 'javascript:alert(1)' }] }) },
        desk,
      ],
      [
        'links.0.url',
        'data:text/html',
        { 'desks/foreign-desk.md': markdownFile({ name: 'Foreign', links: [{ label: 'Tip', url: 'data:text/html,hi' }] }) },
        desk,
      ],
      [
        'avatar',
        'javascript:alert(1)',
        { 'desks/foreign-desk.md': markdownFile({ name: 'Foreign', avatar: 'javascript:alert(1)' }) },
        desk,
      ],
    ])('rejects %s set to %s', (field, _label, files, file) => {
      const problem = onlyProblem(files);
      expect(problem.file).toBe(file);
      expect(problem.field).toBe(field);
      expect(problem.message).toMatch(/https:\/\//);
    });
  });
});

describe('loadContent reports every problem at once', () => {
  const files = {
    'articles/2026/first-story.md': articleFile({ section: 'wrold' }),
    'articles/2026/no-title.md': articleFile({ title: undefined }),
    'articles/2026/bad-date.md': articleFile({ publishedAt: '2026-11-24 08:30' }),
    'articles/2026/no-alt.md': articleFile({ image: { src: '/images/a.jpg' } }),
    'articles/2025/wrong-year.md': articleFile(),
    'articles/2026/Bad_Name.md': articleFile(),
    'desks/foreign-desk.md': markdownFile({ name: 'Foreign', links: [{ label: 'Tip', url: 'javascript:alert(1)' }] }),
    'sections/tag.md': markdownFile({ name: 'Tags' }),
  };

  it('throws one ContentError holding a problem for every bad file', () => {
    const error = loadTreeError(files);
    expect(error).toBeInstanceOf(ContentError);
    expect(error.problems.map((p) => [p.file, p.field])).toEqual(
      expect.arrayContaining([
        [join('articles', '2026', 'first-story.md'), 'section'],
        [join('articles', '2026', 'no-title.md'), 'title'],
        [join('articles', '2026', 'bad-date.md'), 'publishedAt'],
        [join('articles', '2026', 'no-alt.md'), 'image.alt'],
        [join('articles', '2025', 'wrong-year.md'), 'publishedAt'],
        [join('articles', '2026', 'Bad_Name.md'), undefined],
        [join('desks', 'foreign-desk.md'), 'links.0.url'],
        [join('sections', 'tag.md'), undefined],
      ]),
    );
    expect(error.problems).toHaveLength(8);
  });

  it('gives every problem a file, the field when one is to blame, and a fix in the message', () => {
    const { problems } = loadTreeError(files);
    expect(problems.length).toBeGreaterThan(1);
    for (const p of problems) {
      expect(p.file).not.toBe('');
      expect(p.message.length).toBeGreaterThan(20);
      // Every message says what to do: add, use, move, rename, describe, write…
      expect(p.message).toMatch(/\b(add|use|move|rename|fix|remove|write|describe|must be|e\.g\.)\b/i);
    }
    expect(
      problems
        .filter((p) => p.field === undefined)
        .map((p) => p.file)
        .sort(),
    ).toEqual([join('articles', '2026', 'Bad_Name.md'), join('sections', 'tag.md')]);
  });

  it('lists every problem in the error message as file:line field: message', () => {
    const { message } = loadTreeError(files);
    expect(message.split('\n')[0]).toBe('Dateline found 8 problems in 8 files; nothing was built.');
    expect(message).toContain(`  ${join('articles', '2026', 'bad-date.md')}:5 publishedAt: must be a date and time with a UTC offset`);
    expect(message).toContain(`  ${join('articles', '2026', 'Bad_Name.md')}:1 file name "Bad_Name.md" is not a valid slug`);
    expect(message.split('\n')).toHaveLength(9);
  });

  it('still reports cross-file problems in files that are valid on their own', () => {
    const { problems } = loadTreeError({
      'articles/2026/bad-date.md': articleFile({ publishedAt: 'soon' }),
      'articles/2026/wrong-desk.md': articleFile({ desk: 'new-desk' }),
    });
    expect(problems.map((p) => p.field).sort()).toEqual(['desk', 'publishedAt']);
    expect(problems.find((p) => p.field === 'desk')!.message).toContain('did you mean "news-desk"?');
  });
});

describe('loadContent reports each problem once, where it is', () => {
  it('does not blame every article for a desk whose own file is broken', () => {
    const { problems } = loadTreeError({
      'desks/news-desk.md': markdownFile({ nme: 'HD News Desk' }, 'Bio.'),
      'articles/2026/second-story.md': articleFile({ title: 'Second' }),
    });
    expect(problems.length).toBeGreaterThan(0);
    expect(
      problems.every((p) => p.file.endsWith(join('desks', 'news-desk.md'))),
      JSON.stringify(problems),
    ).toBe(true);
  });

  it('reports a Markdown file whose extension is not lower-case .md instead of skipping it', () => {
    const problem = onlyProblem({ 'articles/2026/loud-story.MD': articleFile() });
    expect(problem.file).toBe(join('articles', '2026', 'loud-story.MD'));
    expect(problem.message).toMatch(/must end in lower-case "\.md" \(rename it loud-story\.md\)/);
  });

  it('reports a folder inside a year folder', () => {
    const problem = onlyProblem({ 'articles/2026/extra/nested-story.md': articleFile() });
    expect(problem.message).toMatch(/articles go directly in content\/articles\/<yyyy>\/<slug>\.md/);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const content = loadTree({ 'articles/2026/first-story.md': `\uFEFF${articleFile()}` });
    expect(content.articles.map((a) => a.slug)).toEqual(['first-story']);
  });
});
