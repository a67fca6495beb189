// Reader comments under an article: which show, how they nest, whether the
// reply form is open, and what it posts. Comments are hostile input: bodies are
// rendered by the caller through the sanitizing pipeline (kind 'comment'), and
// everything else is text that the templates escape.
import type { Article, Comment } from '#lib/content/content.ts';
import { COMMENT_LIMITS } from '#lib/content/schemas.ts';
import type { CommentFieldNames, SiteConfig } from '#lib/content/site-config.ts';
import { toZonedIso } from '#lib/render/dates.ts';
import { absoluteUrl, articleUrl } from './urls.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Replies nest this deep at most; deeper replies sit beside their parent, after it. */
export const MAX_THREAD_DEPTH = 4;

/** A comment with the replies that nest under it. */
export interface ThreadNode {
  comment: Comment;
  /** 1 for a comment on the article, 2 for a reply to one, … up to MAX_THREAD_DEPTH. */
  depth: number;
  replies: ThreadNode[];
}

/** Oldest first, as a conversation reads; equal times by id so builds are deterministic. */
export function byOldest(a: Comment, b: Comment): number {
  return a.publishedMs - b.publishedMs || a.id.localeCompare(b.id);
}

/**
 * Returns the comments as a thread: comments on the article oldest first, each
 * reply under the comment it answers (oldest first). A reply deeper than
 * `maxDepth` goes under its ancestor at `maxDepth - 1`, so it shows beside the
 * comment it answers. A reply to a comment not in the list starts its own thread.
 */
export function buildThread(comments: readonly Comment[], maxDepth = MAX_THREAD_DEPTH): ThreadNode[] {
  const sorted = [...comments].sort(byOldest);
  const byId = new Map(sorted.map((c) => [c.id, c]));
  const parentOf = (c: Comment): Comment | undefined => (c.inReplyTo === undefined ? undefined : byId.get(c.inReplyTo));
  // Where each comment shows: its depth and the comment it nests under (none for the article's own).
  const placed = new Map<Comment, { depth: number; host?: Comment }>();
  for (const c of sorted) {
    // Walk up to the nearest placed ancestor, then place the chain top down: no
    // recursion, and each comment is placed once, however long the chain.
    const chain: Comment[] = [];
    const seen = new Set<Comment>(); // guards against a loop of replies
    let at: Comment | undefined = c;
    while (at && !placed.has(at) && !seen.has(at)) {
      chain.push(at);
      seen.add(at);
      at = parentOf(at);
    }
    for (const x of chain.reverse()) {
      const parent = parentOf(x);
      const above = parent && placed.get(parent);
      if (!parent || !above) placed.set(x, { depth: 1 });
      else if (above.depth < maxDepth) placed.set(x, { depth: above.depth + 1, host: parent });
      else placed.set(x, { depth: maxDepth, ...(above.host ? { host: above.host } : {}) });
    }
  }
  const nodes = new Map(sorted.map((c) => [c, { comment: c, depth: placed.get(c)!.depth, replies: [] } as ThreadNode]));
  const roots: ThreadNode[] = [];
  // In time order, so every list of replies is oldest first.
  for (const c of sorted) {
    const host = placed.get(c)!.host;
    (host ? nodes.get(host)!.replies : roots).push(nodes.get(c)!);
  }
  return roots;
}

/** The heading over the comments: "1 Comment", "3 Comments". */
export function commentCountHeading(count: number): string {
  return `${count} ${count === 1 ? 'Comment' : 'Comments'}`;
}

/** When the article's reply form closes (epoch ms): the article's own setting, else the site's; undefined if never. */
export function commentsCloseMs(article: Pick<Article, 'publishedMs' | 'commentsCloseAfterDays'>, site: SiteConfig): number | undefined {
  const days = article.commentsCloseAfterDays ?? site.comments.closeAfterDays;
  return days === undefined ? undefined : article.publishedMs + days * DAY_MS;
}

/** 'none': no form at all (comments off, or no endpoint to post to); 'closed': past its closing time. */
export type ReplyFormState = 'open' | 'closed' | 'none';

