import { describe, expect, it } from 'vitest';
import {
  effectiveSort,
  filterChoices,
  historyMode,
  parseSearchState,
  resultSummary,
  searchTitle,
  sentenceExcerpt,
  toDateSortKey,
  toPagefindSearch,
  toSearchHit,
  toSearchQuery,
  TYPING_PAUSE_MS,
  type SearchState,
  mergeNewestFirst,
  shardsToSearch,
} from '#lib/search/search.ts';

const state = (over: Partial<SearchState> = {}): SearchState => ({ q: '', section: '', desk: '', tag: '', sort: undefined, ...over });

describe('parseSearchState', () => {
  it('reads the words, filters and sort from the query string, trimmed', () => {
    expect(parseSearchState('?q=%20harbour+budget%20&section=World+News&desk=HD+News+Desk&tag=ports&sort=newest')).toEqual({
      q: 'harbour budget',
      section: 'World News',
      desk: 'HD News Desk',
      tag: 'ports',
      sort: 'newest',
    });
  });

  it('gives empty values for a bare /search/ and ignores unknown keys and sorts', () => {
    expect(parseSearchState('')).toEqual(state());
    expect(parseSearchState(new URLSearchParams('utm_source=x&sort=oldest'))).toEqual(state());
  });
});

describe('toSearchQuery', () => {
  it('writes only what is chosen, so a bare search page stays /search/', () => {
    expect(toSearchQuery(state())).toBe('');
    expect(toSearchQuery(state({ q: 'harbour budget', section: 'World News' }))).toBe('?q=harbour+budget&section=World+News');
  });

  it('keeps "newest" only when it is a choice: with words; without words it is the only order', () => {
    expect(toSearchQuery(state({ q: 'budget', sort: 'newest' }))).toBe('?q=budget&sort=newest');
    expect(toSearchQuery(state({ q: 'budget', sort: 'relevance' }))).toBe('?q=budget');
    expect(toSearchQuery(state({ tag: 'ports', sort: 'newest' }))).toBe('?tag=ports');
  });

  it('round-trips through parseSearchState, awkward characters included', () => {
    const chosen = state({ q: 'Tom & Jerry "quoted" #1?', tag: '<b>bold</b>', desk: 'HD News Desk', sort: 'newest' });
    expect(parseSearchState(toSearchQuery(chosen))).toEqual(chosen);
  });
});

describe('effectiveSort and toPagefindSearch', () => {
  it('browses newest first with no words, with a null term Pagefind reads as "every page"', () => {
    expect(effectiveSort(state())).toBe('newest');
    expect(toPagefindSearch(state({ sort: 'relevance' }))).toEqual({ term: null, options: { filters: {}, sort: { date: 'desc' } } });
  });

  it('ranks by relevance when there are words, unless the reader chose newest', () => {
    expect(toPagefindSearch(state({ q: 'budget' }))).toEqual({ term: 'budget', options: { filters: {} } });
    expect(toPagefindSearch(state({ q: 'budget', sort: 'newest' })).options.sort).toEqual({ date: 'desc' });
  });

  it('passes each chosen filter, and only those', () => {
    expect(toPagefindSearch(state({ q: 'port', section: 'World News', tag: 'ports' })).options.filters).toEqual({
      section: 'World News',
      tag: 'ports',
    });
  });
});

describe('historyMode', () => {
  const typing = (at: number) => ({ cause: 'typing' as const, at });
  const choice = (at: number) => ({ cause: 'choice' as const, at });

  it('leaves history alone when the URL would not change', () => {
    expect(historyMode('/search/?q=a', '/search/?q=a', undefined, choice(0))).toBe('none');
  });

  it('pushes the first search, so Back returns to the page before it', () => {
    expect(historyMode('/search/', '/search/?q=b', undefined, typing(0))).toBe('push');
  });

  it('replaces while the reader keeps typing, so one search is one history entry', () => {
    expect(historyMode('/search/?q=bu', '/search/?q=budget', typing(0), typing(400))).toBe('replace');
  });

  it('pushes when typing resumes after a pause, and for every filter or sort choice', () => {
    expect(historyMode('/search/?q=budget', '/search/?q=harbour', typing(0), typing(TYPING_PAUSE_MS))).toBe('push');
    expect(historyMode('/search/?q=budget', '/search/?q=budget&section=Business', typing(0), choice(100))).toBe('push');
    expect(historyMode('/search/?q=budget&section=Business', '/search/?q=budgets&section=Business', choice(0), typing(100))).toBe('push');
  });
});

/** The word positions Pagefind would report for `words` in `content` (whitespace-separated words, punctuation and all). */
const locate = (content: string, ...words: string[]): number[] =>
  content.split(/\s+/).flatMap((word, i) => (words.includes(word.replace(/^\W+|\W+$/g, '').toLowerCase()) ? [i] : []));
