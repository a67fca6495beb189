import { describe, expect, it } from 'vitest';
import { byNewest, getPublished, isPublished } from '../../src/lib/publishing.ts';
import { DAY, HOUR, makeArticle, PUBLISHED_MS } from './factories.ts';

const NOW = PUBLISHED_MS + DAY;

describe('isPublished', () => {
  it('publishes an article whose time has passed', () => {
    expect(isPublished(makeArticle({ publishedMs: NOW - HOUR }), NOW)).toBe(true);
  });

  it('never publishes a draft, however old', () => {
    expect(isPublished(makeArticle({ draft: true, publishedMs: NOW - 365 * DAY }), NOW)).toBe(false);
  });

  it('holds back an embargoed article until its time', () => {
    const embargoed = makeArticle({ publishedMs: NOW + 1 });
    expect(isPublished(embargoed, NOW)).toBe(false);
    expect(isPublished(embargoed, NOW + 1)).toBe(true);
  });

  it('publishes an article at the exact millisecond of its publishedAt', () => {
    expect(isPublished(makeArticle({ publishedMs: NOW }), NOW)).toBe(true);
  });
});

describe('byNewest', () => {
  it('puts the newer article first', () => {
    const older = makeArticle({ slug: 'older', publishedMs: NOW - DAY });
    const newer = makeArticle({ slug: 'newer', publishedMs: NOW });
    expect([older, newer].sort(byNewest)).toEqual([newer, older]);
  });

  it('breaks ties by slug so the order does not depend on input order', () => {
    const a = makeArticle({ slug: 'alpha', publishedMs: NOW });
    const b = makeArticle({ slug: 'bravo', publishedMs: NOW });
    const c = makeArticle({ slug: 'charlie', publishedMs: NOW });
    expect([c, a, b].sort(byNewest).map((x) => x.slug)).toEqual(['alpha', 'bravo', 'charlie']);
    expect([b, c, a].sort(byNewest).map((x) => x.slug)).toEqual(['alpha', 'bravo', 'charlie']);
  });
});

describe('getPublished', () => {
  const articles = [
    makeArticle({ slug: 'old', publishedMs: NOW - 3 * DAY }),
    makeArticle({ slug: 'draft', draft: true, publishedMs: NOW - 2 * DAY }),
    makeArticle({ slug: 'embargoed', publishedMs: NOW + HOUR }),
    makeArticle({ slug: 'recent', publishedMs: NOW - HOUR }),
    makeArticle({ slug: 'middle', publishedMs: NOW - DAY }),
  ];

  it('keeps only published articles, newest first', () => {
    expect(getPublished(articles, NOW).map((a) => a.slug)).toEqual(['recent', 'middle', 'old']);
  });

  it('lets an embargoed article in once the clock passes its time', () => {
    expect(getPublished(articles, NOW + HOUR).map((a) => a.slug)).toEqual(['embargoed', 'recent', 'middle', 'old']);
  });

  it('leaves the input list in its original order', () => {
    const before = articles.map((a) => a.slug);
    getPublished(articles, NOW);
    expect(articles.map((a) => a.slug)).toEqual(before);
  });

  it('orders by the moment, not the written time, when offsets differ', () => {
    const dublin = makeArticle({ slug: 'dublin', publishedAt: '2026-11-24T09:00:00+00:00' });
    const tokyo = makeArticle({ slug: 'tokyo', publishedAt: '2026-11-24T17:00:00+09:00' }); // 08:00 UTC
    expect(getPublished([tokyo, dublin], NOW).map((a) => a.slug)).toEqual(['dublin', 'tokyo']);
  });
});
