import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import type { Article } from '#lib/content/content.ts';
import { byNewest } from '#lib/archive/publishing.ts';
import {
  articleLastmods,
  isListedInSitemap,
  NEWS_MAX,
  NEWS_WINDOW_MS,
  newsSitemapArticles,
  toNewsSitemapXml,
  toRobotsTxt,
} from '#lib/outputs/sitemaps.ts';
import { DAY, HOUR, makeArticle, makeContent, makeSite, PUBLISHED_MS } from './factories.ts';
import { parseWellFormedXml } from './well-formed-xml.ts';

const NOW = PUBLISHED_MS + 10 * DAY;
const SITE = makeSite();
const slugs = (list: readonly Article[]): string[] => list.map((a) => a.slug);
const newestFirst = (articles: Article[]): Article[] => [...articles].sort(byNewest);

describe('isListedInSitemap', () => {
  it.each([
    'https://news.example/404.html',
    'https://news.example/404/',
    'https://news.example/404',
    'https://news.example/search/',
    'https://news.example/search/?q=harbour',
    'https://news.example/comments/thanks/',
  ])('leaves out %s', (url) => {
    expect(isListedInSitemap(url)).toBe(false);
  });

  it.each([
    'https://news.example/',
    'https://news.example/world/',
    'https://news.example/world/404-days-at-sea/',
    'https://news.example/world/search-for-survivors/',
    'https://news.example/tag/search/',
    'https://news.example/desk/news-desk/page/2/',
    'https://news.example/comments/',
    'https://news.example/4040/',
  ])('lists %s', (url) => {
    expect(isListedInSitemap(url)).toBe(true);
  });
});

describe('newsSitemapArticles', () => {
  it('covers 48 hours', () => {
    expect(NEWS_WINDOW_MS).toBe(48 * HOUR);
  });

  it('includes a story published exactly 48 hours before the build and leaves out one a millisecond older', () => {
    const articles = newestFirst([
      makeArticle({ slug: 'just-now', publishedMs: NOW }),
      makeArticle({ slug: 'on-the-edge', publishedMs: NOW - NEWS_WINDOW_MS }),
      makeArticle({ slug: 'just-too-old', publishedMs: NOW - NEWS_WINDOW_MS - 1 }),
      makeArticle({ slug: 'last-week', publishedMs: NOW - 7 * DAY }),
    ]);
    expect(slugs(newsSitemapArticles(articles, NOW))).toEqual(['just-now', 'on-the-edge']);
  });

  it('skips embargoed stories published after the build clock but keeps the ones after them', () => {
    const articles = newestFirst([
      makeArticle({ slug: 'embargoed-far', publishedMs: NOW + DAY }),
      makeArticle({ slug: 'embargoed-soon', publishedMs: NOW + 1 }),
      makeArticle({ slug: 'fresh', publishedMs: NOW - HOUR }),
    ]);
    expect(slugs(newsSitemapArticles(articles, NOW))).toEqual(['fresh']);
  });

  it('lists nothing when every story is older than the window', () => {
    expect(newsSitemapArticles([makeArticle({ publishedMs: NOW - 3 * DAY })], NOW)).toEqual([]);
  });

  it('keeps at most NEWS_MAX stories, the newest, newest first', () => {
    // 1,200 stories a minute apart: all inside the window.
    const articles = newestFirst(
      Array.from({ length: 1200 }, (_, i) => makeArticle({ slug: `story-${String(i).padStart(4, '0')}`, publishedMs: NOW - i * 60_000 })),
    );
    const listed = newsSitemapArticles(articles, NOW);
    expect(NEWS_MAX).toBe(1000);
    expect(listed).toHaveLength(NEWS_MAX);
    expect(slugs(listed)).toEqual(slugs(articles).slice(0, NEWS_MAX));
    expect(listed[0]!.slug).toBe('story-0000');
    expect(listed.at(-1)!.slug).toBe('story-0999');
  });
});

