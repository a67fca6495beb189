import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import type { Article } from '#lib/content/content.ts';
import { arrangeFrontPage, FEATURED_FOR_MS, secondarySlots, type FrontPage } from '#lib/archive/front-page.ts';
import { DAY, HOUR, makeArticle, makeContent, PUBLISHED_MS } from './factories.ts';

const NOW = PUBLISHED_MS + 100 * DAY;
const slugs = (list: readonly Article[]): string[] => list.map((a) => a.slug);

/** `n` stories an hour apart, story-0 the newest, sections in turn world, business, science. */
function stories(n: number, overrides: (i: number) => Partial<Article> = () => ({})): Article[] {
  const sections = ['world', 'business', 'science'];
  return Array.from({ length: n }, (_, i) =>
    makeArticle({ slug: `story-${i}`, section: sections[i % 3]!, publishedMs: NOW - (i + 1) * HOUR, ...overrides(i) }),
  );
}

function front(articles: Article[], now = NOW): FrontPage {
  return arrangeFrontPage(buildArchive(makeContent(articles), now));
}

function everyStoryShown(page: FrontPage): Article[] {
  return [...(page.lead ? [page.lead] : []), ...page.secondary, ...page.latest, ...page.sections.flatMap((s) => s.articles)];
}

describe('arrangeFrontPage', () => {
  it('leads with the newest story when none is featured', () => {
    expect(front(stories(10)).lead?.slug).toBe('story-0');
  });

  it('leads with the newest featured story among the latest fifty', () => {
    const page = front(stories(60, (i) => ({ featured: i === 7 || i === 30 })));
    expect(page.lead?.slug).toBe('story-7');
    // The other featured story comes first among the secondary ones.
    expect(page.secondary[0]?.slug).toBe('story-30');
  });

  it('does not let a featured story older than the latest fifty lead', () => {
    const page = front(stories(60, (i) => ({ featured: i === 55 })));
    expect(page.lead?.slug).toBe('story-0');
    expect(slugs(page.secondary)).not.toContain('story-55');
  });

  it('lets a featured story lead for 72 hours after the newest story, then take its place by date', () => {
    expect(FEATURED_FOR_MS).toBe(72 * HOUR);
    const newest = makeArticle({ slug: 'newest', publishedMs: NOW - HOUR });
    const featured = (hoursOlder: number): Article =>
      makeArticle({ slug: 'featured', featured: true, publishedMs: NOW - HOUR - hoursOlder * HOUR });
    expect(front([newest, featured(72)]).lead?.slug).toBe('featured');
    expect(front([newest, featured(73)]).lead?.slug).toBe('newest');
  });

  it("does not put a two-month-old featured story above this week's news, nor first among the secondary stories", () => {
    const articles = [
      makeArticle({ slug: 'seagrass', featured: true, publishedMs: NOW - 60 * DAY }),
      makeArticle({ slug: 'grid-pact', publishedMs: NOW - 2 * DAY }),
      makeArticle({ slug: 'mortgages', publishedMs: NOW - 3 * DAY }),
      makeArticle({ slug: 'freight', publishedMs: NOW - 5 * DAY }),
    ];
    const page = front(articles);
    expect(page.lead?.slug).toBe('grid-pact');
    expect(slugs(page.secondary)).toEqual(['mortgages', 'freight', 'seagrass']);
  });

  it('keeps a fresh featured story leading on a quiet site, however long ago the newest story was', () => {
    const articles = [
      makeArticle({ slug: 'pact', featured: true, publishedMs: NOW - 20 * DAY }),
      makeArticle({ slug: 'later', publishedMs: NOW - 19 * DAY }),
    ];
    expect(front(articles).lead?.slug).toBe('pact');
  });

  it('fills secondary and latest with the next newest stories in order', () => {
    const page = front(stories(20));
    expect(slugs(page.secondary)).toEqual(['story-1', 'story-2', 'story-3', 'story-4']);
    expect(slugs(page.latest)).toEqual(['story-5', 'story-6', 'story-7', 'story-8', 'story-9', 'story-10', 'story-11', 'story-12']);
  });

  it('never shows a story twice', () => {
    const page = front(stories(40, (i) => ({ featured: i % 5 === 0 })));
    const shown = slugs(everyStoryShown(page));
    expect(new Set(shown).size).toBe(shown.length);
  });

  it('adds a block per section in menu order, skipping sections with nothing left to show', () => {
    // 13 stories fill lead, secondary and latest; the rest go to section blocks.
    const page = front(stories(17));
    expect(page.sections.map((b) => b.section.slug)).toEqual(['world', 'business', 'science']);
    expect(slugs(page.sections[0]!.articles)).toEqual(['story-15']);
    expect(slugs(page.sections[1]!.articles)).toEqual(['story-13', 'story-16']);
    expect(slugs(page.sections[2]!.articles)).toEqual(['story-14']);
    expect(front(stories(13)).sections).toEqual([]);
  });

  it('respects custom counts', () => {
    const page = arrangeFrontPage(buildArchive(makeContent(stories(30)), NOW), { secondary: 1, latest: 2, perSection: 1 });
    expect(page.secondary).toHaveLength(1);
    expect(page.latest).toHaveLength(2);
    expect(page.sections.length).toBeGreaterThan(0);
    expect(page.sections.every((b) => b.articles.length === 1)).toBe(true);
  });

  it('never shows drafts or embargoed stories, even featured ones', () => {
    const articles = [
      ...stories(10),
      makeArticle({ slug: 'featured-draft', featured: true, draft: true, publishedMs: NOW - 1 }),
      makeArticle({ slug: 'featured-embargoed', featured: true, publishedMs: NOW + HOUR }),
    ];
    const page = front(articles);
    expect(page.lead?.slug).toBe('story-0');
    expect(slugs(everyStoryShown(page))).not.toContain('featured-draft');
    expect(slugs(everyStoryShown(page))).not.toContain('featured-embargoed');
    expect(front(articles, NOW + HOUR).lead?.slug).toBe('featured-embargoed');
  });

  it('is empty when nothing is published', () => {
    expect(front([])).toEqual({ lead: undefined, secondary: [], slots: [], latest: [], sections: [] });
  });
});

