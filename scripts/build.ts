// `npm run build`: check the content, build the site into a staging folder
// while the search index is built beside it, then put it in place. Any failure
// before that last step leaves the previous output exactly as it was.
//
// Incremental builds (docs/decisions/0008-incremental-builds.md): every keyed
// page (articles, listings, the front page) has a key that digests what it
// shows (src/lib/build/page-plan.ts). When the previous build of this output folder
// left a manifest of keys, the code and the shared inputs are unchanged, and
// the output still holds its pages, only pages whose key changed are rendered,
// only search shards whose key changed are indexed, and those files are moved
// over the previous output; pages that no longer exist are deleted. Pages
// without a key (feeds, sitemaps, search, 404) are rendered every time.
//
// Environment: DATELINE_CONTENT_DIR (content folder), DATELINE_NOW (build
// clock), DATELINE_OUT_DIR (output folder, default dist), DATELINE_CACHE_DIR
// (caches, default .cache/dateline), DATELINE_COMMENTS_ENDPOINT (where reply
// forms post, instead of the site config's), DATELINE_FULL_BUILD=1 (ignore the
// manifest and render everything).
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { build } from 'astro';
import { buildArchive } from '#lib/archive/archive.ts';
import { loadContent, PRELOADED_CONTENT } from '#lib/content/load-content.ts';
import { changedPages, planPages, removedPages, RENDER_ONLY, sharedKey, type PagePlan } from '#lib/build/page-plan.ts';
import { ContentError } from '#lib/content/problems.ts';
import { parseBuildClock } from '#lib/render/dates.ts';
import { getPublished } from '#lib/archive/publishing.ts';
import { CLOUDFLARE_STATIC_REDIRECT_LIMIT, redirectsFile, toRedirects } from '#lib/outputs/redirects.ts';
import { parseSiteConfig, withCommentsEndpoint } from '#lib/content/site-config.ts';
import { absoluteUrl } from '#lib/archive/urls.ts';
import type { Preloaded } from '#bridge/site.ts';
import siteConfig from '../site.config.ts';
import { createLogger } from './log.ts';
import { planSearch, runSearchWorker } from './search-index.ts';

const log = createLogger('dateline');
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.env['DATELINE_OUT_DIR'] || join(root, 'dist'));
const cacheDir = resolve(process.env['DATELINE_CACHE_DIR'] || join(root, '.cache/dateline'));
// Astro keeps its prerender chunks inside the output folder only when that is
// inside the project (they import packages from node_modules); otherwise in
// <project>/.astro/, which two builds at once would share and break. So a build
// for elsewhere (tests, a deploy folder) is staged inside the project, then copied.
const staging = outDir.startsWith(root + sep)
  ? join(dirname(outDir), `.${basename(outDir)}.staging-${process.pid}`)
  : join(root, '.cache', 'dateline', `staging-${process.pid}`);
// The search worker writes beside the staging folder: Astro empties its own output folder when it starts.
const searchStaging = `${staging}-search`;
const incoming = `${outDir}.incoming-${process.pid}`;
/** Where the last build of this output folder left its page and shard keys. */
/** The search worker, stopped if the build fails first. */
let searchWorker: ReturnType<typeof runSearchWorker> | undefined;
const manifestFile = join(cacheDir, 'builds', `${createHash('sha1').update(outDir).digest('hex').slice(0, 16)}.json`);

/** The keys a build leaves for the next one. */
interface Manifest {
  version: 3;
  /** Digest of the code, config and packages that render pages. */
  code: string;
  shared: string;
  pages: [string, string][];
  shards: [string, string][];
  /** For each page showing a photo kept beside an article, the resized copies under /_astro/ it uses. */
  photos: [string, string[]][];
  /** Files written every build (feeds, sitemaps, _redirects…): one no longer written is deleted. */
  unkeyed: string[];
  /** Content digests of lead photos by path, with the size and modification time they were taken at. */
  photoDigests: [string, string, string][];
}

/** Where a build is: before "apply" nothing in the output has changed. */
let phase: 'prepare' | 'apply' = 'prepare';

