// The corrections archive: which corrections it lists and in what order, its
// pages, its keys in the page plan, and its feed.
import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import { correctionEntries } from '#lib/archive/corrections.ts';
import { correctionsRoutes } from '#lib/archive/routes.ts';
import { RESERVED_SECTION_SLUGS } from '#lib/archive/urls.ts';
import { changedPages, planPages } from '#lib/build/page-plan.ts';
import type { Article } from '#lib/content/content.ts';
import { buildCorrectionsFeed, toRssXml, type FeedContext } from '#lib/outputs/feeds.ts';
import { DAY, HOUR, makeAlert, makeArticle, makeContent, makeSite, PUBLISHED_MS } from './factories.ts';
import { parseWellFormedXml } from './well-formed-xml.ts';

const NOW = PUBLISHED_MS + 30 * DAY;
const site = makeSite();
const noPhotos = (): string => '';

/** Two corrected stories and one without corrections. */
function stories(): Article[] {
  return [
    makeArticle({
      slug: 'ferry-fares',
      publishedMs: PUBLISHED_MS,
      digest: 'ferry-v1',
      corrections: [
        { date: '2026-11-25T10:00:00+00:00', text: 'The fare rise is 4%, not 40%.' },
        { date: '2026-11-27T09:00:00+01:00', text: 'The operator is Harbour Lines.' },
      ],
    }),
    makeArticle({
      slug: 'dock-vote',
      publishedMs: PUBLISHED_MS + HOUR,
      digest: 'dock-v1',
      corrections: [{ date: '2026-11-26T12:00:00+00:00', text: 'The vote was 41 to 9.' }],
    }),
    makeArticle({ slug: 'quiet-day', publishedMs: PUBLISHED_MS + 2 * HOUR, digest: 'quiet-v1' }),
  ];
}

const archiveOf = (articles: Article[], now = NOW) => buildArchive(makeContent(articles), now);

describe('correctionEntries', () => {
  it('lists every correction on a published story, newest first by instant, not as written', () => {
    const entries = correctionEntries(archiveOf(stories()));
    // 09:00+01:00 on the 27th is 08:00 UTC: still the newest.
    expect(entries.map((e) => `${e.article.slug}: ${e.correction.text}`)).toEqual([
      'ferry-fares: The operator is Harbour Lines.',
      'dock-vote: The vote was 41 to 9.',
      'ferry-fares: The fare rise is 4%, not 40%.',
    ]);
    expect(entries[0]!.dateMs).toBe(Date.UTC(2026, 10, 27, 8));
  });

  it('leaves out the corrections of drafts and of stories still under embargo', () => {
    const [ferry, dock, quiet] = stories();
    const hidden = [{ ...ferry!, draft: true }, { ...dock!, publishedMs: NOW + DAY }, quiet!];
    expect(correctionEntries(archiveOf(hidden))).toEqual([]);
  });

  it('keeps the stories’ order for corrections at the same instant', () => {
    const date = '2026-11-26T12:00:00Z';
    const articles = [
      makeArticle({ slug: 'older', publishedMs: PUBLISHED_MS, corrections: [{ date, text: 'Older.' }] }),
      makeArticle({ slug: 'newer', publishedMs: PUBLISHED_MS + HOUR, corrections: [{ date, text: 'Newer.' }] }),
    ];
    expect(correctionEntries(archiveOf(articles)).map((e) => e.article.slug)).toEqual(['newer', 'older']);
  });
});

describe('correctionsRoutes', () => {
  it('is one page at /corrections/ even with no corrections', () => {
    expect(correctionsRoutes(archiveOf([]), 20).map((r) => [r.url, r.page, r.listing.items.length])).toEqual([
      ['/corrections/', undefined, 0],
    ]);
  });

  it('paginates like the other listings: the newest on the front, stable numbered pages from the oldest', () => {
    const routes = correctionsRoutes(archiveOf(stories()), 2);
    expect(routes.map((r) => [r.url, r.page, r.listing.items.map((e) => e.correction.text.slice(0, 8))])).toEqual([
      ['/corrections/', undefined, ['The oper', 'The vote']],
      ['/corrections/page/1/', 'page/1', ['The vote', 'The fare']],
    ]);
    expect(routes[0]!.listing.older).toBe(1);
    expect(routes[1]!.listing.newer).toBe('front');
  });

  it('has its address reserved: no section may be named corrections', () => {
    expect(RESERVED_SECTION_SLUGS).toContain('corrections');
  });
});

