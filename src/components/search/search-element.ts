// The search page's one custom element: reads the state from the URL, asks
// Pagefind (loaded from /pagefind/ only here) in every shard of the index,
// renders results as text, and writes the state back to the URL as the
// reader types and chooses.
import { formatDate } from '#lib/render/dates.ts';
import {
  filterChoices,
  searchTitle,
  historyMode,
  mergeNewestFirst,
  PAGEFIND_OPTIONS,
  parseSearchState,
  resultSummary,
  SEARCH_FILTERS,
  SHARD_FILTER,
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
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  filters: () => Promise<Counts>;
  preload: (term: string, options?: object) => Promise<void>;
  search: (term: string | null, options?: { filters?: Record<string, string>; sort?: object }) => Promise<Search | null>;
  mergeIndex: (path: string) => Promise<void>;
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
  #facets: Promise<unknown> | undefined;
  #run = 0;
  #typing: ReturnType<typeof setTimeout> | undefined;
  #results: Search['results'] = [];
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

  /**
   * Pagefind over every shard, behind the interface of one index: the newest
   * shard's bundle, with the others merged in (mergeIndex shares one copy of
   * Pagefind's WebAssembly). Relevance is Pagefind's own merge; newest first
   * asks each shard on its own and puts the answers end to end (mergeNewestFirst).
   */
  #load(): Promise<Pagefind> {
    this.#pagefind ??= (async () => {
      const ids = (this.dataset['shards'] ?? '').split(' ').filter(Boolean);
      if (ids.length === 0) return emptyIndex;
      // A variable, not a template, so Vite leaves the import alone (no preload helper).
      const bundle = `${BUNDLES}${ids[0]}/pagefind.js`;
      const pagefind = (await import(/* @vite-ignore */ bundle)) as Pagefind;
      await pagefind.options(PAGEFIND_OPTIONS);
      for (const id of ids.slice(1)) await pagefind.mergeIndex(`${BUNDLES}${id}/`);
      if (ids.length === 1) return pagefind;
      return {
        ...pagefind,
        search: async (term, options) => {
          if (!options?.sort) return pagefind.search(term, options);
          const answers = await Promise.all(
            ids.map((id) => pagefind.search(term, { ...options, filters: { ...options.filters, [SHARD_FILTER]: id } })),
          );
          return answers.some((answer) => answer === null) ? null : mergeNewestFirst(answers as Search[]);
        },
      } satisfies Pagefind;
    })();
    return this.#pagefind;
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
    let search: Search | null;
    try {
      pagefind = await this.#load();
      const { term, options } = toPagefindSearch(state);
      search = await pagefind.search(term, options);
    } catch (error) {
      // The reader sees the apology below; the console keeps the cause for whoever debugs it.
      console.error(error); // eslint-disable-line no-console
      if (run !== this.#run) return;
      summary.textContent = 'Sorry, search is not working right now. Please try again later, or browse the sections above.';
      list.removeAttribute('aria-busy');
      return;
    }
    if (run !== this.#run || !search) return;
    if (!this.#facets) this.#showFilters(undefined, state);
    this.#results = search.results;
    this.#shown = 0;
    list.replaceChildren();
    more.hidden = true;
    summary.textContent = resultSummary(search.results.length, state);
    await this.#showMore(run, false);
    if (run !== this.#run) return;
    list.removeAttribute('aria-busy');
    await this.#refreshFacets(run, pagefind, state, search);
  }

  /**
   * Counts per filter value need every filter index (about 110 KB gzipped for
   * 10,000 stories), so they are fetched once, after the first results show;
   * from then on every search reports its counts.
   */
  async #refreshFacets(run: number, pagefind: Pagefind, state: SearchState, search: Search): Promise<void> {
    const first = !this.#facets;
    this.#facets ??= pagefind.filters();
    await this.#facets;
    if (run !== this.#run) return;
    const { term, options } = toPagefindSearch(state);
    const counted = first ? await pagefind.search(term, options) : search;
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
      const without = await pagefind.search(term, { filters: options.filters });
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

  async #showMore(run: number, focusFirst: boolean): Promise<void> {
    const { list, more } = this.#parts();
    const batch = this.#results.slice(this.#shown, this.#shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (run !== this.#run) return;
    const items = data.map((d) => this.#item(d));
    list.append(...items);
    this.#shown += batch.length;
    more.hidden = this.#shown >= this.#results.length;
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
