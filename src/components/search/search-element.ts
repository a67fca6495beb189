// The search page's one custom element: reads the state from the URL, asks
// Pagefind (loaded from /pagefind/ only here) in the newest shard of the index
// first and in older ones only as far as a page of results needs (the word
// directory says which hold the words), renders results as text, and writes
// the state back to the URL as the reader types and chooses.
import { formatDate } from '#lib/render/dates.ts';
import {
  filterChoices,
  searchTitle,
  historyMode,
  mergeNewestFirst,
  DIRECTORY_FILTER,
  PAGEFIND_OPTIONS,
  PART_FILTER,
  parseSearchState,
  resultSummary,
  SCOPE_FILTER,
  SEARCH_FILTERS,
  SHARDS_PER_STEP,
  shardsToSearch,
  toPagefindSearch,
  toSearchHit,
  toSearchQuery,
  type ChangeCause,
  type PagefindResultData,
  type SearchFilter,
  type SearchState,
  type UrlChange,
} from '#lib/search/search.ts';

type Counts = Record<string, Record<string, number>>;
interface Search {
  results: { id: string; data: () => Promise<PagefindResultData> }[];
  filters?: Counts;
}
type Filters = Record<string, string | { any: string[] }>;
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  filters: () => Promise<Counts>;
  preload: (term: string, options?: object) => Promise<void>;
  search: (term: string | null, options?: { filters?: Filters; sort?: object }) => Promise<Search | null>;
  mergeIndex: (path: string, options?: { mergeFilter?: Record<string, string> }) => Promise<void>;
}
interface PagefindModule {
  createInstance: (options: Record<string, unknown>) => Pagefind;
}
/** The stories Pagefind can find, and whether older shards may hold more. */
interface Found {
  search: Search;
  complete: boolean;
}

const BUNDLES = '/pagefind/';
/** Where the filters have room to stay open (SearchFilters.astro hides their toggle from here up). */
const ROOMY = '(min-width: 40em)';
const PAGE_SIZE = 10;
const DEBOUNCE_MS = 300;

class DatelineSearch extends HTMLElement {
  #state = parseSearchState('');
  #lastChange: UrlChange | undefined;
  #pagefind: Promise<Pagefind> | undefined;
  /** Shards merged into the one Pagefind, newest first order kept by #ids. */
  #searched = new Set<string>();
  #merging = new Map<string, Promise<void>>();
  /** Per query term, what the word directory says: shard id to count of its records holding the words. */
  #holding = new Map<string, Promise<Record<string, number> | undefined>>();
  #facets: Promise<unknown> | undefined;
  /** How many shards had been searched when the filter indexes were fetched. */
  #facetsFor = 0;
  #run = 0;
  #typing: ReturnType<typeof setTimeout> | undefined;
  #results: Search['results'] = [];
  #complete = true;
  #shown = 0;
  #title = document.title;

