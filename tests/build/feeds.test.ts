import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFragment } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { smartenText } from '#lib/render/typography.ts';
import { fixtureCopy, page, runBuild, type BuildResult } from './build-site.ts';

const NOW = '2026-06-01T12:00:00+00:00';
const SITE = 'https://harbourdispatch.example';
const LISTS = ['rss.channel.item', 'rss.channel.item.category', 'urlset.url', 'sitemapindex.sitemap'];
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (_name, jpath) => LISTS.includes(String(jpath)),
});

let build: BuildResult;
let edited: BuildResult;

/** Reads a built XML file, failing unless a strict parser accepts it. */
function xml(result: BuildResult, path: string): Record<string, any> {
  const text = readFileSync(join(result.outDir, path), 'utf8');
  const valid = XMLValidator.validate(text);
  expect(valid, `${path}: ${JSON.stringify(valid)}`).toBe(true);
  return parser.parse(text);
}

/**
 * A syndicated story whose dek holds markup, whose source URL has "<" and a
 * quote in its query, and whose correction falls on the 10th at the writer's
 * offset but on the 11th in the site's time zone (Europe/Dublin).
 */
const MARKUP_DEK = 'Ships <script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">return</a> &amp; more';
const MARKUP_STORY = `---
title: "Story with markup in its dek"
dek: '${MARKUP_DEK}'
section: business
desk: news-desk
publishedAt: 2026-02-10T09:00:00+00:00
source:
  name: "Wire"
  url: 'https://wire.example/story?q=<x>&s="y"'
corrections:
  - date: 2026-02-10T23:30:00-05:00
    text: "An earlier version gave the wrong figure."
---

Body of the story.
`;

beforeAll(() => {
  build = runBuild(fixtureCopy('basic', { 'articles/2026/markup-dek.md': MARKUP_STORY }), NOW);
  if (build.status !== 0) throw new Error(build.output);
  // The same site after an editor changed the accord story's headline and body.
  const accord = readFileSync(join(import.meta.dirname, '../fixtures/basic/articles/2026/harbour-accord-signed.md'), 'utf8');
  edited = runBuild(
    fixtureCopy('basic', {
      'articles/2026/harbour-accord-signed.md': accord
        .replace('Harbour accord signed in Valletta', 'Harbour accord signed in Valletta after all-night talks')
        .replace('mentions quokkafish', 'now says more'),
    }),
    NOW,
  );
  if (edited.status !== 0) throw new Error(edited.output);
});

