// `npm run build`: check the content, build the site into a staging folder,
// index it with Pagefind, then swap it in for dist/. Any failure leaves the
// previous dist/ exactly as it was: a site is published whole or not at all.
//
// Environment: DATELINE_CONTENT_DIR (content folder), DATELINE_NOW (build
// clock), DATELINE_OUT_DIR (output folder, default dist), DATELINE_CACHE_DIR
// (rendered-body cache, default .cache/dateline), DATELINE_COMMENTS_ENDPOINT
// (where reply forms post, instead of the site config's).
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { build } from 'astro';
import * as pagefind from 'pagefind';
import { loadContent, PRELOADED_CONTENT } from '../src/lib/load-content.ts';
import { ContentError } from '../src/lib/problems.ts';
import { parseBuildClock } from '../src/lib/dates.ts';
import { getPublished } from '../src/lib/publishing.ts';
import { CLOUDFLARE_STATIC_REDIRECT_LIMIT, redirectsFile, toRedirects } from '../src/lib/redirects.ts';
import { parseSiteConfig, withCommentsEndpoint } from '../src/lib/site-config.ts';
import siteConfig from '../site.config.ts';
import { createLogger } from './log.ts';

const log = createLogger('dateline');
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.env['DATELINE_OUT_DIR'] || join(root, 'dist'));
// Astro keeps its prerender chunks inside the output folder only when that is
// inside the project (they import packages from node_modules); otherwise in
// <project>/.astro/, which two builds at once would share and break. So a build
// for elsewhere (tests, a deploy folder) is staged inside the project, then copied.
const staging = outDir.startsWith(root + sep)
  ? join(dirname(outDir), `.${basename(outDir)}.staging-${process.pid}`)
  : join(root, '.cache', 'dateline', `staging-${process.pid}`);
const incoming = `${outDir}.incoming-${process.pid}`;

async function main(): Promise<void> {
  const started = performance.now();
  const contentDir = resolve(process.env['DATELINE_CONTENT_DIR'] || join(root, 'content'));
  const nowMs = parseBuildClock(process.env['DATELINE_NOW'], Date.now()); // fails early on a bad clock
  withCommentsEndpoint(parseSiteConfig(siteConfig), process.env['DATELINE_COMMENTS_ENDPOINT']); // and a bad endpoint
  const content = loadContent(contentDir, { displayRoot: process.cwd() });
  log.info(`content ok: ${content.articles.length} articles, ${content.sections.length} sections, ${content.desks.length} desks, ${content.comments.length} comments`);
  // Pages run in this process: hand them what was just loaded (src/data/site.ts).
  (globalThis as Record<string, unknown>)[PRELOADED_CONTENT] = { dir: contentDir, content };

  // Pages read these through src/data/site.ts; make them absolute before leaving the working folder.
  process.env['DATELINE_OUT_DIR'] = staging;
  process.env['DATELINE_CONTENT_DIR'] = contentDir;
  process.env['DATELINE_CACHE_DIR'] = resolve(process.env['DATELINE_CACHE_DIR'] || join(root, '.cache/dateline'));
  const rendering = performance.now();
  await build({ root, outDir: staging, logLevel: process.env['DATELINE_LOG_LEVEL'] === 'info' ? 'info' : 'warn' });
  log.info(`pages: astro build in ${((performance.now() - rendering) / 1000).toFixed(1)} s`);
  rmSync(join(staging, '.prerender'), { recursive: true, force: true });
  writeRedirects(staging, getPublished(content.articles, nowMs));

  // One index, in the site's language (stemming and the search page follow it), whatever lang a page declares.
  const indexing = performance.now();
  const language = parseSiteConfig(siteConfig).language.toLowerCase();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: staging });
  if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: join(staging, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  await pagefind.close();
  const indexed = searchablePageCount(join(staging, 'pagefind'), language);
  log.info(`search index (${language}): ${indexed} articles from ${added.page_count} pages in ${((performance.now() - indexing) / 1000).toFixed(1)} s`);

  swapIn(staging, outDir);
  log.info(`built ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Adds redirects from published articles' old addresses to `_redirects`, after any the outlet keeps in public/. */
function writeRedirects(dir: string, published: Parameters<typeof toRedirects>[0]): void {
  const { rules, problems } = toRedirects(published);
  for (const problem of problems) log.info(`redirects: ${problem}`);
  if (rules.length === 0) return;
  const file = join(dir, '_redirects');
  writeFileSync(file, redirectsFile(existsSync(file) ? readFileSync(file, 'utf8') : '', rules));
  log.info(`redirects: ${rules.length} old addresses in _redirects`);
  if (rules.length > CLOUDFLARE_STATIC_REDIRECT_LIMIT) {
    log.info(`redirects: Cloudflare Pages reads only the first ${CLOUDFLARE_STATIC_REDIRECT_LIMIT} static redirects; Netlify reads them all`);
  }
}

/** How many pages Pagefind put in the index for `language` (only articles carry data-pagefind-body). */
function searchablePageCount(bundle: string, language: string): number {
  const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return entry.languages[language]?.page_count ?? 0;
}

/** Replaces `target` with `fresh` in two renames, so readers never see half a site. */
function swapIn(staged: string, target: string): void {
  let fresh = staged;
  if (dirname(staged) !== dirname(target)) {
    // A rename cannot cross folders (or disks): copy beside the target first.
    cpSync(staged, incoming, { recursive: true });
    rmSync(staged, { recursive: true, force: true });
    fresh = incoming;
  }
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
}

main().catch(async (error: unknown) => {
  rmSync(staging, { recursive: true, force: true });
  rmSync(incoming, { recursive: true, force: true });
  await pagefind.close().catch(() => undefined);
  if (error instanceof ContentError) {
    log.error(error.message);
  } else {
    log.error(`build failed; dist/ was left as it was.\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  process.exitCode = 1;
});
