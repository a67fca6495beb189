// The search page's state and the small decisions around it, kept out of the
// browser script so vitest can check them: what the URL says, what Pagefind is
// asked, how history moves, and how an excerpt becomes safe text.

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
  excerptLength: 30,
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
export function historyMode(currentUrl: string, nextUrl: string, previous: UrlChange | undefined, next: UrlChange): 'none' | 'replace' | 'push' {
  if (currentUrl === nextUrl) return 'none';
  const stillTyping = next.cause === 'typing' && previous?.cause === 'typing' && next.at - previous.at < TYPING_PAUSE_MS;
  return stillTyping ? 'replace' : 'push';
}

/** One run of excerpt text, marked when it matched the query. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Splits a Pagefind excerpt (entity-encoded text with <mark> around matches)
 * into plain-text runs, so the page builds it from text nodes and never
 * parses index content as HTML. Any other tag is kept as literal text.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const piece of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece) {
      const text = decodeEntities(piece);
      const last = parts.at(-1);
      if (last && last.marked === marked) last.text += text;
      else parts.push({ text, marked });
    }
  }
  return parts;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
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
export function filterChoices(counts: Record<string, number> | undefined, selected: string, language: string): { value: string; count: number }[] {
  const entries = Object.entries(counts ?? {});
  if (selected && !entries.some(([value]) => value === selected)) entries.push([selected, 0]);
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  return entries
    .filter(([value, count]) => count > 0 || value === selected)
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([value, count]) => ({ value, count }));
}

/** The sentence announcing results: "3 stories match “budget”", "Newest stories" for browsing. */
export function resultSummary(count: number, state: SearchState): string {
  const stories = count === 1 ? '1 story' : `${count.toLocaleString('en')} stories`;
  if (!state.q) return count === 0 ? 'No stories match these filters.' : `${stories}, newest first.`;
  if (count === 0) return `No stories match “${state.q}”.`;
  const order = effectiveSort(state) === 'newest' ? ', newest first' : '';
  return `${stories} ${count === 1 ? 'matches' : 'match'} “${state.q}”${order}.`;
}

/** What Pagefind returns for one result (the parts the search page reads). */
export interface PagefindResultData {
  url: string;
  excerpt: string;
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
export function toSearchHit(data: PagefindResultData): SearchHit {
  const date = data.meta['date'] ?? '';
  return {
    url: data.url,
    headline: data.meta['title'] || data.url,
    section: data.filters?.['section']?.[0] ?? '',
    publishedAt: date && !Number.isNaN(Date.parse(date)) ? date : '',
    excerpt: withoutHeadline(excerptParts(data.excerpt), data.meta['title'] ?? ''),
  };
}

// The headline is indexed as the first words of the story, so an excerpt from
// the top repeats it right under the headline link; drop that copy.
function withoutHeadline(parts: ExcerptPart[], headline: string): ExcerptPart[] {
  const first = parts[0];
  if (!headline || !first || first.marked || !first.text.startsWith(headline)) return parts;
  const rest = first.text.slice(headline.length).replace(/^[.!?:]?\s+/, '');
  return rest ? [{ text: rest, marked: false }, ...parts.slice(1)] : parts.slice(1);
}
