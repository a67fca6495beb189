// `npm run build`: check the content, build the site into a staging folder
// while the search index is built beside it, then put it in place. Any failure
// before that last step leaves the previous output exactly as it was.
//
// Incremental builds (docs/decisions/0008-incremental-builds.md): every keyed
// page (articles, listings, the front page) has a key that digests what it
// shows (src/lib/build/page-plan.ts). When the previous build of this output
// folder left a manifest (src/lib/build/manifest.ts), only pages whose key
// changed are rendered and moved over the previous output; when nothing
// changed at all, Astro is not started.
//
// Crash safety (docs/reliability.md): one build at a time per output folder
// (src/lib/build/lock.ts); an apply a killed build left half-done is finished
// first (src/lib/build/apply.ts); the leftovers of killed builds are removed
// (src/lib/build/leftovers.ts).
//
// Settings: the DATELINE_* variables, read once into the build context
// (src/lib/build/context.ts, README "Environment").
//
// One build across machines (src/lib/build/shard.ts, README "Going live"):
// `--shard i/n` builds the i-th of n parts into its own output folder (with its
// own manifest, so each part builds incrementally), `--assemble DIR…` joins the
// parts into the output, swapped in like a full build's.
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { readContext } from '../src/bridge/environment.ts';
import { buildArchive } from '#lib/archive/archive.ts';
import { getPublished, isVisible } from '#lib/archive/publishing.ts';
import { absoluteUrl } from '#lib/archive/urls.ts';
import { codeDigest } from '#lib/build/code-digest.ts';
import type { BuildContext } from '#lib/build/context.ts';
import { handoffFile, removeHandoff, writeHandoff, type Handoff } from '#lib/build/handoff.ts';
import {
  bundleKey,
  keptBundleDir,
  readKeptBundle,
  renderWithKeptBundle,
  setBuildSlot,
  type KeptBundleInfo,
} from '#lib/build/kept-bundle.ts';
import { applyPlan, finishInterruptedApply } from '#lib/build/apply.ts';
import { stageParts } from '#lib/build/assemble.ts';
import { stageBannerPages } from '#lib/build/banner.ts';
import { removeLeftovers } from '#lib/build/leftovers.ts';
import { acquireLock, lockFile } from '#lib/build/lock.ts';
import { manifestFile, readManifest, usableManifest, type Manifest } from '#lib/build/manifest.ts';
import { folderBytes, listFiles, pageUrlOf, removeStaging, stageBeside, stagingPaths, type StagingPaths } from '#lib/build/output.ts';
import { changedPages, planPages, removedPages } from '#lib/build/page-plan.ts';
import { pauseAt } from '#lib/build/pause.ts';
import { photoCopies, photoStamper } from '#lib/build/photos.ts';
import { inputsDigest, nextClockChange, scheduleFile, writeSchedule } from '#lib/build/schedule.ts';
import {
  checkParts,
  inPart,
  joinManifests,
  parseBuildArgs,
  partName,
  partOfMap,
  partOfPlan,
  PART_FILE,
  PartsError,
  type BuildRequest,
  type PartRecord,
  type ShardSpec,
} from '#lib/build/shard.ts';
import { brokenInternalLinks, LinkIndex } from '#lib/build/links.ts';
import { ContentError, formatWarnings } from '#lib/content/problems.ts';
import { ContentIndex, contentIndexFile, type IndexStats } from '#lib/content/content-index.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { CLOUDFLARE_STATIC_REDIRECT_LIMIT, redirectsFile, toRedirects } from '#lib/outputs/redirects.ts';
import { newsSitemapArticles } from '#lib/outputs/sitemaps.ts';
import { createLogger } from './log.ts';
import { planSearch, runSearchWorker, searchLanes } from './search-index.ts';

const log = createLogger('dateline');
const root = resolve(import.meta.dirname, '..');

/** Where a build is: before "apply" nothing in the output has changed. */
type Phase = 'prepare' | 'apply';

