import { describe, expect, it } from 'vitest';
import { buildArchive, type Archive } from '#lib/archive/archive.ts';
import type { Article } from '#lib/content/content.ts';
import { findRelated, type RelatedIndex } from '#lib/archive/related.ts';
import { DAY, HOUR, makeArticle, makeContent, PUBLISHED_MS } from './factories.ts';

const NOW = PUBLISHED_MS + 30 * DAY;
const slugs = (list: readonly Article[]): string[] => list.map((a) => a.slug);

function archiveOf(articles: Article[]): Archive {
  return buildArchive(makeContent(articles), NOW);
}

function indexOf(archive: Archive): RelatedIndex {
  return {
    bySection: archive.bySection,
    byTag: new Map([...archive.tags].map(([slug, tag]) => [slug, tag.articles])),
    tagSlugs: archive.tagSlugs,
  };
}

function related(articles: Article[], slug: string, count?: number): string[] {
  const archive = archiveOf(articles);
  const article = archive.articles.find((a) => a.slug === slug)!;
  return slugs(findRelated(article, indexOf(archive), count));
}

const at = (offsetHours: number): number => NOW - 10 * DAY + offsetHours * HOUR;

describe('findRelated', () => {
  it('never lists the article itself', () => {
    const articles = [
      makeArticle({ slug: 'lonely', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'elsewhere', section: 'science', publishedMs: at(1) }),
    ];
    expect(related(articles, 'lonely')).toEqual([]);
  });

  it('ignores articles with no shared tag in another section', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'budget', section: 'business', tags: ['tax'], publishedMs: at(1) }),
      makeArticle({ slug: 'comet', section: 'science', publishedMs: at(-1) }),
    ];
    expect(related(articles, 'ferry')).toEqual([]);
  });

  it('ranks a shared tag above sharing only the section', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['ports'], publishedMs: at(0) }),
      // Same section, close in time, no tag in common.
      makeArticle({ slug: 'election', section: 'world', publishedMs: at(1) }),
      makeArticle({ slug: 'summit', section: 'world', publishedMs: at(-1) }),
      // Another section, days away, but sharing the tag.
      makeArticle({ slug: 'freight', section: 'business', tags: ['Ports'], publishedMs: at(-96) }),
    ];
    expect(related(articles, 'ferry', 1)).toEqual(['freight']);
  });

  it('ranks more shared tags above fewer', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['ports', 'safety', 'greece'], publishedMs: at(0) }),
      makeArticle({ slug: 'one-tag', section: 'business', tags: ['ports'], publishedMs: at(1) }),
      makeArticle({ slug: 'two-tags', section: 'business', tags: ['ports', 'safety'], publishedMs: at(-72) }),
    ];
    expect(related(articles, 'ferry', 1)).toEqual(['two-tags']);
  });

  it('ranks a shared tag in the same section above a shared tag elsewhere', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'other-section', section: 'business', tags: ['ports'], publishedMs: at(1) }),
      makeArticle({ slug: 'same-section', section: 'world', tags: ['ports'], publishedMs: at(-48) }),
    ];
    expect(related(articles, 'ferry', 1)).toEqual(['same-section']);
  });

  it('prefers the nearest in time among equally related stories', () => {
    const articles = [
      makeArticle({ slug: 'middle', publishedMs: at(0) }),
      makeArticle({ slug: 'far-before', publishedMs: at(-50) }),
      makeArticle({ slug: 'near-before', publishedMs: at(-2) }),
      makeArticle({ slug: 'near-after', publishedMs: at(3) }),
      makeArticle({ slug: 'far-after', publishedMs: at(40) }),
    ];
    expect(related(articles, 'middle', 2)).toEqual(['near-after', 'near-before']);
  });

  it('lists its results newest first, not by score', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'older-tagged', section: 'business', tags: ['ports'], publishedMs: at(-24) }),
      makeArticle({ slug: 'newer-section', section: 'world', publishedMs: at(5) }),
    ];
    expect(related(articles, 'ferry')).toEqual(['newer-section', 'older-tagged']);
  });

  it('returns at most count articles, five by default', () => {
    const articles = Array.from({ length: 12 }, (_, i) => makeArticle({ slug: `story-${i}`, tags: ['ports'], publishedMs: at(i) }));
    expect(related(articles, 'story-6')).toHaveLength(5);
    expect(related(articles, 'story-6', 3)).toHaveLength(3);
    expect(related(articles, 'story-6', 0)).toEqual([]);
  });

  it('never includes drafts or embargoed stories', () => {
    const articles = [
      makeArticle({ slug: 'ferry', tags: ['ports'], publishedMs: at(0) }),
      makeArticle({ slug: 'draft', tags: ['ports'], draft: true, publishedMs: at(1) }),
      makeArticle({ slug: 'embargoed', tags: ['ports'], publishedMs: NOW + HOUR }),
      makeArticle({ slug: 'published', tags: ['ports'], publishedMs: at(-30) }),
    ];
    expect(related(articles, 'ferry')).toEqual(['published']);
  });

  it('counts a tag written twice in different spellings once', () => {
    const articles = [
      makeArticle({ slug: 'ferry', section: 'world', tags: ['Ports', 'ports', 'safety'], publishedMs: at(0) }),
      makeArticle({ slug: 'ports-elsewhere', section: 'business', tags: ['ports'], publishedMs: at(-5) }),
      makeArticle({ slug: 'safety-same-section', section: 'world', tags: ['safety'], publishedMs: at(-10) }),
    ];
    // Tag + section (2 + 1) beats one tag (2); had "Ports"/"ports" counted twice, it would not (2 + 2).
    expect(related(articles, 'ferry', 1)).toEqual(['safety-same-section']);
  });
});

describe('findRelated on a large archive', () => {
  const SECTIONS = ['world', 'business', 'science'];
  const TOTAL = 20_000;
  const base = NOW - DAY;
  const articles = Array.from({ length: TOTAL }, (_, i) =>
    makeArticle({
      slug: `story-${i}`,
      section: SECTIONS[i % SECTIONS.length]!,
      tags: [`topic-${i % 400}`, `topic-${(i * 7 + 3) % 400}`],
      draft: i % 20 === 0,
      publishedMs: base - i * 10 * 60 * 1000,
    }),
  );
  const archive = archiveOf(articles);

  it('finds five sensible related stories for articles across a 20,000-story archive', () => {
    expect(archive.articles).toHaveLength(TOTAL - TOTAL / 20);
    for (const i of [1, 2_501, 9_999, 15_003, 19_999]) {
      const article = archive.articles.find((a) => a.slug === `story-${i}`)!;
      const found = archive.related(article);
      expect(found).toHaveLength(5);
      expect(found).not.toContain(article);
      for (const other of found) {
        expect(other.draft).toBe(false);
        // Plenty of stories share a tag, so every result should.
        expect(other.tags.some((t) => article.tags.includes(t))).toBe(true);
      }
      const times = found.map((a) => a.publishedMs);
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });
});
