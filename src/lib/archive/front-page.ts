// What the front page shows, as a newspaper would lay it out.
import type { Archive } from './archive.ts';
import type { Article, Section } from '#lib/content/content.ts';

/** How far back a featured story may still lead the front page, in stories. */
const FEATURED_WINDOW = 50;

export interface FrontPage {
  lead: Article | undefined;
  secondary: Article[];
  latest: Article[];
  sections: { section: Section; articles: Article[] }[];
}

/**
 * The lead is the newest featured story among the latest 50 (else the newest
 * story); then secondary stories, a latest list, and a block per section in
 * menu order. No story appears twice.
 */
export function arrangeFrontPage(archive: Archive, counts = { secondary: 4, latest: 8, perSection: 4 }): FrontPage {
  const recent = archive.articles.slice(0, FEATURED_WINDOW);
  const lead = recent.find((a) => a.featured) ?? recent[0];
  const shown = new Set<Article>(lead ? [lead] : []);
  const take = (list: readonly Article[], n: number): Article[] => {
    const out: Article[] = [];
    for (const a of list) {
      if (out.length === n) break;
      if (!shown.has(a)) {
        out.push(a);
        shown.add(a);
      }
    }
    return out;
  };
  // Featured stories other than the lead come first among the secondary ones.
  const secondary = take([...recent.filter((a) => a.featured), ...recent], counts.secondary);
  const latest = take(archive.articles, counts.latest);
  const sections = archive.sections
    .map((section) => ({ section, articles: take(archive.bySection.get(section.slug) ?? [], counts.perSection) }))
    .filter((block) => block.articles.length > 0);
  return { lead, secondary, latest, sections };
}