/** One build: its context, its folders, and how far it got (for the failure message). */
class Build {
  phase: Phase = 'prepare';
  stopSearch: () => Promise<void> = async () => undefined;
  readonly started = performance.now();
  readonly paths: StagingPaths;
  readonly manifestFile: string;
  readonly context: BuildContext;
  readonly request: BuildRequest;

  constructor(context: BuildContext, request: BuildRequest) {
    this.context = context;
    this.request = request;
    this.paths = stagingPaths(root, context.outDir, process.pid);
    this.manifestFile = manifestFile(context.cacheDir, context.outDir);
  }

  async run(): Promise<void> {
    if (this.request.kind === 'assemble') return this.assemble(this.request.parts);
    const { context, paths } = this;
    const { site, nowMs } = context;
    const shard: ShardSpec | undefined = this.request.kind === 'part' ? this.request.shard : undefined;
    if (shard) log.info(`building ${partName(shard)} into ${shown(context.outDir)}`);
    log.info(`clock: ${new Date(nowMs).toISOString()} (${context.fixedClock ? 'DATELINE_NOW' : 'system clock'})`);
    pauseAt('after-clock', context.testPause, context.cacheDir);
    await this.takeOutput();
    const code = codeDigest(root);
    // What the last build made of each content file, by git's blob ids (src/lib/content/content-index.ts).
    const indexHeader = digest([code, site.language, process.cwd(), context.contentDir]);
    const index = new ContentIndex(
      contentIndexFile(context.cacheDir, context.contentDir),
      indexHeader,
      context.contentDir,
      context.fullBuild,
    );
    const content = loadContent(context.contentDir, { displayRoot: process.cwd(), language: site.language, index });
    index.save();
    log.info(
      `content ok: ${content.articles.length} articles, ${content.sections.length} sections, ${content.desks.length} desks, ${content.comments.length} comments ` +
        `(${describeIndex(index.stats)})`,
    );
    const archive = buildArchive(content, nowMs);
    // Each story's links are kept by its file's digest: only new and changed stories are read for them.
    const links = new LinkIndex(contentIndexFile(context.cacheDir, context.contentDir, 'links'), code);
    const brokenLinks = brokenInternalLinks(context, archive, context.contentDir, links);
    links.save();
    if (brokenLinks.length > 0 && context.strictLinks) throw new ContentError(brokenLinks);
    if (brokenLinks.length > 0)
      log.info(`${formatWarnings(brokenLinks)}\n  (strictLinks in site.config.ts, or DATELINE_STRICT_LINKS=1, makes these errors)`);
    const manifest = readManifest(this.manifestFile);
    const photoStamps = photoStamper(manifest?.photoDigests ?? []);
    // A part (--shard i/n) renders its share of the keyed pages and search shards; the whole plan still decides the rest.
    const whole = planPages(archive, site, nowMs, photoStamps.stamp);
    const plan = shard ? partOfPlan(whole, shard) : whole;
    const previous = context.fullBuild ? undefined : usableManifest(manifest, context.outDir, code, plan.shared);
    const wholeSearch = planSearch(archive, new Map(previous?.shards ?? []), paths.search);
    const search = shard
      ? { shards: partOfMap(wholeSearch.shards, shard), jobs: wholeSearch.jobs.filter((job) => inPart(job.id, shard)) }
      : wholeSearch;
    const toRender = previous ? changedPages(new Map(previous.pages), plan.pages) : undefined;
    // Files rendered every build (feeds, sitemaps, the search page) show what the keyed pages show, plus the news window.
    const newsWindow = newsSitemapArticles(archive.articles, nowMs).map((a) => a.slug);
    const wholeOutputs = digest([code, plan.shared, plan.banner, [...whole.pages], newsWindow, [...wholeSearch.shards]]);
    // A part's output holds its own pages: the same folder built as another part must not look finished.
    const outputs = shard ? digest([wholeOutputs, shard.index, shard.count]) : wholeOutputs;
    // For `npm run due`: what this build was made from, and the next moment the site changes by the clock alone.
    const schedule = {
      version: 1,
      inputs: inputsDigest(code, site, context.contentDir, index.gitIds),
      next: nextClockChange(content, archive, site, nowMs),
    } as const;

    const partRecord = (partManifest: Manifest): PartRecord | undefined =>
      shard && { version: 1, ...shard, code, shared: plan.shared, nowMs, plan: wholeOutputs, schedule, manifest: partManifest };

    if (previous && previous.outputs === outputs) {
      log.info(
        `nothing changed since the last build of ${shown(context.outDir)}: left as it was (${plan.pages.size} pages) in ${seconds(this.started)} s`,
      );
      // A part names this build's clock even so, for the assembly to check against the other parts.
      const record = partRecord(previous);
      if (record) writePartFile(context.outDir, record);
      writeSchedule(scheduleFile(context.cacheDir, context.outDir), schedule);
      this.releaseLock();
      return;
    }
    // Only the breaking banner changed for the pages not rendered: they get its new fragment (src/lib/build/banner.ts).
    const newBanner = previous !== undefined && previous.banner !== plan.banner;
    log.info(
      toRender
        ? `incremental: ${toRender.size} of ${plan.pages.size} pages to render, ${search.jobs.length} of ${search.shards.size} search shards to index` +
            (newBanner ? ', and the breaking banner to replace in the others' : '')
        : `full build: ${plan.pages.size} pages (${fullBuildReason(context.fullBuild, manifest !== undefined)})`,
    );

    // The search index is made from the archive and the body cache, in workers (one per spare core), while the pages are rendered.
    const language = site.language.toLowerCase();
    const indexing = performance.now();
    const lanes = searchLanes(availableParallelism(), totalmem());
    const worker = runSearchWorker(
      {
        language,
        siteLanguage: site.language,
        embedHosts: [...site.embedHosts],
        cacheDir: join(context.cacheDir, 'html'),
        jobs: search.jobs,
      },
      lanes,
    );
    this.stopSearch = worker.stop;
    const searchDone = worker.done.then((result) => {
      const records = result.shards.reduce((n, s) => n + s.records, 0);
      const each = result.shards.map((s) => `${s.id} ${s.seconds.toFixed(1)} s`).join(', ');
      log.info(
        `search index (${language}): ${result.shards.length} of ${search.shards.size} shards, ${records} articles, in ${seconds(indexing)} s` +
          `${lanes > 1 ? ` by ${lanes} workers` : ''}${each ? ` (${each})` : ''}`,
      );
    });
    // A failed shard stops the build at once: nothing has been written to the output yet.
    searchDone.catch((error: unknown) => this.fail(error));

    // Pages get this build's context and content through the hand-off file (src/lib/build/handoff.ts).
    const handoff: Handoff = {
      context,
      content,
      ...(toRender ? { renderOnly: [...toRender] } : shard ? { renderOnly: [...plan.pages.keys()] } : {}),
      pageUrls: [...whole.pages.keys()].map((url) => absoluteUrl(site.url, url)),
    };
    writeHandoff(paths.pages, handoff);
    const rendering = performance.now();
    const cardsBefore = countFiles(join(context.cacheDir, 'cards'));
    // The compiled pages are kept for the next build with the same code, site config and imported photos,
    // which renders through them without starting Vite (src/lib/build/kept-bundle.ts, decision 0017).
    const leadPhotos = content.articles.flatMap((a) =>
      a.imageFile && isVisible(a, nowMs, context.mode) ? [`${a.imageFile}\0${photoStamps.stamp(a.imageFile)}`] : [],
    );
    const bundle = { dir: keptBundleDir(context.cacheDir, context.outDir), key: bundleKey(code, context, leadPhotos) };
    try {
      const kept = toRender ? readKeptBundle(bundle.dir, bundle.key) : undefined;
      if (!kept || !(await this.renderWithKept(bundle.dir, kept, handoff))) {
        setBuildSlot({ context, handoff: handoffFile(paths.pages), outDir: paths.pages, keepBundle: bundle });
        const { build } = await import('astro'); // not loaded at all by a build with nothing to do
        await build({ root, outDir: paths.pages, logLevel: context.verbose ? 'info' : 'warn' });
      }
    } finally {
      removeHandoff(paths.pages);
    }
    log.info(
      `pages: ${this.renderedBy} in ${seconds(rendering)} s, ${countFiles(join(context.cacheDir, 'cards')) - cardsBefore} share cards drawn`,
    );
    rmSync(join(paths.pages, '.prerender'), { recursive: true, force: true });
    writeRedirects(paths.pages, getPublished(content.articles, nowMs));
    await searchDone;

    let patched = 0;
    if (newBanner && toRender) {
      const replacing = performance.now();
      patched = stageBannerPages(plan.pages.keys(), toRender, context.outDir, paths.pages);
      log.info(`breaking banner: replaced in ${patched} pages not rendered again, in ${seconds(replacing)} s`);
    }
    const written = listFiles(paths.pages);
    const photos = photoCopies(plan, paths.pages, written, toRender, new Map(previous?.photos ?? []));
    const unkeyed = written.filter((file) => !file.startsWith('_astro/') && !plan.pages.has(pageUrlOf(file)));
    if (shard) unkeyed.push(PART_FILE);

    const next: Manifest = {
      version: 5,
      code,
      shared: plan.shared,
      banner: plan.banner,
      outputs,
      pages: [...plan.pages],
      shards: [...search.shards],
      photos: [...photos.byPage],
      unkeyed,
      photoDigests: photoStamps.digests(),
    };
    const record = partRecord(next);
    if (record) writePartFile(paths.pages, record);
    const onStep = (step: string): void => pauseAt(step, context.testPause, context.cacheDir);
    if (previous) {
      const goneShards = previous.shards.map(([id]) => id).filter((id) => !search.shards.has(id));
      const stillWritten = new Set(unkeyed);
      const gone = {
        urls: removedPages(new Map(previous.pages), plan.pages),
        shards: goneShards,
        files: previous.unkeyed.filter((file) => !stillWritten.has(file)),
      };
      // From here on the output changes, following a journal the next build finishes from if this one is stopped.
      this.phase = 'apply';
      const livePhotos = [...photos.live];
      const applying = performance.now();
      const result = applyPlan(
        { kind: 'overlay', paths, outDir: context.outDir, gone, livePhotos, manifestFile: this.manifestFile, manifest: next },
        onStep,
      );
      const written = result.overlay?.written ?? 0;
      log.info(
        `updated ${shown(context.outDir)}: ${toRender?.size ?? 0} pages rendered, ` +
          (patched > 0 ? `${patched} pages given the new breaking banner, ` : '') +
          `${written - (toRender?.size ?? 0) - patched} other files rewritten ` +
          `(feeds, sitemaps, search page, assets), ${result.overlay?.shards ?? 0} search shards replaced; removed ${gone.urls.length} pages, ` +
          `${gone.shards.length} shards, ${gone.files.length} other files and ${result.photosDeleted} unused photo copies, in ${seconds(applying)} s`,
      );
    } else {
      const fresh = stageBeside(paths, search.shards.keys(), context.outDir);
      this.phase = 'apply';
      applyPlan(
        { kind: 'swap', fresh, oldSuffix: paths.oldSuffix, outDir: context.outDir, manifestFile: this.manifestFile, manifest: next },
        onStep,
      );
    }
    writeSchedule(scheduleFile(context.cacheDir, context.outDir), schedule);
    this.releaseLock();
    log.info(`built ${shown(context.outDir)} in ${seconds(this.started)} s`);
  }

