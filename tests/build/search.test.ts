// The Pagefind index that `npm run build` writes: what is in it, what is not,
// and which pages carry search script. The index is in shards, one Pagefind
// bundle each under pagefind/<id>/ (src/lib/search/search-shards.ts). Its files are
// gzip with a "pagefind_dcd" signature; fragments (one per record) are JSON.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import siteConfig from '../../site.config.ts';
import { buildArchive, type Archive } from '#lib/archive/archive.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { parseSiteConfig } from '#lib/content/site-config.ts';
import { cutShards } from '#lib/search/search-shards.ts';
import { articleUrl } from '#lib/archive/urls.ts';
import { fillerArticles, fixtureCopy, page, runBuild, type BuildResult } from './build-site.ts';
import { readerFiles } from './dist-walk.ts';
import { searchFragments, type Fragment } from './search-records.ts';

const NOW = '2026-06-01T12:00:00+00:00';
const LANGUAGE = parseSiteConfig(siteConfig).language.toLowerCase();

let build: BuildResult;
let archive: Archive;
let fragments: Fragment[];
let htmlFiles: string[];

beforeAll(() => {
  const content = fixtureCopy('basic', fillerArticles(45, 'business', 'markets-desk'));
  build = runBuild(content, NOW);
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
  archive = buildArchive(loadContent(content), Date.parse(NOW));
  fragments = searchFragments(build.outDir);
  htmlFiles = readerFiles(build.outDir, /\.html$/);
});

describe('the search index', () => {
  it('is written into the built site as its shards, in the site language only', () => {
    const shards = cutShards(archive.articles);
    expect(readdirSync(join(build.outDir, 'pagefind')).sort()).toEqual(shards.map((s) => s.id).sort());
    for (const shard of shards) {
      const bundle = join(build.outDir, 'pagefind', shard.id);
      for (const file of ['pagefind.js', 'pagefind-worker.js', `wasm.${LANGUAGE}.pagefind`, 'pagefind-entry.json']) {
        expect(existsSync(join(bundle, file)), file).toBe(true);
      }
      const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8')) as {
        languages: Record<string, { page_count: number }>;
      };
      expect(Object.keys(entry.languages)).toEqual([LANGUAGE]);
      expect(entry.languages[LANGUAGE]?.page_count).toBe(shard.articles.length);
    }
    expect(build.output).toContain(
      `search index (${LANGUAGE}): ${shards.length} of ${shards.length} shards, ${archive.articles.length} articles`,
    );
  });

  it('holds exactly the published articles: no section, desk, tag, front or search page', () => {
    expect(archive.articles.length).toBeGreaterThan(45);
    expect(fragments.map((f) => f.url).sort()).toEqual(archive.articles.map(articleUrl).sort());
  });

  it('leaves out drafts and embargoed articles, by URL and by word', () => {
    for (const fragment of fragments) {
      expect(fragment.url).not.toMatch(/draft-not-ready|embargoed-budget/);
      expect(JSON.stringify(fragment)).not.toMatch(/zanzidraft|embargoline/i);
    }
  });

  it('indexes the headline, dek and body, not the kicker, byline, credit, topics, desk box, related stories or footer', () => {
    const accord = fragments.find((f) => f.url === '/world/harbour-accord-signed/');
    expect(accord?.content).toMatch(/^Harbour accord signed in Valletta\.? Ministers agreed a shared plan for the port/);
    expect(accord?.content).toContain('The first paragraph of the accord story mentions quokkafish.');
    for (const chrome of [
      'World News',
      'HD News Desk',
      'Published',
      'VALLETTA',
      'Fixture Photo Agency',
      'Topics',
      'covers everything',
      'Back to top',
      'Skip to content',
      'Port strike ends',
    ]) {
      expect(accord?.content, chrome).not.toContain(chrome);
    }
  });

  it('gives each record its title and date (the results show no pictures)', () => {
    for (const article of archive.articles) {
      const meta = fragments.find((f) => f.url === articleUrl(article))?.meta;
      expect(meta).toEqual({ title: article.title, date: article.publishedAt });
    }
  });

  it('files each record under its section, desk and topics by name, and its shard by id', () => {
    const shardOf = new Map(cutShards(archive.articles).flatMap((s) => s.articles.map((a) => [a.slug, s.id] as const)));
    for (const article of archive.articles) {
      const filters = fragments.find((f) => f.url === articleUrl(article))?.filters;
      const tags = archive.tagSlugs(article).map((slug) => archive.tags.get(slug)!.name);
      expect(filters, article.slug).toEqual({
        section: [archive.section(article.section).name],
        desk: [archive.desk(article.desk).name],
        ...(tags.length > 0 ? { tag: tags } : {}),
        shard: [shardOf.get(article.slug)],
      });
    }
  });

  it('has filters for every section, desk and topic that has stories in the fixture', () => {
    const values = (key: string) => [...new Set(fragments.flatMap((f) => f.filters[key] ?? []))].sort();
    expect(values('section')).toEqual(['Business', 'World News']);
    expect(values('desk')).toEqual(['HD News Desk', 'Markets Desk']);
    expect(values('tag')).toEqual(['<b>bold</b>', 'eu', 'filler', 'labour', 'ports']);
  });
});

