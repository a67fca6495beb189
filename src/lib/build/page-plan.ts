// What each page of the site is made of, as a key per URL: a digest of every
// input the page shows. Two builds that give a page the same key render the
// same bytes for it, so an incremental build renders only the pages whose key
// changed (or that are new) and keeps the rest from the previous output.
//
// A key covers the page's own article file (its digest), its photo, the cards
// it shows (each card's article digest and photo), its neighbours in a
// listing, its related rail, its tags, its comments and its reply form's
// state. What every page shows (the sections and desks in the header, footer
// and desk boxes, the site config, the code) is the plan's `shared` key: when
// that changes, every page is rendered again. The breaking banner has a key of
// its own, `banner`: when only it changes, the build replaces the banner's
// fragment in every page it does not render (scripts/build.ts, "banner").
import { createHash } from 'node:crypto';
import type { Archive } from '#lib/archive/archive.ts';
import type { Article } from '#lib/content/content.ts';
import { replyFormState } from '#lib/archive/comments.ts';
import { arrangeFrontPage } from '#lib/archive/front-page.ts';
import type { ListingPage } from '#lib/archive/pagination.ts';
import { articleRoutes, correctionsRoutes, deskRoutes, sectionRoutes, tagRoutes } from '#lib/archive/routes.ts';
import { articleUrl } from '#lib/archive/urls.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { editionDate } from '#lib/render/dates.ts';
import { liveStatusKey } from '#lib/render/live-view.ts';
import { hasOwnCard } from '#lib/render/share-card.ts';

/** The keyed pages of a build: article and listing pages, the corrections archive and the front page. */
export interface PagePlan {
  /** Inputs every page shares; a change renders the whole site again. */
  shared: string;
  /** The breaking banner every page shows (or its absence). */
  banner: string;
  /** Key per URL ("/world/harbour-accord/"), for every keyed page of the site. */
  pages: Map<string, string>;
  /**
   * Pages that show a photo kept beside an article, whose resized copies Astro
   * writes under /_astro/, and every story page (its share card is there too,
   * src/bridge/share-cards.ts): the build notes which copies each such page uses,
   * so copies nothing uses any more (a story taken down) can be deleted.
   */
  withPhotos: Set<string>;
}

/** A stamp of a file besides the Markdown a page shows (a lead photo): changes when the file's bytes do. */
export type FileStamp = (path: string) => string;

export function planPages(archive: Archive, site: SiteConfig, nowMs: number, stamp: FileStamp): PagePlan {
  const pages = new Map<string, string>();
  const withPhotos = new Set<string>();
  // A card with its picture (listings, the front page) and without (related rails name the story only).
  const card = (a: Article): string => (a.imageFile ? `${a.slug}:${a.digest}:${stamp(a.imageFile)}` : `${a.slug}:${a.digest}`);
  const textCard = (a: Article): string => `${a.slug}:${a.digest}`;
  const notePhotos = (url: string, shown: readonly (Article | undefined)[]): void => {
    if (shown.some((a) => a?.imageFile)) withPhotos.add(url);
  };
  for (const { url, article } of articleRoutes(archive)) {
    // Every story page names its share card under /_astro/ (a cropped photo or a drawn card), kept like a photo copy.
    withPhotos.add(url);
    pages.set(
      url,
      digest([
        'article',
        card(article),
        hasOwnCard(article, archive.articles[0], site.shareCards.days),
        archive.related(article).map(textCard),
        archive.tagSlugs(article).map((slug) => `${slug}:${archive.tags.get(slug)?.name}`),
        archive.commentsOn(article).map((c) => `${c.id}:${c.digest}`),
        replyFormState(article, site, nowMs),
        // A live story: its updates, and while live the built-at line (so a live page is rendered by every build).
        archive.updatesOn(article).map((u) => `${u.id}:${u.digest}`),
        liveStatusKey(article, nowMs, site),
      ]),
    );
  }
  const addListing = (url: string, kind: string, listing: ListingPage<Article>): void => {
    pages.set(url, digest([kind, listing.number ?? 'front', listing.newer ?? '', listing.older ?? '', listing.items.map(card)]));
    notePhotos(url, listing.items);
  };
  for (const route of sectionRoutes(archive, site.pageSize)) addListing(route.url, `section:${route.owner.slug}`, route.listing);
  for (const route of deskRoutes(archive, site.pageSize)) addListing(route.url, `desk:${route.owner.slug}`, route.listing);
  for (const route of tagRoutes(archive, site.pageSize))
    addListing(route.url, `tag:${route.owner.slug}:${route.owner.name}`, route.listing);
  // The corrections archive shows each correction's date and text and its story's headline and address.
  for (const { url, listing } of correctionsRoutes(archive, site.pageSize)) {
    const shown = listing.items.map(({ article, correction }) => [articleUrl(article), article.title, correction.date, correction.text]);
    pages.set(url, digest(['corrections', listing.number ?? 'front', listing.newer ?? '', listing.older ?? '', shown]));
  }
  const front = arrangeFrontPage(archive);
  notePhotos('/', [front.lead, ...front.secondary, ...front.latest, ...front.sections.flatMap((s) => s.articles)]);
  pages.set(
    '/',
    digest([
      'front',
      // The edition date under the masthead: a new day in the site's zone renders the front page again.
      editionDate(nowMs, site.language, site.timeZone).iso,
      front.lead ? card(front.lead) : '',
      front.secondary.map(card),
      front.latest.map(card),
      front.sections.map(({ section, articles }) => [section.slug, articles.map(card)]),
      archive.articles.length === 0,
    ]),
  );
  return { shared: sharedKey(archive, site), banner: bannerKey(archive), pages, withPhotos };
}

/** What every page shows but the banner: the site config and the sections and desks (header, footer, desk boxes). */
export function sharedKey(archive: Archive, site: SiteConfig): string {
  return digest(['shared', archive.mode, site, archive.sections, archive.desks]);
}

/** The breaking banner current at the build's clock, as every page shows it (or none). */
export function bannerKey(archive: Archive): string {
  const banner = archive.alert && { text: archive.alert.text, link: archive.alert.link };
  return digest(['banner', banner ?? null]);
}

/** The URLs whose key differs between two plans' pages, or that only `next` has. */
export function changedPages(previous: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [url, key] of next) if (previous.get(url) !== key) changed.add(url);
  return changed;
}

/** The URLs `previous` had and `next` no longer has: pages to delete. */
export function removedPages(previous: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): string[] {
  return [...previous.keys()].filter((url) => !next.has(url));
}

function digest(material: unknown): string {
  return createHash('sha1').update(JSON.stringify(material)).digest('base64url');
}
