// Live coverage: which stories are live at the build's clock, their updates
// newest first, and the moment a story's updatedAt moves on to. One home for
// these rules, used by the page, updates.json, JSON-LD, feeds and the schedule.
import type { Article, Update } from '#lib/content/content.ts';

/** Whether a live story is still being updated at `nowMs`: live, and its liveUntil (if any) not yet reached. */
export function isLiveAt(article: Pick<Article, 'live' | 'liveUntilMs'>, nowMs: number): boolean {
  return article.live && (article.liveUntilMs === undefined || nowMs < article.liveUntilMs);
}

/** Orders updates newest first; equal times fall back to the id, so builds are deterministic. */
export function byNewestUpdate(a: Pick<Update, 'publishedMs' | 'id'>, b: Pick<Update, 'publishedMs' | 'id'>): number {
  return b.publishedMs - a.publishedMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** The updates published by `nowMs`, by story slug, each list newest first; later ones wait like an embargoed story. */
export function publishedUpdates(updates: readonly Update[], nowMs: number): Map<string, Update[]> {
  const by = new Map<string, Update[]>();
  for (const u of updates) {
    if (u.publishedMs > nowMs) continue;
    const list = by.get(u.article);
    if (list) list.push(u);
    else by.set(u.article, [u]);
  }
  for (const list of by.values()) list.sort(byNewestUpdate);
  return by;
}

/** The story with updatedAt moved on to its newest update when that is later, so feeds and sitemaps see the change. */
export function withNewestUpdate(article: Article, newestFirst: readonly Update[] | undefined): Article {
  const newest = newestFirst?.[0];
  if (!newest || newest.publishedMs <= (article.updatedMs ?? article.publishedMs)) return article;
  return { ...article, updatedAt: newest.publishedAt, updatedMs: newest.publishedMs };
}

/** The updates flagged as key events, newest first. */
export function keyEvents(newestFirst: readonly Update[]): Update[] {
  return newestFirst.filter((u) => u.key);
}

/** An update's anchor on its story's page. */
export function updateAnchor(update: Pick<Update, 'id'>): string {
  return `update-${update.id}`;
}

/** Where the build writes a live story's updates for its page's script. */
export function updatesJsonUrl(article: Pick<Article, 'section' | 'slug'>): string {
  return `/${article.section}/${article.slug}/updates.json`;
}
