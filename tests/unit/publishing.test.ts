import { describe, expect, it } from 'vitest';
import { byNewest, getPublished, getVisible, isPublished, isVisible, previewLabel, publicationLabel } from '#lib/archive/publishing.ts';
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

describe('isVisible and getVisible', () => {
  const draft = makeArticle({ slug: 'draft', draft: true, publishedMs: NOW - DAY });
  const embargoed = makeArticle({ slug: 'embargoed', publishedMs: NOW + HOUR });
  const published = makeArticle({ slug: 'published', publishedMs: NOW - HOUR });

  it('shows only published articles in production', () => {
    expect([draft, embargoed, published].map((a) => isVisible(a, NOW, 'production'))).toEqual([false, false, true]);
    expect(getVisible([draft, embargoed, published], NOW, 'production').map((a) => a.slug)).toEqual(['published']);
  });

  it('shows drafts and embargoed articles too in preview, newest first', () => {
    expect(getVisible([draft, published, embargoed], NOW, 'preview').map((a) => a.slug)).toEqual(['embargoed', 'published', 'draft']);
  });
});

describe('previewLabel', () => {
  const site = { language: 'en-GB', timeZone: 'Europe/Dublin' };
  const at = (iso: string): { publishedAt: string; publishedMs: number } => ({ publishedAt: iso, publishedMs: Date.parse(iso) });
  const now = Date.parse('2026-06-01T12:00:00Z');

  it('flags a draft', () => {
    expect(previewLabel({ draft: true, ...at('2026-05-01T07:00:00+00:00') }, now, 'preview', site)).toBe('DRAFT');
  });

  it('flags an embargoed article with the moment it lifts, in the site time zone', () => {
    expect(previewLabel({ draft: false, ...at('2026-07-01T06:00:00+00:00') }, now, 'preview', site)).toBe(
      'EMBARGOED until 1 July 2026 at 07:00 IST',
    );
  });

  it('flags a draft that is embargoed as both', () => {
    expect(previewLabel({ draft: true, ...at('2026-07-01T06:00:00+00:00') }, now, 'preview', site)).toBe(
      'DRAFT, EMBARGOED until 1 July 2026 at 07:00 IST',
    );
  });

  it('says nothing about a published article', () => {
    expect(previewLabel({ draft: false, ...at('2026-05-01T07:00:00+00:00') }, now, 'preview', site)).toBeUndefined();
  });

  it('never labels anything in production', () => {
    expect(previewLabel({ draft: true, ...at('2026-07-01T06:00:00+00:00') }, now, 'production', site)).toBeUndefined();
  });
});

describe('publicationLabel', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');

  it('says Published for a published story, in preview and in production', () => {
    const published = makeArticle({ publishedMs: now - DAY });
    expect(publicationLabel(published, now, 'preview')).toBe('Published');
    expect(publicationLabel(published, now, 'production')).toBe('Published');
  });

  it('never says Published for a draft or a scheduled story in preview', () => {
    expect(publicationLabel(makeArticle({ draft: true, publishedMs: now - DAY }), now, 'preview')).toBe('Draft — not published, dated');
    expect(publicationLabel(makeArticle({ draft: true, publishedMs: now + DAY }), now, 'preview')).toBe('Draft — not published, dated');
    expect(publicationLabel(makeArticle({ publishedMs: now + HOUR }), now, 'preview')).toBe('Scheduled for');
  });
});