async function main(): Promise<void> {
  const started = performance.now();
  const contentDir = resolve(process.env['DATELINE_CONTENT_DIR'] || join(root, 'content'));
  const nowMs = parseBuildClock(process.env['DATELINE_NOW'], Date.now()); // fails early on a bad clock
  const site = withCommentsEndpoint(parseSiteConfig(siteConfig), process.env['DATELINE_COMMENTS_ENDPOINT']); // and a bad endpoint
  const content = loadContent(contentDir, { displayRoot: process.cwd() });
  log.info(`content ok: ${content.articles.length} articles, ${content.sections.length} sections, ${content.desks.length} desks, ${content.comments.length} comments`);
  const archive = buildArchive(content, nowMs);
  const code = codeDigest();
  const shared = sharedKey(archive, site);
  const forcedFull = process.env['DATELINE_FULL_BUILD'] === '1';
  const manifest = readManifest();
  const previous = forcedFull ? undefined : usableManifest(manifest, code, shared);

  // The search index is made from the archive and the body cache, in a worker, while the pages are planned and rendered.
  const language = site.language.toLowerCase();
  const search = planSearch(archive, new Map(previous?.shards ?? []), searchStaging);
  const indexing = performance.now();
  const searchDone = (searchWorker = runSearchWorker({ language, embedHosts: [...site.embedHosts], cacheDir: join(cacheDir, 'html'), jobs: search.jobs })).done.then((result) => {
    const records = result.shards.reduce((n, s) => n + s.records, 0);
    const each = result.shards.map((s) => `${s.id} ${s.seconds.toFixed(1)} s`).join(', ');
    log.info(`search index (${language}): ${result.shards.length} of ${search.shards.size} shards, ${records} articles, in ${seconds(indexing)} s${each ? ` (${each})` : ''}`);
  });
  // A failed shard stops the build at once: nothing has been written to the output yet.
  searchDone.catch((error: unknown) => fail(error));

  const photoStamps = photoStamper(manifest?.photoDigests ?? []);
  const plan = planPages(archive, site, nowMs, photoStamps.stamp);
  const toRender = previous ? changedPages(new Map(previous.pages), plan.pages) : undefined;
  log.info(
    toRender
      ? `incremental: ${toRender.size} of ${plan.pages.size} pages changed or new`
      : `full build: ${plan.pages.size} pages (${forcedFull ? 'DATELINE_FULL_BUILD=1' : manifest ? 'the code, the shared inputs or the output changed' : 'no earlier build of this output to start from'})`,
  );

  // Pages run in this process: hand them what was just loaded and planned (src/bridge/site.ts).
  const preloaded: Preloaded = { dir: contentDir, content, archive: { nowMs, archive }, pageUrls: [...plan.pages.keys()].map((url) => absoluteUrl(site.url, url)) };
  (globalThis as Record<string, unknown>)[PRELOADED_CONTENT] = preloaded;
  (globalThis as Record<string, unknown>)[RENDER_ONLY] = toRender;
  // Pages read these through src/bridge/site.ts; make them absolute before leaving the working folder.
  process.env['DATELINE_OUT_DIR'] = staging;
  process.env['DATELINE_CONTENT_DIR'] = contentDir;
  process.env['DATELINE_CACHE_DIR'] = cacheDir;

  const rendering = performance.now();
  await build({ root, outDir: staging, logLevel: process.env['DATELINE_LOG_LEVEL'] === 'info' ? 'info' : 'warn' });
  log.info(`pages: astro build in ${seconds(rendering)} s`);
  rmSync(join(staging, '.prerender'), { recursive: true, force: true });
  writeRedirects(staging, getPublished(content.articles, nowMs));
  await searchDone;

  const written = listFiles(staging);
  const photos = photoCopies(plan, staging, written, toRender, new Map(previous?.photos ?? []));
  const unkeyed = written.filter((file) => !file.startsWith('_astro/') && !plan.pages.has(pageUrlOf(file)));

  // From here on the output changes; without a manifest the next build starts from scratch, so a crash cannot mislead it.
  phase = 'apply';
  rmSync(manifestFile, { force: true });
  if (previous) {
    const goneShards = previous.shards.map(([id]) => id).filter((id) => !search.shards.has(id));
    const stillWritten = new Set(unkeyed);
    const goneFiles = previous.unkeyed.filter((file) => !stillWritten.has(file));
    overlay(staging, searchStaging, outDir, { urls: removedPages(new Map(previous.pages), plan.pages), shards: goneShards, files: goneFiles });
    deleteUnusedPhotoCopies(outDir, photos.live);
  } else {
    mkdirSync(join(staging, 'pagefind'), { recursive: true });
    for (const id of search.shards.keys()) renameSync(join(searchStaging, id), join(staging, 'pagefind', id));
    rmSync(searchStaging, { recursive: true, force: true });
    swapIn(staging, outDir);
  }
  writeManifest({
    version: 3,
    code,
    shared: plan.shared,
    pages: [...plan.pages],
    shards: [...search.shards],
    photos: [...photos.byPage],
    unkeyed,
    photoDigests: photoStamps.digests(),
  });
  log.info(`built ${outDir} in ${seconds(started)} s`);
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/**
 * Lead photos' stamps for page keys: a digest of their bytes (a fresh checkout
 * gives every file a new modification time; a copy can keep an old one). The
 * digest is taken again only when a photo's size or modification time moved.
 */
function photoStamper(previous: readonly [string, string, string][]) {
  const known = new Map(previous.map(([path, stat, digest]) => [path, { stat, digest }]));
  const used = new Map<string, { stat: string; digest: string }>();
  const stamp = (path: string): string => {
    const st = statSync(path);
    const stat = `${st.size}:${st.mtimeMs}`;
    let entry = used.get(path) ?? known.get(path);
    if (entry?.stat !== stat) entry = { stat, digest: createHash('sha1').update(readFileSync(path)).digest('hex') };
    used.set(path, entry);
    return entry.digest;
  };
  return { stamp, digests: (): [string, string, string][] => [...used].map(([path, { stat, digest }]) => [path, stat, digest]) };
}

/**
 * Digest of everything besides content that shapes the output: our code, the
 * site config, public/, the locked packages and Node's own version and data.
 * Any change means a full build.
 */
function codeDigest(): string {
  const hash = createHash('sha1');
  const add = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
      return;
    }
    hash.update(`${relative(root, path)}\0`).update(readFileSync(path)).update('\0');
  };
  for (const path of ['src', 'public', 'scripts', 'astro.config.mjs', 'site.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json']) add(join(root, path));
  // Node's ICU and time-zone data shape every formatted date.
  const { node, icu, tz, unicode } = process.versions;
  hash.update(JSON.stringify({ node, icu, tz, unicode }));
  return hash.digest('hex');
}

