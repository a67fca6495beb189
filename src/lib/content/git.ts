// The git calls of the content tools: the stale-draft warning's baseline
// (git-baseline.ts) and the content index's blob ids (content-index.ts).
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join, relative } from 'node:path';

/** git's output, or undefined when git fails or is missing. Paths come unquoted (core.quotePath=false). */
export function git(cwd: string, args: readonly string[], input?: string): Buffer | undefined {
  const result = spawnSync('git', ['-c', 'core.quotePath=false', ...args], {
    cwd,
    ...(input === undefined ? {} : { input }),
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  return result.status === 0 && result.stdout ? result.stdout : undefined;
}

/**
 * The git work tree holding `dir`, with the way back from the paths git names
 * (from the repository's top, with "/") to paths under `dir` as the caller
 * wrote it (git resolves links; the caller's path may not). Undefined outside
 * a work tree, or without git.
 */
export function gitWorkTree(dir: string): { under: (gitPath: string) => string } | undefined {
  const top = git(dir, ['rev-parse', '--show-toplevel']);
  if (top === undefined) return undefined;
  const root = top.toString('utf8').trim();
  const real = realpathSync(dir);
  return { under: (gitPath) => join(dir, relative(real, join(root, ...gitPath.split('/')))) };
}
