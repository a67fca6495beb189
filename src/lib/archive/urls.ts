// Every URL the site links to is made here, so routes and links cannot drift.

/** First path segments our own routes use; no section may take them. */
export const RESERVED_SECTION_SLUGS = ['desk', 'tag', 'search', 'comments', 'page', 'images', 'pagefind', 'assets'];

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

/** The absolute form of a site path, for canonical links, feeds and sitemaps. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, siteUrl).href;
}

function withPage(base: string, page: number | undefined): string {
  return page === undefined ? base : `${base}page/${page}/`;
}
