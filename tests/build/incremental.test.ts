// Incremental builds (scripts/build.ts, docs/decisions/0008): with the
// previous output and caches kept, a build renders only the pages whose inputs
// changed. Two things must hold after every kind of change: the pages that
// should change are exactly the ones rewritten (the "what must change" set),
// and the output is byte for byte what a full build of the same content makes
// (no stale listing, feed, rail or search shard).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArchive, type Archive } from '#lib/archive/archive.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { articleUrl } from '#lib/archive/urls.ts';
import { keptBundleDir, type KeptBundleInfo } from '#lib/build/kept-bundle.ts';
import { differences, snapshot, type FileState } from './output-state.ts';
import { fillerArticles, fixtureCopy, ROOT, runBuild } from './build-site.ts';

const NOW = '2026-06-01T12:00:00+00:00';
/** What a build logs when it renders through the page bundle an earlier build kept (decision 0017), not starting Vite. */
const KEPT_BUNDLE = /pages: \d+ files rendered through the page bundle kept for this code \(Vite not started\)/;
/** What a build logs when Astro bundles the pages itself. */
const ASTRO_BUILD = /pages: astro build in/;

/** Site paths ("/world/x/") of the HTML pages the last build wrote. */
function rewrittenPages(before: Map<string, FileState>, after: Map<string, FileState>): string[] {
  return [...after]
    .filter(([path, state]) => path.endsWith('index.html') && before.get(path)?.written !== state.written)
    .map(([path]) => `/${path.slice(0, -'index.html'.length)}`)
    .sort();
}

/** Article pages whose related rail differs between two archives. */
function railsChanged(before: Archive, after: Archive): string[] {
  const rail = (archive: Archive, slug: string): string => {
    const article = archive.articles.find((a) => a.slug === slug);
    return article
      ? archive
          .related(article)
          .map((r) => `${r.slug}:${r.title}`)
          .join()
      : '';
  };
  return after.articles.filter((a) => rail(before, a.slug) !== rail(after, a.slug)).map(articleUrl);
}

/** Pages every build writes: the front page (keyed, but a single static page Astro always renders) and the unkeyed ones (the editor's /admin/ among them). */
const UNKEYED = ['/', '/admin/', '/comments/thanks/', '/search/'];

