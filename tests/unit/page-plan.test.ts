import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import type { Article, Comment } from '#lib/content/content.ts';
import { changedPages, planPages, removedPages } from '#lib/build/page-plan.ts';
import { DAY, HOUR, makeArticle, makeComment, makeContent, makeSection, makeSite, PUBLISHED_MS } from './factories.ts';

const NOW = PUBLISHED_MS + 30 * DAY;
const site = makeSite();
const noPhotos = (): string => {
  throw new Error('no photo expected');
};

/** Six world stories a day apart tagged ports, and two business stories tagged markets. */
function stories(): Article[] {
  const world = Array.from({ length: 6 }, (_, i) =>
    makeArticle({ slug: `port-${i + 1}`, publishedMs: PUBLISHED_MS + i * DAY, tags: ['ports'], digest: `port-${i + 1}-v1` }),
  );
  const business = [1, 2].map((i) =>
    makeArticle({
      slug: `market-${i}`,
      section: 'business',
      desk: 'foreign-desk',
      publishedMs: PUBLISHED_MS + i * HOUR,
      tags: ['markets'],
      digest: `market-${i}-v1`,
    }),
  );
  return [...world, ...business];
}

const plan = (
  articles: Article[],
  { comments = [] as Comment[], now = NOW, stamp = noPhotos, sections = makeContent([]).sections, config = site } = {},
) => planPages(buildArchive(makeContent(articles, { comments, sections }), now), config, now, stamp);

