// The published site as indexes built once per build: by slug, section, desk
// and tag, plus related-article and comment lookups. Pages read these; nothing loops over
// the whole archive per page.
import { currentAlert } from './alerts.ts';
import { byOldest } from './comments.ts';
import type { Alert, Article, Comment, Content, Desk, Section, Update } from '#lib/content/content.ts';
import { publishedUpdates, withNewestUpdate } from './live.ts';
import { getVisible, type PublishMode } from './publishing.ts';
import { findRelated } from './related.ts';
import { slugify } from '#lib/content/slugs.ts';

/** A topic page: the tag as first written, and its articles newest first. */
export interface Tag {
  slug: string;
  name: string;
  articles: Article[];
}

/** Published content with lookups; drafts and embargoed articles are absent (except in preview). */
export interface Archive {
  /** 'preview' only under `npm run dev`: drafts and embargoed articles are included. */
  mode: PublishMode;
  sections: Section[];
  desks: Desk[];
  /** Published articles (in preview: every article), newest first. */
  articles: Article[];
  section: (slug: string) => Section;
  desk: (slug: string) => Desk;
  bySection: Map<string, Article[]>;
  byDesk: Map<string, Article[]>;
  tags: Map<string, Tag>;
  /** The slugs of an article's tags, deduplicated. */
  tagSlugs: (article: Article) => string[];
  related: (article: Article) => Article[];
  /** An article's comments published by the build's clock, oldest first (whether to show them is the page's call). */
  commentsOn: (article: Article) => readonly Comment[];
  /** The breaking-news banner current at the build's clock, shown above every page's header. */
  alert: Alert | undefined;
  /** A live story's updates published by the build's clock, newest first. */
  updatesOn: (article: Article) => readonly Update[];
}

export interface ArchiveOptions {
  /** 'production' (default) leaves out drafts and embargoed articles; 'preview' keeps them. */
  mode?: PublishMode;
  /** Related articles per article. */
  relatedCount?: number;
}

/** Builds the archive as seen at `nowMs`: the published site, or in preview every article. */
export function buildArchive(content: Content, nowMs: number, { mode = 'production', relatedCount = 5 }: ArchiveOptions = {}): Archive {
  // A live story's updatedAt moves on with its newest update, for every listing, feed and sitemap alike.
  const updatesByArticle = publishedUpdates(content.updates ?? [], nowMs);
  const articles = getVisible(content.articles, nowMs, mode).map((a) => withNewestUpdate(a, updatesByArticle.get(a.slug)));
  const sectionMap = new Map(content.sections.map((s) => [s.slug, s]));
  const deskMap = new Map(content.desks.map((d) => [d.slug, d]));
  const bySection = new Map<string, Article[]>(content.sections.map((s) => [s.slug, []]));
  const byDesk = new Map<string, Article[]>(content.desks.map((d) => [d.slug, []]));
  const tags = new Map<string, Tag>();
  // Asked for every candidate of every related rail: worked out once per article.
  const tagSlugCache = new WeakMap<Article, string[]>();
  const tagSlugs = (article: Article): string[] => {
    let slugs = tagSlugCache.get(article);
    if (!slugs) tagSlugCache.set(article, (slugs = [...new Set(article.tags.map(slugify))]));
    return slugs;
  };
  // articles is newest first, so every list built here is newest first too.
  for (const article of articles) {
    bySection.get(article.section)?.push(article);
    byDesk.get(article.desk)?.push(article);
    article.tags.forEach((name) => {
      const slug = slugify(name);
      let tag = tags.get(slug);
      if (!tag) tags.set(slug, (tag = { slug, name, articles: [] }));
      if (tag.articles.at(-1) !== article) tag.articles.push(article);
    });
  }
  // One pass over every comment; pages then look up their own.
  const commentsByArticle = new Map<string, Comment[]>();
  for (const comment of content.comments) {
    if (comment.publishedMs > nowMs) continue;
    const list = commentsByArticle.get(comment.article);
    if (list) list.push(comment);
    else commentsByArticle.set(comment.article, [comment]);
  }
  for (const list of commentsByArticle.values()) list.sort(byOldest);
  const byTagArticles = new Map([...tags].map(([slug, tag]) => [slug, tag.articles]));
  const relatedIndex = { bySection, byTag: byTagArticles, tagSlugs, total: articles.length };
  const relatedCache = new WeakMap<Article, Article[]>();
  return {
    mode,
    sections: content.sections,
    desks: content.desks,
    articles,
    section: (slug) => required(sectionMap.get(slug), 'section', slug),
    desk: (slug) => required(deskMap.get(slug), 'desk', slug),
    bySection,
    byDesk,
    tags,
    tagSlugs,
    related(article) {
      let found = relatedCache.get(article);
      if (!found) {
        found = findRelated(article, relatedIndex, relatedCount);
        relatedCache.set(article, found);
      }
      return found;
    },
    commentsOn: (article) => commentsByArticle.get(article.slug) ?? [],
    alert: currentAlert(content.alerts, nowMs),
    updatesOn: (article) => updatesByArticle.get(article.slug) ?? [],
  };
}

function required<T>(value: T | undefined, kind: string, slug: string): T {
  // Cross-checks guarantee this; reaching it means a bug, not bad content.
  if (value === undefined) throw new Error(`unknown ${kind} "${slug}"`);
  return value;
}
