// Which articles the public may see, and in what order.

/** True unless the article is a draft or embargoed (published after `nowMs`). */
export function isPublished(article: { draft: boolean; publishedMs: number }, nowMs: number): boolean {
  return !article.draft && article.publishedMs <= nowMs;
}

/** Orders newest first; equal times fall back to slug so builds are deterministic. */
export function byNewest(a: { publishedMs: number; slug: string }, b: { publishedMs: number; slug: string }): number {
  return b.publishedMs - a.publishedMs || a.slug.localeCompare(b.slug);
}

/** The published articles, newest first. */
export function getPublished<T extends { draft: boolean; publishedMs: number; slug: string }>(
  articles: readonly T[],
  nowMs: number,
): T[] {
  return articles.filter((a) => isPublished(a, nowMs)).sort(byNewest);
}
