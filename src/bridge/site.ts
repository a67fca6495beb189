// The bridge between the environment and lib/: reads the site config and the
// DATELINE_* variables once, loads the archive once per build, and hands pages
// typed data. (lib/ itself never reads the clock or the environment.)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import rawConfig from '../../site.config.ts';
import { buildArchive, type Archive } from '#lib/archive/archive.ts';
import type { Article, Content, Desk } from '#lib/content/content.ts';
import type { FeedContext } from '#lib/outputs/feeds.ts';
import { parseBuildClock } from '#lib/render/dates.ts';
import { previewLabel, type PublishMode } from '#lib/archive/publishing.ts';
import { loadContent, PRELOADED_CONTENT } from '#lib/content/load-content.ts';
import { isVisible } from '#lib/archive/publishing.ts';
import { RENDER_ONLY } from '#lib/build/page-plan.ts';
import { createCachedRenderer, renderArticleBody } from '#lib/render/render-body.ts';
import { parseSiteConfig, withCommentsEndpoint } from '#lib/content/site-config.ts';
import { DEV_GENERATION_FILE, DEV_SERVER_VARIABLE } from './integration.ts';

/** The site config, with the reply form's endpoint from DATELINE_COMMENTS_ENDPOINT when set. */
export const site = withCommentsEndpoint(parseSiteConfig(rawConfig), process.env['DATELINE_COMMENTS_ENDPOINT']);
export const contentDir = resolve(process.env['DATELINE_CONTENT_DIR'] || 'content');
export const buildNowMs = parseBuildClock(process.env['DATELINE_NOW'], Date.now());
/** Rendered-body cache; keep this folder between CI builds (README, "Caching"). */
export const cacheDir = resolve(process.env['DATELINE_CACHE_DIR'] || '.cache/dateline');
/**
 * `npm run dev` previews drafts and embargoed articles, flagged; every build
 * leaves them out. Both signs must agree: Vite's DEV (absent in
 * astro.config.mjs) and our integration's word that the command is `astro dev`.
 */
export const publishMode: PublishMode =
  import.meta.env?.DEV === true && process.env[DEV_SERVER_VARIABLE] === '1' ? 'preview' : 'production';
export const render = createCachedRenderer({ embedHosts: site.embedHosts, cacheDir: join(cacheDir, 'html') });

// In `astro dev` the content watcher (src/bridge/integration.ts) rewrites a small
// signal file whenever a content file changes; a new value means reload.
const generation = (): string => {
  // import.meta.env is absent when astro.config.mjs loads this file (for sitemaps).
  if (!import.meta.env?.DEV) return '';
  try {
    return readFileSync(resolve(DEV_GENERATION_FILE), 'utf8');
  } catch {
    return '';
  }
};
let cached: { archive: Archive; generation: string } | undefined;

/**
 * scripts/build.ts validates the content before Astro starts and leaves it on
 * globalThis; pages and the sitemap run in the same process, so they reuse it
 * instead of reading and parsing every file again.
 */
function preloaded(): Preloaded | undefined {
  const shared = (globalThis as { [PRELOADED_CONTENT]?: Preloaded })[PRELOADED_CONTENT];
  return shared?.dir === contentDir ? shared : undefined;
}

/** What scripts/build.ts leaves on globalThis: the content, and the archive it built from it at the build's clock. */
export interface Preloaded {
  dir: string;
  content: Content;
  archive?: { nowMs: number; archive: Archive };
  /** Absolute URLs of every keyed page, rendered this time or kept: the sitemaps list them all. */
  pageUrls?: string[];
}

function preloadedContent(): Content | undefined {
  return preloaded()?.content;
}

/** Every page URL the sitemaps must list besides those Astro rendered in this build (astro.config.mjs). */
export function keptPageUrls(): string[] {
  return preloaded()?.pageUrls ?? [];
}

/**
 * Whether this build renders the keyed page at `url`: an incremental build
 * (scripts/build.ts) renders only pages whose inputs changed, and keeps the
 * rest from the previous output. Every other build renders every page.
 */
export function rendersPage(url: string): boolean {
  const only = (globalThis as { [RENDER_ONLY]?: ReadonlySet<string> })[RENDER_ONLY];
  return only === undefined || only.has(url);
}

/** The published archive at the build's clock, loaded and indexed once. */
export function getArchive(): Archive {
  if (!cached || cached.generation !== generation()) {
    const shared = preloaded();
    const archive =
      shared?.archive && shared.archive.nowMs === buildNowMs && publishMode === 'production'
        ? shared.archive.archive
        : buildArchive(shared?.content ?? loadContent(contentDir, { displayRoot: process.cwd() }), buildNowMs, { mode: publishMode });
    cached = { archive, generation: generation() };
  }
  return cached.archive;
}

/**
 * Absolute paths of the photos kept beside published articles, for the lead
 * images module (src/bridge/integration.ts). Read afresh each call: the module is
 * loaded once per build (from the content the build script already loaded)
 * and again in dev after content changes, where a memo would be stale.
 */
export function localLeadImageFiles(): string[] {
  const content = preloadedContent() ?? loadContent(contentDir, { displayRoot: process.cwd() });
  // Called from astro.config.mjs's copy of this module, where import.meta.env is
  // absent: ask the integration's variable (set before any page loads) whether
  // `astro dev` is previewing drafts, whose photos it then needs too.
  const mode: PublishMode = process.env[DEV_SERVER_VARIABLE] === '1' ? 'preview' : 'production';
  return content.articles.flatMap((a) => (a.imageFile && isVisible(a, buildNowMs, mode) ? [a.imageFile] : []));
}

/** The preview banner's text for an unpublished article under `npm run dev`; always undefined in a build. */
export function previewLabelFor(article: Article): string | undefined {
  return previewLabel(article, buildNowMs, publishMode, site);
}

const bios = new Map<string, string>();
/** A desk's bio as sanitized HTML; every article page shows one, so each desk's is rendered once per build. */
export function deskBioHtml(desk: Desk): string {
  let html = bios.get(desk.bio);
  if (html === undefined) bios.set(desk.bio, (html = render('bio', desk.bio)));
  return html;
}

/** What feeds need: the site, the archive, the clock and the body renderer. */
export function feedContext(): FeedContext {
  return { site, archive: getArchive(), nowMs: buildNowMs, bodyHtml: (article: Article) => renderArticleBody(article, render) };
}