/** The excerpt as one string, marks in [brackets]. */
const shown = (parts: { text: string; marked: boolean }[]): string => parts.map((p) => (p.marked ? `[${p.text}]` : p.text)).join('');

describe('sentenceExcerpt', () => {
  const headline = 'Harbour board turnout hits record';
  const content =
    `${headline}. More than 41 per cent of voters took part. Turnout was highest in the docks ward, where the count ran late. ` +
    'Council officers said the harbour supports about 3,000 jobs. The board meets in public for the first time on 3 December; papers will be on its website. ' +
    'Source: Plymouth Herald.';

  it('starts at the sentence where the matches are, and ends at the end of a sentence', () => {
    const excerpt = shown(sentenceExcerpt(content, locate(content, 'harbour'), headline, 'en-GB', 28));
    expect(excerpt).toBe(
      'Council officers said the [harbour] supports about 3,000 jobs. The board meets in public for the first time on 3 December; papers will be on its website.',
    );
  });

  it('starts at the story’s first sentence, not the headline, when only the headline matched', () => {
    const excerpt = shown(sentenceExcerpt(content, locate(content, 'record'), headline, 'en-GB', 25));
    expect(excerpt).toBe('More than 41 per cent of voters took part. Turnout was highest in the docks ward, where the count ran late.');
  });

  it('prefers the run of sentences with the most matches', () => {
    const excerpt = shown(sentenceExcerpt(content, locate(content, 'turnout', 'docks', 'count'), headline, 'en-GB', 12));
    expect(excerpt).toBe('[Turnout] was highest in the [docks] ward, where the [count] ran late.');
  });

  it('cuts a sentence too long to show whole with an ellipsis, after its first match', () => {
    const long = `Short headline. ${Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ')} end.`;
    expect(shown(sentenceExcerpt(long, [], 'Short headline', 'en-GB', 10))).toBe('w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 …');
    const late = shown(sentenceExcerpt(long, locate(long, 'w14'), 'Short headline', 'en-GB', 10));
    expect(late).toBe('w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 [w14] w15 w16 w17 …');
  });

  it('marks the matched word without the punctuation around it', () => {
    const text = 'Headline. The “harbour,” they said.';
    expect(sentenceExcerpt(text, locate(text, 'harbour'), 'Headline', 'en-GB')).toEqual([
      { text: 'The “', marked: false },
      { text: 'harbour', marked: true },
      { text: ',” they said.', marked: false },
    ]);
  });

  it('keeps a headline that runs into its standfirst without a full stop apart from it', () => {
    const text = 'Budget: what it means. The chancellor spoke.';
    expect(shown(sentenceExcerpt(text, [], 'Budget:', 'en-GB'))).toBe('what it means. The chancellor spoke.');
  });

  it('gives text, never markup, and nothing for a story that is only a headline', () => {
    const text = 'Tom & Jerry. <img src=x onerror=alert(2)>.';
    expect(sentenceExcerpt(text, [], 'Tom & Jerry', 'en-GB')).toEqual([{ text: '<img src=x onerror=alert(2)>.', marked: false }]);
    expect(sentenceExcerpt('Only a headline.', [0], 'Only a headline', 'en-GB')).toEqual([]);
    expect(sentenceExcerpt('', [], '', 'en-GB')).toEqual([]);
  });
});

describe('searchTitle', () => {
  it('puts the reader’s words before the page’s title, and leaves a bare search page alone', () => {
    expect(searchTitle('harbour', 'Search | The Harbour Dispatch')).toBe('“harbour” – Search | The Harbour Dispatch');
    expect(searchTitle('', 'Search | The Harbour Dispatch')).toBe('Search | The Harbour Dispatch');
  });
});

describe('toDateSortKey', () => {
  it("writes UTC so string order is time order whatever the writer's offset", () => {
    expect(toDateSortKey('2026-05-20T09:00:00+02:00')).toBe('2026-05-20T07:00:00Z');
    const keys = ['2026-05-20T08:30:00+00:00', '2026-05-20T09:00:00+02:00', '2026-05-20T03:00:00-05:00'].map(toDateSortKey);
    expect([...keys].sort()).toEqual(['2026-05-20T07:00:00Z', '2026-05-20T08:00:00Z', '2026-05-20T08:30:00Z']);
  });
});

