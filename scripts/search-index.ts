// Builds the search index's shards (src/lib/search/search-shards.ts) in a worker
// thread while Astro renders the pages: the index is made from the archive and
// the rendered-body cache, not from the built HTML, so it need not wait for it.
// Only shards whose key changed are indexed again; the rest stay as they are.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Archive } from '#lib/archive/archive.ts';
import { cutShards, searchRecord, shardKey, WORD_DIRECTORY, type SearchRecordFields } from '#lib/search/search-shards.ts';

/** A record to index, with where its story's body is read from. */
export type SearchJobRecord = SearchRecordFields & { path: string; file: string };

/** One shard to index: its records and its bundle folder. */
export interface ShardJob {
  kind: 'shard';
  id: string;
  /** The shard's key: its words are kept under it for the word directory. */
  key: string;
  outputPath: string;
  records: SearchJobRecord[];
}

/**
 * The word directory (WORD_DIRECTORY): one record per shard holding each of
 * its words once, so one search says which shards have a word. A shard's words
 * come from the words kept when it was indexed (under its key), or are read
 * again from its records when they are missing.
 */
export interface DirectoryJob {
  kind: 'directory';
  id: string;
  outputPath: string;
  shards: { id: string; key: string; records: SearchJobRecord[] }[];
}

export type SearchJob = ShardJob | DirectoryJob;

export interface SearchWorkerInput {
  /** Pagefind's language code (lower case). */
  language: string;
  /** The site's language as configured, for the body renderer (its cache key must match the pages'). */
  siteLanguage: string;
  embedHosts: string[];
  /** The rendered-body cache's HTML folder. */
  cacheDir: string;
  jobs: SearchJob[];
}

export interface SearchWorkerResult {
  /** Each bundle written: a shard's records are stories, the directory's are shards. */
  shards: { id: string; records: number; seconds: number }[];
}

export interface SearchPlan {
  /** Bundle id to key, oldest shard first, then the word directory: what the output will hold. */
  shards: Map<string, string>;
  /** Shards to index in this build. */
  jobs: SearchJob[];
}

/** Bump when what the word directory holds changes. */
const DIRECTORY_VERSION = 'directory-2';

/**
 * Decides which shards to index: those whose key differs from `previous`
 * (shard id to key, from the last build's manifest; empty for a full build).
 */
export function planSearch(archive: Archive, previous: ReadonlyMap<string, string>, bundleRoot: string): SearchPlan {
  const shards = new Map<string, string>();
  const jobs: SearchJob[] = [];
  const all: DirectoryJob['shards'] = [];
  // Oldest (biggest) shards first: they are indexed while the pages' process is still small.
  for (const shard of cutShards(archive.articles)) {
    const records = shard.articles.map((article) => searchRecord(article, archive));
    const key = shardKey(shard, records);
    const withBodies = records.map((record, i) => ({ ...record, path: shard.articles[i]!.path, file: shard.articles[i]!.file }));
    shards.set(shard.id, key);
    all.push({ id: shard.id, key, records: withBodies });
    if (previous.get(shard.id) === key) continue;
    jobs.push({ kind: 'shard', id: shard.id, key, outputPath: join(bundleRoot, shard.id), records: withBodies });
  }
  // The search page always asks the newest shard first, so the directory covers the older ones: publishing a story
  // changes only the newest shard, and leaves the directory as it was (until small blocks fold into a bigger one).
  // One shard needs no directory.
  const older = all.slice(0, -1);
  if (older.length > 0) {
    const key = createHash('sha1')
      .update(DIRECTORY_VERSION)
      .update(older.map((s) => `${s.id}:${s.key}`).join('\0'))
      .digest('base64url');
    shards.set(WORD_DIRECTORY, key);
    // Last: it reuses the words the shards before it kept.
    if (previous.get(WORD_DIRECTORY) !== key)
      jobs.push({ kind: 'directory', id: WORD_DIRECTORY, outputPath: join(bundleRoot, WORD_DIRECTORY), shards: older });
  }
  return { shards, jobs };
}

/**
 * How many worker threads index shards at once on a machine with `cpus` cores
 * and `memoryBytes` of memory: one core is Astro's, and each worker's Pagefind
 * holds up to about a gigabyte for a 3,000-story shard (so 3 GB of memory per
 * worker leaves room for the rest of the build). One on two cores.
 */
export function searchLanes(cpus: number, memoryBytes: number): number {
  return Math.max(1, Math.min(cpus - 1, Math.floor(memoryBytes / 3 / 1024 ** 3)));
}

/**
 * Splits shard jobs into `lanes` lists of about equal stories, biggest first
 * (each next job to the lane with the fewest stories so far).
 */
export function splitJobs(jobs: readonly ShardJob[], lanes: number): ShardJob[][] {
  const split = Array.from({ length: Math.max(1, Math.min(lanes, jobs.length)) }, () => ({ stories: 0, jobs: [] as ShardJob[] }));
  for (const job of [...jobs].sort((a, b) => b.records.length - a.records.length)) {
    const lane = split.reduce((least, next) => (next.stories < least.stories ? next : least));
    lane.jobs.push(job);
    lane.stories += job.records.length;
  }
  return split.map((lane) => lane.jobs);
}

/**
 * Indexes `input.jobs` in worker threads, `lanes` at once (searchLanes): the
 * shards split between them, then the word directory, which is made from the
 * words the shards kept. `done` resolves when every bundle is written; `stop`
 * ends them early.
 */
export function runSearchWorker(input: SearchWorkerInput, lanes = 1): { done: Promise<SearchWorkerResult>; stop: () => Promise<void> } {
  const running = new Set<Worker>();
  let stopped = false;
  const run = (jobs: SearchJob[]): Promise<SearchWorkerResult> => {
    if (jobs.length === 0 || stopped) return Promise.resolve({ shards: [] });
    const worker = new Worker(new URL('./search-index-worker.ts', import.meta.url), { workerData: { ...input, jobs } });
    running.add(worker);
    return new Promise<SearchWorkerResult>((resolve, reject) => {
      let result: SearchWorkerResult | undefined;
      worker.once('message', (message: SearchWorkerResult) => (result = message));
      worker.once('error', reject);
      worker.once('exit', (code) => {
        running.delete(worker);
        if (result) resolve(result);
        else reject(new Error(`the search index worker stopped (exit code ${code}) before writing every shard`));
      });
    });
  };
  const shards = input.jobs.filter((job): job is ShardJob => job.kind === 'shard');
  const rest = input.jobs.filter((job) => job.kind !== 'shard');
  const done = (async (): Promise<SearchWorkerResult> => {
    const parts = await Promise.all(splitJobs(shards, lanes).map(run));
    const last = await run(rest);
    return { shards: [...parts.flatMap((part) => part.shards), ...last.shards] };
  })();
  return {
    done,
    stop: async () => {
      stopped = true;
      await Promise.all([...running].map((worker) => worker.terminate()));
    },
  };
}
