// Scheduled publishing: one minute before an embargo, `npm run due` says no
// and the story is nowhere; one minute after, `due` says yes, and one build
// makes it live on its page, the front page, its section, desk and tag pages,
// every feed, both sitemaps and search; after that build nothing is due.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScript, type ScriptResult } from '../commands/run-script.ts';
import { fixtureCopy, runBuild, type BuildResult } from './build-site.ts';
import { searchFragments } from './search-records.ts';

const URL = '/business/embargoed-budget/';
const BEFORE = '2026-07-01T05:59:00+00:00';
const AFTER = '2026-07-01T06:01:00+00:00';

/** Everywhere the embargoed story would show once published. */
function placesShowing(outDir: string): string[] {
  const read = (path: string): string => readFileSync(join(outDir, path), 'utf8');
  const places: [string, () => boolean][] = [
    ['its page', () => existsSync(join(outDir, 'business/embargoed-budget/index.html'))],
    ['the front page', () => read('index.html').includes(URL)],
    ['its section', () => read('business/index.html').includes(URL)],
    ['its desk', () => read('desk/markets-desk/index.html').includes(URL)],
    ['its tag', () => read('tag/ports/index.html').includes(URL)],
    ['the site feed', () => read('rss.xml').includes(URL)],
    ['the section feed', () => read('business/rss.xml').includes(URL)],
    ['the desk feed', () => read('desk/markets-desk/rss.xml').includes(URL)],
    ['the sitemap', () => read('sitemap-0.xml').includes(URL)],
    ['the news sitemap', () => read('news-sitemap.xml').includes(URL)],
    ['search', () => searchFragments(outDir).some((f) => f.url === URL)],
  ];
  return places.filter(([, shows]) => shows()).map(([name]) => name);
}

describe('an embargo lifts on the schedule', () => {
  let env: Record<string, string>;
  let before: BuildResult;
  /** Read before the second build rewrites the same folder. */
  let shownBefore: string[];
  let dueBefore: ScriptResult;
  let dueAfter: ScriptResult;
  let after: BuildResult;
  let dueAfterBuild: ScriptResult;

  beforeAll(() => {
    const content = fixtureCopy('basic');
    const outDir = join(mkdtempSync(join(tmpdir(), 'dateline-schedule-out-')), 'dist');
    env = { DATELINE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'dateline-schedule-cache-')) };
    const due = (now: string): ScriptResult =>
      runScript('due', [], { env: { ...env, DATELINE_CONTENT_DIR: content, DATELINE_OUT_DIR: outDir, DATELINE_NOW: now } });
    before = runBuild(content, BEFORE, outDir, env);
    shownBefore = before.status === 0 ? placesShowing(outDir) : ['(the build failed)'];
    dueBefore = due(BEFORE);
    dueAfter = due(AFTER);
    after = runBuild(content, AFTER, outDir, env);
    dueAfterBuild = due(AFTER);
  });

  it('one minute before: the story is nowhere, and nothing is due until its embargo lifts', () => {
    expect(before.status, before.output).toBe(0);
    expect(shownBefore).toEqual([]);
    expect(dueBefore.status, dueBefore.output).toBe(1);
    expect(dueBefore.stdout).toMatch(
      /^no build due: nothing due; next: the embargo on embargoed-budget lifts at 2026-07-01T06:00:00\.000Z, in 1 min \(\d+ ms\)\n$/,
    );
  });

  it('one minute after: a build is due, and one build makes the story live everywhere', () => {
    expect(dueAfter.status, dueAfter.output).toBe(0);
    expect(dueAfter.stdout).toMatch(/^build due: the embargo on embargoed-budget lifts \(2026-07-01T06:00:00\.000Z\)/);
    expect(after.status, after.output).toBe(0);
    expect(after.output).toMatch(/incremental: /);
    expect(placesShowing(after.outDir)).toEqual([
      'its page',
      'the front page',
      'its section',
      'its desk',
      'its tag',
      'the site feed',
      'the section feed',
      'the desk feed',
      'the sitemap',
      'the news sitemap',
      'search',
    ]);
  });

  it('after that build, nothing is due until the next change by the clock', () => {
    expect(dueAfterBuild.status, dueAfterBuild.output).toBe(1);
    expect(dueAfterBuild.stdout).toMatch(/^no build due: nothing due; next: /);
  });

  it('answers well under a second', () => {
    const ms = [dueBefore, dueAfter, dueAfterBuild].map((r) => Number(/\((\d+) ms\)/.exec(r.stdout)?.[1]));
    expect(
      ms.every((n) => n >= 0 && n < 500),
      ms.join(),
    ).toBe(true);
  });
});

describe('npm run due without a build', () => {
  it('says a build is due when the output folder holds no site, and exits 2 on a bad clock', () => {
    const env = { DATELINE_OUT_DIR: join(mkdtempSync(join(tmpdir(), 'dateline-none-')), 'dist') };
    const none = runScript('due', [], { env });
    expect(none.status, none.output).toBe(0);
    expect(none.stdout).toMatch(/^build due: .*holds no built site/);
    const bad = runScript('due', [], { env: { ...env, DATELINE_NOW: 'tomorrow' } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/could not tell whether a build is due: DATELINE_NOW="tomorrow"/);
  });
});
