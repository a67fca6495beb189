// The site's many-page routes as data: every article page and every listing
// page, with its URL and what it shows. Pages' getStaticPaths read these, and
// so does the page plan (page-plan.ts) that decides what a build must render,
// so the two can never disagree on which pages exist.
import type { Archive, Tag } from './archive.ts';
import type { Article, Desk, Section } from '#lib/content/content.ts';
import { correctionEntries, type CorrectionEntry } from './corrections.ts';
import { listingPages, type ListingPage } from './pagination.ts';
import { articleUrl, correctionsUrl, deskUrl, sectionUrl, tagUrl } from './urls.ts';

export interface ArticleRoute {
  url: string;
  article: Article;
}

export interface ListingRoute<Owner> {
  url: string;
  owner: Owner;
  /** The rest parameter: undefined for the front, "page/3" for page 3. */
  page: string | undefined;
  listing: ListingPage<Article>;
}

export function articleRoutes(archive: Archive): ArticleRoute[] {
  return archive.articles.map((article) => ({ url: articleUrl(article), article }));
}

export function sectionRoutes(archive: Archive, pageSize: number): ListingRoute<Section>[] {
  return archive.sections.flatMap((section) =>
    listing(section, archive.bySection.get(section.slug) ?? [], pageSize, (n) => sectionUrl(section.slug, n)),
  );
}

export function deskRoutes(archive: Archive, pageSize: number): ListingRoute<Desk>[] {
  return archive.desks.flatMap((desk) => listing(desk, archive.byDesk.get(desk.slug) ?? [], pageSize, (n) => deskUrl(desk.slug, n)));
}

export function tagRoutes(archive: Archive, pageSize: number): ListingRoute<Tag>[] {
  return [...archive.tags.values()].flatMap((tag) => listing(tag, tag.articles, pageSize, (n) => tagUrl(tag.slug, n)));
}

/** One page of the corrections archive. */
export interface CorrectionsRoute {
  url: string;
  /** The rest parameter: undefined for the front, "page/3" for page 3. */
  page: string | undefined;
  listing: ListingPage<CorrectionEntry>;
}

/** The corrections archive's pages, paginated like every listing: a front with the newest, stable numbered pages behind it. */
export function correctionsRoutes(archive: Archive, pageSize: number): CorrectionsRoute[] {
  return listingPages(correctionEntries(archive), pageSize).map(({ page, listing }) => ({
    url: correctionsUrl(listing.number),
    page,
    listing,
  }));
}

function listing<Owner>(
  owner: Owner,
  articles: readonly Article[],
  pageSize: number,
  href: (page?: number) => string,
): ListingRoute<Owner>[] {
  return listingPages(articles, pageSize).map(({ page, listing }) => ({ url: href(listing.number), owner, page, listing }));
}
