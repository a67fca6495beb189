// URLs are tested against the routes that write the pages: a URL made here
// must be the path Astro writes for the matching file in src/pages with the
// same parameters, so renaming a route or changing a URL maker fails a test.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import { articleRoutes, deskRoutes, sectionRoutes, tagRoutes } from '#lib/archive/routes.ts';
import {
  absoluteUrl,
  articleUrl,
  deskFeedUrl,
  homeUrl,
  newsSitemapUrl,
  printableUrl,
  RESERVED_SECTION_SLUGS,
  sectionFeedUrl,
  siteFeedUrl,
} from '#lib/archive/urls.ts';
import { HOUR, makeArticle, makeContent, PUBLISHED_MS } from './factories.ts';

const PAGES = resolve(import.meta.dirname, '../../src/pages');

/**
 * The site path Astro writes for a route file in src/pages given its
 * parameters: "[x]" takes one value, "[...x]" any number of segments or none;
 * pages become folders with index.html, endpoints ("rss.xml.ts") files.
 */
function writtenPath(routeFile: string, params: Record<string, string | undefined>): string {
  expect(existsSync(join(PAGES, routeFile)), `src/pages/${routeFile} exists`).toBe(true);
  const isPage = routeFile.endsWith('.astro');
  const route = routeFile.replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
  const segments = route
    .split('/')
    .map((segment) => segment.replace(/^\[(?:\.\.\.)?(\w+)\]$/, (_, name: string) => params[name] ?? ''))
    .filter(Boolean);
  const path = `/${segments.join('/')}`;
  return isPage ? `${path}/`.replace(/\/+$/, '/') : path;
}

/** An archive with two pages in each listing (page size 2, three stories everywhere). */
function fixtureArchive() {
  const articles = [0, 1, 2].map((i) =>
    makeArticle({ slug: `story-${i}`, publishedMs: PUBLISHED_MS - i * HOUR, tags: ['Sea level', 'ports'] }),
  );
  return buildArchive(makeContent(articles), PUBLISHED_MS + HOUR);
}

describe('every URL made for an archive is the path its route writes', () => {
  const archive = fixtureArchive();

  it('puts each article where [section]/[slug].astro writes it', () => {
    const routes = articleRoutes(archive);
    expect(routes).toHaveLength(3);
    for (const { url, article } of routes) {
      expect(url).toBe(writtenPath('[section]/[slug].astro', { section: article.section, slug: article.slug }));
    }
  });

  it('puts section, desk and tag fronts and their numbered pages where the listing routes write them', () => {
    const listings = [
      ...sectionRoutes(archive, 2).map((r) => ({ r, file: '[section]/[...page].astro', params: { section: r.owner.slug, page: r.page } })),
      ...deskRoutes(archive, 2).map((r) => ({ r, file: 'desk/[desk]/[...page].astro', params: { desk: r.owner.slug, page: r.page } })),
      ...tagRoutes(archive, 2).map((r) => ({ r, file: 'tag/[tag]/[...page].astro', params: { tag: r.owner.slug, page: r.page } })),
    ];
    expect(listings.filter(({ r }) => r.page !== undefined).length).toBeGreaterThan(0);
    expect(listings.map(({ r }) => r.url)).toContain('/tag/sea-level/page/1/');
    for (const { r, file, params } of listings) expect(r.url).toBe(writtenPath(file, params));
  });

  it('puts the feeds and the news sitemap where their endpoints write them', () => {
    expect(siteFeedUrl()).toBe(writtenPath('rss.xml.ts', {}));
    expect(archive.sections.length).toBeGreaterThan(0);
    for (const s of archive.sections) expect(sectionFeedUrl(s.slug)).toBe(writtenPath('[section]/rss.xml.ts', { section: s.slug }));
    expect(archive.desks.length).toBeGreaterThan(0);
    for (const d of archive.desks) expect(deskFeedUrl(d.slug)).toBe(writtenPath('desk/[desk]/rss.xml.ts', { desk: d.slug }));
    expect(newsSitemapUrl()).toBe(writtenPath('news-sitemap.xml.ts', {}));
    expect(homeUrl()).toBe(writtenPath('index.astro', {}));
  });
});

describe('reserved first segments', () => {
  it('reserves every first path segment a fixed route in src/pages takes', () => {
    const fixed = readdirSync(PAGES, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('['))
      .map((e) => (e.isDirectory() ? e.name : e.name.replace(/\.(astro|ts)$/, '')))
      // Endpoints such as rss.xml cannot clash (a slug has no dot); 404.astro is written as /404.html, not /404/.
      .filter((name) => !name.includes('.') && name !== 'index' && name !== '404');
    expect(fixed).toEqual(expect.arrayContaining(['desk', 'tag', 'search', 'comments']));
    for (const name of fixed) expect(RESERVED_SECTION_SLUGS).toContain(name);
  });
});

describe('absoluteUrl', () => {
  it('resolves a site path against the site URL, with or without its trailing slash', () => {
    const path = articleUrl({ section: 'world', slug: 'ferry-inquiry' });
    expect(absoluteUrl('https://news.example', path)).toBe(absoluteUrl('https://news.example/', path));
    expect(new URL(absoluteUrl('https://news.example', path)).pathname).toBe(path);
  });
});

describe('printableUrl', () => {
  it.each([
    ['a "<" in the query', 'https://example.org/story?q=<x>'],
    ['a quote in the query', 'https://example.org/story?q="hi"'],
    ['a space in the path and query', 'https://example.org/a b?c=d e'],
    ['a mailto with a quote', 'mailto:desk@news.example?subject="hi"'],
  ])('prints a URL with %s without characters an href may not hold, meaning the same', (_kind, typed) => {
    const printed = printableUrl(typed);
    expect(printed).not.toMatch(/[<>"\s]/);
    expect(printableUrl(printed)).toBe(printed);
    expect(new URL(printed).searchParams.toString()).toBe(new URL(typed).searchParams.toString());
  });
});
