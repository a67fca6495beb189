// Searching the archive on /search/ in Chromium: typing, filters, order, the
// URL and Back, and what the index itself answers through Pagefind's own API.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArchive, type Archive } from '#lib/archive/archive.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { fillerArticles, fixtureCopy } from '../build/build-site.ts';
import { launchChromium, serveFixture, type ServedSite } from './harness.ts';

const NOW = '2026-06-01T12:00:00+00:00';
let site: ServedSite;
let browser: Browser;
let context: BrowserContext;
/** The same content serveFixture builds, read by lib/: what the index should hold. */
let archive: Archive;

beforeAll(async () => {
  [site, browser] = await Promise.all([serveFixture(NOW), launchChromium()]);
  context = await browser.newContext();
  archive = buildArchive(loadContent(fixtureCopy('basic', fillerArticles(45, 'business', 'markets-desk'))), Date.parse(NOW));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.stop();
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

/** Opens a page on the fixture site (or another served site), recording console errors and every request's path. */
async function open(path: string, ctx = context, origin = site.origin): Promise<Opened> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(origin + path);
  return { page, errors, requests };
}

const results = (page: Page) => page.locator('dl-search .results > li');
const summary = (page: Page) => page.locator('dl-search .summary');
const headlines = (page: Page) => page.locator('dl-search .results .result-headline a').allTextContents();
const dates = (page: Page) => page.locator('dl-search .results time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));

/** Waits until the summary says something, then returns it. */
async function settled(page: Page): Promise<string> {
  await expect.poll(() => summary(page).textContent(), { timeout: 15_000 }).toMatch(/\S/);
  await expect.poll(() => page.locator('dl-search .results').getAttribute('aria-busy')).toBeNull();
  return (await summary(page).textContent()) ?? '';
}

const isNewestFirst = (isos: string[]) => isos.every((iso, i) => i === 0 || Date.parse(isos[i - 1]!) >= Date.parse(iso));

describe('searching from /search/', () => {
  it('finds the one article whose body has the word, as the reader types', async () => {
    const { page, errors } = await open('/search/');
    await settled(page);
    await page.getByLabel('Words to search for').pressSequentially('quokkafish', { delay: 30 });
    await expect.poll(() => summary(page).textContent()).toBe('1 story matches “quokkafish”.');
    expect(await headlines(page)).toEqual(['Harbour accord signed in Valletta']);
    const result = results(page).first();
    expect(await result.locator('a').getAttribute('href')).toBe('/world/harbour-accord-signed/');
    expect(await result.locator('.result-section').textContent()).toBe('World News');
    expect(await result.locator('time').textContent()).toBe('20 May 2026');
    expect(await result.locator('mark').allTextContents()).toEqual(['quokkafish']);
    // The excerpt is whole sentences: the one with the match, from its start.
    expect(await result.locator('.result-excerpt').textContent()).toMatch(/^The first paragraph of the accord story mentions quokkafish\./);
    expect(page.url()).toBe(`${site.origin}/search/?q=quokkafish`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('narrows the results to a section the reader picks, and widens them again', async () => {
    const { page, errors } = await open('/search/?q=story');
    await settled(page);
    const everywhere = await summary(page).textContent();
    const all = Number(/^(\d+)/.exec(everywhere ?? '')?.[1]);
    expect(all).toBeGreaterThan(10);
    // Counts per value arrive just after the first results.
    const sectionOptions = () => page.getByLabel('Section', { exact: true }).locator('option').allTextContents();
    await expect
      .poll(sectionOptions)
      .toEqual(['All sections', expect.stringMatching(/^Business \(\d+\)$/), expect.stringMatching(/^World News \(\d+\)$/)]);
    const sections = await sectionOptions();

    await page.getByLabel('Section', { exact: true }).selectOption('World News');
    await expect.poll(() => page.url()).toBe(`${site.origin}/search/?q=story&section=World+News`);
    await settled(page);
    const narrowed = Number(/^(\d+)/.exec((await summary(page).textContent()) ?? '')?.[1]);
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(all);
    expect(new Set(await page.locator('dl-search .result-section').allTextContents())).toEqual(new Set(['World News']));
    // The other section stays on offer, counted as if it were chosen instead.
    expect(await sectionOptions()).toEqual(sections);

    await page.getByLabel('Section', { exact: true }).selectOption('');
    await expect.poll(() => summary(page).textContent()).toBe(everywhere);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows results for /search/?q=word opened directly, without typing, with the words in the title and the one search box', async () => {
    const { page, errors, requests } = await open('/search/?q=quokkafish');
    expect(await settled(page)).toBe('1 story matches “quokkafish”.');
    expect(await page.getByLabel('Words to search for').inputValue()).toBe('quokkafish');
    expect(await page.title()).toMatch(/^“quokkafish” – Search \| \S/);
    // Neither masthead nor footer offers a second box that would not show the words.
    expect(await page.locator('input[type="search"]').count()).toBe(1);
    expect(await headlines(page)).toEqual(['Harbour accord signed in Valletta']);
    // The index in the site's language (en-GB) is the one loaded.
    expect(requests.filter((r) => /^\/pagefind\/[^/]+\/wasm\.en-gb\.pagefind$/.test(r))).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds nothing of drafts or embargoed stories', async () => {
    for (const word of ['zanzidraft', 'embargoline']) {
      const { page } = await open(`/search/?q=${word}`);
      expect(await settled(page)).toBe(`No stories match “${word}”.`);
      expect(await results(page).count()).toBe(0);
      await page.close();
    }
  });

  it('shows hostile headlines and excerpts as text, running nothing', async () => {
    const { page, errors } = await open('/search/?q=jerry');
    await settled(page);
    expect(await headlines(page)).toEqual(['Tom & Jerry </script><script>alert(1)</script> “quoted” ]]>']);
    expect(await page.locator('dl-search .result-excerpt').textContent()).toContain('<img src=x onerror=alert(2)>');
    expect(await page.locator('dl-search .results img, dl-search .results script').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('order', () => {
  it('lists the newest stories first when there are no words, ten at a time', async () => {
    const { page } = await open('/search/');
    expect(await settled(page)).toMatch(/^\d+ stories, newest first\.$/);
    expect(await results(page).count()).toBe(10);
    expect(await headlines(page).then((h) => h[0])).toBe(archive.articles[0]?.title);
    expect(isNewestFirst(await dates(page))).toBe(true);
    expect(await page.getByLabel('Order', { exact: true }).inputValue()).toBe('newest');
    expect(await page.locator('#search-sort option[value="relevance"]').isDisabled()).toBe(true);
    await page.close();
  });

  it('ranks by relevance for words, and by date when the reader chooses newest first', async () => {
    const { page } = await open('/search/?q=story');
    await settled(page);
    expect(await page.getByLabel('Order', { exact: true }).inputValue()).toBe('relevance');
    // The newest story has "story" in a long headline; short filler pages outrank it on relevance.
    const newest = archive.articles[0]?.title;
    expect(newest).toMatch(/story/i);
    expect((await headlines(page))[0]).not.toBe(newest);
    await page.getByLabel('Order', { exact: true }).selectOption('newest');
    await expect.poll(() => page.url()).toBe(`${site.origin}/search/?q=story&sort=newest`);
    await expect.poll(async () => (await headlines(page))[0]).toBe(newest);
    expect(isNewestFirst(await dates(page))).toBe(true);
    expect(await summary(page).textContent()).toMatch(/match “story”, newest first\.$/);
    await page.close();
  });
});

describe('the URL and the Back button', () => {
  it('keeps one history entry per search and restores each search on Back', async () => {
    const { page } = await open('/');
    await page.getByLabel('Search the archive').fill('quokkafish');
    await page.getByLabel('Search the archive').press('Enter');
    await page.waitForURL('**/search/?q=quokkafish');
    await settled(page);

    // Slow enough that each letter reaches the URL (debounce 300 ms), quick enough to be one search.
    await page.getByLabel('Words to search for').fill('');
    await page.getByLabel('Words to search for').pressSequentially('story', { delay: 450 });
    await expect.poll(() => page.url()).toBe(`${site.origin}/search/?q=story`);
    await page.getByLabel('Desk', { exact: true }).selectOption('Markets Desk');
    await expect.poll(() => page.url()).toBe(`${site.origin}/search/?q=story&desk=Markets+Desk`);
    await settled(page);

    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${site.origin}/search/?q=story`);
    await expect.poll(() => page.getByLabel('Desk', { exact: true }).inputValue()).toBe('');
    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${site.origin}/search/?q=quokkafish`);
    await expect.poll(() => page.getByLabel('Words to search for').inputValue()).toBe('quokkafish');
    await expect.poll(() => headlines(page)).toEqual(['Harbour accord signed in Valletta']);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await page.close();
  });
});

describe('keyboard', () => {
  it('reaches the search box, every filter, the order and the results with Tab, and Show more moves focus to the new stories', async () => {
    const { page } = await open('/search/');
    await settled(page);
    await page.getByLabel('Words to search for').focus();
    const focused = async () =>
      page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.textContent ?? '');
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order).toEqual(['Search', 'section', 'desk', 'tag', 'sort', 'Fresh story inside the news window']);

    await page.getByRole('button', { name: 'Show more stories' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => results(page).count()).toBe(20);
    const eleventh = await results(page).nth(10).locator('a').textContent();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(eleventh);
    await page.close();
  });
});

describe('what the index answers, through Pagefind in the page', () => {
  it("offers the fixture's sections, desks and topics as filters, and sorts every article by date", async () => {
    const { page } = await open('/search/');
    await settled(page);
    // A string, so vitest's transform leaves the page's own import() alone.
    // The fixture is small enough for one shard: this asks it directly.
    const answer = (await page.evaluate(`(async () => {
      const [id, ...more] = document.querySelector('dl-search').dataset.shards.split(' ');
      if (more.length > 0) throw new Error('expected one shard');
      const pagefind = (await import('/pagefind/' + id + '/pagefind.js')).createInstance({ basePath: '/pagefind/' + id + '/' });
      const all = await pagefind.search(null);
      const sorted = await pagefind.search(null, { sort: { date: 'desc' } });
      return { id, filters: await pagefind.filters(), all: all.results.length, sorted: sorted.results.length };
    })()`)) as { id: string; filters: Record<string, Record<string, number>>; all: number; sorted: number };
    // Every record also names its shard, so a search can be kept to one shard.
    const { shard, ...filters } = answer.filters;
    expect(shard).toEqual({ [answer.id]: archive.articles.length });
    const count = (by: Map<string, unknown[]>, name: (slug: string) => string) =>
      Object.fromEntries([...by].filter(([, list]) => list.length > 0).map(([slug, list]) => [name(slug), list.length]));
    expect(filters).toEqual({
      section: count(archive.bySection, (slug) => archive.section(slug).name),
      desk: count(archive.byDesk, (slug) => archive.desk(slug).name),
      tag: Object.fromEntries([...archive.tags.values()].map((t) => [t.name, t.articles.length])),
    });
    expect(Object.keys(filters['section'] ?? {}).sort()).toEqual(['Business', 'World News']);
    expect(Object.keys(filters['tag'] ?? {}).sort()).toEqual(['<b>bold</b>', 'eu', 'filler', 'labour', 'ports']);
    // Pagefind drops pages without the sort key from sorted results: none may be missing.
    expect(answer.all).toBe(archive.articles.length);
    expect(answer.sorted).toBe(answer.all);
    await page.close();
  });
});

describe('an archive in several search shards', () => {
  // 260 stories a day apart through 2025 plus the fixture: a full block of 250
  // and an open shard (src/lib/search/search-shards.ts), and the word directory.
  // "zephyrcase" is in two stories of each shard, so every answer must come from both.
  const WORD_IN = [3, 5, 252, 255];
  let shardSite: ServedSite;
  const stories: Record<string, string> = {};
  for (let i = 1; i <= 260; i++) {
    const day = new Date(Date.UTC(2025, 0, i, 12)).toISOString().slice(0, 19);
    const word = WORD_IN.includes(i) ? ' It mentions zephyrcase.' : '';
    const old = i <= 250 ? ' Olderonly.' : '';
    stories[`articles/2025/archive-${i}.md`] =
      `---\ntitle: "Archive story ${i}"\nsection: business\ndesk: markets-desk\npublishedAt: ${day}+00:00\ntags: [archive]\n---\n\nArchive body ${i}.${word}${old}\n`;
  }

  beforeAll(async () => {
    shardSite = await serveFixture(NOW, {}, stories);
  });

  afterAll(async () => {
    await shardSite?.stop();
  });

  const openShards = (path: string): Promise<Opened> => open(path, context, shardSite.origin);
  const shardIds = async (page: Page) => (await page.locator('dl-search').getAttribute('data-shards'))?.split(' ') ?? [];
  const bundlesAsked = (requests: string[]) =>
    [...new Set(requests.filter((r) => r.startsWith('/pagefind/')).map((r) => r.split('/')[2]))].sort();

  it("searches every shard that holds the word: newest first means the newer shard's stories, then the older one's", async () => {
    const { page, errors, requests } = await openShards('/search/?q=zephyrcase&sort=newest');
    expect(await settled(page)).toBe('4 stories match “zephyrcase”, newest first.');
    expect(await headlines(page)).toEqual(['Archive story 255', 'Archive story 252', 'Archive story 5', 'Archive story 3']);
    expect(isNewestFirst(await dates(page))).toBe(true);
    const shards = await shardIds(page);
    expect(shards).toHaveLength(2);
    // Too few in the newest shard for a page: the word directory says the older one has more.
    expect(bundlesAsked(requests)).toEqual([...shards, 'words'].sort());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks only the newest shard when it fills the first page, and says the total is not known yet', async () => {
    const { page, errors, requests } = await openShards('/search/?q=archive');
    expect(await settled(page)).toMatch(/^\d+\+ stories match “archive”\.$/);
    const [newest] = await shardIds(page);
    expect(bundlesAsked(requests)).toEqual([newest]);
    expect(await results(page).count()).toBe(10);
    // The budget a reader on a phone pays for the first page: the page, its style and script, Pagefind, one shard, ten results
    // (the filters' counts come after the results).
    expect(requests.filter((r) => !r.endsWith('.pf_filter')).length).toBeLessThanOrEqual(20);
    // More searches the older shard, and keeps the stories already shown where they were.
    const first = await headlines(page);
    await page.getByRole('button', { name: 'Show more stories' }).click();
    await expect.poll(() => results(page).count()).toBe(20);
    expect((await headlines(page)).slice(0, 10)).toEqual(first);
    expect(await summary(page).textContent()).toMatch(/^\d+\+? stories match “archive”\.$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('consults the word directory for a word the newest shard lacks, and asks no shard that lacks it', async () => {
    const none = await openShards('/search/?q=qwzxvnothing');
    expect(await settled(none.page)).toBe('No stories match “qwzxvnothing”.');
    const [newest, older] = await shardIds(none.page);
    expect(bundlesAsked(none.requests)).toEqual([newest, 'words'].sort());
    const only = await openShards('/search/?q=olderonly');
    expect(await settled(only.page)).toBe('250 stories match “olderonly”.');
    expect(bundlesAsked(only.requests)).toEqual([newest, older, 'words'].sort());
    expect([...none.errors, ...only.errors]).toEqual([]);
    await none.page.close();
    await only.page.close();
  });

  it('finds the same stories by relevance, and counts filters across the shards searched', async () => {
    const { page, errors } = await openShards('/search/?q=zephyrcase');
    expect(await settled(page)).toBe('4 stories match “zephyrcase”.');
    expect((await headlines(page)).sort()).toEqual(['Archive story 252', 'Archive story 255', 'Archive story 3', 'Archive story 5']);
    await expect.poll(() => page.getByLabel('Topic').locator('option').allTextContents()).toContain('archive (4)');
    await page.close();
    // Browsing asks the newest shard first; Show more goes on into the older one, newest first throughout.
    const browse = await openShards('/search/?tag=archive');
    expect(await settled(browse.page)).toBe('10+ stories, newest first.');
    expect((await headlines(browse.page))[0]).toBe('Archive story 260');
    await browse.page.getByRole('button', { name: 'Show more stories' }).click();
    await expect.poll(() => summary(browse.page).textContent()).toBe('260 stories, newest first.');
    // The summary is written as soon as the shards answer; the next ten stories follow their fragments.
    await expect
      .poll(async () => (await headlines(browse.page)).slice(9, 12))
      .toEqual(['Archive story 251', 'Archive story 250', 'Archive story 249']);
    expect(isNewestFirst(await dates(browse.page))).toBe(true);
    expect([...errors, ...browse.errors]).toEqual([]);
    await browse.page.close();
  });
});

describe('on a 390 px phone', () => {
  it('folds the filters away so the first result is on the first screen, and unfolds them for a reader who chose one', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page } = await open('/search/?q=story', phone);
    await settled(page);
    const filters = page.locator('dl-search details');
    expect(await filters.getAttribute('open')).toBeNull();
    expect(await page.getByLabel('Section', { exact: true }).isVisible()).toBe(false);
    const top = await results(page)
      .first()
      .evaluate((li) => li.getBoundingClientRect().top);
    expect(top).toBeLessThan(844 / 2);
    await page.getByText('Narrow down and order').first().click();
    await page.getByLabel('Section', { exact: true }).selectOption('World News');
    await page.reload();
    await settled(page);
    expect(await filters.getAttribute('open')).toBe('');
    expect(await page.getByLabel('Section', { exact: true }).inputValue()).toBe('World News');
    await phone.close();
  });

  it('gives the front page a masthead of one line and the sections one more, with search as a link', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page } = await open('/', phone);
    const header = await page.locator('body > header').evaluate((h) => h.getBoundingClientRect().height);
    expect(header).toBeLessThan(120);
    expect(await page.locator('#site-search').isVisible()).toBe(false);
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.waitForURL(`${site.origin}/search/`);
    await phone.close();
  });

  it('keeps the search box in the masthead and every filter in view on a wide screen', async () => {
    const { page } = await open('/');
    expect(await page.locator('#site-search').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Search', exact: true }).isVisible()).toBe(false);
    await page.goto(`${site.origin}/search/?q=story`);
    await settled(page);
    expect(await page.getByLabel('Section', { exact: true }).isVisible()).toBe(true);
    expect(await page.locator('dl-search legend').isVisible()).toBe(true);
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('says politely that search needs JavaScript and hides the form that cannot work', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const { page } = await open('/search/?q=quokkafish', noJs);
    expect(await page.locator('.notice').textContent()).toContain('search runs in your browser and needs JavaScript');
    expect(await page.locator('dl-search').count()).toBe(1); // there, and hidden (isVisible() is false for a missing element too)
    expect(await page.locator('dl-search').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'World News' }).first().getAttribute('href')).toBe('/world/');
    await noJs.close();
  });
});

describe('other pages', () => {
  it('load no search script and nothing from /pagefind/', async () => {
    for (const path of ['/', '/world/harbour-accord-signed/', '/tag/ports/']) {
      const { page, requests } = await open(path);
      await page.waitForLoadState('networkidle');
      expect(
        requests.filter((r) => r.startsWith('/pagefind/') || r.endsWith('.js')),
        path,
      ).toEqual([]);
      await page.close();
    }
  });
});