  connectedCallback(): void {
    const { form, input, sort, filterSelects, more, refine } = this.#parts();
    const roomy = matchMedia(ROOMY);
    roomy.addEventListener('change', () => {
      if (roomy.matches) refine.open = true;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#change('choice');
    });
    input.addEventListener('input', () => {
      clearTimeout(this.#typing);
      this.#typing = setTimeout(() => this.#change('typing'), DEBOUNCE_MS);
      // Fetch the index chunks for the words so far while the reader is still typing.
      const words = input.value.trim();
      if (words)
        this.#load()
          .then((p) => p.preload(words))
          .catch(() => undefined);
    });
    for (const select of filterSelects) select.addEventListener('change', () => this.#change('choice'));
    sort.addEventListener('change', () => {
      this.#state = { ...this.#state, sort: sort.value === 'newest' ? 'newest' : 'relevance' };
      this.#change('choice');
    });
    more.addEventListener('click', () => this.#showMore(this.#run, true));
    window.addEventListener('popstate', () => this.#restore());
    this.#restore();
  }

  #parts() {
    const find = <T extends Element>(selector: string): T => {
      const element = this.querySelector<T>(selector);
      if (!element) throw new Error(`dl-search: missing ${selector}`);
      return element;
    };
    return {
      form: find<HTMLFormElement>('form'),
      input: find<HTMLInputElement>('input[name="q"]'),
      sort: find<HTMLSelectElement>('select[name="sort"]'),
      filterSelects: [...this.querySelectorAll<HTMLSelectElement>('select[data-filter]')],
      summary: find<HTMLElement>('.summary'),
      list: find<HTMLOListElement>('.results'),
      more: find<HTMLButtonElement>('.more'),
      refine: find<HTMLDetailsElement>('details'),
    };
  }

  /** Takes the state from the URL (first load, Back and Forward) and searches. */
  #restore(): void {
    clearTimeout(this.#typing);
    this.#lastChange = undefined;
    this.#state = parseSearchState(location.search);
    const { input, refine } = this.#parts();
    input.value = this.#state.q;
    // On a phone the filters stay folded, unless the reader chose some: then they show what was chosen.
    const { section, desk, tag, sort } = this.#state;
    refine.open = matchMedia(ROOMY).matches || Boolean(section || desk || tag || sort);
    this.#search();
  }

  /** Reads the controls, moves the URL along (see historyMode) and searches. */
  #change(cause: ChangeCause): void {
    clearTimeout(this.#typing);
    const { input, filterSelects } = this.#parts();
    const next: SearchState = { ...this.#state, q: input.value.trim() };
    for (const select of filterSelects) next[select.dataset['filter'] as SearchFilter] = select.value;
    const current = location.pathname + location.search;
    const url = location.pathname + toSearchQuery(next);
    const change = { cause, at: performance.now() };
    const mode = historyMode(current, url, this.#lastChange, change);
    if (mode === 'push') history.pushState(null, '', url);
    if (mode === 'replace') history.replaceState(null, '', url);
    this.#state = next;
    if (mode === 'none') return;
    this.#lastChange = change;
    this.#search();
  }

  /** Shard ids, newest first. */
  get #ids(): string[] {
    return (this.dataset['shards'] ?? '').split(' ').filter(Boolean);
  }

  /**
   * Pagefind with the newest shard's bundle. Older shards and the word
   * directory are merged in later, as a search needs them (mergeIndex shares
   * one copy of Pagefind's WebAssembly); synthetic filters (SCOPE_FILTER,
   * PART_FILTER) keep stories apart from the directory, and one shard apart
   * from the others, without fetching anything. Pagefind runs in the page, not
   * in its web worker: one request fewer, and a search of the few shards
   * loaded is quick.
   */
  #load(): Promise<Pagefind> {
    this.#pagefind ??= (async () => {
      const [newest] = this.#ids;
      if (!newest) return emptyIndex;
      // A variable, not a template, so Vite leaves the import alone (no preload helper).
      const bundle = `${BUNDLES}${newest}/pagefind.js`;
      const module = (await import(/* @vite-ignore */ bundle)) as PagefindModule;
      const pagefind = module.createInstance({
        basePath: `${BUNDLES}${newest}/`,
        noWorker: true,
        // The entry file's address then matches the one the page preloads (ArchiveSearch.astro).
        ...(this.dataset['tag'] ? { metaCacheTag: this.dataset['tag'] } : {}),
        mergeFilter: { [SCOPE_FILTER]: 'stories', [PART_FILTER]: newest },
      });
      await pagefind.options(PAGEFIND_OPTIONS);
      this.#searched.add(newest);
      return pagefind;
    })();
    return this.#pagefind;
  }

  /** Merges an older shard (or the word directory) into Pagefind, once. */
  #merge(pagefind: Pagefind, id: string, scope: 'stories' | 'words'): Promise<void> {
    let merging = this.#merging.get(id);
    if (!merging) {
      const mergeFilter = scope === 'stories' ? { [SCOPE_FILTER]: 'stories', [PART_FILTER]: id } : { [SCOPE_FILTER]: 'words' };
      merging = pagefind.mergeIndex(`${BUNDLES}${id}/`, { mergeFilter }).then(() => {
        if (scope === 'stories') this.#searched.add(id);
      });
      this.#merging.set(id, merging);
    }
    return merging;
  }

