// The search index in shards (docs/decisions/0008-incremental-builds.md).
// Pagefind has no incremental indexing, and its cost per story grows with the
// index, so the archive is indexed as shards, each a separate Pagefind bundle
// under /pagefind/<id>/, which the search page asks newest first, only as far
// as a page of results needs (the word directory says which hold the words).
//
// Shards are runs of stories in publication order, cut from the oldest story
// in blocks of fixed sizes, biggest first (like the levels of a log-structured
// store): publishing a story touches only the small open shard at the end, and
// now and then folds full small blocks into a bigger one.
// The cut is a pure function of the archive, so an incremental build and a cold
// one make the same shards. Because shards never overlap in time, results
// sorted newest first are the shards' own sorted results, newest shard first.
import { createHash } from 'node:crypto';
import type { Archive } from '#lib/archive/archive.ts';
import type { Article } from '#lib/content/content.ts';
import { toDateSortKey } from './search.ts';
import { articleUrl } from '#lib/archive/urls.ts';
import { sourceText } from '#lib/render/article-notes.ts';
import { decodeHtmlEntities } from '#lib/render/escape.ts';
import { PIPELINE_VERSION } from '#lib/render/markdown.ts';

/** Bump when what a record holds changes without any article changing: every shard's key changes with it. */
export const RECORD_VERSION = `records-2;pipeline-${PIPELINE_VERSION}`;

/**
 * Block sizes, biggest first; whatever is left below the smallest is the open
 * shard. Pagefind holds about 256 KB per story while it indexes a shard, so
 * the biggest block bounds its memory (under 1 GB at 3,000). The number of
 * shards grows with the archive (5 at 10,000 stories, 35 at 100,000), but a
 * search does not ask them all: the word directory (WORD_DIRECTORY) says which
 * hold the words, and the search page asks the newest of those first.
 */
export const SHARD_BLOCKS = [3_000, 750, 250] as const;

/**
 * The word directory's bundle, /pagefind/words/, beside the shards' (whose ids
 * are "<first>-<count>"): one record per shard with each of its words once,
 * in the site's language, so Pagefind's own matching (stems, word starts)
 * tells in one small search which shards a query can find anything in.
 */
export const WORD_DIRECTORY = 'words';

/**
 * Adds the words of `texts` to `into`, each once: split at white space, as
 * Pagefind splits before it takes a word apart, and lower-cased, as it
 * matches. A shard's directory record is these words, so it matches a query
 * whenever one of the shard's stories does.
 */
export function distinctWords(texts: readonly string[], into: Set<string>): Set<string> {
  for (const text of texts) for (const word of text.toLowerCase().split(/\s+/)) if (word) into.add(word);
  return into;
}

export interface Shard {
  /**
   * Folder name under /pagefind/: "<first>-<count>" for a full block, counted
   * in publication order from the oldest story; "<first>-open" for the open
   * shard, whose name then stays the same from one publish to the next.
   */
  id: string;
  /** Oldest first. */
  articles: Article[];
}

/** Cuts newest-first `articles` into shards, oldest shard first. */
export function cutShards(articles: readonly Article[], blocks: readonly number[] = SHARD_BLOCKS): Shard[] {
  const oldestFirst = [...articles].reverse();
  const shards: Shard[] = [];
  let start = 0;
  const take = (count: number, open = false): void => {
    shards.push({ id: `${start}-${open ? 'open' : count}`, articles: oldestFirst.slice(start, start + count) });
    start += count;
  };
  for (const size of blocks) while (oldestFirst.length - start >= size) take(size);
  if (start < oldestFirst.length) take(oldestFirst.length - start, true);
  return shards;
}

/** What Pagefind stores for a story besides its words. */
export interface SearchRecordFields {
  url: string;
  /** Text indexed ahead of the body: headline, standfirst, caption. */
  lead: string[];
  /** Text indexed after the body: source line, corrections. */
  tail: string[];
  meta: { title: string; date: string };
  filters: { section: string[]; desk: string[]; tag?: string[] };
  sort: { date: string };
}

/** The record for one story; its body's text is added when the shard is indexed. */
export function searchRecord(article: Article, archive: Archive): SearchRecordFields {
  const tags = archive.tagSlugs(article).map((slug) => archive.tags.get(slug)?.name ?? slug);
  return {
    url: articleUrl(article),
    lead: [article.title, article.dek ?? '', article.image?.caption ?? ''].filter(Boolean),
    tail: [article.source ? sourceText(article.source) : '', ...article.corrections.map((c) => c.text)].filter(Boolean),
    meta: { title: article.title, date: article.publishedAt },
    filters: {
      section: [archive.section(article.section).name],
      desk: [archive.desk(article.desk).name],
      ...(tags.length > 0 ? { tag: tags } : {}),
    },
    sort: { date: toDateSortKey(article.publishedAt) },
  };
}

/** A shard's key: it is indexed again only when a story in it, or how stories are recorded, changed. */
export function shardKey(shard: Shard, records: readonly SearchRecordFields[], recordVersion = RECORD_VERSION): string {
  const hash = createHash('sha1').update(recordVersion);
  shard.articles.forEach((article, i) => hash.update(`\0${article.digest}\0${JSON.stringify(records[i])}`));
  return hash.digest('base64url');
}

/** Elements that end a run of text: between two of them an excerpt needs a sentence break. */
const BLOCK = /^(?:p|h[1-6]|li|dt|dd|blockquote|figure|figcaption|pre|table|caption|tr|td|th|ul|ol|dl|div|section|details|summary|br|hr)$/i;

/**
 * The words of sanitized body HTML, for the index, as a reader would read
 * them aloud: inline tags vanish (so "website</a>." stays "website."), block
 * boundaries become sentence breaks (so a heading does not run into the next
 * paragraph in an excerpt), character references are decoded.
 */
export function htmlToText(html: string): string {
  const blocks = decodeHtmlEntities(
    html
      // A tag ends at a ">" outside quotes: attribute values may hold ">" (alt="fish > chips").
      .replace(/<\/?([a-z][a-z0-9]*)(?:[^"'>]|"[^"]*"|'[^']*')*>/gi, (_, name: string) => (BLOCK.test(name) ? '\n' : ''))
      .replace(/<!--[\s\S]*?-->/g, ''),
  ).split('\n');
  return joinSentences(blocks);
}

/**
 * Pieces of text (headline, standfirst, paragraphs) as one text: each piece's
 * spaces collapsed, empty ones dropped, and a full stop added between two
 * when the first does not already end a sentence.
 */
export function joinSentences(pieces: readonly string[]): string {
  const clean = pieces.map((piece) => piece.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return clean.reduce((text, piece) => (text === '' ? piece : `${text}${/[.!?…:;]["'”’)\]]?$/.test(text) ? '' : '.'} ${piece}`), '');
}
