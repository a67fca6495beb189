// The bridge between Astro pages and lib/: the build context (from the
// integration's virtual module), the archive loaded once per build, and typed
// data for pages. Nothing here reads the environment or the clock.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { context, handoff } from 'virtual:dateline/context';
import { buildArchive, type Archive } from '#lib/archive/archive.ts';
import { previewLabel } from '#lib/archive/publishing.ts';
import { devGenerationFile } from '#lib/build/context.ts';
import type { Handoff } from '#lib/build/handoff.ts';
import type { Article, Desk } from '#lib/content/content.ts';
import { loadContent } from '#lib/content/load-content.ts';
import type { FeedContext } from '#lib/outputs/feeds.ts';
import { createCachedRenderer, renderArticleBody } from '#lib/render/render-body.ts';

/** The validated site config, with the reply form's endpoint from DATELINE_COMMENTS_ENDPOINT when set. */
export const site = context.site;
/** The build's one clock (scripts/build.ts, or the integration for `astro dev`). */
export const buildNowMs = context.nowMs;
/** `astro dev` previews drafts and embargoed stories, flagged; every build publishes. */
export const publishMode = context.mode;
/** Rendered-body cache; keep this folder between CI builds (README, "Caching"). */
export const render = createCachedRenderer({
  embedHosts: site.embedHosts,
  language: site.language,
  cacheDir: join(context.cacheDir, 'html'),
});

/** What scripts/build.ts handed over: the content it loaded and the pages to render; read once. */
const handedOver: Handoff | undefined = handoff ? (JSON.parse(readFileSync(handoff, 'utf8')) as Handoff) : undefined;
const renderOnly = handedOver?.renderOnly ? new Set(handedOver.renderOnly) : undefined;

// In `astro dev` the integration rewrites a small file whenever a content
// file changes; a new value means load the archive again.
const generation = (): string => {
  if (context.mode !== 'preview') return '';
  try {
    return readFileSync(devGenerationFile(context.cacheDir), 'utf8');
  } catch {
    return '';
  }
};
let cached: { archive: Archive; generation: string } | undefined;

/**
 * Whether this build renders the keyed page at `url`: an incremental build
 * (scripts/build.ts) renders only pages whose inputs changed, and keeps the
 * rest from the previous output. Every other build renders every page.
 */
export function rendersPage(url: string): boolean {
  return renderOnly === undefined || renderOnly.has(url);
}

/** The archive at the build's clock, built once (and again in dev after a content change). */
export function getArchive(): Archive {
  if (!cached || cached.generation !== generation()) {
    const content = handedOver?.content ?? loadContent(context.contentDir, { displayRoot: process.cwd(), language: site.language });
    cached = { archive: buildArchive(content, context.nowMs, { mode: context.mode }), generation: generation() };
  }
  return cached.archive;
}

/** The preview banner's text for an unpublished article under `npm run dev`; always undefined in a build. */
export function previewLabelFor(article: Article): string | undefined {
  return previewLabel(article, context.nowMs, context.mode, site);
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
  return { site, archive: getArchive(), nowMs: context.nowMs, bodyHtml: (article: Article) => renderArticleBody(article, render) };
}