  /** Asks the stories of the shards searched so far; newest first puts each shard's own answer end to end (mergeNewestFirst). */
  async #ask(pagefind: Pagefind, state: SearchState): Promise<Search | null> {
    const { term, options } = toPagefindSearch(state);
    const filters = { ...options.filters, [SCOPE_FILTER]: 'stories' };
    const searched = this.#ids.filter((id) => this.#searched.has(id));
    if (!options.sort || searched.length === 1) return pagefind.search(term, { ...options, filters });
    const answers = await Promise.all(
      searched.map((id) => pagefind.search(term, { ...options, filters: { ...filters, [PART_FILTER]: id } })),
    );
    return answers.some((answer) => answer === null) ? null : mergeNewestFirst(answers as Search[]);
  }

  /**
   * Which shards not searched yet can hold stories for these words, newest
   * first: the word directory's answer when there are words and a directory,
   * else every shard not searched yet.
   */
  async #candidates(pagefind: Pagefind, term: string | null): Promise<string[]> {
    const directory = this.dataset['directory'];
    if (!term || !directory) return shardsToSearch(this.#ids, this.#searched);
    let holding = this.#holding.get(term);
    if (!holding) {
      holding = (async () => {
        await this.#merge(pagefind, directory, 'words');
        const answer = await pagefind.search(term, { filters: { [SCOPE_FILTER]: 'words', [DIRECTORY_FILTER]: { any: this.#ids } } });
        return answer?.filters?.[DIRECTORY_FILTER] ?? {};
      })();
      this.#holding.set(term, holding);
    }
    return shardsToSearch(this.#ids, this.#searched, await holding);
  }

  /**
   * The stories for a state: from the shards searched so far, and, while they
   * give fewer than `wanted` (a page more than is shown), from the next
   * shards that can hold them, at most SHARDS_PER_STEP at a time.
   */
  async #find(pagefind: Pagefind, state: SearchState, wanted: number): Promise<Found | null> {
    let search = await this.#ask(pagefind, state);
    if (!search) return null;
    const { term } = toPagefindSearch(state);
    if (search.results.length >= wanted && this.#searched.size < this.#ids.length) return { search, complete: false };
    let candidates = await this.#candidates(pagefind, term);
    while (search.results.length < wanted && candidates.length > 0) {
      await Promise.all(candidates.slice(0, SHARDS_PER_STEP).map((id) => this.#merge(pagefind, id, 'stories')));
      search = await this.#ask(pagefind, state);
      if (!search) return null;
      candidates = candidates.slice(SHARDS_PER_STEP);
    }
    return { search, complete: candidates.length === 0 };
  }

  async #search(): Promise<void> {
    const run = ++this.#run;
    const state = this.#state;
    const { summary, list, more } = this.#parts();
    // History menus and screen readers name the page by its search.
    document.title = searchTitle(state.q, this.#title);
    this.#showControls(state);
    list.setAttribute('aria-busy', 'true');
    let pagefind: Pagefind;
    let found: Found | null;
    try {
      pagefind = await this.#load();
      found = await this.#find(pagefind, state, PAGE_SIZE);
    } catch (error) {
      // The reader sees the apology below; the console keeps the cause for whoever debugs it.
      console.error(error); // eslint-disable-line no-console
      if (run !== this.#run) return;
      summary.textContent = 'Sorry, search is not working right now. Please try again later, or browse the sections above.';
      list.removeAttribute('aria-busy');
      return;
    }
    if (run !== this.#run || !found) return;
    if (!this.#facets) this.#showFilters(undefined, state);
    this.#results = found.search.results;
    this.#complete = found.complete;
    this.#shown = 0;
    list.replaceChildren();
    more.hidden = true;
    summary.textContent = resultSummary(found.search.results.length, state, found.complete);
    await this.#showMore(run, false);
    if (run !== this.#run) return;
    list.removeAttribute('aria-busy');
    await this.#refreshFacets(run, pagefind, state, found.search);
  }

  /**
   * Counts per filter value need every filter index of the shards searched,
   * so they are fetched once, after the first results show; from then on
   * every search reports its counts. They count the shards searched so far.
   */
  async #refreshFacets(run: number, pagefind: Pagefind, state: SearchState, search: Search): Promise<void> {
    const first = !this.#facets || this.#facetsFor !== this.#searched.size;
    if (first) {
      this.#facetsFor = this.#searched.size;
      this.#facets = pagefind.filters();
    }
    await this.#facets;
    if (run !== this.#run) return;
    const counted = first ? await this.#ask(pagefind, state) : search;
    const counts = counted && (await this.#counts(pagefind, state, counted));
    if (run === this.#run && counts) this.#showFilters(counts, state);
  }

  /** Per filter, how many stories each value would give: counted without that filter's own choice, so the other values stay on offer. */
  async #counts(pagefind: Pagefind, state: SearchState, search: Search): Promise<Counts> {
    const counts: Counts = {};
    for (const key of SEARCH_FILTERS) {
      if (!state[key]) {
        counts[key] = search.filters?.[key] ?? {};
        continue;
      }
      const { term, options } = toPagefindSearch({ ...state, [key]: '', sort: 'relevance' });
      const without = await pagefind.search(term, { filters: { ...options.filters, [SCOPE_FILTER]: 'stories' } });
      counts[key] = without?.filters?.[key] ?? {};
    }
    return counts;
  }

  #showControls(state: SearchState): void {
    const { sort } = this.#parts();
    // Without words there is nothing to rank by relevance: newest first is the only order.
    const relevance = sort.querySelector<HTMLOptionElement>('option[value="relevance"]');
    if (relevance) relevance.disabled = !state.q;
    sort.value = state.q ? (state.sort ?? 'relevance') : 'newest';
  }

  /** Fills each filter with its values and counts; before the counts arrive, only with the reader's choice. */
  #showFilters(counts: Counts | undefined, state: SearchState): void {
    const language = this.dataset['language'] ?? 'en';
    for (const select of this.#parts().filterSelects) {
      const key = select.dataset['filter'] as SearchFilter;
      const options = filterChoices(counts?.[key], state[key], language).map(({ value, count }) => {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = counts ? `${value} (${count.toLocaleString(language)})` : value;
        return option;
      });
      select.replaceChildren(select.options[0] ?? new Option(''), ...options);
      select.value = state[key];
    }
  }

  /**
   * Shows the next page of results. When those found so far run out and
   * older shards may hold more, searches them first, keeping the results
   * already shown where they are.
   */
  async #showMore(run: number, focusFirst: boolean): Promise<void> {
    const { list, more, summary } = this.#parts();
    if (this.#shown + PAGE_SIZE > this.#results.length && !this.#complete) {
      more.disabled = true;
      const pagefind = await this.#load();
      const found = await this.#find(pagefind, this.#state, this.#shown + PAGE_SIZE);
      more.disabled = false;
      if (run !== this.#run || !found) return;
      const shown = new Set(this.#results.slice(0, this.#shown).map((r) => r.id));
      this.#results = [...this.#results.slice(0, this.#shown), ...found.search.results.filter((r) => !shown.has(r.id))];
      this.#complete = found.complete;
      summary.textContent = resultSummary(this.#results.length, this.#state, found.complete);
    }
    const batch = this.#results.slice(this.#shown, this.#shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (run !== this.#run) return;
    const items = data.map((d) => this.#item(d));
    list.append(...items);
    this.#shown += batch.length;
    more.hidden = this.#shown >= this.#results.length && this.#complete;
    if (focusFirst) items[0]?.querySelector('a')?.focus();
  }

  /** One result, built from text only: section, headline link, excerpt with the matched words marked, date. */
  #item(data: PagefindResultData): HTMLLIElement {
    const hit = toSearchHit(data, this.dataset['language'] ?? 'en');
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] => {
      const node = document.createElement(tag);
      node.className = className;
      node.textContent = text;
      return node;
    };
    const item = el('li', 'result');
    if (hit.section) item.append(el('p', 'result-section', hit.section));
    const link = el('a', 'result-link', hit.headline);
    link.href = hit.url;
    item.append(el('h2', 'result-headline'));
    item.lastElementChild?.append(link);
    if (hit.excerpt.length > 0) {
      const excerpt = el('p', 'result-excerpt');
      excerpt.append(...hit.excerpt.map((part) => (part.marked ? el('mark', 'result-match', part.text) : part.text)));
      item.append(excerpt);
    }
    if (hit.publishedAt) {
      const time = el(
        'time',
        'result-time',
        formatDate(hit.publishedAt, this.dataset['language'] ?? 'en', this.dataset['timeZone'] ?? 'UTC'),
      );
      time.dateTime = hit.publishedAt;
      item.append(el('p', 'result-date'));
      item.lastElementChild?.append(time);
    }
    return item;
  }
}

/** An archive with no stories has no index: every search finds nothing. */
const emptyIndex: Pagefind = {
  mergeIndex: async () => undefined,
  options: async () => undefined,
  filters: async () => ({}),
  preload: async () => undefined,
  search: async () => ({ results: [], filters: {} }),
};

customElements.define('dl-search', DatelineSearch);
