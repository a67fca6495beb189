// RSS 2.0 feeds: the site's, each section's and each desk's. Items and channel
// are computed here; @astrojs/rss writes the XML (and escapes all text).
import type { RSSFeedItem, RSSOptions } from '@astrojs/rss';
import type { Archive } from '#lib/archive/archive.ts';
import type { Article } from '#lib/content/content.ts';
import { escapeXml, stripXmlForbidden } from '#lib/render/escape.ts';
import { BREAK_MARKER } from '#lib/render/markdown.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { absoluteUrl, articleUrl } from '#lib/archive/urls.ts';

/** How many of the newest stories each feed carries. */
export const FEED_SIZE = 50;

/** Namespaces our items use beyond RSS 2.0 (content: is added by @astrojs/rss). */
const NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
};

export interface FeedContext {
  site: SiteConfig;
  archive: Archive;
  /** The build's clock, for lastBuildDate. */
  nowMs: number;
  /** The article's body as sanitized HTML, from the one pipeline. */
  bodyHtml: (article: Article) => string;
}

export interface FeedSpec {
  title: string;
  description: string;
  /** Site path of the feed itself ("/world/rss.xml"), for atom:link rel="self". */
  feedPath: string;
  /** Site path of the page the feed mirrors ("/world/"). */
  pagePath: string;
  /** Newest first; the feed takes the first FEED_SIZE. */
  articles: readonly Article[];
}

/** Options for @astrojs/rss's getRssString: channel and items of one feed. */
export function buildFeed(spec: FeedSpec, ctx: FeedContext): RSSOptions {
  const { site } = ctx;
  const channel = [
    `<language>${escapeXml(site.language)}</language>`,
    // The last time the channel's content changed (RSS 2.0), not the build's clock: an unchanged feed stays byte-identical.
    `<lastBuildDate>${new Date(lastChange(spec.articles.slice(0, FEED_SIZE), ctx.nowMs)).toUTCString()}</lastBuildDate>`,
    `<atom:link href="${escapeXml(absoluteUrl(site.url, spec.feedPath))}" rel="self" type="application/rss+xml"/>`,
  ];
  if (site.logo) {
    channel.push(
      `<image><url>${escapeXml(absoluteUrl(site.url, site.logo.src))}</url><title>${escapeXml(spec.title)}</title><link>${escapeXml(absoluteUrl(site.url, spec.pagePath))}</link></image>`,
    );
  }
  // @astrojs/rss escapes text but keeps control characters, which make the XML ill-formed.
  return {
    title: stripXmlForbidden(spec.title),
    description: stripXmlForbidden(spec.description),
    site: absoluteUrl(site.url, spec.pagePath),
    xmlns: NAMESPACES,
    customData: channel.join(''),
    items: spec.articles.slice(0, FEED_SIZE).map((article) => feedItem(article, ctx)),
  };
}

function feedItem(article: Article, ctx: FeedContext): RSSFeedItem {
  const { site, archive } = ctx;
  const link = absoluteUrl(site.url, articleUrl(article));
  const extra = [`<dc:creator>${escapeXml(archive.desk(article.desk).name)}</dc:creator>`];
  if (article.image) {
    const credit = article.image.credit ? `<media:credit>${escapeXml(article.image.credit)}</media:credit>` : '';
    extra.push(
      `<media:content url="${escapeXml(absoluteUrl(site.url, article.image.src))}" medium="image">${credit}<media:description>${escapeXml(article.image.alt)}</media:description></media:content>`,
    );
  }
  return {
    title: stripXmlForbidden(article.title),
    link,
    pubDate: new Date(article.publishedMs),
    description: stripXmlForbidden(article.summary),
    content: feedContent(article, ctx, link),
    categories: [archive.section(article.section).name, ...article.tags].map(stripXmlForbidden),
    customData: extra.join(''),
  };
}

/** The full story for content:encoded: body, source line and corrections, every URL absolute. */
export function feedContent(article: Article, ctx: FeedContext, base: string): string {
  const parts = [stripXmlForbidden(ctx.bodyHtml(article).split(BREAK_MARKER).join(''))];
  if (article.source) {
    const name = escapeXml(article.source.name);
    parts.push(`<p>Source: ${article.source.url ? `<a href="${escapeXml(article.source.url)}">${name}</a>` : name}</p>`);
  }
  if (article.corrections.length > 0) {
    const items = [...article.corrections]
      .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))
      .map((c) => `<li><time datetime="${escapeXml(c.date)}">${escapeXml(c.date.slice(0, 10))}</time>: ${escapeXml(c.text)}</li>`);
    parts.push(`<h2>${items.length === 1 ? 'Correction' : 'Corrections'}</h2><ul>${items.join('')}</ul>`);
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
        return ` ${attr}="${escapeXml(new URL(unescapeAttr(value), base).href)}"`;
      } catch {
        return whole;
      }
    }),
  );
}

const NAMED_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// hast-util-to-html writes "&" in attributes as "&#x26;", so numeric references must be decoded too.
function unescapeAttr(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex?: string, dec?: string, name?: string) =>
    name ? NAMED_REFERENCES[name.toLowerCase()]! : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)),
  );
}

/** The newest publication or update among `articles`; `fallbackMs` for an empty feed. */
function lastChange(articles: readonly Article[], fallbackMs: number): number {
  return articles.length === 0 ? fallbackMs : Math.max(...articles.map((a) => a.updatedMs ?? a.publishedMs));
}
