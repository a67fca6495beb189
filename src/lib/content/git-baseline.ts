// How the article files a writer has changed stood in git's last commit: the
// input of the "left draft with an old publishedAt" warning (stale-dates.ts).
// A constant number of git calls whatever the size of the archive: one to find
// the repository, one `git status` for every changed or new file, and one
// `git cat-file --batch` for the committed text of the changed ones.
import { isFrontmatterFailure, parseMarkdownFile } from './frontmatter.ts';
import { git, gitWorkTree } from './git.ts';

/** How an article file stood in HEAD: not there at all, or there with `draft: true`. */
export type Baseline = 'new' | 'draft';

/**
 * For each article file (absolute path) under `articlesDir` that is new since
 * HEAD or was a draft in HEAD and has changed since: 'new' or 'draft'. Files
 * unchanged since HEAD, and changed ones HEAD had as published, are left out.
 * Undefined when the folder is not inside a git work tree (or git is missing).
 */
export function readGitBaseline(articlesDir: string): Map<string, Baseline> | undefined {
  const tree = gitWorkTree(articlesDir);
  if (tree === undefined) return undefined;
  const key = tree.under;
  const status = git(articlesDir, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', '.']);
  if (status === undefined) return undefined;
  const baseline = new Map<string, Baseline>();
  const changed: string[] = [];
  for (const entry of status.toString('utf8').split('\0')) {
    if (entry.length < 4) continue;
    const code = entry.slice(0, 2);
    const path = entry.slice(3);
    if (!path.endsWith('.md') || code.includes('D')) continue;
    if (code === '??' || code[0] === 'A') baseline.set(key(path), 'new');
    else changed.push(path);
  }
  if (changed.length === 0) return baseline;
  // A file HEAD has not got (a first commit, or one added in the index) comes back "missing".
  const blobs = git(articlesDir, ['cat-file', '--batch'], changed.map((p) => `HEAD:${p}\n`).join(''));
  if (blobs === undefined) return baseline;
  let at = 0;
  for (const path of changed) {
    const end = blobs.indexOf(0x0a, at);
    if (end === -1) break;
    const header = blobs.subarray(at, end).toString('utf8');
    at = end + 1;
    if (header.endsWith(' missing')) {
      baseline.set(key(path), 'new');
      continue;
    }
    const size = Number(header.split(' ')[2]);
    const text = blobs.subarray(at, at + size).toString('utf8');
    at += size + 1;
    const parsed = parseMarkdownFile(text);
    if (!isFrontmatterFailure(parsed) && parsed.data['draft'] === true) baseline.set(key(path), 'draft');
  }
  return baseline;
}
