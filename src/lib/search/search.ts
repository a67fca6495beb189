// The search page's state and the small decisions around it, kept out of the
// browser script so vitest can check them: what the URL says, what Pagefind is
// asked, how history moves, and which sentences of a story make its excerpt.

/** The filters an article carries in the index (data-pagefind-filter keys). */
export const SEARCH_FILTERS = ['section', 'desk', 'tag'] as const;
export type SearchFilter = (typeof SEARCH_FILTERS)[number];

/** Relevance needs words to rank by; with none, the newest stories come first. */
export type SearchSort = 'relevance' | 'newest';

/** Everything a reader chose on /search/, exactly as the URL carries it. */
export interface SearchState {
  q: string;
  section: string;
  desk: string;
  tag: string;
  /** Undefined: the default for the query (relevance with words, newest without). */
  sort: SearchSort | undefined;
}

/** The sort key in the index (src/lib/search/search-shards.ts) that "newest" orders by. */
export const DATE_SORT_KEY = 'date';

/**
 * Options for Pagefind in the browser. Pagefind (1.5+) searches every metadata
 * field; the date and image path are there to show results, not to match
 * words, so they get no ranking weight (the headline keeps Pagefind's 5x).
 */
export const PAGEFIND_OPTIONS = {
  ranking: { metaWeights: { date: 0, image: 0 } },
} as const;

/** Reads the search state from a query string ("?q=budget&section=World+News"); unknown keys are ignored. */
export function parseSearchState(search: string | URLSearchParams): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const text = (key: string): string => (params.get(key) ?? '').trim();
  const sort = text('sort');
  return {
    q: text('q'),
    section: text('section'),
    desk: text('desk'),
    tag: text('tag'),
    sort: sort === 'relevance' || sort === 'newest' ? sort : undefined,
  };
}

/**
 * The query string for a state ("?q=budget&sort=newest"), or "" when nothing
 * is chosen. The sort appears only when it is not the default for the query.
 */
export function toSearchQuery(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of SEARCH_FILTERS) if (state[key]) params.set(key, state[key]);
  if (state.q && state.sort === 'newest') params.set('sort', 'newest');
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The order results come in: newest with no words, else the reader's choice, else relevance. */
export function effectiveSort(state: SearchState): SearchSort {
  if (!state.q) return 'newest';
  return state.sort ?? 'relevance';
}

/** What the reader's state asks of Pagefind: the term (null browses everything) and its options. */
export function toPagefindSearch(state: SearchState): {
  term: string | null;
  options: { filters: Partial<Record<SearchFilter, string>>; sort?: Record<string, 'asc' | 'desc'> };
} {
  const filters: Partial<Record<SearchFilter, string>> = {};
  for (const key of SEARCH_FILTERS) if (state[key]) filters[key] = state[key];
  const options: { filters: typeof filters; sort?: Record<string, 'asc' | 'desc'> } = { filters };
  if (effectiveSort(state) === 'newest') options.sort = { [DATE_SORT_KEY]: 'desc' };
  return { term: state.q || null, options };
}

/** Counts per filter value, as Pagefind reports them. */
export type FilterCounts = Record<string, Record<string, number>>;

/**
 * The filter every record carries with the id of its shard
 * (src/lib/search/search-shards.ts), so that a search can be kept to one shard.
 */
export const SHARD_FILTER = 'shard';

/** The filter each word-directory record carries with the id of the shard whose words it holds. */
export const DIRECTORY_FILTER = 'holds';

/** One shard's answer, as Pagefind gives it. */
export interface ShardSearch<R> {
  results: R[];
  filters?: FilterCounts;
}

/**
 * Newest first across shards. Pagefind searches merged indexes together, but
 * orders the merged results by score, and for a sorted search a score is a
 * position within one shard, so shards would interleave. Each shard's own
 * answer is in date order and shards never overlap in time, so the answers,
 * given newest shard first, are put end to end; counts are added up.
 */
export function mergeNewestFirst<R>(searches: readonly ShardSearch<R>[]): ShardSearch<R> & { filters: FilterCounts } {
  return { results: searches.flatMap((s) => s.results), filters: mergeFilterCounts(searches.map((s) => s.filters ?? {})) };
}

/** Adds up counts per filter value across shards. */
export function mergeFilterCounts(all: readonly FilterCounts[]): FilterCounts {
  const merged: FilterCounts = {};
  for (const counts of all) {
    for (const [filter, values] of Object.entries(counts)) {
      const into = (merged[filter] ??= {});
      for (const [value, count] of Object.entries(values)) into[value] = (into[value] ?? 0) + count;
    }
  }
  return merged;
}

/** Why the search changed: typing is debounced and may fold into one history entry. */
export type ChangeCause = 'typing' | 'choice';

