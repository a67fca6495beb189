// The "left draft with an old publishedAt" warning of check:content: which
// stories git says have just left draft (readGitBaseline, on a real temporary
// repository), and which of them are dated too long ago (findStalePublishDates).
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readGitBaseline, type Baseline } from '#lib/content/git-baseline.ts';
import { findStalePublishDates } from '#lib/content/stale-dates.ts';
import { articleFile, DAY, HOUR, makeArticle, makeTempDir, PUBLISHED_MS, removeTempDirs, writeContentTree } from './factories.ts';

afterEach(removeTempDirs);

describe('findStalePublishDates', () => {
  const now = PUBLISHED_MS + 3 * DAY;
  const story = makeArticle({ slug: 'ferry', path: '/c/articles/2026/ferry.md', file: 'content/articles/2026/ferry.md' });
  const baseline = (b: Baseline): Map<string, Baseline> => new Map([[story.path, b]]);

  it('warns about a story that was a draft in the last commit and is dated three days ago, with the time to write', () => {
    expect(findStalePublishDates([story], baseline('draft'), now, 'Europe/Dublin', () => 5)).toEqual([
      {
        file: 'content/articles/2026/ferry.md',
        line: 5,
        field: 'publishedAt',
        message:
          'is 2026-11-24T08:30:00+00:00, 3 days ago, but the story was a draft in the last commit, so it is probably being published now: ' +
          'it would appear 3 days old, below newer stories. If it goes out now, write publishedAt: 2026-11-27T08:30:00+00:00; if the date is right, ignore this warning',
      },
    ]);
  });

  it('says when the story is new since the last commit', () => {
    expect(findStalePublishDates([story], baseline('new'), now, 'UTC')[0]!.message).toContain(
      'but the story is not in the last commit yet,',
    );
  });

  it('gives the time in the site’s zone', () => {
    expect(findStalePublishDates([story], baseline('new'), PUBLISHED_MS + 200 * DAY, 'Europe/Dublin')[0]!.message).toContain(
      'write publishedAt: 2027-06-12T09:30:00+01:00;',
    );
  });

  it('says nothing within a day of publishedAt, for drafts, imported stories, or stories git has as published', () => {
    expect(findStalePublishDates([story], baseline('draft'), PUBLISHED_MS + 24 * HOUR, 'UTC')).toEqual([]);
    expect(findStalePublishDates([{ ...story, draft: true }], baseline('draft'), now, 'UTC')).toEqual([]);
    expect(findStalePublishDates([{ ...story, legacyUrl: 'https://old.example/ferry/' }], baseline('new'), now, 'UTC')).toEqual([]);
    expect(findStalePublishDates([story], new Map(), now, 'UTC')).toEqual([]);
  });

  it('counts one day as "1 day"', () => {
    expect(findStalePublishDates([story], baseline('draft'), PUBLISHED_MS + 25 * HOUR, 'UTC')[0]!.message).toMatch(
      /, 1 day ago, .* appear a day old/,
    );
  });
});

describe('readGitBaseline', () => {
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
    });

  /** A repository with content/articles/2026/{published,draft,edited}.md committed. */
  function repository(): { root: string; articles: string } {
    const root = writeContentTree({
      'content/articles/2026/published.md': articleFile(),
      'content/articles/2026/draft.md': articleFile({ draft: true }),
      'content/articles/2026/still-draft.md': articleFile({ draft: true }),
      'content/articles/2026/renamed.md': articleFile({ draft: true }),
      'README.md': 'not content\n',
    });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'start');
    return { root, articles: join(root, 'content', 'articles') };
  }

  it('is undefined outside a git repository', () => {
    const dir = makeTempDir();
    expect(readGitBaseline(dir)).toBeUndefined();
  });

  it('is empty when nothing changed since the last commit', () => {
    expect(readGitBaseline(repository().articles)).toEqual(new Map());
  });

  it('names new files, staged or not, and changed files that were drafts in HEAD', () => {
    const { root, articles } = repository();
    const at = (name: string): string => join(articles, '2026', name);
    writeFileSync(at('draft.md'), articleFile()); // left draft
    writeFileSync(at('still-draft.md'), articleFile({ draft: true, title: 'Edited' })); // edited, still a draft: git has it as one
    writeFileSync(at('published.md'), articleFile({ title: 'Corrected' })); // published before: not listed
    writeFileSync(at('untracked.md'), articleFile());
    writeFileSync(at('staged.md'), articleFile());
    git(root, 'add', 'content/articles/2026/staged.md');
    renameSync(at('renamed.md'), at('moved.md'));
    writeFileSync(join(root, 'README.md'), 'changed, and not an article\n');
    expect(new Map([...readGitBaseline(articles)!].sort())).toEqual(
      new Map<string, Baseline>([
        [at('draft.md'), 'draft'],
        [at('moved.md'), 'new'],
        [at('staged.md'), 'new'],
        [at('still-draft.md'), 'draft'],
        [at('untracked.md'), 'new'],
      ]),
    );
  });

  it('reads a repository with no commit yet as all new', () => {
    const root = writeContentTree({ 'content/articles/2026/a.md': articleFile() });
    git(root, 'init', '-q');
    git(root, 'add', '.');
    const articles = join(root, 'content', 'articles');
    expect(readGitBaseline(articles)).toEqual(new Map([[join(articles, '2026', 'a.md'), 'new']]));
    rmSync(join(root, '.git'), { recursive: true });
  });
});