/** Image files Astro writes under /_astro/ (resized photos); stylesheets and scripts are not collected. */
const PHOTO_COPY = /\.(?:avif|webp|jpe?g|png|gif)$/i;

/**
 * Which resized photo copies each page with photos uses (read from the pages
 * rendered now, kept from `previous` for the others), and every copy still in
 * use: those, plus any that an unkeyed file (feeds, the front page) names.
 */
function photoCopies(plan: PagePlan, dir: string, files: readonly string[], rendered: ReadonlySet<string> | undefined, previous: ReadonlyMap<string, string[]>) {
  const refs = (file: string): string[] => [...new Set(readFileSync(file, 'utf8').match(/(?<=\/_astro\/)[^"'\s,)?#]+/g) ?? [])].filter((f) => PHOTO_COPY.test(f));
  const byPage = new Map<string, string[]>();
  for (const url of plan.withPhotos) {
    byPage.set(url, !rendered || rendered.has(url) ? refs(pageFile(dir, url)) : (previous.get(url) ?? []));
  }
  const live = new Set([...byPage.values()].flat());
  for (const file of files) {
    if (!/\.(?:html|xml)$/.test(file) || plan.pages.has(pageUrlOf(file))) continue; // keyed pages: counted above
    for (const copy of refs(join(dir, file))) live.add(copy);
  }
  return { byPage, live };
}

/** Every file under `dir`, as relative paths with "/" (the output's own files: no .prerender). */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** The page URL an output file serves ("world/x/index.html" is "/world/x/"), or "" for any other file. */
function pageUrlOf(file: string): string {
  if (file === 'index.html') return '/';
  return file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : '';
}

/** Deletes resized photo copies no page uses any more: a story taken down takes its pictures with it. */
function deleteUnusedPhotoCopies(target: string, live: ReadonlySet<string>): void {
  const assets = join(target, '_astro');
  if (!existsSync(assets)) return;
  const unused = readdirSync(assets).filter((name) => PHOTO_COPY.test(name) && !live.has(name));
  for (const name of unused) rmSync(join(assets, name), { force: true });
  if (unused.length > 0) log.info(`photos: deleted ${unused.length} resized copies no page uses any more`);
}

function readManifest(): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    return manifest.version === 3 ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** The previous build's manifest, when this build may start from its output. */
function usableManifest(manifest: Manifest | undefined, code: string, shared: string): Manifest | undefined {
  if (!manifest || manifest.code !== code || manifest.shared !== shared) return undefined;
  // The output must still hold what the manifest says it does (a CI job may restore the cache but not dist/).
  const intact =
    manifest.pages.every(([url]) => existsSync(pageFile(outDir, url))) &&
    manifest.shards.every(([id]) => existsSync(join(outDir, 'pagefind', id, 'pagefind-entry.json')));
  return intact ? manifest : undefined;
}

function writeManifest(manifest: Manifest): void {
  mkdirSync(dirname(manifestFile), { recursive: true });
  const temp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(manifest));
  renameSync(temp, manifestFile);
}

function pageFile(dir: string, url: string): string {
  return join(dir, ...url.split('/').filter(Boolean), 'index.html');
}

/**
 * Moves an incremental build's files over the previous output: each
 * re-indexed search shard first (replacing its old folder whole), so the
 * search page never names a shard that is not there yet, then every file
 * Astro wrote; then deletes the pages, shards and other files that no longer exist.
 */
function overlay(pages: string, shards: string, target: string, gone: { urls: readonly string[]; shards: readonly string[]; files: readonly string[] }): void {
  const bundles = existsSync(shards) ? readdirSync(shards) : [];
  for (const id of bundles) {
    const old = join(target, 'pagefind', id);
    const trash = `${old}.old-${process.pid}`;
    if (existsSync(old)) renameSync(old, trash);
    mkdirSync(dirname(old), { recursive: true });
    moveDir(join(shards, id), old);
    rmSync(trash, { recursive: true, force: true });
  }
  const moved = moveTree(pages, target);
  for (const id of gone.shards) rmSync(join(target, 'pagefind', id), { recursive: true, force: true });
  for (const url of gone.urls) {
    rmSync(pageFile(target, url), { force: true });
    removeEmptyDirs(dirname(pageFile(target, url)), target);
  }
  for (const file of gone.files) {
    rmSync(join(target, file), { force: true });
    removeEmptyDirs(dirname(join(target, file)), target);
  }
  rmSync(pages, { recursive: true, force: true });
  rmSync(shards, { recursive: true, force: true });
  log.info(
    `updated ${target}: ${moved} files written, ${bundles.length} search shards replaced, ` +
      `${gone.urls.length} pages, ${gone.shards.length} shards and ${gone.files.length} other files removed`,
  );
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

let failing = false;
async function fail(error: unknown): Promise<void> {
  if (failing) return;
  failing = true;
  await searchWorker?.stop();
  rmSync(staging, { recursive: true, force: true });
  rmSync(searchStaging, { recursive: true, force: true });
  rmSync(incoming, { recursive: true, force: true });
  const shown = relative(process.cwd(), outDir) || outDir;
  if (error instanceof ContentError) {
    log.error(error.message);
  } else if (phase === 'prepare') {
    log.error(`build failed; ${shown} was left as it was.\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } else {
    // Only moves and deletes were under way; the manifest is gone, so the next build is a full one and puts everything right.
    for (const name of existsSync(join(outDir, 'pagefind')) ? readdirSync(join(outDir, 'pagefind')) : []) {
      if (name.endsWith(`.old-${process.pid}`)) rmSync(join(outDir, 'pagefind', name), { recursive: true, force: true });
    }
    log.error(
      `build failed while updating ${shown}, which is now partly updated; run the build again (it will be a full build).\n` +
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  process.exit(1);
}

main().catch(fail);

