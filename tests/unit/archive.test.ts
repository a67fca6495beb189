import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import type { Article } from '#lib/content/content.ts';
import { DAY, HOUR, makeArticle, makeComment, makeContent, makeDesk, makeSection, PUBLISHED_MS } from './factories.ts';

const NOW = PUBLISHED_MS + 10 * DAY;
const slugs = (list: readonly Article[] | undefined): string[] => (list ?? []).map((a) => a.slug);

/** A small newsroom: two published stories sharing a tag, one draft and one embargoed story that share it too. */
function newsroom(): Article[] {
  return [
    makeArticle({ slug: 'ferry-inquiry', section: 'world', desk: 'news-desk', tags: ['Ports', 'Shipping'], publishedMs: NOW - 2 * DAY }),
    makeArticle({ slug: 'freight-rates', section: 'business', desk: 'foreign-desk', tags: ['Shipping'], publishedMs: NOW - DAY }),
    makeArticle({
      slug: 'secret-draft',
      section: 'world',
      desk: 'news-desk',
      tags: ['Shipping', 'Leaks'],
      draft: true,
      publishedMs: NOW - 3 * DAY,
    }),
    makeArticle({
      slug: 'embargoed-report',
      section: 'business',
      desk: 'foreign-desk',
      tags: ['Shipping', 'Budget'],
      publishedMs: NOW + 6 * HOUR,
    }),
  ];
}

describe('buildArchive in preview (npm run dev)', () => {
  it('keeps drafts and embargoed articles in every list, newest first', () => {
    const archive = buildArchive(makeContent(newsroom()), NOW, { mode: 'preview' });
    expect(archive.mode).toBe('preview');
    expect(slugs(archive.articles)).toEqual(['embargoed-report', 'freight-rates', 'ferry-inquiry', 'secret-draft']);
    expect(slugs(archive.bySection.get('world'))).toEqual(['ferry-inquiry', 'secret-draft']);
    expect(slugs(archive.tags.get('leaks')?.articles)).toEqual(['secret-draft']);
  });

  it('is production unless asked', () => {
    expect(buildArchive(makeContent(newsroom()), NOW).mode).toBe('production');
  });
});

describe('buildArchive with an injected clock', () => {
  it('leaves drafts and embargoed articles out of the article list', () => {
    expect(slugs(buildArchive(makeContent(newsroom()), NOW).articles)).toEqual(['freight-rates', 'ferry-inquiry']);
  });

  it('leaves drafts and embargoed articles out of section and desk lists', () => {
    const archive = buildArchive(makeContent(newsroom()), NOW);
    expect(slugs(archive.bySection.get('world'))).toEqual(['ferry-inquiry']);
    expect(slugs(archive.bySection.get('business'))).toEqual(['freight-rates']);
    expect(slugs(archive.byDesk.get('news-desk'))).toEqual(['ferry-inquiry']);
    expect(slugs(archive.byDesk.get('foreign-desk'))).toEqual(['freight-rates']);
  });

  it('gives no tag page to tags used only by drafts or embargoed articles', () => {
    const archive = buildArchive(makeContent(newsroom()), NOW);
    expect([...archive.tags.keys()].sort()).toEqual(['ports', 'shipping']);
    expect(slugs(archive.tags.get('shipping')?.articles)).toEqual(['freight-rates', 'ferry-inquiry']);
  });

  it('never offers a draft or embargoed article as related', () => {
    const archive = buildArchive(makeContent(newsroom()), NOW);
    expect(archive.articles.filter((a) => archive.related(a).length > 0).length).toBeGreaterThan(1);
    for (const article of archive.articles) {
      expect(slugs(archive.related(article))).not.toContain('secret-draft');
      expect(slugs(archive.related(article))).not.toContain('embargoed-report');
    }
    expect(slugs(archive.related(archive.articles.find((a) => a.slug === 'ferry-inquiry')!))).toEqual(['freight-rates']);
  });

  it('publishes an embargoed article everywhere once the clock passes its time', () => {
    const later = NOW + 6 * HOUR;
    const archive = buildArchive(makeContent(newsroom()), later);
    expect(slugs(archive.articles)).toEqual(['embargoed-report', 'freight-rates', 'ferry-inquiry']);
    expect(slugs(archive.bySection.get('business'))).toEqual(['embargoed-report', 'freight-rates']);
    expect(slugs(archive.byDesk.get('foreign-desk'))).toEqual(['embargoed-report', 'freight-rates']);
    expect(archive.tags.get('budget')?.name).toBe('Budget');
    const ferry = archive.articles.find((a) => a.slug === 'ferry-inquiry')!;
    expect(slugs(archive.related(ferry))).toContain('embargoed-report');
    // The draft stays out whatever the time.
    expect(slugs(archive.articles)).not.toContain('secret-draft');
  });
});