  /**
   * Before anything is staged: the output must be writable; then its lock, an
   * update a stopped build left half-done finished, and stopped builds' leftovers removed.
   */
  async takeOutput(): Promise<void> {
    const { context } = this;
    checkWritable(context.outDir);
    this.releaseLock = await acquireLock(lockFile(context.outDir), { waitMs: context.lockWaitMs, say: (message) => log.info(message) });
    const finished = finishInterruptedApply(this.manifestFile);
    if (finished) log.info(`finished updating ${shown(context.outDir)}, which a build stopped part-way through (${finished.kind})`);
    const leftovers = removeLeftovers(root, context.outDir);
    if (leftovers.length > 0)
      log.info(`removed ${leftovers.length} folders left by builds that were stopped: ${leftovers.map(shown).join(', ')}`);
  }

  /** `--assemble DIR…`: the parts joined into the output, staged and swapped in as a full build's output is. */
  async assemble(dirs: readonly string[]): Promise<void> {
    const { context, paths } = this;
    const parts = dirs.map((dir) => ({ dir: resolve(dir), record: readPartFile(resolve(dir)) }));
    checkParts(parts.map((part) => ({ ...part, dir: shown(part.dir) })));
    const ordered = [...parts].sort((a, b) => a.record.index - b.record.index);
    const [first] = ordered;
    log.info(`assembling ${ordered.length} parts built at ${new Date(first!.record.nowMs).toISOString()} into ${shown(context.outDir)}`);
    await this.takeOutput();
    const staged = stageParts(ordered, paths.pages);
    const fresh = stageBeside(paths, [], context.outDir);
    this.phase = 'apply';
    // The joined manifest lets the next single build of this folder start from it; the schedule is the parts' (all alike).
    const manifest = joinManifests(ordered.map((part) => part.record));
    const onStep = (step: string): void => pauseAt(step, context.testPause, context.cacheDir);
    applyPlan(
      { kind: 'swap', fresh, oldSuffix: paths.oldSuffix, outDir: context.outDir, manifestFile: this.manifestFile, manifest },
      onStep,
    );
    writeSchedule(scheduleFile(context.cacheDir, context.outDir), first!.record.schedule);
    this.releaseLock();
    log.info(
      `assembled ${shown(context.outDir)}: ${staged.files} files from ${ordered.length} parts (${staged.shared} held by several, each the same bytes) in ${seconds(this.started)} s`,
    );
  }

