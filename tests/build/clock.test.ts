// One clock per build. With DATELINE_NOW unset (every production build) the
// build reads the system clock once, and pages, feeds, sitemaps and the search
// index all publish by that one moment. The build is paused right after it
// read the clock; a story whose embargo lifts a moment later is added and the
// clock is let run past it. Any part of the build that read the clock again
// would publish the story while the rest left it out.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { pauseFile } from '#lib/build/pause.ts';
import { fixtureCopy, ROOT, runBuild, type BuildResult } from './build-site.ts';
import { searchFragments } from './search-records.ts';

const SLUG = 'clock-edge-story';

let content: string;
let paused: { status: number | null; output: string; outDir: string; clockMs: number };
let later: BuildResult;

function storyFile(publishedAt: string): string {
  return `---\ntitle: "Clock edge story"\nsection: world\ndesk: news-desk\npublishedAt: ${publishedAt}\ntags: [ports]\n---\n\nA story whose embargo lifts while the build runs.\n`;
}

/** Everywhere a published story shows: its page, the front page, the feed, the sitemap, the news sitemap, search. */
function placesShowing(outDir: string): string[] {
  const read = (path: string): string => readFileSync(join(outDir, path), 'utf8');
  const places: string[] = [];
  if (existsSync(join(outDir, 'world', SLUG, 'index.html'))) places.push('its page');
  if (read('index.html').includes(`/world/${SLUG}/`)) places.push('the front page');
  if (read('world/index.html').includes(`/world/${SLUG}/`)) places.push('its section');
  if (read('rss.xml').includes(`/world/${SLUG}/`)) places.push('the feed');
  if (read('sitemap-0.xml').includes(`/world/${SLUG}/`)) places.push('the sitemap');
  if (read('news-sitemap.xml').includes(`/world/${SLUG}/`)) places.push('the news sitemap');
  if (searchFragments(outDir).some((f) => f.url === `/world/${SLUG}/`)) places.push('search');
  return places;
}

beforeAll(async () => {
  content = fixtureCopy('basic');
  const cacheDir = mkdtempSync(join(tmpdir(), 'dateline-clock-cache-'));
  const outDir = join(mkdtempSync(join(tmpdir(), 'dateline-clock-out-')), 'dist');
  const { DATELINE_NOW: _now, DATELINE_COMMENTS_ENDPOINT: _endpoint, ...inherited } = process.env;
  const child = spawn(process.execPath, [join(ROOT, 'scripts/build.ts')], {
    cwd: ROOT,
    env: {
      ...inherited,
      DATELINE_CONTENT_DIR: content,
      DATELINE_OUT_DIR: outDir,
      DATELINE_CACHE_DIR: cacheDir,
      DATELINE_TEST_PAUSE: 'after-clock',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', done));

  const pause = pauseFile(cacheDir, 'after-clock');
  for (let waited = 0; !existsSync(pause); waited += 25) {
    if (waited > 120_000) throw new Error(`the build never paused:\n${output}`);
    await sleep(25);
  }
  const clockMs = Date.parse(/clock: (\S+) \(system clock\)/.exec(output)?.[1] ?? '');
  expect(clockMs).toBeGreaterThan(0);
  // Embargoed until two seconds after the build's clock; by the time the build goes on, that moment has passed.
  const liftsMs = Math.ceil(clockMs / 1000) * 1000 + 2000;
  writeFileSync(join(content, 'articles/2026', `${SLUG}.md`), storyFile(new Date(liftsMs).toISOString().replace('.000Z', '+00:00')));
  await sleep(Math.max(0, liftsMs + 500 - Date.now()));
  rmSync(pause);
  paused = { status: await exited, output, outDir, clockMs };
  later = runBuild(content, new Date(liftsMs + 60_000).toISOString().replace(/\.\d{3}Z$/, '+00:00'));
}, 300_000);

describe('a build with DATELINE_NOW unset', () => {
  it('reads the system clock once and says so', () => {
    expect(paused.status, paused.output).toBe(0);
    expect(paused.output.match(/clock: /g)).toHaveLength(1);
  });

  it('leaves a story embargoed past its clock out of every output, even though its time came while the build ran', () => {
    expect(Date.now()).toBeGreaterThan(paused.clockMs + 2000);
    expect(placesShowing(paused.outDir)).toEqual([]);
  });

  it('publishes the same story everywhere in a build whose clock is past the embargo (so the check above can see it)', () => {
    expect(later.status, later.output).toBe(0);
    expect(placesShowing(later.outDir)).toEqual([
      'its page',
      'the front page',
      'its section',
      'the feed',
      'the sitemap',
      'the news sitemap',
      'search',
    ]);
  });
});