describe('buildArchive ordering and lookups', () => {
  it('lists articles newest first with ties broken by slug, whatever the input order', () => {
    const articles = [
      makeArticle({ slug: 'charlie', publishedMs: NOW - DAY }),
      makeArticle({ slug: 'alpha', publishedMs: NOW - DAY }),
      makeArticle({ slug: 'newest', publishedMs: NOW - HOUR }),
      makeArticle({ slug: 'bravo', publishedMs: NOW - DAY }),
      makeArticle({ slug: 'oldest', publishedMs: NOW - 5 * DAY }),
    ];
    const expected = ['newest', 'alpha', 'bravo', 'charlie', 'oldest'];
    expect(slugs(buildArchive(makeContent(articles), NOW).articles)).toEqual(expected);
    expect(slugs(buildArchive(makeContent([...articles].reverse()), NOW).articles)).toEqual(expected);
    expect(slugs(buildArchive(makeContent([...articles].reverse()), NOW).bySection.get('world'))).toEqual(expected);
  });

  it('has an empty list for a section or desk with no published stories', () => {
    const archive = buildArchive(makeContent([makeArticle({ section: 'world' })]), NOW);
    expect(archive.bySection.get('science')).toEqual([]);
    expect(archive.byDesk.get('foreign-desk')).toEqual([]);
  });

  it('finds sections and desks by slug and throws for unknown ones', () => {
    const archive = buildArchive(makeContent([]), NOW);
    expect(archive.section('business').name).toBe('Business');
    expect(archive.desk('foreign-desk').slug).toBe('foreign-desk');
    expect(() => archive.section('sport')).toThrow('unknown section "sport"');
    expect(() => archive.desk('sports-desk')).toThrow('unknown desk "sports-desk"');
  });

  it('keeps sections and desks as given', () => {
    const content = makeContent([], { sections: [makeSection({ slug: 'b' }), makeSection({ slug: 'a' })], desks: [makeDesk()] });
    const archive = buildArchive(content, NOW);
    expect(archive.sections.map((s) => s.slug)).toEqual(['b', 'a']);
    expect(archive.desks).toBe(content.desks);
  });

  it('groups tags by slug, so spellings of one tag share a page and an article appears once', () => {
    const articles = [
      makeArticle({ slug: 'one', tags: ['Sea Level', 'sea-level', 'SEA LEVEL'], publishedMs: NOW - DAY }),
      makeArticle({ slug: 'two', tags: ['sea level'], publishedMs: NOW - 2 * DAY }),
    ];
    const archive = buildArchive(makeContent(articles), NOW);
    expect([...archive.tags.keys()]).toEqual(['sea-level']);
    const tag = archive.tags.get('sea-level')!;
    expect(tag.slug).toBe('sea-level');
    expect(slugs(tag.articles)).toEqual(['one', 'two']);
    // The page is named with a spelling a writer used, not the slug.
    expect(['Sea Level', 'sea-level', 'SEA LEVEL', 'sea level']).toContain(tag.name);
    expect(archive.tagSlugs(articles[0]!)).toEqual(['sea-level']);
  });

  it('turns tags into URL slugs', () => {
    const archive = buildArchive(makeContent([makeArticle({ tags: ['Crime & Courts', 'Café Society'] })]), NOW);
    expect([...archive.tags.keys()].sort()).toEqual(['cafe-society', 'crime-and-courts']);
  });

  it('returns the same related list on every call for an article', () => {
    const articles = [makeArticle({ slug: 'a', publishedMs: NOW - DAY }), makeArticle({ slug: 'b', publishedMs: NOW - 2 * DAY })];
    const archive = buildArchive(makeContent(articles), NOW);
    const first = archive.related(archive.articles[0]!);
    expect(slugs(first)).toEqual(['b']);
    expect(archive.related(archive.articles[0]!)).toBe(first);
  });

  it('limits related lists to relatedCount', () => {
    const articles = Array.from({ length: 10 }, (_, i) => makeArticle({ slug: `story-${i}`, publishedMs: NOW - (i + 1) * HOUR }));
    expect(buildArchive(makeContent(articles), NOW).related(articles[0]!)).toHaveLength(5);
    expect(buildArchive(makeContent(articles), NOW, { relatedCount: 3 }).related(articles[0]!)).toHaveLength(3);
  });
});

describe('comments in the archive', () => {
  it('looks up each article’s comments, oldest first, leaving out those dated after the clock', () => {
    const story = makeArticle({ slug: 'harbour-story', publishedMs: NOW - 2 * DAY });
    const other = makeArticle({ slug: 'other-story', publishedMs: NOW - DAY });
    const comments = [
      makeComment({ id: 'second', publishedMs: NOW - HOUR }),
      makeComment({ id: 'first', publishedMs: NOW - DAY }),
      makeComment({ id: 'tomorrow', publishedMs: NOW + DAY }),
      makeComment({ id: 'elsewhere', article: 'other-story', publishedMs: NOW - HOUR }),
    ];
    const archive = buildArchive(makeContent([story, other], { comments }), NOW);
    expect(archive.commentsOn(story).map((c) => c.id)).toEqual(['first', 'second']);
    expect(archive.commentsOn(other).map((c) => c.id)).toEqual(['elsewhere']);
    expect(archive.commentsOn(makeArticle({ slug: 'quiet-story' }))).toEqual([]);
  });
});
