// Which articles the public may see, and in what order; and what a writer's
// local preview shows besides.
import { formatDateTime } from '#lib/render/dates.ts';

/**
 * 'production': the public site, drafts and embargoed articles left out.
 * 'preview': `npm run dev` on a writer's machine, where they show, flagged.
 */
export type PublishMode = 'production' | 'preview';

/** True unless the article is a draft or embargoed (published after `nowMs`). */
export function isPublished(article: { draft: boolean; publishedMs: number }, nowMs: number): boolean {
  return !article.draft && article.publishedMs <= nowMs;
}

/** True when the article has a page in this mode: published ones always, the rest only in preview. */
export function isVisible(article: { draft: boolean; publishedMs: number }, nowMs: number, mode: PublishMode): boolean {
  return mode === 'preview' || isPublished(article, nowMs);
}

/** Orders newest first; equal times fall back to slug so builds are deterministic. */
export function byNewest(a: { publishedMs: number; slug: string }, b: { publishedMs: number; slug: string }): number {
  return b.publishedMs - a.publishedMs || a.slug.localeCompare(b.slug);
}

/** The published articles, newest first. */
export function getPublished<T extends { draft: boolean; publishedMs: number; slug: string }>(articles: readonly T[], nowMs: number): T[] {
  return getVisible(articles, nowMs, 'production');
}

/** The articles with a page in this mode, newest first. */
export function getVisible<T extends { draft: boolean; publishedMs: number; slug: string }>(
  articles: readonly T[],
  nowMs: number,
  mode: PublishMode,
): T[] {
  return articles.filter((a) => isVisible(a, nowMs, mode)).sort(byNewest);
}

/**
 * Why readers cannot see this article yet, for the preview banner: "DRAFT",
 * "EMBARGOED until 1 July 2026 at 07:00 IST", or both; undefined when it is
 * published, and always in production, so nothing can flag a public page.
 */
export function previewLabel(
  article: { draft: boolean; publishedMs: number; publishedAt: string },
  nowMs: number,
  mode: PublishMode,
  site: { language: string; timeZone: string },
): string | undefined {
  if (mode !== 'preview' || isPublished(article, nowMs)) return undefined;
  const embargo =
    article.publishedMs > nowMs ? `EMBARGOED until ${formatDateTime(article.publishedAt, site.language, site.timeZone)}` : undefined;
  return [article.draft ? 'DRAFT' : undefined, embargo].filter(Boolean).join(', ');
}

/**
 * What the byline says before the publication date: "Published" on every
 * public page; under `npm run dev`, "Draft — not published, dated" for a
 * draft and "Scheduled for" for an embargoed story, so a preview never claims
 * a story is out.
 */
export function publicationLabel(article: { draft: boolean; publishedMs: number }, nowMs: number, mode: PublishMode): string {
  if (mode !== 'preview' || isPublished(article, nowMs)) return 'Published';
  return article.draft ? 'Draft — not published, dated' : 'Scheduled for';
}