describe('incremental builds', () => {
  let content: string;
  let outDir: string;
  let state: Map<string, FileState>;
  let archive: Archive;

  /** Rebuilds incrementally after `change`; returns the pages rewritten and the archives before and after. */
  function rebuild(change: () => void, now = NOW): { rewritten: string[]; output: string; before: Archive; after: Archive } {
    const before = archive;
    change();
    const result = runBuild(content, now, outDir);
    if (result.status !== 0) throw new Error(`incremental build failed:\n${result.output}`);
    const next = snapshot(outDir);
    const rewritten = rewrittenPages(state, next);
    state = next;
    archive = buildArchive(loadContent(content), Date.parse(now));
    return { rewritten, output: result.output, before, after: archive };
  }

  /** The same content built from scratch, for comparison. */
  function fullBuild(now = NOW): Map<string, FileState> {
    const result = runBuild(content, now, undefined, { DATELINE_FULL_BUILD: '1' });
    if (result.status !== 0) throw new Error(`full build failed:\n${result.output}`);
    expect(result.output).toMatch(/full build: \d+ pages \(DATELINE_FULL_BUILD=1\)/);
    return snapshot(result.outDir);
  }

  const edit = (path: string, from: string | RegExp, to: string): void => {
    const file = join(content, path);
    const text = readFileSync(file, 'utf8');
    const next = text.replace(from, to);
    expect(next, `${path} should contain ${from}`).not.toBe(text);
    writeFileSync(file, next);
  };

  beforeAll(() => {
    content = fixtureCopy('basic', fillerArticles(45, 'business', 'markets-desk'));
    const first = runBuild(content, NOW);
    if (first.status !== 0) throw new Error(`first build failed:\n${first.output}`);
    expect(first.output).toMatch(/full build: \d+ pages \(no earlier build of this output/);
    outDir = first.outDir;
    state = snapshot(outDir);
    archive = buildArchive(loadContent(content), Date.parse(NOW));
  });

  it('publishing a story rewrites its page, the front, its section, desk and topics, and the rails it joins, and nothing else', () => {
    const { rewritten, output, before, after } = rebuild(() =>
      writeFileSync(
        join(content, 'articles/2026/dock-deal-agreed.md'),
        '---\ntitle: "Dock deal agreed at dawn"\nsection: world\ndesk: news-desk\npublishedAt: 2026-06-01T10:00:00+00:00\ntags: [ports, eu]\n---\n\nThe dock deal was agreed at dawn.\n',
      ),
    );
    expect(output).toMatch(/incremental: \d+ of \d+ pages to render/);
    expect(output).toMatch(KEPT_BUNDLE);
    const joined = after.articles.filter((a) => after.related(a).some((r) => r.slug === 'dock-deal-agreed')).map(articleUrl);
    expect(joined.length).toBeGreaterThan(0);
    const rails = railsChanged(before, after);
    expect(rails).toEqual(expect.arrayContaining(joined));
    const expected = ['/world/dock-deal-agreed/', '/', '/world/', '/desk/news-desk/', '/tag/ports/', '/tag/eu/', ...rails, ...UNKEYED];
    expect(rewritten).toEqual([...new Set(expected)].sort());
    // A story in another section, with no topic in common, was left alone.
    expect(rewritten).not.toContain('/business/filler-3/');
    expect(differences(state, fullBuild())).toEqual([]);
  });

  it('a corrected headline reaches every page that shows it, and only those', () => {
    const { rewritten, before, after } = rebuild(() =>
      edit('articles/2026/port-strike-ends.md', /^title: .*$/m, 'title: "Port strike ends after nine days"'),
    );
    const shownOn = after.articles.filter((a) => after.related(a).some((r) => r.slug === 'port-strike-ends')).map(articleUrl);
    expect(shownOn.length).toBeGreaterThan(0);
    const expected = [
      '/world/port-strike-ends/',
      '/',
      '/world/',
      '/desk/news-desk/',
      '/tag/ports/',
      '/tag/labour/',
      ...railsChanged(before, after),
      ...UNKEYED,
    ];
    expect(rewritten).toEqual([...new Set(expected)].sort());
    expect(rewritten).toEqual(expect.arrayContaining(shownOn));
    expect(readFileSync(join(outDir, 'world/harbour-accord-signed/index.html'), 'utf8')).toContain('Port strike ends after nine days');
    expect(differences(state, fullBuild())).toEqual([]);
  });

  it('a new approved comment rewrites only its article page', () => {
    const { rewritten } = rebuild(() =>
      writeFileSync(
        join(content, 'comments/port-strike-ends/late-reply.md'),
        '---\nauthor: "Dana Borg"\npublishedAt: 2026-05-31T08:00:00+00:00\n---\n\nGood to see the ferries running again.\n',
      ),
    );
    expect(rewritten).toEqual(['/world/port-strike-ends/', ...UNKEYED].sort());
    expect(differences(state, fullBuild())).toEqual([]);
  });

  it('a new correction re-renders its story, the pages that show its card and the corrections page, and reaches the corrections feed', () => {
    const { rewritten, before, after } = rebuild(() =>
      edit(
        'articles/2026/port-strike-ends.md',
        /^section: world$/m,
        'section: world\ncorrections:\n  - { date: 2026-06-01T09:00:00+00:00, text: "The strike lasted nine days, not eight." }',
      ),
    );
    // Rails name the story by its file's digest, so the pages whose rail shows it are rendered again too (to the same bytes).
    const shownOn = after.articles.filter((a) => after.related(a).some((r) => r.slug === 'port-strike-ends')).map(articleUrl);
    const expected = [
      '/world/port-strike-ends/',
      '/corrections/',
      '/',
      '/world/',
      '/desk/news-desk/',
      '/tag/ports/',
      '/tag/labour/',
      ...shownOn,
      ...railsChanged(before, after),
      ...UNKEYED,
    ];
    expect(rewritten).toEqual([...new Set(expected)].sort());
    expect(readFileSync(join(outDir, 'corrections/index.html'), 'utf8')).toContain('The strike lasted nine days, not eight.');
    expect(readFileSync(join(outDir, 'corrections/rss.xml'), 'utf8')).toContain('The strike lasted nine days, not eight.');
    expect(differences(state, fullBuild())).toEqual([]);
  });

  it('an update to a live story rewrites only its page and its updates.json', () => {
    const update = (id: string, time: string, text: string): void =>
      writeFileSync(
        join(content, `updates/fresh-story/${id}.md`),
        `---\npublishedAt: 2026-06-01T${time}:00+00:00\nkey: true\n---\n\n${text}\n`,
      );
    // The story goes live with its first update (its page, listings and feeds change), then a second update is published.
    rebuild(() => {
      edit('articles/2026/fresh-story.md', /^comments: false$/m, 'comments: false\nlive: true');
      mkdirSync(join(content, 'updates/fresh-story'), { recursive: true });
      update('0900-first', '09:00', 'The first update.');
    });
    const json = 'world/fresh-story/updates.json';
    const before = state.get(json);
    expect(before).toBeDefined();
    const { rewritten } = rebuild(() => update('1100-second', '11:00', 'The second update.'));
    expect(rewritten).toEqual(['/world/fresh-story/', ...UNKEYED].sort());
    expect(state.get(json)?.written).not.toBe(before?.written);
    expect(readFileSync(join(outDir, json), 'utf8')).toContain('The second update.');
    expect(readFileSync(join(outDir, 'world/fresh-story/index.html'), 'utf8')).toContain('id="update-1100-second"');
    expect(differences(state, fullBuild())).toEqual([]);
  });

  it('a photo touched by a fresh checkout re-renders nothing; a new photo re-renders every page that shows it', () => {
    const photo = join(content, 'articles/2026/quay-at-dusk.jpg');
    const later = new Date(Date.now() + 3_600_000);
    // A checkout gives every file a new modification time, bytes unchanged.
    const touched = rebuild(() => utimesSync(photo, later, later));
    expect(touched.rewritten).toEqual([]);
    expect(touched.output).toMatch(/nothing changed since the last build/);
    const oldCopies = [...state.keys()].filter((path) => path.includes('quay-at-dusk'));
    expect(oldCopies.length).toBeGreaterThan(0);
    // The picture editor swaps in another photo under the same name: the pages import it, so Astro bundles them again.
    const { rewritten, output } = rebuild(() => copyFileSync(join(content, 'articles/2026/zanzidraft-photo.jpg'), photo));
    expect(output).toMatch(ASTRO_BUILD);
    expect(output).not.toMatch(KEPT_BUNDLE);
    expect(rewritten).toEqual(
      expect.arrayContaining(['/world/port-strike-ends/', '/world/', '/desk/news-desk/', '/tag/ports/', '/tag/labour/']),
    );
    expect(rewritten).not.toContain('/business/filler-3/');
    // The old photo's resized copies are gone, the new one's are there.
    expect(oldCopies.filter((path) => state.has(path))).toEqual([]);
    expect([...state.keys()].some((path) => path.includes('quay-at-dusk'))).toBe(true);
    expect(differences(state, fullBuild())).toEqual([]);
  });

  it('a bundle kept for other code (or another site config, or other photos) is not used: Astro bundles again and keeps its own', () => {
    const info = join(keptBundleDir(join(ROOT, '.cache/dateline'), outDir), 'dateline-bundle.json');
    const kept = JSON.parse(readFileSync(info, 'utf8')) as KeptBundleInfo;
    // As if made by other code: the key names what a bundle was made from (tests/unit/kept-bundle.test.ts).
    writeFileSync(info, JSON.stringify({ ...kept, key: 'other-code' }));
    const first = rebuild(() => edit('articles/2026/fresh-story.md', /^title: .*$/m, 'title: "Fresh story, updated"'));
    expect(first.output).toMatch(/incremental: \d+ of \d+ pages to render/);
    expect(first.output).toMatch(ASTRO_BUILD);
    expect(first.output).not.toMatch(KEPT_BUNDLE);
    expect((JSON.parse(readFileSync(info, 'utf8')) as KeptBundleInfo).key).toBe(kept.key);
    expect(differences(state, fullBuild())).toEqual([]);
    // The bundle it kept serves the next publish.
    const second = rebuild(() => edit('articles/2026/fresh-story.md', /^title: .*$/m, 'title: "Fresh story, updated again"'));
    expect(second.output).toMatch(KEPT_BUNDLE);
    expect(differences(state, fullBuild())).toEqual([]);
  });

  it('taking stories down deletes their pages and drops them from listings, rails, feeds, sitemaps, redirects and search', () => {
    expect(state.has('_redirects')).toBe(true);
    const { output } = rebuild(() => {
      // The two published stories with old addresses: with both gone, no redirect is left to write.
      edit('articles/2026/port-strike-ends.md', /^section: world$/m, 'section: world\ndraft: true');
      edit('articles/2026/harbour-accord-signed.md', /^section: world$/m, 'section: world\ndraft: true');
    });
    expect(output).toMatch(/removed 2 pages, \d+ shards, \d+ other files and [1-9]\d* unused photo copies/);
    expect(state.has('world/port-strike-ends/index.html')).toBe(false);
    expect(state.has('_redirects')).toBe(false);
    // Its photo's resized copies go too: nothing of a story taken down stays online.
    expect([...state.keys()].filter((path) => path.includes('quay-at-dusk'))).toEqual([]);
    expect(differences(state, fullBuild())).toEqual([]);
  });

  it('follows the clock: an embargo that lifts publishes its story everywhere it belongs', () => {
    const later = '2026-07-02T12:00:00+00:00';
    const { rewritten, output } = rebuild(() => undefined, later);
    expect(output).toMatch(/incremental: \d+ of \d+ pages to render/);
    expect(rewritten).toEqual(expect.arrayContaining(['/business/embargoed-budget/', '/business/', '/desk/markets-desk/', '/tag/ports/']));
    expect(rewritten).not.toContain('/business/filler-3/');
    expect(differences(state, fullBuild(later))).toEqual([]);
  });

  it('builds everything again when the output no longer holds what the last build left', () => {
    rmSync(join(outDir, 'world/fresh-story/index.html'));
    const later = '2026-07-02T12:00:00+00:00';
    const again = runBuild(content, later, outDir);
    expect(again.output).toMatch(/full build: \d+ pages \(the code, the shared inputs or the output changed\)/);
    state = snapshot(outDir);
    expect(state.has('world/fresh-story/index.html')).toBe(true);
    expect(differences(state, fullBuild(later))).toEqual([]);
  });
});

// The content index (src/lib/content/content-index.ts): in a git checkout a
// file is known by git's blob id, so a change is found whatever the file's
// modification time says, and an edit not yet committed is found from its bytes.
describe('incremental builds of content in git', () => {
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Desk', '-c', 'user.email=desk@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
    });
  let content: string;
  let outDir: string;
  let state: Map<string, FileState>;

  /** Replaces `from` with `to` (as long) in a file, and gives the file back its modification time. */
  const editInPlace = (path: string, from: string, to: string): void => {
    expect(to.length).toBe(from.length);
    const file = join(content, path);
    const { atime, mtime } = statSync(file);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
    utimesSync(file, atime, mtime);
  };

  const rebuild = (): string => {
    const result = runBuild(content, NOW, outDir);
    if (result.status !== 0) throw new Error(`incremental build failed:\n${result.output}`);
    state = snapshot(outDir);
    return result.output;
  };

  const fullBuild = (): Map<string, FileState> => {
    const result = runBuild(content, NOW, undefined, { DATELINE_FULL_BUILD: '1' });
    if (result.status !== 0) throw new Error(`full build failed:\n${result.output}`);
    expect(result.output).toMatch(/index not used: a full build reads every file/);
    return snapshot(result.outDir);
  };

  beforeAll(() => {
    content = fixtureCopy('basic');
    git(content, 'init', '-q');
    git(content, 'add', '.');
    git(content, 'commit', '-qm', 'the archive');
    const first = runBuild(content, NOW);
    if (first.status !== 0) throw new Error(`first build failed:\n${first.output}`);
    outDir = first.outDir;
    const again = rebuild();
    expect(again).toMatch(/0 files read, (\d+) taken from the content index, \1 known by git's ids/);
  });

  it('reads again a story changed in a commit, its modification time and size as they were', () => {
    editInPlace('articles/2026/port-strike-ends.md', 'Port strike', 'Dock strike');
    git(content, 'commit', '-qam', 'retitle');
    const output = rebuild();
    expect(output).toMatch(/content ok: .*\(1 files read, \d+ taken from the content index/);
    expect(readFileSync(join(outDir, 'world/port-strike-ends/index.html'), 'utf8')).toContain('Dock strike');
    expect(differences(state, fullBuild())).toEqual([]);
  });

  it('reads a change made outside git (not committed) from the file itself', () => {
    editInPlace('articles/2026/port-strike-ends.md', 'Dock strike', 'Quay strike');
    const output = rebuild();
    expect(output).toMatch(/content ok: .*\(1 files read, \d+ taken from the content index/);
    expect(readFileSync(join(outDir, 'world/port-strike-ends/index.html'), 'utf8')).toContain('Quay strike');
    expect(differences(state, fullBuild())).toEqual([]);
  });
});

// One build split across machines (npm run build -- --shard i/n, then --assemble DIR…, src/lib/build/shard.ts):
// each part has its own output and cache folder, as a matrix job on its own runner would.
describe('a build in three parts, assembled', () => {
  const PARTS = 3;
  let content: string;
  let base: string;
  const partDir = (i: number): string => join(base, `part-${i}`);
  const assembled = (): string => join(base, 'assembled');

  /** `node scripts/build.ts ...args` over the content, into `outDir` with its own cache folder. */
  function build(args: string[], outDir: string, cache: string, now = NOW): { status: number | null; output: string } {
    const { DATELINE_COMMENTS_ENDPOINT: _, ...inherited } = process.env;
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build.ts'), ...args], {
      cwd: ROOT,
      env: {
        ...inherited,
        DATELINE_CONTENT_DIR: content,
        DATELINE_NOW: now,
        DATELINE_OUT_DIR: outDir,
        DATELINE_CACHE_DIR: join(base, cache),
      },
      encoding: 'utf8',
      timeout: 240_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }
  const part = (i: number, now = NOW): string => {
    const result = build(['--shard', `${i}/${PARTS}`], partDir(i), `cache-${i}`, now);
    if (result.status !== 0) throw new Error(`part ${i} failed:\n${result.output}`);
    return result.output;
  };
  const assemble = (dirs = [1, 2, 3].map(partDir)): { status: number | null; output: string } =>
    build(['--assemble', ...dirs], assembled(), 'cache-assembled');
  const whole = (): Map<string, FileState> => {
    const result = runBuild(content, NOW, undefined, { DATELINE_FULL_BUILD: '1' });
    if (result.status !== 0) throw new Error(`full build failed:\n${result.output}`);
    return snapshot(result.outDir);
  };
  const articlePages = (dir: string): string[] =>
    [...snapshot(dir).keys()].filter((path) => /^(?:world|business|politics)\/[^/]+\/index\.html$/.test(path));

  beforeAll(() => {
    content = fixtureCopy('basic', fillerArticles(12, 'business', 'markets-desk'));
    base = mkdtempSync(join(tmpdir(), 'dateline-parts-'));
  });

  it('three parts, each rendering its own pages, assemble into exactly what one build makes', () => {
    for (let i = 1; i <= PARTS; i++) expect(part(i)).toMatch(new RegExp(`building part ${i}/3[\\s\\S]*full build`));
    // Each story page is rendered by exactly one part; together they make every story page.
    const byPart = [1, 2, 3].map((i) => articlePages(partDir(i)));
    const all = byPart.flat();
    expect(new Set(all).size).toBe(all.length);
    for (const pages of byPart) expect(pages.length).toBeLessThan(all.length);
    for (let i = 1; i <= PARTS; i++) expect(existsSync(join(partDir(i), 'dateline-part.json'))).toBe(true);
    const result = assemble();
    expect(result.output).toMatch(/assembled .* from 3 parts/);
    expect(result.status).toBe(0);
    const single = whole();
    expect(new Set(articlePages(assembled()))).toEqual(new Set(all));
    expect(snapshot(assembled()).has('dateline-part.json')).toBe(false);
    expect(differences(snapshot(assembled()), single)).toEqual([]);
  });

  it('after an edit each part builds incrementally, and the assembly is again one build’s output; a single build after it has nothing to do', () => {
    const file = join(content, 'articles/2026/port-strike-ends.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "Port strike ends after nine days"'));
    for (let i = 1; i <= PARTS; i++) expect(part(i)).toMatch(/incremental: \d+ of \d+ pages to render/);
    const result = assemble();
    expect(result.status, result.output).toBe(0);
    expect(readFileSync(join(assembled(), 'world/harbour-accord-signed/index.html'), 'utf8')).toContain('Port strike ends after nine days');
    expect(differences(snapshot(assembled()), whole())).toEqual([]);
    // The assembly leaves the joined manifest: the next single build of that folder starts from it.
    const next = build([], assembled(), 'cache-assembled');
    expect(next.output).toMatch(/nothing changed since the last build/);
  });

  it('refuses a missing part, a part given twice, a folder that is no part, and a file two parts hold with different bytes, leaving the output as it was', () => {
    const before = snapshot(assembled());
    const missing = assemble([partDir(1), partDir(3)]);
    expect(missing.status).toBe(1);
    expect(missing.output).toContain('cannot assemble: part 2/3 is missing; build it with --shard 2/3');
    const twice = assemble([partDir(1), partDir(2), partDir(2), partDir(3)]);
    expect(twice.output).toMatch(/cannot assemble: part 2\/3 is given twice/);
    const notPart = assemble([partDir(1), partDir(2), join(ROOT, 'tests/fixtures/basic')]);
    expect(notPart.output).toMatch(/has no dateline-part\.json; it is not the output of `npm run build -- --shard i\/n`/);
    const feed = join(partDir(2), 'rss.xml');
    const original = readFileSync(feed);
    writeFileSync(feed, `${original.toString('utf8')}<!-- tampered -->`);
    try {
      const differ = assemble();
      expect(differ.status).toBe(1);
      expect(differ.output).toMatch(/cannot assemble: rss\.xml differs between .*part-1 \(part 1\/3\) and .*part-2 \(part 2\/3\)/);
    } finally {
      writeFileSync(feed, original);
    }
    expect(differences(before, snapshot(assembled()))).toEqual([]);
    expect([...snapshot(assembled())].every(([path, state]) => before.get(path)?.written === state.written)).toBe(true);
  });

  it('refuses parts built at different clocks, naming DATELINE_NOW', () => {
    part(2, '2026-06-01T13:00:00+00:00');
    const result = assemble();
    expect(result.status).toBe(1);
    expect(result.output).toMatch(
      /part 1\/3\) \(2026-06-01T12:00:00\.000Z\) and .*\(part 2\/3\) \(2026-06-01T13:00:00\.000Z\) were built from different build clocks; give every part the same DATELINE_NOW/,
    );
  });
});