/** A search-state change that reached the URL. */
export interface UrlChange {
  cause: ChangeCause;
  /** Milliseconds on any monotonic clock. */
  at: number;
}

/** Typing that resumes after this long starts a new history entry. */
export const TYPING_PAUSE_MS = 1500;

/**
 * How the URL should follow a change: "none" when it is unchanged, "replace"
 * while the reader keeps typing (so one search is one history entry), "push"
 * otherwise (so Back returns to the previous search).
 */
export function historyMode(
  currentUrl: string,
  nextUrl: string,
  previous: UrlChange | undefined,
  next: UrlChange,
): 'none' | 'replace' | 'push' {
  if (currentUrl === nextUrl) return 'none';
  const stillTyping = next.cause === 'typing' && previous?.cause === 'typing' && next.at - previous.at < TYPING_PAUSE_MS;
  return stillTyping ? 'replace' : 'push';
}

/** One run of excerpt text, marked when it matched the query. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

/** About how many words an excerpt runs to: whole sentences up to this, or one sentence cut short with an ellipsis. */
export const EXCERPT_WORDS = 36;

/** Pagefind's word separator: the word locations it reports count words split this way. */
const WORD_SEPARATORS = /[^\S\uFEFF]+/g;

/** Punctuation around a word, left out of its mark ("harbour," marks "harbour"). */
const EDGE_PUNCTUATION = /^([\p{P}\p{S}]*)(.*?)([\p{P}\p{S}]*)$/su;

interface Span {
  start: number;
  end: number;
}

/**
 * The excerpt under a result, from the record's text (`content`, which starts
 * with the headline) and the word positions that matched: whole sentences
 * after the headline, from the sentence where the matches are densest (or the
 * first, when only the headline matched), up to about `maxWords` words; a
 * sentence too long for that is cut with an ellipsis, after its first match.
 * Matched words are marked, without the punctuation around them.
 */
export function sentenceExcerpt(
  content: string,
  locations: readonly number[],
  headline: string,
  language: string,
  maxWords = EXCERPT_WORDS,
): ExcerptPart[] {
  const words = wordSpans(content);
  const bodyStart = headline && content.startsWith(headline) ? headline.length : 0;
  const spans = sentenceSpans(content, language).map(({ start, end }) => ({
    start: Math.max(start, bodyStart),
    end,
    words: [] as number[],
  }));
  let at = 0;
  words.forEach((word, i) => {
    while (at < spans.length && word.start >= spans[at]!.end) at++;
    const sentence = spans[at];
    if (sentence && word.start >= sentence.start && word.end > word.start) sentence.words.push(i);
  });
  // The headline's own sentence is left with at most its closing full stop: no word with a letter or digit.
  const hasText = (i: number): boolean => /[\p{L}\p{N}]/u.test(content.slice(words[i]!.start, words[i]!.end));
  const sentences = spans.filter((sentence) => sentence.words.some(hasText));
  if (sentences.length === 0) return [];

  const matched = new Set(locations);
  const hits = sentences.map((s) => s.words.filter((i) => matched.has(i)).length);
  // Sentences from `first` on that fit in maxWords (always at least one).
  const run = (first: number): number => {
    let last = first;
    let count = sentences[first]!.words.length;
    while (last + 1 < sentences.length && count + sentences[last + 1]!.words.length <= maxWords) count += sentences[++last]!.words.length;
    return last;
  };
  // Start at a sentence with a match, so it shows first; of those, where the most matches fit.
  let best = 0;
  let bestHits = 0;
  sentences.forEach((_, first) => {
    const total = hits.slice(first, run(first) + 1).reduce((a, b) => a + b, 0);
    if (hits[first]! > 0 && total > bestHits) [best, bestHits] = [first, total];
  });

  const chosen = sentences.slice(best, run(best) + 1);
  let shown = chosen.flatMap((s) => s.words);
  let cut = false;
  if (shown.length > maxWords) {
    // One long sentence: keep its start, and run on a little past the first match so that it shows.
    const firstHit = shown.findIndex((i) => matched.has(i));
    const keep = Math.max(maxWords, Math.min(firstHit + Math.ceil(maxWords / 3), 2 * maxWords));
    cut = keep < shown.length;
    shown = shown.slice(0, keep);
  }

  const parts: ExcerptPart[] = [];
  const add = (text: string, marked: boolean): void => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.marked === marked) last.text += text;
    else parts.push({ text, marked });
  };
  shown.forEach((i, n) => {
    const text = content.slice(words[i]!.start, words[i]!.end);
    if (n > 0) add(' ', false);
    if (!matched.has(i)) return add(text, false);
    const [, before = '', core = '', after = ''] = EDGE_PUNCTUATION.exec(text) ?? [];
    add(before, false);
    add(core, true);
    add(after, false);
  });
  if (cut) add(' …', false);
  return parts;
}

