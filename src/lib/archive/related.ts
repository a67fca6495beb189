// Related articles, found through indexes rather than by comparing every pair.
// Candidates are the stories nearest in time in each of the article's tags and
// its section; shared tags weigh most, then the same section, then closeness in
// time. Cost per article: (tags + 1) × WINDOW, whatever the archive's size.
import type { Article } from '#lib/content/content.ts';

const WINDOW = 12;

/** Lists of published articles, newest first, by section slug and tag slug. */
export interface RelatedIndex {
  bySection: ReadonlyMap<string, readonly Article[]>;
  byTag: ReadonlyMap<string, readonly Article[]>;
  tagSlugs: (article: Article) => readonly string[];
}

/** Up to `count` articles related to `article`, newest first, never itself. */
export function findRelated(article: Article, index: RelatedIndex, count = 5): Article[] {
  const scores = new Map<Article, number>();
  const ownTags = index.tagSlugs(article);
  const lists: { list: readonly Article[]; weight: number }[] = ownTags.map((t) => ({ list: index.byTag.get(t) ?? [], weight: 2 }));
  lists.push({ list: index.bySection.get(article.section) ?? [], weight: 1 });
  for (const { list, weight } of lists) {
    for (const candidate of nearestInTime(list, article.publishedMs)) {
      if (candidate === article) continue;
      scores.set(candidate, (scores.get(candidate) ?? 0) + weight);
    }
  }
  const distance = (a: Article): number => Math.abs(a.publishedMs - article.publishedMs);
  return [...scores.entries()]
    .sort(([a, sa], [b, sb]) => sb - sa || distance(a) - distance(b) || a.slug.localeCompare(b.slug))
    .slice(0, count)
    .map(([a]) => a)
    .sort((a, b) => b.publishedMs - a.publishedMs || a.slug.localeCompare(b.slug));
}

/** The WINDOW entries on each side of `ms` in a newest-first list. */
function nearestInTime(list: readonly Article[], ms: number): readonly Article[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.publishedMs > ms) lo = mid + 1;
    else hi = mid;
  }
  return list.slice(Math.max(0, lo - WINDOW), lo + WINDOW + 1);
}
