// The output folder and the files a build stages for it: where a build stages,
// how a full build is swapped in whole, and how an incremental build's files
// are moved over the previous output. Paths are passed in; nothing here keeps state.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

/** The folders one build (process `pid`) works in besides the output itself. */
export interface StagingPaths {
  /** Where Astro builds the pages. */
  pages: string;
  /** Where the search worker writes its shards (Astro empties its own output folder when it starts). */
  search: string;
  /** A copy of the staged site beside the output, when staging is on another folder or disk. */
  incoming: string;
  /** Suffix of the old output (or old shard) while it is being replaced. */
  oldSuffix: string;
}

/** Where builds of `outDir` stage outside it: the folder and the name every staging entry starts with. */
export function stagingPlaces(root: string, outDir: string): { dir: string; prefix: string }[] {
  const besideOutput = { dir: dirname(outDir), prefix: `${basename(outDir)}.` };
  // Astro keeps its prerender chunks inside the output folder only when that is
  // inside the project (they import packages from node_modules); otherwise in
  // <project>/.astro/, which two builds at once would share and break. So a build
  // for elsewhere (tests, a deploy folder) is staged inside the project, then copied.
  return outDir.startsWith(root + sep)
    ? [{ dir: dirname(outDir), prefix: `.${basename(outDir)}.staging-` }, besideOutput]
    : [{ dir: join(root, '.cache', 'dateline'), prefix: 'staging-' }, besideOutput];
}

/** The staging folders of the build by process `pid`. */
export function stagingPaths(root: string, outDir: string, pid: number): StagingPaths {
  const [staging] = stagingPlaces(root, outDir);
  const pages = join(staging!.dir, `${staging!.prefix}${pid}`);
  return { pages, search: `${pages}-search`, incoming: `${outDir}.incoming-${pid}`, oldSuffix: `.old-${pid}` };
}

/** Bytes in the files under `dir` (0 when it does not exist). */
export function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** Every file under `dir`, as relative paths with "/". */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** The file that serves the page at `url` under `dir`. */
export function pageFile(dir: string, url: string): string {
  return join(dir, ...url.split('/').filter(Boolean), 'index.html');
}

/** The page URL an output file serves ("world/x/index.html" is "/world/x/"), or "" for any other file. */
export function pageUrlOf(file: string): string {
  if (file === 'index.html') return '/';
  return file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : '';
}

/** What an incremental build removes from the previous output. */
export interface Gone {
  urls: readonly string[];
  shards: readonly string[];
  files: readonly string[];
}

export interface OverlayResult {
  written: number;
  shards: number;
}

/**
 * Moves an incremental build's files over the previous output: each
 * re-indexed search shard first (replacing its old folder whole), so the
 * search page never names a shard that is not there yet, then every file
 * Astro wrote; then deletes the pages, shards and other files that no longer exist.
 */
export function overlay(paths: StagingPaths, target: string, gone: Gone, onStep: (step: string) => void = () => undefined): OverlayResult {
  const bundles = existsSync(paths.search) ? readdirSync(paths.search) : [];
  for (const id of bundles) {
    const old = join(target, 'pagefind', id);
    const trash = `${old}${paths.oldSuffix}`;
    if (existsSync(old)) renameSync(old, trash);
    mkdirSync(dirname(old), { recursive: true });
    moveDir(join(paths.search, id), old);
    rmSync(trash, { recursive: true, force: true });
  }
  onStep('overlay-after-shards');
  const written = existsSync(paths.pages) ? moveTree(paths.pages, target) : 0;
  for (const id of gone.shards) rmSync(join(target, 'pagefind', id), { recursive: true, force: true });
  for (const file of [...gone.urls.map((url) => pageFile(target, url)), ...gone.files.map((f) => join(target, f))]) {
    rmSync(file, { force: true });
    removeEmptyDirs(dirname(file), target);
  }
  rmSync(paths.pages, { recursive: true, force: true });
  rmSync(paths.search, { recursive: true, force: true });
  return { written, shards: bundles.length };
}

/**
 * Prepares a full build's output beside `target` without touching it: the
 * search shards go into the staged site, which is copied next to the target
 * when it was staged on another folder or disk (a rename cannot cross them).
 * Returns the folder to swap in. Safe to run again after an interruption.
 */
export function stageBeside(paths: StagingPaths, shardIds: Iterable<string>, target: string): string {
  const sameFolder = dirname(paths.pages) === dirname(target);
  const fresh = sameFolder ? paths.pages : paths.incoming;
  if (!existsSync(paths.pages)) return fresh; // done before: only the copy beside the target is left
  mkdirSync(join(paths.pages, 'pagefind'), { recursive: true });
  for (const id of shardIds) {
    if (existsSync(join(paths.search, id))) renameSync(join(paths.search, id), join(paths.pages, 'pagefind', id));
  }
  rmSync(paths.search, { recursive: true, force: true });
  if (!sameFolder) {
    rmSync(paths.incoming, { recursive: true, force: true });
    cpSync(paths.pages, paths.incoming, { recursive: true });
    rmSync(paths.pages, { recursive: true, force: true });
  }
  return fresh;
}

/**
 * Replaces `target` with `fresh` in two renames, so readers never see half a
 * site; the old output is deleted after. Each step checks what is already
 * done, so a build killed between the renames is finished by the next one.
 */
export function swapIn(fresh: string, target: string, oldSuffix: string, onStep: (step: string) => void = () => undefined): void {
  const old = `${target}${oldSuffix}`;
  if (existsSync(fresh)) {
    if (existsSync(target)) {
      rmSync(old, { recursive: true, force: true });
      renameSync(target, old);
      onStep('swap-between-renames');
    }
    renameSync(fresh, target);
  }
  rmSync(old, { recursive: true, force: true });
}

/** Removes what a failed build staged, and any old shard folder it had set aside in `target`. */
export function removeStaging(paths: StagingPaths, target: string): void {
  for (const dir of [paths.pages, paths.search, paths.incoming]) rmSync(dir, { recursive: true, force: true });
  const shards = join(target, 'pagefind');
  for (const name of existsSync(shards) ? readdirSync(shards) : []) {
    if (name.endsWith(paths.oldSuffix)) rmSync(join(shards, name), { recursive: true, force: true });
  }
}

/** Moves every file under `from` to the same place under `to`; returns how many. */
function moveTree(from: string, to: string): number {
  let count = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const destination = join(to, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(destination, { recursive: true });
      count += moveTree(source, destination);
    } else {
      moveFile(source, destination);
      count++;
    }
  }
  return count;
}

function moveDir(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true });
  }
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(from, to);
  }
}

function removeEmptyDirs(dir: string, stop: string): void {
  for (let current = dir; current.startsWith(stop + sep); current = dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return; // not empty (or already gone): stop climbing
    }
  }
}
