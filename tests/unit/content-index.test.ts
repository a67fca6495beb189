// The content index (src/lib/content/content-index.ts): an unchanged file is
// taken from the last load, whether git's ids or the file's bytes say so; any
// change (committed with the same modification time, made outside git, a
// photo removed beside an unchanged story) is read again.
import { execFileSync } from 'node:child_process';
import { rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentIndex, contentIndexFile, gitBlobIds } from '#lib/content/content-index.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { ContentError } from '#lib/content/problems.ts';
import { articleFile, commentFile, makeTempDir, removeTempDirs, validTree, writeContentTree } from './factories.ts';

afterEach(removeTempDirs);

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });

/** A content folder: the valid tree, two more stories and a comment; committed when `inGit`. */
function contentFolder(inGit: boolean): string {
  const dir = writeContentTree({
    ...validTree(),
    'articles/2026/second-story.md': articleFile({ title: 'Harbour talks resume', tags: ['Harbour'] }),
    'articles/2026/third-story.md': articleFile({ title: 'Ferry timetable changes' }),
    'comments/first-story/c1.md': commentFile(),
  });
  if (inGit) {
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'start');
  }
  return dir;
}

/** Loads `dir` through the index kept in `cache`, saves it, and returns the content and how the index served. */
function load(dir: string, cache: string, header = 'code-1') {
  const index = new ContentIndex(contentIndexFile(cache, dir), header, dir);
  const content = loadContent(dir, { index });
  index.save();
  return { content, stats: index.stats };
}

/** Files in contentFolder(): 2 sections, 2 desks, 3 stories and a comment. */
const ALL = 8;

describe('the content index in git', () => {
  it('reads nothing the second time, and gives the same content', () => {
    const dir = contentFolder(true);
    const cache = makeTempDir();
    const first = load(dir, cache);
    expect(first.stats).toMatchObject({ parsed: ALL, reused: 0, discarded: 'none kept from an earlier build' });
    const second = load(dir, cache);
    expect(second.stats).toMatchObject({ parsed: 0, reused: ALL, fromGit: ALL });
    expect(second.content).toEqual(first.content);
  });

  it('reads a story changed in a commit even when its modification time and size are what they were', () => {
    const dir = contentFolder(true);
    const cache = makeTempDir();
    load(dir, cache);
    const file = join(dir, 'articles/2026/third-story.md');
    const { atime, mtime, size } = statSync(file);
    writeFileSync(file, articleFile({ title: 'Ferry timetable chaoses' })); // same length as before
    utimesSync(file, atime, mtime);
    expect(statSync(file).size).toBe(size);
    git(dir, 'commit', '-qam', 'retitle');
    const { content, stats } = load(dir, cache);
    expect(stats).toMatchObject({ parsed: 1, reused: ALL - 1 });
    expect(content.articles.find((a) => a.slug === 'third-story')?.title).toBe('Ferry timetable chaoses');
  });

  it('reads a file changed outside git (not committed) or new, from its bytes', () => {
    const dir = contentFolder(true);
    const cache = makeTempDir();
    load(dir, cache);
    writeFileSync(join(dir, 'articles/2026/second-story.md'), articleFile({ title: 'Harbour talks collapse', tags: ['Harbour'] }));
    writeFileSync(join(dir, 'articles/2026/fourth-story.md'), articleFile({ title: 'A new story, not yet committed' }));
    expect(gitBlobIds(dir)?.has(join(dir, 'articles/2026/second-story.md'))).toBe(false);
    const { content, stats } = load(dir, cache);
    expect(stats).toMatchObject({ parsed: 2, reused: ALL - 1, fromGit: ALL - 1 });
    expect(content.articles.map((a) => a.title).sort()).toEqual(
      ['A headline', 'A new story, not yet committed', 'Ferry timetable changes', 'Harbour talks collapse'].sort(),
    );
  });

  it('drops a deleted story, and still checks the photo beside a story that did not change', () => {
    const dir = writeContentTree({
      ...validTree(),
      'articles/2026/with-photo.md': articleFile({ image: { src: './pier.jpg', alt: 'The pier at dawn' } }),
      'articles/2026/pier.jpg': 'not really a photo',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'start');
    const cache = makeTempDir();
    expect(load(dir, cache).content.articles).toHaveLength(2);
    git(dir, 'rm', '-q', 'articles/2026/first-story.md');
    git(dir, 'commit', '-qm', 'take down');
    expect(load(dir, cache).content.articles.map((a) => a.slug)).toEqual(['with-photo']);
    rmSync(join(dir, 'articles/2026/pier.jpg'));
    const index = new ContentIndex(contentIndexFile(cache, dir), 'code-1', dir);
    expect(() => loadContent(dir, { index })).toThrow(ContentError);
    expect(() => loadContent(dir, { index })).toThrow(/image\.src.*"\.\/pier\.jpg" is not in/);
    expect(index.stats.reused).toBeGreaterThan(0); // the story came from the index, and its photo was still checked
  });

  it('starts afresh when the code or the options change', () => {
    const dir = contentFolder(true);
    const cache = makeTempDir();
    load(dir, cache, 'code-1');
    expect(load(dir, cache, 'code-2').stats).toMatchObject({ parsed: ALL, reused: 0, discarded: 'the code or the settings changed' });
  });
});

describe('the content index outside git', () => {
  it('knows unchanged files by their size and digest, and reads a changed one whatever its modification time', () => {
    const dir = contentFolder(false);
    const cache = makeTempDir();
    expect(gitBlobIds(dir)).toBeUndefined();
    load(dir, cache);
    const file = join(dir, 'articles/2026/third-story.md');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, articleFile({ title: 'Ferry timetable chaoses' }));
    utimesSync(file, atime, mtime);
    const { content, stats } = load(dir, cache);
    expect(stats).toMatchObject({ parsed: 1, reused: ALL - 1, fromGit: 0 });
    expect(content.articles.find((a) => a.slug === 'third-story')?.title).toBe('Ferry timetable chaoses');
  });

  it('keeps nothing from a load that failed, so a problem is reported again', () => {
    const dir = contentFolder(false);
    writeFileSync(join(dir, 'articles/2026/broken.md'), articleFile({ section: 'nowhere' }));
    const cache = makeTempDir();
    const index = new ContentIndex(contentIndexFile(cache, dir), 'code-1', dir);
    expect(() => loadContent(dir, { index })).toThrow(/section/);
    // The build saves the index only after a load that succeeded: nothing was kept.
    expect(new ContentIndex(contentIndexFile(cache, dir), 'code-1', dir).stats.discarded).toBe('none kept from an earlier build');
    expect(() => loadContent(dir, { index: new ContentIndex(contentIndexFile(cache, dir), 'code-1', dir) })).toThrow(/section/);
  });
});
