// Indexing on more cores (scripts/search-index.ts, runSearchWorker with several
// lanes): the shards are split between worker threads, and the bundles are
// byte for byte those one worker writes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { planSearch, runSearchWorker } from '../../scripts/search-index.ts';
import { fillerArticles, fixtureCopy } from './build-site.ts';
import { differences, snapshot } from './output-state.ts';

const NOW = Date.parse('2026-12-01T12:00:00+00:00');

describe('the search index on more cores', () => {
  it('writes the same bundles with two workers as with one', async () => {
    const archive = buildArchive(loadContent(fixtureCopy('basic', fillerArticles(300, 'business', 'markets-desk'))), NOW);
    const index = async (lanes: number) => {
      const dir = mkdtempSync(join(tmpdir(), `dateline-lanes-${lanes}-`));
      const plan = planSearch(archive, new Map(), join(dir, 'pagefind'));
      const input = { language: 'en', siteLanguage: 'en', embedHosts: [], cacheDir: join(dir, 'cache', 'html'), jobs: plan.jobs };
      const result = await runSearchWorker(input, lanes).done;
      return { shards: result.shards.map((s) => `${s.id}:${s.records}`), files: snapshot(join(dir, 'pagefind')) };
    };
    const one = await index(1);
    const two = await index(2);
    expect(one.shards.length).toBeGreaterThan(2); // two shards and the word directory
    expect(two.shards.sort()).toEqual(one.shards.sort());
    expect(differences(one.files, two.files)).toEqual([]);
  });
});