describe('search script', () => {
  it('ships only on /search/: every other page has no script but JSON-LD and never names the Pagefind bundle', () => {
    const withScript = htmlFiles.filter((f) => {
      const doc = page(build.outDir, `/${f}`);
      const scripts = doc.querySelectorAll('script').filter((s) => s.getAttribute('type') !== 'application/ld+json');
      return scripts.length > 0 || readFileSync(join(build.outDir, f), 'utf8').includes('/pagefind/');
    });
    expect(withScript).toEqual(['search/index.html']);
  });

  it("loads Pagefind from the search page's own bundle, which is not shared with any other page", () => {
    const search = page(build.outDir, '/search/');
    const scripts = search.querySelectorAll('script[type="module"]').map((s) => s.getAttribute('src') ?? '');
    expect(scripts).toHaveLength(1);
    expect(readFileSync(join(build.outDir, scripts[0]!), 'utf8')).toContain('/pagefind/');
    // The page names its shards, newest first; the script loads Pagefind from the first.
    expect(search.querySelector('dl-search')?.getAttribute('data-shards')).toBe(
      cutShards(archive.articles)
        .reverse()
        .map((s) => s.id)
        .join(' '),
    );
  });
});

describe('the search page and the header search box', () => {
  it('has one h1 and a label for every control', () => {
    const search = page(build.outDir, '/search/');
    expect(search.querySelectorAll('h1').map((h) => h.text)).toEqual(['Search the archive']);
    const controls = search.querySelectorAll('main input, main select');
    expect(controls.map((c) => c.getAttribute('name'))).toEqual(['q', 'section', 'desk', 'tag', 'sort']);
    for (const control of controls) {
      const label = search.querySelector(`label[for="${control.getAttribute('id')}"]`);
      expect(label?.text.trim(), control.getAttribute('name') ?? '').toBeTruthy();
    }
  });

  it('tells a reader without JavaScript that search needs it, and where else to look', () => {
    const notice = page(build.outDir, '/search/').querySelector('noscript')?.innerHTML ?? '';
    expect(notice).toContain('needs JavaScript');
    expect(notice).toContain('href="/world/"');
  });

  it('puts a plain GET search form to /search/ in the header of every page but /search/, whose own form is its one search box', () => {
    const onSearch = page(build.outDir, '/search/');
    expect(onSearch.querySelectorAll('form[role="search"]').map((f) => f.closest('main') !== null)).toEqual([true]);
    for (const path of ['/', '/world/harbour-accord-signed/', '/tag/ports/', '/404.html']) {
      const form = page(build.outDir, path).querySelector('header form[role="search"]');
      expect(form?.getAttribute('action'), path).toBe('/search/');
      expect(form?.getAttribute('method'), path).toBe('get');
      expect(form?.querySelector('input[name="q"]')?.getAttribute('id'), path).toBe('site-search');
      expect(page(build.outDir, path).querySelector('label[for="site-search"]')?.text, path).toBe('Search the archive');
    }
  });
});