describe('the site feed, /rss.xml', () => {
  it('is RSS 2.0 with the channel fields feed readers need', () => {
    const { rss } = xml(build, 'rss.xml');
    expect(rss['@version']).toBe('2.0');
    const channel = rss.channel;
    expect(channel.title).toBe('The Harbour Dispatch');
    expect(channel.link).toBe(`${SITE}/`);
    expect(channel.language).toBe('en-GB');
    // The newest story's time (31 May, 09:00), not the build clock (1 June, 12:00).
    expect(channel.lastBuildDate).toBe('Sun, 31 May 2026 09:00:00 GMT');
    expect(channel['atom:link']['@href']).toBe(`${SITE}/rss.xml`);
    expect(channel['atom:link']['@rel']).toBe('self');
    expect(channel.image.url).toBe(`${SITE}/logo.png`);
  });

  it('lists published stories newest first, never drafts or embargoed ones', () => {
    const titles = xml(build, 'rss.xml').rss.channel.item.map((i: any) => String(i.title));
    expect(titles.slice(0, 3)).toEqual([
      'Fresh story inside the news window',
      'Stale story just outside the news window',
      'Harbour accord signed in Valletta',
    ]);
    expect(titles.join('\n')).not.toMatch(/Zanzidraft|Embargoline/);
  });

  it('gives each item its permalink as guid, an RFC 822 date, the desk as dc:creator and categories', () => {
    const item = xml(build, 'rss.xml').rss.channel.item.find((i: any) => i.title === 'Harbour accord signed in Valletta');
    expect(item.link).toBe(`${SITE}/world/harbour-accord-signed/`);
    expect(item.guid['#text']).toBe(item.link);
    expect(item.guid['@isPermaLink']).toBe('true');
    expect(item.pubDate).toBe('Wed, 20 May 2026 07:00:00 GMT');
    expect(item['dc:creator']).toBe('HD News Desk');
    expect(item.category).toEqual(['World News', 'ports', 'eu']);
    expect(item.description).toBe('Ministers agreed a shared plan for the port after a night of talks.');
  });

  it('carries the full sanitized story with source and corrections, and the lead image with its credit', () => {
    const item = xml(build, 'rss.xml').rss.channel.item.find((i: any) => i.title === 'Harbour accord signed in Valletta');
    const content = String(item['content:encoded']);
    expect(content).toContain('quokkafish');
    expect(content).toContain('Source: <a href="https://northwire.example/harbour-accord">Northwire</a>');
    expect(content.indexOf('misspelt')).toBeLessThan(content.indexOf('wrong budget'));
    expect(content).not.toContain('dl:break');
    expect(item['media:content']['@url']).toBe(`${SITE}/favicon.svg`);
    expect(item['media:content']['media:credit']).toBe('Fixture Photo Agency');
  });

  it('gives a photo kept beside the article as the address of its JPEG in the site', () => {
    const item = xml(build, 'rss.xml').rss.channel.item.find((i: any) => i.title === 'Port strike ends after three weeks');
    const url = String(item['media:content']['@url']);
    expect(url).toMatch(new RegExp(`^${SITE}/_astro/quay-at-dusk\\..+\\.jpg$`));
    expect(existsSync(join(build.outDir, new URL(url).pathname))).toBe(true);
  });

  it('makes every link and image in item content absolute', () => {
    const item = xml(build, 'rss.xml').rss.channel.item.find((i: any) => i.title === 'Port strike ends after three weeks');
    expect(String(item['content:encoded'])).toContain(`href="${SITE}/world/harbour-accord-signed/"`);
    for (const i of xml(build, 'rss.xml').rss.channel.item) {
      for (const m of String(i['content:encoded']).matchAll(/(?:href|src)="([^"]*)"/g)) expect(m[1]).toMatch(/^(https?:|mailto:|tel:|#)/);
    }
  });

  it('keeps a hostile title intact as text in well-formed XML', () => {
    const titles = xml(build, 'rss.xml').rss.channel.item.map((i: any) => String(i.title));
    expect(titles).toContain('Tom & Jerry </script><script>alert(1)</script> “quoted” ]]>');
  });

  it('gives a dek holding markup to feed readers as text: its description, read as HTML, has no elements', () => {
    const item = xml(build, 'rss.xml').rss.channel.item.find((i: any) => i.title === 'Story with markup in its dek');
    const tags: string[] = [];
    let text = '';
    const walk = (node: any): void => {
      if (node.nodeName === '#text') text += node.value;
      else if (node.tagName) tags.push(node.tagName);
      for (const child of node.childNodes ?? []) walk(child);
    };
    walk(parseFragment(String(item.description)));
    expect(tags).toEqual([]);
    // Curled by the typography step like every plain-text field, and otherwise exactly the writer's text.
    expect(text).toBe(smartenText(MARKUP_DEK, 'en-GB'));
  });

  it('prints the source URL normalised and dates corrections as the page does, in the site’s time zone', () => {
    const item = xml(build, 'rss.xml').rss.channel.item.find((i: any) => i.title === 'Story with markup in its dek');
    const content = String(item['content:encoded']);
    const href = 'https://wire.example/story?q=%3Cx%3E&amp;s=%22y%22';
    expect(content).toContain(`Source: <a href="${href}">Wire</a>`);
    expect(content).toContain(
      '<time datetime="2026-02-10T23:30:00-05:00">11 February 2026</time>: An earlier version gave the wrong figure.',
    );
    const doc = page(build.outDir, '/business/markup-dek/');
    expect(doc.querySelector('.source a')?.getAttribute('href')).toBe(href.replace('&amp;', '&'));
    expect(doc.querySelector('.source')?.text.trim()).toBe('Source: Wire');
    expect(doc.querySelector('.corrections li')?.text.trim()).toBe('11 February 2026: An earlier version gave the wrong figure.');
    expect(doc.querySelector('.corrections time')?.getAttribute('datetime')).toBe('2026-02-10T23:30:00-05:00');
  });

  it('keeps an item’s guid when the article is edited', () => {
    const guid = (result: BuildResult): string =>
      xml(result, 'rss.xml').rss.channel.item.find((i: any) => String(i.title).startsWith('Harbour accord')).guid['#text'];
    expect(guid(edited)).toBe(guid(build));
    expect(xml(edited, 'rss.xml').rss.channel.item.map((i: any) => i.title)).toContain(
      'Harbour accord signed in Valletta after all-night talks',
    );
  });
});

describe('section and desk feeds', () => {
  it('carry only their own section’s or desk’s stories', () => {
    const world = xml(build, 'world/rss.xml').rss.channel;
    expect(world['atom:link']['@href']).toBe(`${SITE}/world/rss.xml`);
    expect(world.item.length).toBeGreaterThan(1);
    expect(world.item.every((i: any) => String(i.link).startsWith(`${SITE}/world/`))).toBe(true);
    const desk = xml(build, 'desk/markets-desk/rss.xml').rss.channel;
    expect(desk.item ?? []).toEqual([]);
    const newsDesk = xml(build, 'desk/news-desk/rss.xml').rss.channel.item;
    expect(newsDesk.length).toBeGreaterThan(1);
    expect(newsDesk.every((i: any) => i['dc:creator'] === 'HD News Desk')).toBe(true);
  });

  it('are linked from every page’s head, and visibly from their section or desk page', () => {
    const section = page(build.outDir, '/world/');
    const alternates = section.querySelectorAll('link[rel="alternate"]').map((l) => l.getAttribute('href'));
    expect(alternates).toEqual(['/rss.xml', '/world/rss.xml']);
    expect(section.querySelector('.feed a')?.getAttribute('href')).toBe('/world/rss.xml');
    expect(page(build.outDir, '/desk/news-desk/').querySelector('.feed a')?.getAttribute('href')).toBe('/desk/news-desk/rss.xml');
    expect(page(build.outDir, '/world/port-strike-ends/').querySelector('link[rel="alternate"]')?.getAttribute('href')).toBe('/rss.xml');
  });
});

