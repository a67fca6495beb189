// Runs in a worker thread beside the Astro build (scripts/search-index.ts):
// for each shard, reads each story's body through the rendered-body cache
// (rendering and caching it when missing, which the story's page then reuses),
// takes its words, and has Pagefind write the shard's bundle. Pagefind's own
// process and this thread use the machine's second core while Astro renders.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { cacheWritesSettled, createCachedRenderer, renderArticleBody } from '#lib/render/render-body.ts';
import { DIRECTORY_FILTER, SHARD_FILTER } from '#lib/search/search.ts';
import { distinctWords, htmlToText, joinSentences } from '#lib/search/search-shards.ts';
import type { DirectoryJob, SearchJobRecord, SearchWorkerInput, SearchWorkerResult, ShardJob } from './search-index.ts';

const input = workerData as SearchWorkerInput;
const render = createCachedRenderer({ embedHosts: input.embedHosts, language: input.siteLanguage, cacheDir: input.cacheDir });
/** Each indexed shard's words, one file per shard key, beside the rendered-body cache. */
const wordsDir = join(dirname(input.cacheDir), 'search-words');

/** The text Pagefind indexes for a record, and the metadata it searches too. */
function recordText(record: SearchJobRecord): string {
  const body = htmlToText(renderArticleBody({ path: record.path, file: record.file }, render));
  return joinSentences([...record.lead, body, ...record.tail]);
}

async function indexShard(job: ShardJob): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: input.language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const words = new Set<string>();
  const pending: Promise<{ errors: string[] }>[] = [];
  const check = async (): Promise<void> => {
    for (const added of await Promise.all(pending.splice(0))) {
      if (added.errors.length > 0) throw new Error(`Pagefind could not index shard ${job.id}: ${added.errors.join('; ')}`);
    }
  };
  for (const record of job.records) {
    const content = recordText(record);
    distinctWords([content, ...Object.values(record.meta)], words);
    pending.push(
      index.addCustomRecord({
        url: record.url,
        content,
        language: input.language,
        meta: record.meta,
        filters: { ...record.filters, [SHARD_FILTER]: [job.id] },
        sort: record.sort,
      }),
    );
    // Keep a bounded number of records in flight: Pagefind's queue is memory too.
    if (pending.length >= 100) await check();
  }
  await check();
  const written = await index.writeFiles({ outputPath: job.outputPath });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write shard ${job.id}: ${written.errors.join('; ')}`);
  await index.deleteIndex();
  mkdirSync(wordsDir, { recursive: true });
  writeFileSync(join(wordsDir, `${job.key}.txt`), [...words].join('\n'));
  return job.records.length;
}

/** A shard's words: kept when it was indexed, or read again from its records. */
function shardWords(shard: DirectoryJob['shards'][number]): string {
  try {
    return readFileSync(join(wordsDir, `${shard.key}.txt`), 'utf8');
  } catch {
    const words = new Set<string>();
    for (const record of shard.records) distinctWords([recordText(record), ...Object.values(record.meta)], words);
    return [...words].join('\n');
  }
}

/** The word directory: one record per shard, its words once each, filed under the shard's id. */
async function indexDirectory(job: DirectoryJob): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: input.language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  mkdirSync(wordsDir, { recursive: true });
  for (const shard of job.shards) {
    const added = await index.addCustomRecord({
      url: `/search/#${shard.id}`,
      content: shardWords(shard),
      language: input.language,
      filters: { [DIRECTORY_FILTER]: [shard.id] },
    });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the word directory: ${added.errors.join('; ')}`);
  }
  const written = await index.writeFiles({ outputPath: job.outputPath });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write the word directory: ${written.errors.join('; ')}`);
  await index.deleteIndex();
  // Words of shards that no longer exist are not needed again.
  const keep = new Set(job.shards.map((s) => `${s.key}.txt`));
  for (const file of readdirSync(wordsDir)) if (!keep.has(file)) rmSync(join(wordsDir, file), { force: true });
}

try {
  const shards: SearchWorkerResult['shards'] = [];
  for (const job of input.jobs) {
    const started = performance.now();
    // The directory's records are shards, not stories: it adds none to the count.
    const records = job.kind === 'shard' ? await indexShard(job) : (await indexDirectory(job), 0);
    shards.push({ id: job.id, records, seconds: (performance.now() - started) / 1000 });
  }
  await pagefind.close();
  await cacheWritesSettled();
  parentPort!.postMessage({ shards } satisfies SearchWorkerResult);
} catch (error) {
  await pagefind.close().catch(() => undefined);
  throw error;
}
