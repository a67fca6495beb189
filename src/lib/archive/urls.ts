// Every URL the site links to is made here, so routes and links cannot drift;
// and every URL a writer typed is printed through printableUrl.

/** First path segments our own routes use; no section may take them. */
export const RESERVED_SECTION_SLUGS = ['desk', 'tag', 'search', 'comments', 'corrections', 'page', 'images', 'pagefind', 'assets'];

/** The file name of every feed, beside the page it mirrors. */
const FEED_FILE = 'rss.xml';

/** The front page. */
export function homeUrl(): string {
  return '/';
}

/** The article's permalink: /<section>/<slug>/. */
export function articleUrl(article: { section: string; slug: string }): string {
  return `/${article.section}/${article.slug}/`;
}

/** A section's front (page undefined) or one of its numbered archive pages. */
export function sectionUrl(section: string, page?: number): string {
  return withPage(`/${section}/`, page);
}

/** A desk's page, or one of its numbered archive pages. */
export function deskUrl(desk: string, page?: number): string {
  return withPage(`/desk/${desk}/`, page);
}

/** A tag's page (by tag slug), or one of its numbered archive pages. */
export function tagUrl(tagSlug: string, page?: number): string {
  return withPage(`/tag/${tagSlug}/`, page);
}

/** The corrections archive, or one of its numbered pages. */
export function correctionsUrl(page?: number): string {
  return withPage('/corrections/', page);
}

/** Where a story's own corrections are, on its page (CorrectionsList). */
export function articleCorrectionsUrl(article: { section: string; slug: string }): string {
  return `${articleUrl(article)}#corrections`;
}

/** The whole site's RSS feed. */
export function siteFeedUrl(): string {
  return `${homeUrl()}${FEED_FILE}`;
}

/** A section's RSS feed. */
export function sectionFeedUrl(section: string): string {
  return `${sectionUrl(section)}${FEED_FILE}`;
}

/** A desk's RSS feed. */
export function deskFeedUrl(desk: string): string {
  return `${deskUrl(desk)}${FEED_FILE}`;
}

/** The corrections' RSS feed. */
export function correctionsFeedUrl(): string {
  return `${correctionsUrl()}${FEED_FILE}`;
}

/** The index of the sitemap files @astrojs/sitemap writes. */
export function sitemapIndexUrl(): string {
  return '/sitemap-index.xml';
}

/** The Google News sitemap. */
export function newsSitemapUrl(): string {
  return '/news-sitemap.xml';
}

/** The absolute form of a site path, for canonical links, feeds and sitemaps. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, siteUrl).href;
}

/**
 * A URL a writer typed (source.url, a desk link, canonical), as it must be
 * printed in an href, a feed or JSON-LD: the WHATWG parser's form, so "<", '"',
 * spaces and the like in a query are percent-encoded and the host is lower-case.
 * Validation (url-safety.ts) guarantees the value parses; mailto: works too.
 */
export function printableUrl(url: string): string {
  return new URL(url).href;
}

function withPage(base: string, page: number | undefined): string {
  return page === undefined ? base : `${base}page/${page}/`;
}