describe('sitemaps', () => {
  it('list every public page with lastmod for articles, and none of 404, search, drafts or embargoed', () => {
    const index = xml(build, 'sitemap-index.xml');
    const files = index.sitemapindex.sitemap.map((s: any) => new URL(s.loc).pathname.slice(1));
    const urls = files.flatMap((f: string) => xml(build, f).urlset.url);
    const locs = urls.map((u: any) => u.loc as string);
    expect(locs).toContain(`${SITE}/`);
    expect(locs).toContain(`${SITE}/world/`);
    expect(locs).toContain(`${SITE}/tag/ports/`);
    expect(locs.filter((l: string) => /404|\/search\/|draft-not-ready|embargoed-budget/.test(l))).toEqual([]);
    const accord = urls.find((u: any) => u.loc === `${SITE}/world/harbour-accord-signed/`);
    expect(Date.parse(accord.lastmod)).toBe(Date.parse('2026-05-20T15:30:00+02:00'));
    const strike = urls.find((u: any) => u.loc === `${SITE}/world/port-strike-ends/`);
    expect(Date.parse(strike.lastmod)).toBe(Date.parse('2026-05-10T07:00:00+00:00'));
  });

  it('list in the Google News sitemap only stories from the 48 hours before the build clock', () => {
    const urls = xml(build, 'news-sitemap.xml').urlset.url;
    expect(urls.map((u: any) => u.loc)).toEqual([`${SITE}/world/fresh-story/`]);
    const news = urls[0]['news:news'];
    expect(news['news:publication']).toEqual({ 'news:name': 'The Harbour Dispatch', 'news:language': 'en' });
    expect(news['news:publication_date']).toBe('2026-05-31T09:00:00+00:00');
    expect(news['news:title']).toBe('Fresh story inside the news window');
  });

  it('are named in robots.txt', () => {
    const robots = readFileSync(join(build.outDir, 'robots.txt'), 'utf8');
    expect(robots).toContain(`Sitemap: ${SITE}/sitemap-index.xml`);
    expect(robots).toContain(`Sitemap: ${SITE}/news-sitemap.xml`);
  });
});

describe('metadata on pages', () => {
  const jsonLd = (path: string): any[] =>
    page(build.outDir, path)
      .querySelectorAll('script[type="application/ld+json"]')
      .map((s) => JSON.parse(s.textContent));

  it('describes each article as a NewsArticle with a breadcrumb trail', () => {
    const [article, crumbs] = jsonLd('/world/harbour-accord-signed/');
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Harbour accord signed in Valletta',
      description: 'Ministers agreed a shared plan for the port after a night of talks.',
      datePublished: '2026-05-20T09:00:00+02:00',
      dateModified: '2026-05-20T15:30:00+02:00',
      author: { '@type': 'Organization', name: 'HD News Desk', url: `${SITE}/desk/news-desk/` },
      publisher: { '@type': 'NewsMediaOrganization', name: 'The Harbour Dispatch', url: `${SITE}/`, logo: { url: `${SITE}/logo.png` } },
      image: [`${SITE}/favicon.svg`],
      articleSection: 'World News',
      keywords: 'ports, eu',
      mainEntityOfPage: { '@id': `${SITE}/world/harbour-accord-signed/` },
      isBasedOn: { name: 'Northwire', url: 'https://northwire.example/harbour-accord' },
    });
    expect(crumbs.itemListElement.map((i: any) => i.item)).toEqual([`${SITE}/world/`, `${SITE}/world/harbour-accord-signed/`]);
  });

  it('describes listings as CollectionPages and gives them their own canonical', () => {
    const [collection] = jsonLd('/business/');
    expect(collection['@type']).toBe('CollectionPage');
    expect(collection.url).toBe(`${SITE}/business/`);
    expect(page(build.outDir, '/business/').querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${SITE}/business/`);
  });

  it('has Open Graph and Twitter card tags', () => {
    const doc = page(build.outDir, '/world/harbour-accord-signed/');
    const og = (p: string): string | undefined => doc.querySelector(`meta[property="${p}"]`)?.getAttribute('content');
    expect(og('og:type')).toBe('article');
    expect(og('og:title')).toBe('Harbour accord signed in Valletta');
    expect(og('og:url')).toBe(`${SITE}/world/harbour-accord-signed/`);
    // Its picture is an SVG, which social networks do not show: the story gets a drawn card (tests/build/share-cards.test.ts).
    expect(og('og:image')).toMatch(new RegExp(`^${SITE}/_astro/card-[0-9a-f]+\\.png$`));
    expect(og('article:published_time')).toBe('2026-05-20T09:00:00+02:00');
    expect(doc.querySelector('meta[name="twitter:card"]')?.getAttribute('content')).toBe('summary_large_image');
  });
});
