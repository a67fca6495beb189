// Which bundles of the search index a build writes (scripts/search-index.ts):
// the shards whose stories changed, and the word directory beside them.
import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import { WORD_DIRECTORY } from '#lib/search/search-shards.ts';
import { planSearch, searchLanes, splitJobs } from '../../scripts/search-index.ts';
import { HOUR, makeArticle, makeContent, PUBLISHED_MS } from './factories.ts';

/** `n` articles an hour apart, newest first, the newest with `digest`. */
const archiveOf = (n: number, digest = 'd') =>
  buildArchive(
    makeContent(
      Array.from({ length: n }, (_, i) =>
        makeArticle({ slug: `story-${i + 1}`, publishedMs: PUBLISHED_MS + i * HOUR, digest: i === n - 1 ? digest : `d${i + 1}` }),
      ).reverse(),
    ),
    PUBLISHED_MS + (n + 1) * HOUR,
  );

describe('planSearch', () => {
  it('writes no word directory for an archive in one shard: the page asks that shard directly', () => {
    const plan = planSearch(archiveOf(20), new Map(), '/out');
    expect([...plan.shards.keys()]).toEqual(['0-open']);
    expect(plan.jobs.map((j) => j.kind)).toEqual(['shard']);
  });

  it('writes the word directory last, over every shard but the newest (always searched first), when there are several', () => {
    const plan = planSearch(archiveOf(260), new Map(), '/out');
    expect([...plan.shards.keys()]).toEqual(['0-250', '250-open', WORD_DIRECTORY]);
    expect(plan.jobs.map((j) => `${j.kind} ${j.id}`)).toEqual(['shard 0-250', 'shard 250-open', `directory ${WORD_DIRECTORY}`]);
    const directory = plan.jobs.at(-1)!;
    expect(directory.outputPath).toBe(`/out/${WORD_DIRECTORY}`);
    expect(directory.kind === 'directory' && directory.shards.map((s) => [s.id, s.records.length])).toEqual([['0-250', 250]]);
  });

  it('indexes again only the shard that changed; the directory only when an older shard changes', () => {
    const first = planSearch(archiveOf(260), new Map(), '/out');
    expect(planSearch(archiveOf(260), first.shards, '/out').jobs).toEqual([]);
    // A story published (or edited) in the newest shard: the directory stays as it is.
    const edited = planSearch(archiveOf(260, 'changed'), first.shards, '/out');
    expect(edited.jobs.map((j) => j.id)).toEqual(['250-open']);
    expect(edited.shards.get('0-250')).toBe(first.shards.get('0-250'));
    expect(edited.shards.get(WORD_DIRECTORY)).toBe(first.shards.get(WORD_DIRECTORY));
    // An older shard changing (here the newest block is folded on: 500 stories make 0-250 and 250-250) re-indexes it.
    const folded = planSearch(archiveOf(510), first.shards, '/out');
    expect(folded.jobs.map((j) => j.id)).toEqual(['250-250', '500-open', WORD_DIRECTORY]);
  });
});

describe('indexing on more cores', () => {
  it('leaves one core to Astro and about 3 GB of memory to each worker', () => {
    const GB = 1024 ** 3;
    expect(searchLanes(2, 23 * GB)).toBe(1);
    expect(searchLanes(1, 23 * GB)).toBe(1);
    expect(searchLanes(8, 64 * GB)).toBe(7);
    expect(searchLanes(8, 8 * GB)).toBe(2);
  });

  it('splits the shards between workers by stories, biggest first, the directory left for the end', () => {
    const plan = planSearch(archiveOf(1010), new Map(), '/out');
    const shards = plan.jobs.filter((job) => job.kind === 'shard');
    expect(shards.map((job) => job.records.length)).toEqual([750, 250, 10]);
    const lanes = splitJobs(shards, 2);
    expect(lanes.map((lane) => lane.map((job) => job.id))).toEqual([['0-750'], ['750-250', '1000-open']]);
    expect(splitJobs(shards, 5)).toHaveLength(3); // never more workers than shards
    expect(splitJobs(shards, 1)).toEqual([[shards[0], shards[1], shards[2]]]);
  });
});