describe('toNewsSitemapXml', () => {
  const parse = (xml: string): Record<string, any> => parseWellFormedXml(xml, ['urlset.url']);

  it('writes a url with the publication, date and title for each story, in the order given', () => {
    const articles = [
      makeArticle({ slug: 'second', title: 'Second', publishedAt: '2026-12-03T10:00:00+01:00' }),
      makeArticle({ slug: 'first', section: 'business', title: 'First', publishedAt: '2026-12-03T08:00:00Z' }),
    ];
    const { urlset } = parse(toNewsSitemapXml(articles, SITE));
    expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(urlset['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    expect(urlset.url).toEqual([
      {
        loc: 'https://news.example/world/second/',
        'news:news': {
          'news:publication': { 'news:name': 'The Harbour Dispatch', 'news:language': 'en' },
          'news:publication_date': '2026-12-03T10:00:00+01:00',
          'news:title': 'Second',
        },
      },
      {
        loc: 'https://news.example/business/first/',
        'news:news': {
          'news:publication': { 'news:name': 'The Harbour Dispatch', 'news:language': 'en' },
          'news:publication_date': '2026-12-03T08:00:00Z',
          'news:title': 'First',
        },
      },
    ]);
  });

  it('keeps hostile titles and outlet names as text in well-formed XML', () => {
    const hostile = 'Tom & Jerry </script><script>alert(1)</script> "quoted" \'single\' ]]> <!-- \u0001\u000b 東京の港 الميناء';
    const shown = 'Tom & Jerry </script><script>alert(1)</script> "quoted" \'single\' ]]> <!--  東京の港 الميناء';
    const site = makeSite({ name: `News & Views <${hostile}>` });
    const { urlset } = parse(toNewsSitemapXml([makeArticle({ title: hostile })], site));
    const news = urlset.url[0]['news:news'];
    expect(news['news:title']).toBe(shown);
    expect(news['news:publication']['news:name']).toBe(`News & Views <${shown}>`);
  });

  it('is an empty but well-formed urlset when there are no stories', () => {
    const xml = toNewsSitemapXml([], SITE);
    expect(parse(xml).urlset.url).toBeUndefined();
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n</urlset>\n',
    );
  });

  it.each([
    ['en-GB', 'en'],
    ['en', 'en'],
    ['pt-BR', 'pt'],
    ['zh-TW', 'zh-tw'],
    ['zh-CN', 'zh-cn'],
    ['ga-IE', 'ga'],
    // Chinese by script: Google News knows only zh-cn (Simplified) and zh-tw (Traditional).
    ['zh-Hant', 'zh-tw'],
    ['zh-Hant-HK', 'zh-tw'],
    ['zh-HK', 'zh-tw'],
    ['zh-Hans', 'zh-cn'],
    ['zh-SG', 'zh-cn'],
    ['zh', 'zh-cn'],
  ])('gives site language %s to Google News as %s', (language, expected) => {
    const { urlset } = parse(toNewsSitemapXml([makeArticle()], makeSite({ language })));
    expect(urlset.url[0]['news:news']['news:publication']['news:language']).toBe(expected);
  });
});

describe('toRobotsTxt', () => {
  it('allows everything and names both the sitemap index and the news sitemap by absolute URL', () => {
    expect(toRobotsTxt(SITE)).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://news.example/sitemap-index.xml\nSitemap: https://news.example/news-sitemap.xml\n',
    );
  });
});

describe('articleLastmods', () => {
  it('uses updatedAt when there is one, else publishedAt, keyed by absolute article URL', () => {
    const archive = buildArchive(
      makeContent([
        makeArticle({ slug: 'edited', publishedAt: '2026-11-20T09:00:00+02:00', updatedAt: '2026-11-21T15:30:00+02:00' }),
        makeArticle({ slug: 'untouched', section: 'science', publishedAt: '2026-11-22T08:00:00+00:00' }),
      ]),
      NOW,
    );
    expect(articleLastmods(archive, SITE)).toEqual(
      new Map([
        ['https://news.example/science/untouched/', '2026-11-22T08:00:00+00:00'],
        ['https://news.example/world/edited/', '2026-11-21T15:30:00+02:00'],
      ]),
    );
  });

  it('leaves out drafts and embargoed stories, which are not in the archive', () => {
    const archive = buildArchive(
      makeContent([
        makeArticle({ slug: 'live' }),
        makeArticle({ slug: 'draft', draft: true }),
        makeArticle({ slug: 'embargoed', publishedMs: NOW + HOUR }),
      ]),
      NOW,
    );
    expect([...articleLastmods(archive, SITE).keys()]).toEqual(['https://news.example/world/live/']);
  });
});