describe('filterChoices', () => {
  it('offers values with stories, alphabetically in the site language', () => {
    expect(filterChoices({ ports: 2, Energy: 1, élections: 3, labour: 0 }, '', 'en-GB')).toEqual([
      { value: 'élections', count: 3 },
      { value: 'Energy', count: 1 },
      { value: 'ports', count: 2 },
    ]);
  });

  it("keeps the reader's choice on offer even when it has no stories now", () => {
    expect(filterChoices({ ports: 2 }, 'labour', 'en-GB')).toEqual([
      { value: 'labour', count: 0 },
      { value: 'ports', count: 2 },
    ]);
    expect(filterChoices(undefined, '', 'en-GB')).toEqual([]);
  });
});

describe('resultSummary', () => {
  it('counts matches for words, in the order they come', () => {
    expect(resultSummary(1, state({ q: 'quokkafish' }))).toBe('1 story matches “quokkafish”.');
    expect(resultSummary(12345, state({ q: 'budget', sort: 'newest' }))).toBe('12,345 stories match “budget”, newest first.');
    expect(resultSummary(0, state({ q: 'zanzidraft' }))).toBe('No stories match “zanzidraft”.');
  });

  it('describes browsing without words', () => {
    expect(resultSummary(48, state())).toBe('48 stories, newest first.');
    expect(resultSummary(0, state({ tag: 'ports' }))).toBe('No stories match these filters.');
  });

  it('gives a floor, not a total, while older shards of the index may hold more', () => {
    expect(resultSummary(65, state({ q: 'harbour' }), false)).toBe('65+ stories match “harbour”.');
    expect(resultSummary(1, state({ q: 'harbour' }), false)).toBe('1+ stories match “harbour”.');
    expect(resultSummary(1200, state({ q: 'harbour', sort: 'newest' }), false)).toBe('1,200+ stories match “harbour”, newest first.');
    expect(resultSummary(250, state(), false)).toBe('250+ stories, newest first.');
  });
});

describe('shardsToSearch', () => {
  const ids = ['300-open', '250-50', '0-250'];
  it('names the shards not searched yet, newest first', () => {
    expect(shardsToSearch(ids, new Set(['300-open']))).toEqual(['250-50', '0-250']);
  });

  it('keeps to the shards the word directory says hold the words', () => {
    expect(shardsToSearch(ids, new Set(['300-open']), { '0-250': 1, '300-open': 1 })).toEqual(['0-250']);
    expect(shardsToSearch(ids, new Set(['300-open']), { '250-50': 0 })).toEqual([]);
  });

  it('always names the newest shard not searched yet: the directory does not cover it', () => {
    expect(shardsToSearch(ids, new Set(), { '0-250': 1 })).toEqual(['300-open', '0-250']);
  });
});

describe('toSearchHit', () => {
  const content = 'Harbour accord signed in Valletta. Ministers met. The first paragraph of the accord story mentions quokkafish.';
  const data = {
    url: '/world/harbour-accord-signed/',
    content,
    locations: locate(content, 'quokkafish'),
    meta: { title: 'Harbour accord signed in Valletta', date: '2026-05-20T09:00:00+02:00', image: '/favicon.svg' },
    filters: { section: ['World News'], desk: ['HD News Desk'] },
  };

  it('takes the headline and date from metadata, the section from the filters, and the excerpt from the text after the headline', () => {
    expect(toSearchHit(data, 'en-GB')).toEqual({
      url: '/world/harbour-accord-signed/',
      headline: 'Harbour accord signed in Valletta',
      section: 'World News',
      publishedAt: '2026-05-20T09:00:00+02:00',
      excerpt: [
        { text: 'The first paragraph of the accord story mentions ', marked: false },
        { text: 'quokkafish', marked: true },
        { text: '.', marked: false },
      ],
    });
  });

  it('falls back to the URL for a missing headline and drops a missing or unreadable date', () => {
    const hit = toSearchHit({ url: '/x/', content: '', locations: [], meta: { date: 'soon' } }, 'en-GB');
    expect(hit).toMatchObject({ headline: '/x/', section: '', publishedAt: '', excerpt: [] });
  });
});

describe('mergeNewestFirst', () => {
  it("puts the shards' date-ordered answers end to end, newest shard first, and adds up the counts", () => {
    const merged = mergeNewestFirst([
      { results: ['2026-03', '2026-01'], filters: { section: { World: 2 }, shard: { b: 2 } } },
      { results: ['2025-12', '2025-06', '2025-02'], filters: { section: { World: 1, Business: 2 }, shard: { a: 3 } } },
    ]);
    expect(merged.results).toEqual(['2026-03', '2026-01', '2025-12', '2025-06', '2025-02']);
    expect(merged.filters).toEqual({ section: { World: 3, Business: 2 }, shard: { b: 2, a: 3 } });
  });

  it('copes with a shard that reports no counts', () => {
    expect(mergeNewestFirst([{ results: [1] }, { results: [], filters: { tag: { ports: 0 } } }])).toEqual({
      results: [1],
      filters: { tag: { ports: 0 } },
    });
  });
});
