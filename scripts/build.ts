// `npm run build`: check the content, build the site into a staging folder,
// index it with Pagefind, then swap it in for dist/. Any failure leaves the
// previous dist/ exactly as it was: a site is published whole or not at all.
//
// Environment: DATELINE_CONTENT_DIR (content folder), DATELINE_NOW (build
// clock), DATELINE_OUT_DIR (output folder, default dist).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { build } from 'astro';
import * as pagefind from 'pagefind';
import { loadContent } from '../src/lib/load-content.ts';
import { ContentError } from '../src/lib/problems.ts';
import { parseBuildClock } from '../src/lib/dates.ts';
import { createLogger } from './log.ts';

const log = createLogger('dateline');
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.env['DATELINE_OUT_DIR'] || join(root, 'dist'));
const staging = join(dirname(outDir), `.${basename(outDir)}.staging-${process.pid}`);

async function main(): Promise<void> {
  const started = performance.now();
  const contentDir = resolve(process.env['DATELINE_CONTENT_DIR'] || join(root, 'content'));
  parseBuildClock(process.env['DATELINE_NOW'], Date.now()); // fail early on a bad clock
  const content = loadContent(contentDir, { displayRoot: process.cwd() });
  log.info(`content ok: ${content.articles.length} articles, ${content.sections.length} sections, ${content.desks.length} desks`);

  // Pages read DATELINE_OUT_DIR through astro.config.mjs; pass the staging folder both ways.
  process.env['DATELINE_OUT_DIR'] = staging;
  await build({ root, outDir: staging, logLevel: process.env['DATELINE_LOG_LEVEL'] === 'info' ? 'info' : 'warn' });

  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: staging });
  if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: join(staging, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  await pagefind.close();
  log.info(`search index: read ${added.page_count} pages (only articles carry data-pagefind-body)`);

  swapIn(staging, outDir);
  log.info(`built ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Replaces `target` with `fresh` in two renames, so readers never see half a site. */
function swapIn(fresh: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
}

main().catch(async (error: unknown) => {
  rmSync(staging, { recursive: true, force: true });
  await pagefind.close().catch(() => undefined);
  if (error instanceof ContentError) {
    log.error(error.message);
  } else {
    log.error(`build failed; dist/ was left as it was.\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  process.exitCode = 1;
});