/** Whether the article shows an open reply form at `nowMs`. */
export function replyFormState(
  article: Pick<Article, 'comments' | 'publishedMs' | 'commentsCloseAfterDays'>,
  site: SiteConfig,
  nowMs: number,
): ReplyFormState {
  if (!article.comments || !site.comments.endpoint) return 'none';
  const closes = commentsCloseMs(article, site);
  return closes !== undefined && nowMs >= closes ? 'closed' : 'open';
}

/** The fragment id of a comment ("comment-<id>"). */
export function commentAnchor(id: string): string {
  return `comment-${id}`;
}

/** The fragment a Reply link points at: inside the form, and carrying the id for the reply script. */
export function replyAnchor(id: string): string {
  return `reply-to-${id}`;
}

/** Everything the reply form posts besides what the reader types. */
export interface ReplyForm {
  /** The form service's URL. */
  action: string;
  names: CommentFieldNames;
  /** Hidden fields in order; `field` says which one, for the script and tests. */
  hidden: { field: 'slug' | 'url' | 'replyTo' | 'redirect' | 'timestamp'; name: string; value: string }[];
  limits: typeof COMMENT_LIMITS;
}

/**
 * The reply form for an article. Its timestamp is the article's publication
 * time until the page's script sets the time the form was opened: the earliest
 * moment anyone could have seen it, and a value that does not change from build
 * to build, so an unchanged article's page stays unchanged (incremental builds).
 */
export function replyForm(article: Pick<Article, 'section' | 'slug' | 'publishedMs'>, site: SiteConfig): ReplyForm {
  const { endpoint, fields } = site.comments;
  if (!endpoint) throw new Error('replyForm needs site.comments.endpoint');
  return {
    action: endpoint,
    names: fields,
    hidden: [
      { field: 'slug', name: fields.slug, value: article.slug },
      { field: 'url', name: fields.url, value: absoluteUrl(site.url, articleUrl(article)) },
      { field: 'replyTo', name: fields.replyTo, value: '' },
      { field: 'redirect', name: fields.redirect, value: new URL(site.comments.thanksUrl, site.url).href },
      { field: 'timestamp', name: fields.timestamp, value: new Date(article.publishedMs).toISOString() },
    ],
    limits: COMMENT_LIMITS,
  };
}

/** A comment as the page shows it: text fields to escape, and the body already sanitized. */
export interface CommentView {
  id: string;
  anchor: string;
  replyAnchor: string;
  author: string;
  publishedAt: string;
  depth: number;
  /** Sanitized HTML from the 'comment' pipeline. */
  html: string;
  replies: CommentView[];
}

/** The comments part of an article page. */
export interface CommentsSection {
  count: number;
  heading: string;
  thread: CommentView[];
  /** 'none' here always means the site names no form service: an article with comments off has no section. */
  state: ReplyFormState;
  /** Present when state is 'open'. */
  form?: ReplyForm;
  /** When state is 'closed': the moment the form closed, as ISO 8601 in the site's zone, for "Comments closed on …". */
  closedAt?: string;
}

/**
 * What the article page shows under the story, or undefined for nothing (the
 * article has comments off, or has none and no form). `bodyHtml` renders a
 * comment's body; it is called once per comment, only here.
 */
export function commentsSection(
  article: Article,
  comments: readonly Comment[],
  site: SiteConfig,
  nowMs: number,
  bodyHtml: (comment: Comment) => string,
): CommentsSection | undefined {
  if (!article.comments) return undefined;
  const state = replyFormState(article, site, nowMs);
  if (comments.length === 0 && state === 'none') return undefined;
  const view = (node: ThreadNode): CommentView => ({
    id: node.comment.id,
    anchor: commentAnchor(node.comment.id),
    replyAnchor: replyAnchor(node.comment.id),
    author: node.comment.author,
    publishedAt: node.comment.publishedAt,
    depth: node.depth,
    html: bodyHtml(node.comment),
    replies: node.replies.map(view),
  });
  return {
    count: comments.length,
    heading: commentCountHeading(comments.length),
    thread: buildThread(comments).map(view),
    state,
    ...(state === 'open' ? { form: replyForm(article, site) } : {}),
    ...(state === 'closed' ? { closedAt: toZonedIso(commentsCloseMs(article, site)!, site.timeZone) } : {}),
  };
}

/** Every comment in a thread, replies included, in reading order. */
export function allComments(thread: readonly CommentView[]): CommentView[] {
  return thread.flatMap((c) => [c, ...allComments(c.replies)]);
}