describe('secondarySlots', () => {
  const pic = { src: '/p.jpg', alt: 'A picture' };
  const story = (slug: string, withPicture: boolean): Article => makeArticle({ slug, ...(withPicture ? { image: pic } : {}) });
  const layout = (...flags: boolean[]) =>
    secondarySlots(flags.map((f, i) => story(`s${i}`, f))).map(
      (s) => `${s.article.slug}:${s.picture ? 'picture' : 'text'}${s.wide ? ':wide' : ''}`,
    );

  it('never puts a story with a picture beside one without in a row of two', () => {
    // Old layout: s0 (picture) beside s1 (none) left a hole the height of the picture.
    expect(layout(true, false, true, false)).toEqual(['s0:picture', 's2:picture', 's1:text', 's3:text']);
  });

  it('gives an odd story with a picture a row of its own, its picture beside its words', () => {
    expect(layout(false, true, false, false)).toEqual(['s1:picture:wide', 's0:text', 's2:text', 's3:text:wide']);
    expect(layout(true, true, true, false)).toEqual(['s0:picture', 's1:picture', 's2:picture:wide', 's3:text:wide']);
  });

  it('keeps every story once, in order within pictures and within words', () => {
    expect(layout(true, true, true, true)).toEqual(['s0:picture', 's1:picture', 's2:picture', 's3:picture']);
    expect(layout(false, false)).toEqual(['s0:text', 's1:text']);
    expect(layout()).toEqual([]);
  });

  it('is what the front page lays out', () => {
    const page = front(stories(10, (i) => (i % 2 ? { image: pic } : {})));
    expect(page.slots.map((s) => s.article)).toEqual(secondarySlots(page.secondary).map((s) => s.article));
    expect(page.slots.length).toBe(4);
  });
});