  releaseLock: () => void = () => undefined;
  renderedBy = 'astro build';

  /** Renders this build's pages through the kept bundle; false (and nothing staged) when it cannot. */
  async renderWithKept(dir: string, kept: KeptBundleInfo, handoff: Handoff): Promise<boolean> {
    const { paths, context } = this;
    setBuildSlot({ context, handoff: handoffFile(paths.pages), outDir: paths.pages });
    try {
      const result = await renderWithKeptBundle(dir, kept, paths.pages, context.outDir);
      const { afterKeptBundleBuild } = await import('../src/bridge/integration.ts');
      await afterKeptBundleBuild(paths.pages, handoff, kept, result.pages);
      this.renderedBy = `${result.files} files rendered through the page bundle kept for this code (Vite not started)`;
      return true;
    } catch (error) {
      log.info(`the kept page bundle could not render this build (${error instanceof Error ? error.message : String(error)}): astro build`);
      rmSync(paths.pages, { recursive: true, force: true });
      return false;
    }
  }

  #failing: Promise<void> | undefined;
  /** Reports the first failure (a second, such as the search worker stopping, waits for that report) and exits. */
  async fail(error: unknown): Promise<never> {
    this.#failing ??= this.#report(error);
    await this.#failing;
    process.exit(1);
  }

