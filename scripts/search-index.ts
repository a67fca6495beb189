// Builds the search index's shards (src/lib/search/search-shards.ts) in a worker
// thread while Astro renders the pages: the index is made from the archive and
// the rendered-body cache, not from the built HTML, so it need not wait for it.
// Only shards whose key changed are indexed again; the rest stay as they are.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Archive } from '#lib/archive/archive.ts';
import { PIPELINE_VERSION } from '#lib/render/markdown.ts';
import { cutShards, searchRecord, shardKey, type SearchRecordFields } from '#lib/search/search-shards.ts';

/** One shard to index: its records (with where each body is read from) and its bundle folder. */
export interface SearchJob {
  id: string;
  outputPath: string;
  records: (SearchRecordFields & { path: string; file: string })[];
}

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
  shards: { id: string; records: number; seconds: number }[];
}

export interface SearchPlan {
  /** Shard id to key, oldest shard first: what the output will hold. */
  shards: Map<string, string>;
  /** Shards to index in this build. */
  jobs: SearchJob[];
}

/** Bump when what a record holds changes without any article changing. */
const RECORD_VERSION = `records-2;pipeline-${PIPELINE_VERSION}`;

/**
 * Decides which shards to index: those whose key differs from `previous`
 * (shard id to key, from the last build's manifest; empty for a full build).
 */
export function planSearch(archive: Archive, previous: ReadonlyMap<string, string>, bundleRoot: string): SearchPlan {
  const shards = new Map<string, string>();
  const jobs: SearchJob[] = [];
  // Oldest (biggest) shards first: they are indexed while the pages' process is still small.
  for (const shard of cutShards(archive.articles)) {
    const records = shard.articles.map((article) => searchRecord(article, archive));
    const key = shardKey(shard, records, RECORD_VERSION);
    shards.set(shard.id, key);
    if (previous.get(shard.id) === key) continue;
    jobs.push({
      id: shard.id,
      outputPath: join(bundleRoot, shard.id),
      records: records.map((record, i) => ({ ...record, path: shard.articles[i]!.path, file: shard.articles[i]!.file })),
    });
  }
  return { shards, jobs };
}

/** Indexes `input.jobs` in a worker thread: `done` resolves when every shard's bundle is written; `stop` ends it early. */
export function runSearchWorker(input: SearchWorkerInput): { done: Promise<SearchWorkerResult>; stop: () => Promise<void> } {
  if (input.jobs.length === 0) return { done: Promise.resolve({ shards: [] }), stop: async () => undefined };
  const worker = new Worker(new URL('./search-index-worker.ts', import.meta.url), { workerData: input });
  const done = new Promise<SearchWorkerResult>((resolve, reject) => {
    let result: SearchWorkerResult | undefined;
    worker.once('message', (message: SearchWorkerResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`the search index worker stopped (exit code ${code}) before writing every shard`));
    });
  });
  return { done, stop: async () => void (await worker.terminate()) };
}
