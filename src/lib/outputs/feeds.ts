// RSS 2.0 feeds: the site's, each section's and each desk's. The channel and
// items are computed here, then written by fast-xml-builder from strings
// only. (@astrojs/rss re-parses custom elements, turning a desk named
// "007" into "7", so it is not used.)
//
// Which fields are HTML for a feed reader and which are plain text:
//   HTML:  item description, content:encoded
//   text:  everything else (titles, channel description, category,
//          dc:creator, media:credit, media:description, image title)
// HTML fields are built here as HTML (plain text in them escaped as text);
// then every field is escaped once more as XML on its way to the builder.
import XMLBuilder from 'fast-xml-builder';
import type { Archive } from '#lib/archive/archive.ts';
import type { CorrectionEntry } from '#lib/archive/corrections.ts';
import type { Article, Desk, Section } from '#lib/content/content.ts';
import { correctionsHeading, shownCorrections, sourceLineHtml } from '#lib/render/article-notes.ts';
import { decodeHtmlEntities, escapeXml } from '#lib/render/escape.ts';
import { BREAK_MARKER } from '#lib/render/markdown.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import {
  absoluteUrl,
  articleCorrectionsUrl,
  articleUrl,
  correctionsFeedUrl,
  correctionsUrl,
  deskFeedUrl,
  deskUrl,
  homeUrl,
  sectionFeedUrl,
  sectionUrl,
  siteFeedUrl,
} from '#lib/archive/urls.ts';

/** How many of the newest stories each feed carries. */
export const FEED_SIZE = 50;

const NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
};

export interface FeedContext {
  site: SiteConfig;
  archive: Archive;
  /** The build's clock: lastBuildDate of a feed with no stories. */
  nowMs: number;
  /** The article's body as sanitized HTML, from the one pipeline. */
  bodyHtml: (article: Article) => string;
}

export interface FeedSpec {
  /** Plain text. */
  title: string;
  /** Plain text. */
  description: string;
  /** Site path of the feed itself ("/world/rss.xml"), for atom:link rel="self". */
  feedPath: string;
  /** Site path of the page the feed mirrors ("/world/"). */
  pagePath: string;
  /** Newest first; the feed takes the first FEED_SIZE. */
  articles: readonly Article[];
}

/** One item; `descriptionHtml` and `contentHtml` are HTML, every other field plain text or a URL. */
export interface FeedItem {
  title: string;
  link: string;
  /** A guid that is not the item's link (several items share one story's link); by default the link is the guid. */
  guid?: string | undefined;
  pubDate: Date;
  descriptionHtml: string;
  contentHtml: string;
  creator: string;
  categories: string[];
  image?: { url: string; alt: string; credit?: string | undefined } | undefined;
}

/** One feed, ready for toRssXml; text fields are plain text. */
export interface Feed {
  title: string;
  description: string;
  link: string;
  selfUrl: string;
  /** The WebSub hub readers may subscribe at (site config `websub.hub`); none by default. */
  hubUrl?: string | undefined;
  language: string;
  lastBuildDate: Date;
  image?: { url: string; title: string; link: string } | undefined;
  items: FeedItem[];
}

/** The whole site's feed: every story, newest first. */
export function siteFeedSpec(site: SiteConfig, articles: readonly Article[]): FeedSpec {
  return { title: site.name, description: site.description, feedPath: siteFeedUrl(), pagePath: homeUrl(), articles };
}

/** A section's feed. */
export function sectionFeedSpec(section: Section, site: SiteConfig, articles: readonly Article[]): FeedSpec {
  return {
    title: `${section.name} | ${site.name}`,
    description: section.description ?? `${section.name} from ${site.name}`,
    feedPath: sectionFeedUrl(section.slug),
    pagePath: sectionUrl(section.slug),
    articles,
  };
}