  async #report(error: unknown): Promise<void> {
    await this.stopSearch();
    const where = shown(this.context.outDir);
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const needed = Math.max(folderBytes(this.paths.pages), folderBytes(this.paths.incoming));
    const plain = describeWriteFailure(error, needed, this.context.outDir);
    if (this.phase === 'prepare') {
      removeStaging(this.paths, this.context.outDir);
      if (error instanceof ContentError) log.error(error.message);
      else if (error instanceof PartsError) log.error(`${error.message}\n${where} was left as it was.`);
      else log.error(`build failed; ${where} was left as it was.\n${plain ?? detail}`);
    } else {
      // The journal and the staged files stay: the next build finishes this update before anything else.
      log.error(`build failed while updating ${where}; build again and it will finish the update first.\n${plain ?? detail}`);
    }
    this.releaseLock();
  }
}

/** Writes a part's record at the top of `dir` (its staged or finished output), whole or not at all. */
function writePartFile(dir: string, record: PartRecord): void {
  const file = join(dir, PART_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(record));
  renameSync(`${file}.tmp`, file);
}

/** The record of the part built into `dir`; throws naming the folder when it holds none. */
function readPartFile(dir: string): PartRecord {
  let record: PartRecord;
  try {
    record = JSON.parse(readFileSync(join(dir, PART_FILE), 'utf8')) as PartRecord;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `has no ${PART_FILE}` : `has an unreadable ${PART_FILE}`;
    throw new PartsError(`cannot assemble: ${shown(dir)} ${why}; it is not the output of \`npm run build -- --shard i/n\``, {
      cause: error,
    });
  }
  if (record.version !== 1)
    throw new PartsError(`cannot assemble: ${shown(dir)}/${PART_FILE} is from another version of Dateline; build the part again`);
  return record;
}

