import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isFrontmatterFailure, parseMarkdownFile } from '#lib/content/frontmatter.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { articleFiles, choiceProblem, freeSlug, newArticleText, readChoices, slugFromHeadline } from '#lib/content/new-article.ts';
import { articleSchema } from '#lib/content/schemas.ts';
import { articleFile, removeTempDirs, validTree, writeContentTree } from './factories.ts';

afterEach(removeTempDirs);

const NEW = { title: 'Harbour "accord": what it means', section: 'world', desk: 'news-desk', publishedAt: '2026-11-24T08:30:00+00:00' };

describe('slugFromHeadline', () => {
  it('makes a slug of the headline', () => {
    expect(slugFromHeadline('Harbour accord: what it means for ferries & fishing')).toBe(
      'harbour-accord-what-it-means-for-ferries-and-fishing',
    );
    expect(slugFromHeadline('Café owners welcome 2027 budget')).toBe('cafe-owners-welcome-2027-budget');
  });

  it('cuts a long headline at a word, to 80 characters at most', () => {
    const slug = slugFromHeadline(
      'Ministers from nine North Sea states sign a pact to build a shared offshore power grid by 2035 at the latest',
    );
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe('ministers-from-nine-north-sea-states-sign-a-pact-to-build-a-shared-offshore');
  });

  it('is empty when the headline has nothing a URL can carry', () => {
    expect(slugFromHeadline('Ελλάδα')).toBe('');
  });
});

describe('freeSlug', () => {
  it('keeps a free slug and numbers a taken one', () => {
    expect(freeSlug('strike', new Set())).toBe('strike');
    expect(freeSlug('strike', new Set(['strike', 'strike-2']))).toBe('strike-3');
  });
});

describe('articleFiles', () => {
  it('finds every article in every year folder by slug', () => {
    const dir = writeContentTree({ ...validTree(), 'articles/2025/older.md': articleFile({ publishedAt: '2025-01-01T00:00:00Z' }) });
    expect([...articleFiles(dir)].sort()).toEqual([
      ['first-story', join(dir, 'articles/2026/first-story.md')],
      ['older', join(dir, 'articles/2025/older.md')],
    ]);
  });
});

describe('readChoices and choiceProblem', () => {
  const dir = (): string => writeContentTree(validTree());
  const read = (path: string): string => readFileSync(path, 'utf8');

  it('lists the sections and desks with their names', () => {
    const root = dir();
    expect(readChoices(root, 'sections', read)).toEqual([
      { slug: 'business', name: 'Business' },
      { slug: 'world', name: 'World' },
    ]);
    expect(readChoices(root, 'desks', read).map((d) => d.slug)).toEqual(['foreign-desk', 'news-desk']);
  });

  it('accepts a section that exists', () => {
    expect(choiceProblem('world', readChoices(dir(), 'sections', read), 'section')).toBeUndefined();
  });

  it('names every section, and the nearest, for one that does not exist', () => {
    expect(choiceProblem('wrld', readChoices(dir(), 'sections', read), 'section')).toBe(
      '"wrld" is not a section: did you mean "world"? The sections are: business (Business), world (World). To add one, create content/sections/wrld.md',
    );
    expect(choiceProblem('sports', [{ slug: 'news-desk', name: 'HD News Desk' }], 'desk')).toBe(
      '"sports" is not a desk. The desks are: news-desk (HD News Desk). To add one, create content/desks/sports.md',
    );
  });

  it('says there are none yet in an empty folder', () => {
    expect(choiceProblem('world', [], 'section')).toBe(
      'there are no sections yet: add content/sections/world.md first (see docs/content.md)',
    );
  });

  it('falls back to the slug for a section whose file cannot be read', () => {
    const root = writeContentTree({ 'sections/world.md': 'no frontmatter' });
    expect(readChoices(root, 'sections', read)).toEqual([{ slug: 'world', name: 'world' }]);
  });
});

describe('newArticleText', () => {
  const text = newArticleText(NEW);

  it('writes the required fields, a draft flag, and a body to replace', () => {
    const parsed = parseMarkdownFile(text);
    if (isFrontmatterFailure(parsed)) throw new Error(parsed.message);
    expect(parsed.data).toEqual({ ...NEW, draft: true });
    expect(parsed.body.trim()).not.toBe('');
  });

  it('passes the checker as written', () => {
    const root = writeContentTree({ ...validTree(), 'articles/2026/new-story.md': text });
    const article = loadContent(root).articles.find((a) => a.slug === 'new-story');
    // The loader curls the headline's quotes (typography.ts); the words are the writer's.
    expect(article).toMatchObject({ title: 'Harbour “accord”: what it means', draft: true, publishedAt: NEW.publishedAt });
  });

  it('has a commented hint for every optional field of the contract', () => {
    const required = ['title', 'section', 'desk', 'publishedAt', 'draft'];
    const optional = Object.keys(articleSchema.shape).filter((k) => !required.includes(k));
    expect(optional.length).toBeGreaterThan(5);
    for (const field of optional) expect(text, field).toMatch(new RegExp(`^# ${field}:`, 'm'));
  });

  it('still passes the checker with every hint uncommented', () => {
    const uncommented = text
      .split('\n')
      .map((line) => (/^# [a-zA-Z]+:|^# {3}-/.test(line) ? line.slice(2) : line))
      .join('\n');
    const parsed = parseMarkdownFile(uncommented);
    if (isFrontmatterFailure(parsed)) throw new Error(parsed.message);
    const result = articleSchema.safeParse(parsed.data);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    expect(Object.keys(parsed.data).sort()).toEqual(Object.keys(articleSchema.shape).sort());
  });

  it('keeps a headline with quotes, colons and hashes intact', () => {
    const title = 'Mayor: "We # will" rebuild \\ the pier';
    const parsed = parseMarkdownFile(newArticleText({ ...NEW, title }));
    expect(isFrontmatterFailure(parsed) ? parsed : parsed.data['title']).toBe(title);
  });
});