/** A desk's feed. */
export function deskFeedSpec(desk: Desk, site: SiteConfig, articles: readonly Article[]): FeedSpec {
  return {
    title: `${desk.name} | ${site.name}`,
    description: `Stories by ${desk.name}, ${site.name}`,
    feedPath: deskFeedUrl(desk.slug),
    pagePath: deskUrl(desk.slug),
    articles,
  };
}

/** The channel and items of one feed. */
export function buildFeed(spec: FeedSpec, ctx: FeedContext): Feed {
  const { site } = ctx;
  const link = absoluteUrl(site.url, spec.pagePath);
  return {
    title: spec.title,
    description: spec.description,
    link,
    selfUrl: absoluteUrl(site.url, spec.feedPath),
    hubUrl: site.websub?.hub,
    language: site.language,
    // The last time the channel's content changed (RSS 2.0), not the build's clock: an unchanged feed keeps its bytes.
    lastBuildDate: new Date(lastChange(spec.articles.slice(0, FEED_SIZE), ctx.nowMs)),
    image: site.logo && { url: absoluteUrl(site.url, site.logo.src), title: spec.title, link },
    items: spec.articles.slice(0, FEED_SIZE).map((article) => feedItem(article, ctx)),
  };
}

/**
 * The corrections' feed (/corrections/rss.xml): the newest FEED_SIZE
 * corrections, newest first, each an item linking to the corrections on the
 * story's page. Its guid is the story's address and the correction's date,
 * so rewording a correction does not make it a new item.
 */
export function buildCorrectionsFeed(entries: readonly CorrectionEntry[], ctx: FeedContext): Feed {
  const { site, archive } = ctx;
  const link = absoluteUrl(site.url, correctionsUrl());
  const shown = entries.slice(0, FEED_SIZE);
  const guids = new Set<string>();
  const items = shown.map(({ article, correction, dateMs }): FeedItem => {
    const storyUrl = absoluteUrl(site.url, articleUrl(article));
    const base = `${storyUrl}#correction-${new Date(dateMs).toISOString()}`;
    let guid = base;
    for (let n = 2; guids.has(guid); n++) guid = `${base}-${n}`;
    guids.add(guid);
    const text = escapeXml(correction.text);
    return {
      title: `${correctionsHeading(1)}: ${article.title}`,
      link: absoluteUrl(site.url, articleCorrectionsUrl(article)),
      guid,
      pubDate: new Date(dateMs),
      descriptionHtml: text,
      contentHtml: `<p>${text}</p><p>${CORRECTED_STORY_LABEL} <a href="${escapeXml(storyUrl)}">${escapeXml(article.title)}</a></p>`,
      creator: archive.desk(article.desk).name,
      categories: [archive.section(article.section).name],
    };
  });
  return {
    title: `Corrections | ${site.name}`,
    description: `Every correction ${site.name} has published, newest first`,
    link,
    selfUrl: absoluteUrl(site.url, correctionsFeedUrl()),
    hubUrl: site.websub?.hub,
    language: site.language,
    // As for the stories' feeds: the newest item's date, so an unchanged feed keeps its bytes.
    lastBuildDate: new Date(shown[0]?.dateMs ?? ctx.nowMs),
    image: site.logo && { url: absoluteUrl(site.url, site.logo.src), title: `Corrections | ${site.name}`, link },
    items,
  };
}

/** The words before the corrected story's headline in a corrections feed item. */
export const CORRECTED_STORY_LABEL = 'Corrected story:';

function feedItem(article: Article, ctx: FeedContext): FeedItem {
  const { site, archive } = ctx;
  const link = absoluteUrl(site.url, articleUrl(article));
  return {
    title: article.title,
    link,
    pubDate: new Date(article.publishedMs),
    // The summary is plain text; description is HTML to a feed reader.
    descriptionHtml: escapeXml(article.summary),
    contentHtml: feedContent(article, ctx, link),
    creator: archive.desk(article.desk).name,
    categories: [archive.section(article.section).name, ...article.tags],
    image: article.image && { url: absoluteUrl(site.url, article.image.src), alt: article.image.alt, credit: article.image.credit },
  };
}