/** Fails early, naming the folder, when the output cannot be written (a read-only disk, no permission). */
function checkWritable(outDir: string): void {
  // The output, and the nearest folder above it that exists (the build makes any missing ones).
  let above = dirname(outDir);
  while (!existsSync(above) && dirname(above) !== above) above = dirname(above);
  for (const dir of existsSync(outDir) ? [outDir, above] : [above]) {
    try {
      accessSync(dir, constants.W_OK);
    } catch (error) {
      throw new Error(
        `cannot write to ${dir} (${(error as NodeJS.ErrnoException).code}): the output folder and the folder holding it must be writable`,
        {
          cause: error,
        },
      );
    }
  }
}

/** A writer's explanation of a full disk or an unwritable folder, naming where and how much room the site needs. */
function describeWriteFailure(error: unknown, neededBytes: number, outDir: string): string | undefined {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  // Name the folder the writer knows (the one holding the output) rather than a file deep in a staging copy.
  const where = shown(path && !path.startsWith(dirname(outDir)) ? dirname(path) : dirname(outDir));
  // Copying a tree onto a full disk can also fail as EIO (Node's cp); then the room left decides.
  if (code === 'ENOSPC' || code === 'EDQUOT' || (code === 'EIO' && roomLeft(dirname(outDir)) < neededBytes)) {
    const size = neededBytes > 0 ? ` (the new site takes about ${Math.ceil(neededBytes / 1_048_576)} MB)` : '';
    return `no space left on the disk that holds ${where}${size}: free some space and build again.`;
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return `cannot write to ${where} (${code}): make it writable and build again.`;
  return undefined;
}

/** Bytes free for this process on the disk that holds `dir` (infinite when it cannot be asked). */
function roomLeft(dir: string): number {
  try {
    const disk = statfsSync(dir);
    return disk.bavail * disk.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Why a build renders every page. */
function fullBuildReason(forced: boolean, hadManifest: boolean): string {
  if (forced) return 'DATELINE_FULL_BUILD=1';
  return hadManifest ? 'the code, the shared inputs or the output changed' : 'no earlier build of this output to start from';
}

/** How the content index served this build, for its log: what was read, and what git's ids spared. */
function describeIndex({ reused, parsed, fromGit, discarded }: IndexStats): string {
  const ids = fromGit > 0 ? `, ${fromGit} known by git's ids` : ', outside git: every file read and compared';
  return `${parsed} files read, ${reused} taken from the content index${ids}${discarded ? `; index not used: ${discarded}` : ''}`;
}

/** Files directly in `dir` (0 when it does not exist). */
function countFiles(dir: string): number {
  return existsSync(dir) ? readdirSync(dir).length : 0;
}

function digest(material: unknown): string {
  return createHash('sha1').update(JSON.stringify(material)).digest('base64url');
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

function shown(dir: string): string {
  return relative(process.cwd(), dir) || dir;
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
    log.info(
      `redirects: Cloudflare Pages reads only the first ${CLOUDFLARE_STATIC_REDIRECT_LIMIT} static redirects; Netlify reads them all`,
    );
  }
}

let current: Build | undefined;
try {
  // A bad clock, config, endpoint or argument fails here, before anything is written.
  const request = parseBuildArgs(process.argv.slice(2));
  current = new Build(readContext(root), request);
  await current.run();
} catch (error) {
  if (current) await current.fail(error);
  log.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
