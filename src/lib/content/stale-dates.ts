// `npm run new` dates a draft when it is started. When `draft: true` goes days
// later, nothing else reminds the writer that publishedAt still says the day
// it was started: the story would go out looking days old, below stories
// published after it. This finds such stories, as warnings (not errors).
import type { Article } from './content.ts';
import type { Baseline } from './git-baseline.ts';
import type { Problem } from './problems.ts';
import { toZonedIso } from '#lib/render/dates.ts';

/** How far before now a story leaving draft may be dated before it is worth a warning. */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Returns a warning for each published (not draft) story that has just left
 * draft, i.e. is in `baseline` (new since the last commit, or a draft there),
 * whose publishedAt is more than a day before `nowMs`. Stories with a
 * legacyUrl are left out: an imported story keeps its old date on purpose.
 * `lineOf` gives publishedAt's line, asked only for the stories warned about.
 */
export function findStalePublishDates(
  articles: readonly Article[],
  baseline: ReadonlyMap<string, Baseline>,
  nowMs: number,
  timeZone: string,
  lineOf: (article: Article) => number | undefined = () => undefined,
): Problem[] {
  const warnings: Problem[] = [];
  for (const article of articles) {
    const before = baseline.get(article.path);
    if (before === undefined || article.draft || article.legacyUrl !== undefined) continue;
    if (nowMs - article.publishedMs <= STALE_AFTER_MS) continue;
    const days = Math.floor((nowMs - article.publishedMs) / STALE_AFTER_MS);
    const why = before === 'draft' ? 'was a draft in the last commit' : 'is not in the last commit yet';
    const line = lineOf(article);
    warnings.push({
      file: article.file,
      ...(line ? { line } : {}),
      field: 'publishedAt',
      message:
        `is ${article.publishedAt}, ${days === 1 ? '1 day' : `${days} days`} ago, but the story ${why}, so it is probably being published now: ` +
        `it would appear ${days === 1 ? 'a day' : `${days} days`} old, below newer stories. If it goes out now, write publishedAt: ${toZonedIso(nowMs, timeZone)}; if the date is right, ignore this warning`,
    });
  }
  return warnings;
}