/** Where each word of `content` is, counted as Pagefind counts them. */
function wordSpans(content: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const separator of content.matchAll(WORD_SEPARATORS)) {
    spans.push({ start, end: separator.index });
    start = separator.index + separator[0].length;
  }
  spans.push({ start, end: content.length });
  return spans;
}

/** Where each sentence of `content` is, by the platform's sentence rules for the language. */
function sentenceSpans(content: string, language: string): Span[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  return [...segmenter.segment(content)].map(({ index, segment }) => ({ start: index, end: index + segment.trimEnd().length }));
}

/**
 * The value an article is sorted by in the index: its first publication as a
 * UTC timestamp ("2026-05-20T07:00:00Z"), so plain string order is time order
 * whatever offsets the writers used.
 */
export function toDateSortKey(publishedAt: string): string {
  return new Date(publishedAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Filter values to offer, alphabetically in the site language: those with
 * results, plus the reader's current choice even when it has none.
 */
export function filterChoices(
  counts: Record<string, number> | undefined,
  selected: string,
  language: string,
): { value: string; count: number }[] {
  const entries = Object.entries(counts ?? {});
  if (selected && !entries.some(([value]) => value === selected)) entries.push([selected, 0]);
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  return entries
    .filter(([value, count]) => count > 0 || value === selected)
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([value, count]) => ({ value, count }));
}

/**
 * The sentence announcing results: "3 stories match “budget”", "Newest
 * stories" for browsing. When older shards of the index were not searched yet
 * and may hold more (`complete` false), the count is a floor: "10+ stories".
 */
export function resultSummary(count: number, state: SearchState, complete = true): string {
  const number = `${count.toLocaleString('en')}${complete ? '' : '+'}`;
  const stories = count === 1 && complete ? '1 story' : `${number} stories`;
  if (!state.q) return count === 0 ? 'No stories match these filters.' : `${stories}, newest first.`;
  if (count === 0) return `No stories match “${state.q}”.`;
  const order = effectiveSort(state) === 'newest' ? ', newest first' : '';
  return `${stories} ${count === 1 && complete ? 'matches' : 'match'} “${state.q}”${order}.`;
}

/**
 * A synthetic filter (Pagefind's mergeFilter, which costs no request) that
 * keeps the stories apart from the word directory's records when both are
 * loaded: "stories" on every shard, "words" on the directory.
 */
export const SCOPE_FILTER = 'scope';
/** A synthetic filter naming the shard, so a search can be kept to one without fetching its filter index. */
export const PART_FILTER = 'part';

/**
 * The shards to search next, newest first: of those not searched yet, the
 * ones the word directory says hold the words (`holding`: shard id to record
 * count, from the directory's answer), or every one when there is no word to
 * look up (browsing) or no directory. The newest shard is not in the
 * directory (it changes with every story published): it is always searched.
 */
export function shardsToSearch(newestFirst: readonly string[], searched: ReadonlySet<string>, holding?: Record<string, number>): string[] {
  return newestFirst.filter((id, i) => !searched.has(id) && (!holding || i === 0 || (holding[id] ?? 0) > 0));
}

/**
 * At most this many shards are added to fill one page of results: a shard
 * costs three requests (its entry, metadata and one index chunk), so a first
 * page stays within a fixed budget however big the archive; "Show more"
 * searches further.
 */
export const SHARDS_PER_STEP = 2;

/** What Pagefind returns for one result (the parts the search page reads). */
export interface PagefindResultData {
  url: string;
  /** The record's text, headline first, as indexed (plain text, never HTML). */
  content: string;
  /** Positions of the matched words in `content`, counted in words. */
  locations: number[];
  meta: Record<string, string | undefined>;
  filters?: Record<string, string[] | undefined>;
}

/** A result as the page shows it. */
export interface SearchHit {
  url: string;
  headline: string;
  section: string;
  /** The writer's publishedAt, or "" when missing or unreadable. */
  publishedAt: string;
  excerpt: ExcerptPart[];
}

/**
 * Reads one Pagefind result. The section comes from the record's filters, not
 * its metadata: metadata is searched, and "World News" on every record would
 * make "news" match the whole archive.
 */
export function toSearchHit(data: PagefindResultData, language: string): SearchHit {
  const date = data.meta['date'] ?? '';
  return {
    url: data.url,
    headline: data.meta['title'] || data.url,
    section: data.filters?.['section']?.[0] ?? '',
    publishedAt: date && !Number.isNaN(Date.parse(date)) ? date : '',
    excerpt: sentenceExcerpt(data.content, data.locations, data.meta['title'] ?? '', language),
  };
}

/** The page title for a search: the words first, so tabs and history tell searches apart ("“harbour” – Search | Site"). */
export function searchTitle(q: string, pageTitle: string): string {
  return q ? `“${q}” – ${pageTitle}` : pageTitle;
}
