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
  /** How many stories the lists hold between them (each counted once): the N of a tag's rarity. */
  total: number;
}

/** A candidate with its score, and its distance in time (the first tie-break). */
interface Scored {
  candidate: Article;
  score: number;
  distance: number;
}

/** Up to `count` articles related to `article`, most related first, never itself. */
export function findRelated(article: Article, index: RelatedIndex, count = 5): Article[] {
  // Run for every story of every build: no allocation per candidate beyond the few kept.
  if (count <= 0) return [];
  const ownTags = index.tagSlugs(article);
  const total = Math.max(1, index.total);
  // Inverse document frequency: ln(1 + N / stories with the tag), at least ln 2.
  const weights = ownTags.map((t) => Math.log(1 + total / Math.max(1, index.byTag.get(t)?.length ?? 1)));
  const own = featuresOf(article, index);
  // A candidate in two of the lists is scored once: marked with this call's number.
  const call = ++calls;
  own.seen = call;
  const best: Scored[] = [];
  const consider = (candidate: Article, theirs: Features): void => {
    if (theirs.seen === call) return;
    theirs.seen = call;
    let shared = 0;
    let tagScore = 0;
    for (let i = 0; i < own.tags.length; i++) {
      if (theirs.tags.includes(own.tags[i]!)) {
        shared++;
        tagScore += weights[i]!;
      }
    }
    const sameSection = candidate.section === article.section;
    const sharedWords = sameSection ? countShared(own.words, theirs.words) : 0;
    if (shared === 0 && sharedWords === 0) return;
    const relevance = tagScore + (sameSection ? SECTION_WEIGHT : 0) + sharedWords * TITLE_WORD_WEIGHT;
    const distance = Math.abs(candidate.publishedMs - article.publishedMs);
    keepBest(best, { candidate, score: relevance * 0.5 ** (distance / DAY_MS / HALF_LIFE_DAYS), distance }, count);
  };
  for (const list of [...ownTags.map((t) => index.byTag.get(t)), index.bySection.get(article.section)]) {
    if (!list) continue;
    const listed = featuresOfList(list, index);
    const at = newerThan(list, article.publishedMs);
    for (let i = Math.max(0, at - WINDOW), end = Math.min(list.length, at + WINDOW + 1); i < end; i++) consider(list[i]!, listed[i]!);
  }
  return best.map((s) => s.candidate);
}

/** Most related first; then nearest in time; then by slug, so the order never depends on the order of the lists. */
function byRelevance(a: Scored, b: Scored): number {
  return b.score - a.score || a.distance - b.distance || a.candidate.slug.localeCompare(b.candidate.slug);
}

/** Puts `entry` into `best` (kept sorted, at most `count` long) if it belongs there. */
function keepBest(best: Scored[], entry: Scored, count: number): void {
  if (best.length === count && byRelevance(entry, best[count - 1]!) >= 0) return;
  let i = best.length;
  while (i > 0 && byRelevance(entry, best[i - 1]!) < 0) i--;
  best.splice(i, 0, entry);
  if (best.length > count) best.pop();
}

/**
 * What a story is compared by: its tags' and headline words' numbers (the same
 * word is the same number, so comparing is comparing numbers), worked out once,
 * since a story is a candidate for dozens of rails.
 */
interface Features {
  /** In the order of the story's tag slugs. */
  tags: readonly number[];
  /** Ascending. */
  words: readonly number[];
  /** The number of the last findRelated call that scored the story. */
  seen: number;
}
let calls = 0;
const numbers = new Map<string, number>();
const features = new WeakMap<Article, Features>();
/** The features of each story of a list, in the list's order: looked up once per list, not once per candidate. */
const listFeatures = new WeakMap<readonly Article[], { length: number; features: Features[] }>();
function featuresOfList(list: readonly Article[], index: RelatedIndex): readonly Features[] {
  let found = listFeatures.get(list);
  if (found?.length !== list.length) {
    found = { length: list.length, features: list.map((a) => featuresOf(a, index)) };
    listFeatures.set(list, found);
  }
  return found.features;
}
function numberOf(text: string): number {
  let n = numbers.get(text);
  if (n === undefined) numbers.set(text, (n = numbers.size));
  return n;
}
function featuresOf(article: Article, index: RelatedIndex): Features {
  let found = features.get(article);
  if (!found) {
    found = {
      tags: index.tagSlugs(article).map((slug) => numberOf(`#${slug}`)),
      words: [...titleWords(article.title)].map(numberOf).sort((a, b) => a - b),
      seen: 0,
    };
    features.set(article, found);
  }
  return found;
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

/** How many numbers two ascending lists have in common. */
function countShared(a: readonly number[], b: readonly number[]): number {
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** How many entries of a newest-first list are newer than `ms`: the WINDOW entries on each side of it are candidates. */
function newerThan(list: readonly Article[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.publishedMs > ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
