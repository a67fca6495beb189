// The breaking banner and the corrections archive in a real build: the banner
// runs above every page's header while its clock says so, and is gone from
// every page after its `until`; a build where only the banner changed puts it
// into the pages it does not render, the same bytes as a full build's (and far
// cheaper than rendering every page again); /corrections/ lists every published story's
// corrections, with its own feed, linked from the footer and from each story.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScript, type ScriptResult } from '../commands/run-script.ts';
import { parseWellFormedXml } from '../unit/well-formed-xml.ts';
import { fixtureCopy, runBuild, type BuildResult } from './build-site.ts';
import { readPage, sitePages } from './dist-walk.ts';
import { differences, snapshot } from './output-state.ts';

const BEFORE = '2026-06-01T09:00:00+00:00';
const DURING = '2026-06-01T12:00:00+00:00';
const AFTER = '2026-06-01T18:01:00+00:00';
const REGION = 'aria-labelledby="breaking-label"';

const ALERTS = {
  'alerts/storm.md':
    '---\ntext: "<b>Gale</b> closes the harbour & the ferries"\nlink: /world/harbour-accord-signed/\nfrom: 2026-06-01T10:00:00+00:00\nuntil: 2026-06-01T18:00:00+00:00\n---\n',
  'alerts/old-news.md': '---\ntext: "Long-expired banner"\nfrom: 2026-05-01T10:00:00+00:00\nuntil: 2026-05-02T10:00:00+00:00\n---\n',
  'articles/2026/corrected-draft.md':
    '---\ntitle: "A draft with a correction"\nsection: world\ndesk: news-desk\npublishedAt: 2026-05-30T10:00:00+00:00\ndraft: true\ncorrections:\n  - { date: 2026-05-31T10:00:00+00:00, text: "Draft-only correction" }\n---\n\nNot ready.\n',
};

let outDir: string;
let before: BuildResult;
let during: BuildResult;
/** Files that differ between the incremental build and a full build at the same clock: none. */
let duringVsFull: string[];
let afterVsFull: string[];
let pagesDuring: Map<string, string>;
let due: ScriptResult;
let after: BuildResult;
let pagesAfter: Map<string, string>;

/** Every reader's HTML page of the output, by site path (the editor at /admin/ is not the site's). */
const readAll = (dir: string): Map<string, string> =>
  new Map(
    sitePages(dir)
      .filter((path) => !path.startsWith('/admin/'))
      .map((path) => [path, readPage(dir, path).html]),
  );

beforeAll(() => {
  const content = fixtureCopy('basic', ALERTS);
  outDir = join(mkdtempSync(join(tmpdir(), 'dateline-banner-out-')), 'dist');
  const env = { DATELINE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'dateline-banner-cache-')) };
  const full = (now: string): string[] => {
    const built = runBuild(content, now, undefined, { DATELINE_FULL_BUILD: '1' });
    if (built.status !== 0) throw new Error(`build failed:\n${built.output}`);
    return differences(snapshot(outDir), snapshot(built.outDir));
  };
  before = runBuild(content, BEFORE, outDir, env);
  if (before.status !== 0) throw new Error(`build failed:\n${before.output}`);
  during = runBuild(content, DURING, outDir, env);
  if (during.status !== 0) throw new Error(`build failed:\n${during.output}`);
  pagesDuring = readAll(outDir);
  duringVsFull = full(DURING);
  due = runScript('due', [], { env: { ...env, DATELINE_CONTENT_DIR: content, DATELINE_OUT_DIR: outDir, DATELINE_NOW: DURING } });
  after = runBuild(content, AFTER, outDir, env);
  if (after.status !== 0) throw new Error(`build failed:\n${after.output}`);
  pagesAfter = readAll(outDir);
  afterVsFull = full(AFTER);
});

