// What the front page shows, as a newspaper would lay it out.
import type { Archive } from './archive.ts';
import type { Article, Section } from '#lib/content/content.ts';

/** How far back a featured story may still lead the front page, in stories. */
const FEATURED_WINDOW = 50;
/** How long `featured` holds: a featured story leads while it is at most this much older than the newest story. */
export const FEATURED_FOR_MS = 72 * 60 * 60 * 1000;

/**
 * A secondary story's place in the two-column block under the lead: `picture`
 * when its picture shows, `wide` when it takes a whole row (picture beside the
 * words, or words across the row), so no card stands beside a taller one.
 */
export interface Slot {
  article: Article;
  picture: boolean;
  wide: boolean;
}

export interface FrontPage {
  lead: Article | undefined;
  /** The secondary stories in editorial order: fresh featured ones first, then the newest. */
  secondary: Article[];
  /** The secondary stories as laid out: `secondary` arranged by secondarySlots(). */
  slots: Slot[];
  latest: Article[];
  sections: { section: Section; articles: Article[] }[];
}

/**
 * The lead is the newest fresh featured story (featured, among the latest 50,
 * and at most 72 hours older than the newest story), else the newest story;
 * then secondary stories (fresh featured ones first), a latest list, and a
 * block per section in menu order. No story appears twice. A stale featured
 * story takes its place by date like any other.
 */
export function arrangeFrontPage(archive: Archive, counts = { secondary: 4, latest: 8, perSection: 4 }): FrontPage {
  const recent = archive.articles.slice(0, FEATURED_WINDOW);
  const newestMs = recent[0]?.publishedMs ?? 0;
  const fresh = recent.filter((a) => a.featured && newestMs - a.publishedMs <= FEATURED_FOR_MS);
  const lead = fresh[0] ?? recent[0];
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
  // Fresh featured stories other than the lead come first among the secondary ones.
  const secondary = take([...fresh, ...recent], counts.secondary);
  const latest = take(archive.articles, counts.latest);
  const sections = archive.sections
    .map((section) => ({ section, articles: take(archive.bySection.get(section.slug) ?? [], counts.perSection) }))
    .filter((block) => block.articles.length > 0);
  return { lead, secondary, slots: secondarySlots(secondary), latest, sections };
}

/**
 * Lays out stories in rows of two so that a story with a picture never stands
 * beside one without (which leaves a hole the height of the picture): stories
 * with pictures first, in pairs, in their order; an odd one out takes a whole
 * row with its picture beside its words; then the stories without pictures, in
 * pairs, an odd last one across its row.
 */
export function secondarySlots(stories: readonly Article[]): Slot[] {
  const pictured = stories.filter((a) => a.image);
  const plain = stories.filter((a) => !a.image);
  const place = (list: Article[], picture: boolean): Slot[] =>
    list.map((article, i) => ({ article, picture, wide: list.length % 2 === 1 && i === list.length - 1 }));
  return [...place(pictured, true), ...place(plain, false)];
}
