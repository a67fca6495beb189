// Renders bodies when their page is built, never all at once, with a disk cache
// keyed by a digest of the Markdown and the pipeline's settings: an unchanged
// article is never rendered twice, across builds too (DESIGN.md "Scale").
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article, Comment } from '#lib/content/content.ts';
import { splitFrontmatter } from '#lib/content/frontmatter.ts';
import { createMarkdownRenderer, PIPELINE_VERSION, type MarkdownKind, type MarkdownOptions } from './markdown.ts';

export interface BodyRendererOptions extends MarkdownOptions {
  /** Folder for cached HTML; no caching when undefined. */
  cacheDir?: string;
}

/** Renders Markdown by kind, through the cache when one is configured. */
export type CachedRender = (kind: MarkdownKind, markdown: string) => string;

/** Creates the site's renderer: the sanitizing pipeline plus the disk cache. */
export function createCachedRenderer(options: BodyRendererOptions): CachedRender {
  const render = createMarkdownRenderer(options);
  const { cacheDir } = options;
  if (!cacheDir) return render;
  const settings = JSON.stringify([PIPELINE_VERSION, [...options.embedHosts].sort(), options.language ?? 'en']);
  const made = new Set<string>();
  return (kind, markdown) => {
    const key = createHash('sha256').update(`${settings}\0${kind}\0${markdown}`).digest('hex');
    const dir = join(cacheDir, key.slice(0, 2));
    const file = join(dir, `${key}.html`);
    const pending = inFlight.get(file);
    if (pending !== undefined) return pending.html;
    try {
      return readFileSync(file, 'utf8');
    } catch {
      const html = render(kind, markdown);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      storeInBackground(file, html);
      return html;
    }
  };
}

/**
 * Writes a cache entry without holding up rendering: file creation is slow on
 * some disks, and a cold build of a large archive writes one entry per article.
 * Write-then-rename, so a build stopped half-way never leaves a torn entry; a
 * failed write only means the entry is rendered again next time.
 */
function storeInBackground(file: string, html: string): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const done = writeFile(temp, html)
    .then(() => rename(temp, file))
    .catch(() => rm(temp, { force: true }).catch(() => undefined))
    .finally(() => inFlight.delete(file));
  inFlight.set(file, { html, done });
}

/** Entries being written, by file; served from memory until they land. */
const inFlight = new Map<string, { html: string; done: Promise<void> }>();

/** Resolves when every cache entry started so far is on disk (or has failed). */
export async function cacheWritesSettled(): Promise<void> {
  await Promise.all([...inFlight.values()].map((entry) => entry.done));
}

/** Reads an article's body from disk and renders it to sanitized HTML. */
export function renderArticleBody(article: Pick<Article, 'path' | 'file'>, render: CachedRender): string {
  return render('article', readBody(article));
}

/** Reads a reader comment's body from disk and renders it as hostile input (no raw HTML, no images, ugc links). */
export function renderCommentBody(comment: Pick<Comment, 'path' | 'file'>, render: CachedRender): string {
  return render('comment', readBody(comment).trim());
}

/**
 * The body of a file the loader validated moments ago: split off by the same
 * rules, without parsing the frontmatter's YAML again (that was half the cost).
 */
function readBody(entry: { path: string; file: string }): string {
  const withBom = readFileSync(entry.path, 'utf8');
  const source = withBom.startsWith('\uFEFF') ? withBom.slice(1) : withBom;
  // Failing now means the file changed under us since the loader read it.
  if (!/^---\r?\n/.test(source)) throw new Error(`${entry.file} changed during the build: has no frontmatter any more`);
  return splitFrontmatter(source).body;
}