describe('the corrections page in the page plan', () => {
  const plan = (articles: Article[]) => planPages(archiveOf(articles), site, NOW, noPhotos);

  it('changes the corrections page and the story when a correction is added, and not when a story without one is edited', () => {
    const before = plan(stories());
    const [ferry, dock, quiet] = stories();
    const corrected = { ...quiet!, digest: 'quiet-v2', corrections: [{ date: '2026-11-28T08:00:00Z', text: 'A name was misspelt.' }] };
    const changed = changedPages(before.pages, plan([ferry!, dock!, corrected]).pages);
    expect(changed).toContain('/corrections/');
    expect(changed).toContain('/world/quiet-day/');
    const edited = { ...quiet!, digest: 'quiet-v3' };
    expect(changedPages(before.pages, plan([ferry!, dock!, edited]).pages)).not.toContain('/corrections/');
  });

  it('changes the corrections page when a corrected story’s headline changes', () => {
    const before = plan(stories());
    const [ferry, dock, quiet] = stories();
    const retitled = { ...dock!, title: 'Dock workers vote to end strike', digest: 'dock-v2' };
    expect(changedPages(before.pages, plan([ferry!, retitled, quiet!]).pages)).toContain('/corrections/');
  });
});

describe('the breaking banner in the page plan', () => {
  it('has a key of its own that a banner starting, changing or ending changes, and the shared key does not', () => {
    const alert = makeAlert({ from: new Date(NOW - HOUR).toISOString(), until: new Date(NOW + HOUR).toISOString() });
    const keys = (alerts = [alert], now = NOW) => planPages(buildArchive(makeContent(stories(), { alerts }), now), site, now, noPhotos);
    const banner = (alerts = [alert], now = NOW) => keys(alerts, now).banner;
    expect(banner()).not.toBe(banner([]));
    expect(banner([{ ...alert, text: 'Another line' }])).not.toBe(banner());
    expect(banner([{ ...alert, link: '/world/dock-vote/' }])).not.toBe(banner());
    // Ended: the same as no banner at all.
    expect(banner([alert], alert.untilMs)).toBe(banner([], alert.untilMs));
    // Every other key stays: only the banner's fragment changes in the pages.
    expect(keys().shared).toBe(keys([]).shared);
    expect([...keys().pages]).toEqual([...keys([]).pages]);
  });
});

describe('buildCorrectionsFeed', () => {
  const ctx = (articles: Article[]): FeedContext => ({ site, archive: archiveOf(articles), nowMs: NOW, bodyHtml: () => '' });

  it('has an item per correction, newest first, linking to the story’s corrections, each with a guid of its own', () => {
    const c = ctx(stories());
    const feed = buildCorrectionsFeed(correctionEntries(c.archive), c);
    expect(feed.link).toBe('https://news.example/corrections/');
    expect(feed.selfUrl).toBe('https://news.example/corrections/rss.xml');
    expect(feed.lastBuildDate.toISOString()).toBe('2026-11-27T08:00:00.000Z');
    expect(feed.items.map((i) => [i.title, i.link, i.guid, i.pubDate.toISOString()])).toEqual([
      [
        'Correction: Headline for ferry-fares',
        'https://news.example/world/ferry-fares/#corrections',
        'https://news.example/world/ferry-fares/#correction-2026-11-27T08:00:00.000Z',
        '2026-11-27T08:00:00.000Z',
      ],
      [
        'Correction: Headline for dock-vote',
        'https://news.example/world/dock-vote/#corrections',
        'https://news.example/world/dock-vote/#correction-2026-11-26T12:00:00.000Z',
        '2026-11-26T12:00:00.000Z',
      ],
      [
        'Correction: Headline for ferry-fares',
        'https://news.example/world/ferry-fares/#corrections',
        'https://news.example/world/ferry-fares/#correction-2026-11-25T10:00:00.000Z',
        '2026-11-25T10:00:00.000Z',
      ],
    ]);
  });

  it('writes guids that are not permalinks, and escapes hostile text once as HTML and once as XML', () => {
    const hostile = makeArticle({
      slug: 'hostile',
      title: 'A <b>bold</b> & "quoted" headline',
      corrections: [
        { date: '2026-11-25T10:00:00Z', text: '<script>alert(1)</script> was wrong' },
        { date: '2026-11-25T10:00:00Z', text: 'Same instant, second note' },
      ],
    });
    const c = ctx([hostile]);
    const xml = toRssXml(buildCorrectionsFeed(correctionEntries(c.archive), c));
    const items = parseWellFormedXml(xml, ['rss.channel.item']).rss.channel.item as Record<string, unknown>[];
    expect(items).toHaveLength(2);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; was wrong');
    expect(xml).toContain('<guid isPermaLink="false">https://news.example/world/hostile/#correction-2026-11-25T10:00:00.000Z</guid>');
    expect(xml).toContain('#correction-2026-11-25T10:00:00.000Z-2</guid>');
  });

  it('is a valid empty feed when nothing has been corrected', () => {
    const c = ctx([]);
    const feed = buildCorrectionsFeed([], c);
    expect(feed.items).toEqual([]);
    expect(feed.lastBuildDate.getTime()).toBe(NOW);
    expect(parseWellFormedXml(toRssXml(feed)).rss).toBeDefined();
  });
});
