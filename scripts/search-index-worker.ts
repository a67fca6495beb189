// Runs in a worker thread beside the Astro build (scripts/search-index.ts):
// for each shard, reads each story's body through the rendered-body cache
// (rendering and caching it when missing, which the story's page then reuses),
// takes its words, and has Pagefind write the shard's bundle. Pagefind's own
// process and this thread use the machine's second core while Astro renders.
import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { cacheWritesSettled, createCachedRenderer, renderArticleBody } from '#lib/render/render-body.ts';
import { SHARD_FILTER } from '#lib/search/search.ts';
import { htmlToText, joinSentences } from '#lib/search/search-shards.ts';
import type { SearchJob, SearchWorkerInput, SearchWorkerResult } from './search-index.ts';

const input = workerData as SearchWorkerInput;
const render = createCachedRenderer({ embedHosts: input.embedHosts, language: input.siteLanguage, cacheDir: input.cacheDir });

async function indexShard(job: SearchJob): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: input.language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const pending: Promise<{ errors: string[] }>[] = [];
  const check = async (): Promise<void> => {
    for (const added of await Promise.all(pending.splice(0))) {
      if (added.errors.length > 0) throw new Error(`Pagefind could not index shard ${job.id}: ${added.errors.join('; ')}`);
    }
  };
  for (const record of job.records) {
    const body = htmlToText(renderArticleBody({ path: record.path, file: record.file }, render));
    pending.push(
      index.addCustomRecord({
        url: record.url,
        content: joinSentences([...record.lead, body, ...record.tail]),
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
  return job.records.length;
}

try {
  const shards: SearchWorkerResult['shards'] = [];
  for (const job of input.jobs) {
    const started = performance.now();
    const records = await indexShard(job);
    shards.push({ id: job.id, records, seconds: (performance.now() - started) / 1000 });
  }
  await pagefind.close();
  await cacheWritesSettled();
  parentPort!.postMessage({ shards } satisfies SearchWorkerResult);
} catch (error) {
  await pagefind.close().catch(() => undefined);
  throw error;
}
