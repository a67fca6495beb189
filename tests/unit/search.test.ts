import { describe, expect, it } from 'vitest';
import {
  effectiveSort,
  excerptParts,
  filterChoices,
  historyMode,
  parseSearchState,
  resultSummary,
  toDateSortKey,
  toPagefindSearch,
  toSearchHit,
  toSearchQuery,
  TYPING_PAUSE_MS,
  type SearchState,
  mergeNewestFirst,
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
    expect(toPagefindSearch(state({ q: 'port', section: 'World News', tag: 'ports' })).options.filters).toEqual({ section: 'World News', tag: 'ports' });
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

describe('excerptParts', () => {
  it('splits marked matches from the text around them', () => {
    expect(excerptParts('The first paragraph mentions <mark>quokkafish.</mark> Then more.')).toEqual([
      { text: 'The first paragraph mentions ', marked: false },
      { text: 'quokkafish.', marked: true },
      { text: ' Then more.', marked: false },
    ]);
  });

  it('decodes the entities Pagefind encodes, so the page can set them as text', () => {
    expect(excerptParts('Tom &amp; Jerry &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;s&#x27; &bogus;')).toEqual([
      { text: 'Tom & Jerry </script><script>alert(1)</script> "q" \'s\' &bogus;', marked: false },
    ]);
  });

  it('keeps any tag other than <mark> as literal text, never as markup', () => {
    expect(excerptParts('<img src=x onerror=alert(2)> and <mark>hit</mark>')).toEqual([
      { text: '<img src=x onerror=alert(2)> and ', marked: false },
      { text: 'hit', marked: true },
    ]);
  });

  it('merges neighbouring runs and gives nothing for an empty excerpt', () => {
    expect(excerptParts('<mark>a</mark><mark>b</mark>')).toEqual([{ text: 'ab', marked: true }]);
    expect(excerptParts('')).toEqual([]);
  });
});

describe('toDateSortKey', () => {
  it('writes UTC so string order is time order whatever the writer\'s offset', () => {
    expect(toDateSortKey('2026-05-20T09:00:00+02:00')).toBe('2026-05-20T07:00:00Z');
    const keys = ['2026-05-20T08:30:00+00:00', '2026-05-20T09:00:00+02:00', '2026-05-20T03:00:00-05:00'].map(toDateSortKey);
    expect([...keys].sort()).toEqual(['2026-05-20T07:00:00Z', '2026-05-20T08:00:00Z', '2026-05-20T08:30:00Z']);
  });
});

describe('filterChoices', () => {
  it('offers values with stories, alphabetically in the site language', () => {
    expect(filterChoices({ ports: 2, Energy: 1, 'élections': 3, labour: 0 }, '', 'en-GB')).toEqual([
      { value: 'élections', count: 3 },
      { value: 'Energy', count: 1 },
      { value: 'ports', count: 2 },
    ]);
  });

  it('keeps the reader\'s choice on offer even when it has no stories now', () => {
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
});

describe('toSearchHit', () => {
  const data = {
    url: '/world/harbour-accord-signed/',
    excerpt: 'mentions <mark>quokkafish.</mark>',
    meta: { title: 'Harbour accord signed in Valletta', date: '2026-05-20T09:00:00+02:00', image: '/favicon.svg' },
    filters: { section: ['World News'], desk: ['HD News Desk'] },
  };

  it('takes the headline and date from metadata and the section from the filters', () => {
    expect(toSearchHit(data)).toEqual({
      url: '/world/harbour-accord-signed/',
      headline: 'Harbour accord signed in Valletta',
      section: 'World News',
      publishedAt: '2026-05-20T09:00:00+02:00',
      excerpt: [
        { text: 'mentions ', marked: false },
        { text: 'quokkafish.', marked: true },
      ],
    });
  });

  it('drops the headline from the start of an excerpt, where the index repeats it', () => {
    const top = { url: '/x/', excerpt: 'Port strike ends. Dock workers voted to accept the <mark>offer.</mark>', meta: { title: 'Port strike ends' } };
    expect(toSearchHit(top).excerpt).toEqual([
      { text: 'Dock workers voted to accept the ', marked: false },
      { text: 'offer.', marked: true },
    ]);
    const marked = { ...top, excerpt: '<mark>Port</mark> strike ends. Dock workers' };
    expect(toSearchHit(marked).excerpt[0]).toEqual({ text: 'Port', marked: true });
  });

  it('falls back to the URL for a missing headline and drops a missing or unreadable date', () => {
    const hit = toSearchHit({ url: '/x/', excerpt: '', meta: { date: 'soon' } });
    expect(hit).toMatchObject({ headline: '/x/', section: '', publishedAt: '' });
  });
});

describe('mergeNewestFirst', () => {
  it('puts the shards\' date-ordered answers end to end, newest shard first, and adds up the counts', () => {
    const merged = mergeNewestFirst([
      { results: ['2026-03', '2026-01'], filters: { section: { World: 2 }, shard: { b: 2 } } },
      { results: ['2025-12', '2025-06', '2025-02'], filters: { section: { World: 1, Business: 2 }, shard: { a: 3 } } },
    ]);
    expect(merged.results).toEqual(['2026-03', '2026-01', '2025-12', '2025-06', '2025-02']);
    expect(merged.filters).toEqual({ section: { World: 3, Business: 2 }, shard: { b: 2, a: 3 } });
  });

  it('copes with a shard that reports no counts', () => {
    expect(mergeNewestFirst([{ results: [1] }, { results: [], filters: { tag: { ports: 0 } } }])).toEqual({ results: [1], filters: { tag: { ports: 0 } } });
  });
});
