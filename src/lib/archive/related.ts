// Related articles, found through indexes rather than by comparing every pair.
// Candidates are the stories nearest in time in each of the article's tags and
// its section. A candidate counts only if it shares a tag, or is in the same
// section and shares a word of its headline. Shared tags weigh by how rare they
// are (a tag on a handful of stories says more than one on half the archive),
// then the same section and shared headline words; the sum fades with distance
// in time. Cost per article: (tags + 1) × WINDOW, whatever the archive's size.
import type { Article } from '#lib/content/content.ts';

const WINDOW = 12;
/** What sharing the section adds to a candidate that already counts. */
const SECTION_WEIGHT = 0.5;
/** What each shared headline word adds; less than the commonest tag (ln 2), so a tag always says more. */
const TITLE_WORD_WEIGHT = 0.25;
/** A story this many days away counts half as much as one published the same day. */
const HALF_LIFE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Words too common in headlines to say two stories are about the same thing. */
const STOP_WORDS = new Set(
  [
    'about above after again against ahead also amid back been before being below between both could does',
    'down during each even from have here into just like made make more most much must near next only',
    'other over says said some such than that their them then there these they this those three through',
    'under until upon very week were what when where which while will with would year years your first',
    'last news',
  ]
    .join(' ')
    .split(' '),
);

/** Lists of published articles, newest first, by section slug and tag slug. */
export interface RelatedIndex {
  bySection: ReadonlyMap<string, readonly Article[]>;
  byTag: ReadonlyMap<string, readonly Article[]>;
  tagSlugs: (article: Article) => readonly string[];
}

/** Up to `count` articles related to `article`, most related first, never itself. */
export function findRelated(article: Article, index: RelatedIndex, count = 5): Article[] {
  const ownTags = index.tagSlugs(article);
  const total = Math.max(
    1,
    [...index.bySection.values()].reduce((n, list) => n + list.length, 0),
  );
  const ownWords = titleWords(article.title);
  const candidates = new Set<Article>();
  for (const list of [...ownTags.map((t) => index.byTag.get(t) ?? []), index.bySection.get(article.section) ?? []]) {
    for (const candidate of nearestInTime(list, article.publishedMs)) if (candidate !== article) candidates.add(candidate);
  }
  const scored: { candidate: Article; score: number; distance: number }[] = [];
  for (const candidate of candidates) {
    const theirTags = new Set(index.tagSlugs(candidate));
    const shared = ownTags.filter((t) => theirTags.has(t));
    const sameSection = candidate.section === article.section;
    const sharedWords = sameSection ? countShared(ownWords, titleWords(candidate.title)) : 0;
    if (shared.length === 0 && sharedWords === 0) continue;
    // Inverse document frequency: ln(1 + N / stories with the tag), at least ln 2.
    const tagScore = shared.reduce((sum, t) => sum + Math.log(1 + total / Math.max(1, index.byTag.get(t)?.length ?? 1)), 0);
    const relevance = tagScore + (sameSection ? SECTION_WEIGHT : 0) + sharedWords * TITLE_WORD_WEIGHT;
    const distance = Math.abs(candidate.publishedMs - article.publishedMs);
    scored.push({ candidate, score: relevance * 0.5 ** (distance / DAY_MS / HALF_LIFE_DAYS), distance });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.distance - b.distance || a.candidate.slug.localeCompare(b.candidate.slug))
    .slice(0, count)
    .map((s) => s.candidate);
}

/** The headline's words worth matching: lower case, four letters or more, not a stop word. */
export function titleWords(title: string): Set<string> {
  const words =
    title
      .toLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((w) => w.length >= 4 && !STOP_WORDS.has(w)));
}

function countShared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
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