describe('the breaking banner', () => {
  it('runs on every page while current: once, after the skip link and before the masthead, as a labelled region', () => {
    expect(pagesDuring.size).toBeGreaterThan(10);
    for (const [path, html] of pagesDuring) {
      expect(html.split(REGION), path).toHaveLength(2);
      const banner = html.indexOf(REGION);
      expect(html.indexOf('class="skip-link"'), path).toBeLessThan(banner);
      expect(banner, path).toBeLessThan(html.indexOf('class="site-header"'));
      expect(html, path).not.toContain('role="alert"');
    }
  });

  it('shows the current banner’s text, escaped, linked to its story; never one that has ended', () => {
    const front = pagesDuring.get('/')!;
    expect(front).toContain('<strong id="breaking-label"');
    expect(front).toMatch(
      /<a href="\/world\/harbour-accord-signed\/"[^>]*>&lt;b&gt;Gale&lt;\/b&gt; closes the harbour &amp; the ferries<\/a>/,
    );
    expect(front).not.toContain('<b>Gale');
    for (const [path, page] of pagesDuring) expect(page, path).not.toContain('Long-expired banner');
  });

  it('tells the schedule when it goes, and is gone from every page after its until', () => {
    expect(due.stdout).toMatch(/next: the banner storm goes at 2026-06-01T18:00:00\.000Z/);
    expect(pagesAfter.size).toBe(pagesDuring.size);
    for (const [path, html] of pagesAfter) expect(html, path).not.toContain(REGION);
  });

  it('comes and goes without rendering every page again, leaving the same bytes as a full build', () => {
    expect(before.output).toMatch(/full build: /);
    for (const build of [during, after]) {
      expect(build.output).toMatch(/incremental: \d+ of \d+ pages to render, .*and the breaking banner to replace in the others/);
      const [, rendered, total] = /incremental: (\d+) of (\d+) pages/.exec(build.output)!;
      expect(Number(rendered)).toBeLessThan(Number(total) / 2);
      const [, patched] = /breaking banner: replaced in (\d+) pages/.exec(build.output)!;
      expect(Number(patched) + Number(rendered)).toBe(Number(total));
    }
    expect(duringVsFull).toEqual([]);
    expect(afterVsFull).toEqual([]);
  });

  it('adds no script to a story page: only its JSON-LD', () => {
    const story = pagesDuring.get('/world/harbour-accord-signed/')!;
    const scripts = story.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((tag) => tag.includes('type="application/ld+json"'))).toBe(true);
  });
});

describe('the corrections archive', () => {
  it('lists each published correction newest first, with its date, text and the story’s headline linked; never a draft’s', () => {
    const { doc } = readPage(outDir, '/corrections/');
    expect(doc.querySelector('h1')?.text).toBe('Corrections');
    const items = doc.querySelectorAll('.corrections-archive li');
    expect(items.length).toBe(2);
    const first = items[0]!;
    expect(first.querySelector('time')?.getAttribute('datetime')).toBe('2026-05-22T08:00:00+02:00');
    expect(first.querySelector('h2 a')?.getAttribute('href')).toBe('/world/harbour-accord-signed/');
    expect(first.querySelector('h2 a')?.text).toBe('Harbour accord signed in Valletta');
    expect(items[1]!.querySelector('.text')?.text).toBe('An earlier version gave the wrong budget.');
    expect(pagesAfter.get('/corrections/')).not.toContain('Draft-only correction');
  });

  it('has its own feed, linked from its head, with an item per correction and nothing of drafts', () => {
    const page = pagesAfter.get('/corrections/')!;
    expect(page).toContain(
      '<link rel="alternate" type="application/rss+xml" title="The Harbour Dispatch: corrections" href="/corrections/rss.xml"',
    );
    const xml = readFileSync(join(outDir, 'corrections/rss.xml'), 'utf8');
    const items = parseWellFormedXml(xml, ['rss.channel.item']).rss.channel.item as { link: string; title: string }[];
    expect(items.map((i) => i.link)).toEqual([
      'https://harbourdispatch.example/world/harbour-accord-signed/#corrections',
      'https://harbourdispatch.example/world/harbour-accord-signed/#corrections',
    ]);
    expect(xml).not.toContain('Draft-only correction');
  });

  it('is linked from every page’s footer and from the corrections at the end of a corrected story', () => {
    for (const [path, html] of pagesAfter) expect(html, path).toMatch(/<p class="policies"[^>]*><a href="\/corrections\/"/);
    const { doc } = readPage(outDir, '/world/harbour-accord-signed/');
    expect(doc.querySelector('#corrections a[href="/corrections/"]')?.text).toBe('All corrections');
  });
});