/** The full story for content:encoded: body, source line and corrections, every URL absolute. */
export function feedContent(article: Article, ctx: FeedContext, base: string): string {
  const parts = [ctx.bodyHtml(article).split(BREAK_MARKER).join('')];
  if (article.source) parts.push(`<p>${sourceLineHtml(article.source)}</p>`);
  if (article.corrections.length > 0) {
    const items = shownCorrections(article.corrections, ctx.site).map(
      (c) => `<li><time datetime="${escapeXml(c.iso)}">${escapeXml(c.day)}</time>: ${escapeXml(c.text)}</li>`,
    );
    parts.push(`<h2>${correctionsHeading(items.length)}</h2><ul>${items.join('')}</ul>`);
  }
  return absolutizeUrls(parts.join('\n'), base);
}

/**
 * Makes every href and src in our own serialized HTML absolute, resolved
 * against `base`, so feed readers on other sites follow them. In-page
 * fragments ("#fn-1") stay as they are.
 */
export function absolutizeUrls(html: string, base: string): string {
  // Only inside start tags: our serializer writes "<" in text as "&#x3C;", so a
  // code sample showing `<a href="x">` is text here and is left alone.
  return html.replace(/<[A-Za-z][^>]*>/g, (tag) =>
    tag.replace(/\s(href|src)="([^"]*)"/g, (whole, attr: string, value: string) => {
      if (value === '' || value.startsWith('#')) return whole;
      try {
        return ` ${attr}="${escapeXml(new URL(decodeHtmlEntities(value), base).href)}"`;
      } catch {
        return whole;
      }
    }),
  );
}

// The builder writes values as given: every text and attribute value is passed
// through escapeXml (which also drops characters XML 1.0 forbids) on the way in.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: false,
});

/** The feed as an RSS 2.0 document. */
export function toRssXml(feed: Feed): string {
  const channel = {
    title: feed.title,
    link: feed.link,
    description: feed.description,
    language: feed.language,
    lastBuildDate: feed.lastBuildDate.toUTCString(),
    'atom:link': [
      { '@_href': feed.selfUrl, '@_rel': 'self', '@_type': 'application/rss+xml' },
      // WebSub: subscribers learn of a new story from the hub, which `npm run deploy` pings.
      ...(feed.hubUrl ? [{ '@_href': feed.hubUrl, '@_rel': 'hub' }] : []),
    ],
    ...(feed.image && { image: { url: feed.image.url, title: feed.image.title, link: feed.image.link } }),
    item: feed.items.map((item) => ({
      title: item.title,
      link: item.link,
      guid: item.guid ? { '#text': item.guid, '@_isPermaLink': 'false' } : { '#text': item.link, '@_isPermaLink': 'true' },
      description: item.descriptionHtml,
      pubDate: item.pubDate.toUTCString(),
      'content:encoded': item.contentHtml,
      'dc:creator': item.creator,
      category: item.categories,
      ...(item.image && {
        'media:content': {
          '@_url': item.image.url,
          '@_medium': 'image',
          ...(item.image.credit && { 'media:credit': item.image.credit }),
          'media:description': { '#text': item.image.alt, '@_type': 'plain' },
        },
      }),
    })),
  };
  const namespaces = Object.fromEntries(Object.entries(NAMESPACES).map(([prefix, uri]) => [`@_xmlns:${prefix}`, uri]));
  const rss = { '@_version': '2.0', ...namespaces, channel };
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, rss: escapeStrings(rss) }) as string;
}

/** A copy of `value` with every string in it escaped for XML. */
function escapeStrings(value: unknown): unknown {
  if (typeof value === 'string') return escapeXml(value);
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeStrings(v)]));
  return value;
}

/** The newest publication or update among `articles`; `fallbackMs` for an empty feed. */
function lastChange(articles: readonly Article[], fallbackMs: number): number {
  return articles.length === 0 ? fallbackMs : Math.max(...articles.map((a) => a.updatedMs ?? a.publishedMs));
}
