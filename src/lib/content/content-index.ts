// The content index: what the loader made of each content file in the last
// build, kept between builds, so a file that did not change is neither read nor
// parsed again (docs/decisions/0016-content-index.md).
//
// A file is known by an id of its bytes that a fresh checkout keeps (a CI job's
// clone resets every modification time, so times cannot say what changed):
// git's blob id from one `git ls-files -s` for every committed file git says is
// unchanged in the work tree, else the file's size and digest, read from disk.
// An entry is used only when its file has the same id, and the index is
// thrown away whole when the code or the loader's options change.
import { hash } from 'node:crypto';
import { join } from 'node:path';
import { KeptMap } from './kept-map.ts';
import { git, gitWorkTree } from './git.ts';

/** What the loader keeps of one file that loaded without a problem: its entry and its digest. */
export interface IndexedEntry {
  value: unknown;
  digest: string;
}

/** The loader's side of the index (src/lib/content/load-content.ts). */
export interface EntryIndex {
  /** The file's id when it is known without reading the file (git's blob id), else undefined. */
  knownId(abs: string): string | undefined;
  /** The id of bytes read from disk: their size and digest. */
  idOfBytes(bytes: Uint8Array): string;
  get(abs: string, id: string): IndexedEntry | undefined;
  set(abs: string, id: string, entry: IndexedEntry): void;
}

/** How an index's run went: for the build's log and the tests. */
export interface IndexStats {
  /** Files whose entry came from the index. */
  reused: number;
  /** Files read and parsed. */
  parsed: number;
  /** Files git gave an id for, without reading them. */
  fromGit: number;
  /** Why the whole index was not used, if it was not. */
  discarded?: string;
}

export class ContentIndex implements EntryIndex {
  readonly stats: IndexStats = { reused: 0, parsed: 0, fromGit: 0 };
  /** git's blob ids of the unchanged files under the content folder (empty outside git). */
  readonly gitIds: ReadonlyMap<string, string>;
  readonly #kept: KeptMap<{ id: string; entry: IndexedEntry }>;

  /**
   * The index kept in `file` for `header` (a digest of the code and the
   * loader's options), with git's ids for the files under `contentDir`.
   * `ignoreKept` reads every file (a full build), and keeps what it read.
   */
  constructor(file: string, header: string, contentDir: string, ignoreKept = false) {
    this.#kept = new KeptMap(file, header, ignoreKept);
    const { discarded } = this.#kept;
    if (discarded) this.stats.discarded = ignoreKept ? 'a full build reads every file' : discarded;
    this.gitIds = gitBlobIds(contentDir) ?? new Map();
  }

  knownId(abs: string): string | undefined {
    const id = this.gitIds.get(abs);
    if (id !== undefined) this.stats.fromGit++;
    return id;
  }

  idOfBytes(bytes: Uint8Array): string {
    return `${bytes.byteLength}:${hash('sha1', bytes)}`;
  }

  get(abs: string, id: string): IndexedEntry | undefined {
    const kept = this.#kept.peek(abs);
    if (kept?.id !== id) return undefined;
    this.stats.reused++;
    this.#kept.keep(abs, kept);
    return kept.entry;
  }

  set(abs: string, id: string, entry: IndexedEntry): void {
    this.stats.parsed++;
    this.#kept.keep(abs, { id, entry });
  }

  /**
   * Keeps what this build loaded (files gone since are dropped) for the next
   * build; then lets go of the entries, which the loaded content holds (at
   * 100,000 stories the index is some 160 MB).
   */
  save(): void {
    this.#kept.save();
  }
}

/** Where the build keeps what it worked out about the files of `contentDir` ("entries" by the loader, "links" by the link check). */
export function contentIndexFile(cacheDir: string, contentDir: string, kind: 'entries' | 'links' = 'entries'): string {
  return join(cacheDir, 'content-index', `${hash('sha1', contentDir).slice(0, 16)}.${kind}.v8`);
}

/**
 * git's blob id of every file under `dir` that git has committed or staged and
 * whose work-tree copy git says is unchanged, by absolute path under `dir` as
 * given. Two git calls whatever the archive's size. Undefined outside a git
 * work tree, or without git.
 */
export function gitBlobIds(dir: string): Map<string, string> | undefined {
  const tree = gitWorkTree(dir);
  if (tree === undefined) return undefined;
  const staged = git(dir, ['ls-files', '-s', '-z', '--full-name', '--', '.']);
  const status = git(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=no', '--no-renames', '--', '.']);
  if (staged === undefined || status === undefined) return undefined;
  // Anything `git status` names differs somewhere (index or work tree): its bytes are read instead.
  const changed = new Set(
    status
      .toString('utf8')
      .split('\0')
      .filter((entry) => entry.length > 3)
      .map((entry) => entry.slice(3)),
  );
  const ids = new Map<string, string>();
  for (const line of staged.toString('utf8').split('\0')) {
    // "<mode> <blob id> <stage>\t<path>"; a stage other than 0 is a conflict: read from disk.
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, id, stage] = line.slice(0, tab).split(' ');
    const path = line.slice(tab + 1);
    if (stage !== '0' || !/^100(644|755)$/.test(mode ?? '') || changed.has(path)) continue; // links and submodules are not files
    ids.set(tree.under(path), id!);
  }
  return ids;
}
