// The corrections archive (/corrections/): every correction on a published
// story, newest first, for its pages and its feed.
import type { Archive } from './archive.ts';
import type { Article } from '#lib/content/content.ts';
import type { Correction } from '#lib/content/schemas.ts';

/** One correction with the story it corrects. */
export interface CorrectionEntry {
  article: Article;
  correction: Correction;
  /** correction.date as epoch milliseconds. */
  dateMs: number;
}

/**
 * Every correction on the archive's published stories, newest first by
 * instant (as each story lists its own, article-notes.ts); corrections at
 * the same instant follow the stories' order, newest story first.
 */
export function correctionEntries(archive: Pick<Archive, 'articles'>): CorrectionEntry[] {
  const entries: CorrectionEntry[] = [];
  for (const article of archive.articles) {
    for (const correction of article.corrections) entries.push({ article, correction, dateMs: Date.parse(correction.date) });
  }
  // Array.prototype.sort is stable: ties keep the archive's order, then the file's.
  return entries.sort((a, b) => b.dateMs - a.dateMs);
}