describe('planPages', () => {
  it('re-keys a story page whose share card becomes its section’s archive card when a newer story is published', () => {
    // port-1 is 5 days older than port-6; a story 3 days newer puts it 8 days back, past the 7 days of its own card.
    const newer = makeArticle({ slug: 'port-7', publishedMs: PUBLISHED_MS + 8 * DAY, digest: 'port-7-v1' });
    const changed = changedPages(plan(stories()).pages, plan([...stories(), newer]).pages);
    expect(changed).toContain('/world/port-1/');
    expect(changed).not.toContain('/world/port-6/');
  });

  it('keys every article page, every listing page, the corrections page and the front page, and nothing else', () => {
    const { pages } = plan(stories());
    expect([...pages.keys()].sort()).toEqual(
      [
        '/',
        '/corrections/',
        ...stories().map((a) => `/${a.section}/${a.slug}/`),
        '/world/',
        '/business/',
        '/science/',
        '/desk/news-desk/',
        '/desk/foreign-desk/',
        '/tag/ports/',
        '/tag/markets/',
      ].sort(),
    );
  });

  it('gives the same keys to the same inputs, whatever order the files were read in', () => {
    const first = plan(stories());
    const again = plan([...stories()].reverse());
    expect(first.pages.size).toBe(stories().length + 9);
    expect(again.pages).toEqual(first.pages);
    expect(again.shared).toBe(first.shared);
  });

  it('gives every page a key of its own', () => {
    const { pages } = plan(stories());
    const keys = [...pages.values()];
    expect(keys.length).toBeGreaterThan(1);
    expect(keys.every((key) => /^[\w-]{27}$/.test(key))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('after a story is published, changes its page, the front, its section, desk and topic, and the rails it joins: nothing else', () => {
    const before = plan(stories());
    const published = makeArticle({ slug: 'port-7', publishedMs: PUBLISHED_MS + 6 * DAY, tags: ['ports'], digest: 'port-7-v1' });
    const afterArticles = [published, ...stories()];
    const after = plan(afterArticles);
    const archive = buildArchive(makeContent(afterArticles), NOW);
    const joined = archive.articles.filter((a) => archive.related(a).includes(published)).map((a) => `/world/${a.slug}/`);
    expect(joined.length).toBeGreaterThan(0);
    expect([...changedPages(before.pages, after.pages)].sort()).toEqual(
      ['/world/port-7/', '/', '/world/', '/desk/news-desk/', '/tag/ports/', ...joined].sort(),
    );
  });

  it('after a story is edited, changes every page that shows its card, and keeps the others', () => {
    const edited = stories().map((a) => (a.slug === 'market-1' ? { ...a, title: 'Corrected', digest: 'market-1-v2' } : a));
    const changed = changedPages(plan(stories()).pages, plan(edited).pages);
    expect([...changed].sort()).toEqual([
      '/',
      '/business/',
      '/business/market-1/',
      '/business/market-2/',
      '/desk/foreign-desk/',
      '/tag/markets/',
    ]);
  });

  it('after an approved comment arrives, changes only its article page', () => {
    const comment = makeComment({ article: 'port-2', publishedMs: PUBLISHED_MS + 2 * DAY });
    expect([...changedPages(plan(stories()).pages, plan(stories(), { comments: [comment] }).pages)]).toEqual(['/world/port-2/']);
    const edited = { ...comment, digest: 'edited by a moderator' };
    expect([...changedPages(plan(stories(), { comments: [comment] }).pages, plan(stories(), { comments: [edited] }).pages)]).toEqual([
      '/world/port-2/',
    ]);
  });

  it('changes an article page when its reply form closes as the clock passes, and no other', () => {
    const closing = stories().map((a) => (a.slug === 'port-1' ? { ...a, commentsCloseAfterDays: 40 } : a));
    const config = makeSite({ comments: { endpoint: 'https://forms.example/f/1' } });
    const open = plan(closing, { now: PUBLISHED_MS + 39 * DAY, config });
    const closed = plan(closing, { now: PUBLISHED_MS + 41 * DAY, config });
    // The front page changes too: its edition date is two days on.
    expect([...changedPages(open.pages, closed.pages)].sort()).toEqual(['/', '/world/port-1/']);
  });

  it('changes the front page, and only it, when the day of the edition changes in the site zone', () => {
    // 22:30 and 23:30 UTC on a summer day: the same day in UTC, but 23:30 and 00:30 in Dublin.
    const evening = Date.parse('2027-06-01T22:30:00Z');
    const night = Date.parse('2027-06-01T23:30:00Z');
    const sameDay = plan(stories(), { now: evening - HOUR });
    const before = plan(stories(), { now: evening });
    const after = plan(stories(), { now: night });
    expect([...changedPages(sameDay.pages, before.pages)]).toEqual([]);
    expect([...changedPages(before.pages, after.pages)]).toEqual(['/']);
  });

  it('changes the pages showing a photo kept beside a story when the photo file changes, and notes them', () => {
    const withPhoto = stories().map((a) => (a.slug === 'port-6' ? { ...a, imageFile: '/content/articles/2026/quay.jpg' } : a));
    const first = plan(withPhoto, { stamp: () => 'size-1' });
    const second = plan(withPhoto, { stamp: () => 'size-2' });
    // Exactly the pages with the picture itself; related rails name the story without it.
    const changed = ['/', '/desk/news-desk/', '/tag/ports/', '/world/', '/world/port-6/'];
    expect([...changedPages(first.pages, second.pages)].sort()).toEqual(changed);
    // Noted: those, and every story page, whose share card is a file under /_astro/ too.
    const storyPages = stories().map((a) => `/${a.section}/${a.slug}/`);
    expect([...first.withPhotos].sort()).toEqual([...new Set([...changed, ...storyPages])].sort());
  });

  it('moves everything to the shared key when a section changes, and lists pages that are gone', () => {
    const before = plan(stories());
    const renamed = plan(stories(), {
      sections: [makeSection({ slug: 'world', name: 'World News' }), makeSection({ slug: 'business' }), makeSection({ slug: 'science' })],
    });
    expect(renamed.shared).not.toBe(before.shared);
    const fewer = plan(stories().filter((a) => a.slug !== 'market-2'));
    expect(removedPages(before.pages, fewer.pages)).toEqual(['/business/market-2/']);
  });
});
