// The moderation step: turns a form service's export of submissions into
// comment files (docs/content.md), dropping the reader's email, and says for every
// submission it leaves out why. Pure: the script (scripts/comments-import.ts)
// reads the export and the content, and writes the files this plans.
import { createHash } from 'node:crypto';
import yaml from 'js-yaml';
import { commentsCloseMs } from '#lib/archive/comments.ts';
import type { Article } from '#lib/content/content.ts';
import { COMMENT_LIMITS } from '#lib/content/schemas.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';

/** What the planner needs to know about the site and its content. */
export interface ImportContext {
  site: SiteConfig;
  /** Every article by slug (drafts too: a comment may wait for its story). */
  articles: ReadonlyMap<string, Pick<Article, 'slug' | 'comments' | 'publishedMs' | 'commentsCloseAfterDays'>>;
  /** Ids of the comments already in content/comments/<slug>/, by article slug. */
  existing: ReadonlyMap<string, ReadonlySet<string>>;
  /** Submissions sent sooner than this after the form was shown are skipped as scripted. */
  minSeconds: number;
}

/** A comment file to write. */
export interface PlannedComment {
  /** 1-based position in the export, as an editor would count. */
  number: number;
  article: string;
  id: string;
  /** Path inside the content folder: comments/<article>/<id>.md. */
  file: string;
  author: string;
  inReplyTo?: string;
  /** The whole file: frontmatter and the reader's text; never their email. */
  text: string;
}

/** A submission left out, and why. */
export interface SkippedSubmission {
  number: number;
  /** The name as given (untrusted), or undefined when there was none. */
  author?: string;
  reason: string;
}

export interface ImportPlan {
  write: PlannedComment[];
  skip: SkippedSubmission[];
}

/** Replaces every occurrence of the reader's own email address in what gets published. */
export const EMAIL_REMOVED = '[email removed]';

/**
 * Plans the import of `submissions` (a parsed JSON export: an array of objects
 * keyed by the reply form's field names, plus the time the service received
 * each one). Field names match loosely: "reply-to", "reply_to" and "replyTo"
 * are one field; a nested `data` or `fields` object is read too.
 */
export function planImport(submissions: unknown, ctx: ImportContext): ImportPlan {
  if (!Array.isArray(submissions)) {
    return { write: [], skip: [{ number: 0, reason: 'the file is not a JSON array of submissions' }] };
  }
  const plan: ImportPlan = { write: [], skip: [] };
  const planned = new Map<string, PlannedComment>();
  submissions.forEach((raw: unknown, i) => {
    const number = i + 1;
    const outcome = planOne(raw, number, ctx, planned);
    if ('reason' in outcome) {
      plan.skip.push(outcome);
    } else {
      plan.write.push(outcome);
      planned.set(`${outcome.article}/${outcome.id}`, outcome);
    }
  });
  return plan;
}

function planOne(
  raw: unknown,
  number: number,
  ctx: ImportContext,
  planned: ReadonlyMap<string, PlannedComment>,
): PlannedComment | SkippedSubmission {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { number, reason: 'is not a submission (expected an object with name, email, comment, slug, …)' };
  }
  const { fields } = ctx.site.comments;
  const read = reader(raw as Record<string, unknown>);
  const email = read(fields.email);
  const name = oneLine(redact(read(fields.name), email));
  const skip = (reason: string): SkippedSubmission => ({ number, ...(name ? { author: name } : {}), reason });

  if (read(fields.honeypot) !== '') return skip(`the honeypot field "${fields.honeypot}" was filled in, which only bots do`);
  const submittedMs = parseTime(read('submitted_at') || read('created_at') || read('received_at'));
  if (submittedMs === undefined) return skip('has no submitted-at time (submitted_at) that reads as a date');
  const shownMs = parseTime(read(fields.timestamp));
  if (shownMs === undefined) return skip(`has no form timestamp ("${fields.timestamp}"), so it did not come from the reply form`);
  const elapsed = (submittedMs - shownMs) / 1000;
  if (elapsed < ctx.minSeconds) {
    return skip(
      elapsed < 0
        ? `was sent ${Math.round(-elapsed)} s before the form was shown (a forged timestamp, or a clock far off)`
        : `was sent ${Math.floor(elapsed)} s after the form was shown: faster than a person writes (minimum ${ctx.minSeconds} s)`,
    );
  }

  const comment = cleanText(redact(read(fields.comment), email));
  if (name === '' || name === EMAIL_REMOVED) return skip('gives no name');
  if (/[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}/i.test(name)) return skip('gives an email address as the name, which must never be published');
  if (name.length > COMMENT_LIMITS.author) return skip(`has a name longer than ${COMMENT_LIMITS.author} characters`);
  if (comment === '') return skip('is an empty comment');
  if (comment.length > COMMENT_LIMITS.body) return skip(`is longer than ${COMMENT_LIMITS.body} characters`);

  const slug = read(fields.slug);
  const article = ctx.articles.get(slug);
  if (!article) return skip(`is on "${slug}", which is not an article`);
  if (!article.comments) return skip(`is on "${slug}", which has comments off`);
  const closes = commentsCloseMs(article, ctx.site);
  if (closes !== undefined && submittedMs >= closes) return skip(`was sent after comments on "${slug}" closed (${isoSeconds(closes)})`);

  const inReplyTo = read(fields.replyTo);
  if (inReplyTo !== '' && !ctx.existing.get(slug)?.has(inReplyTo) && !planned.has(`${slug}/${inReplyTo}`)) {
    return skip(`answers comment "${inReplyTo}", which is not approved: import or approve that one first`);
  }

  const publishedAt = isoSeconds(submittedMs);
  const id = commentId(slug, name, comment, publishedAt);
  const file = `comments/${slug}/${id}.md`;
  if (ctx.existing.get(slug)?.has(id)) return skip(`is already imported, as ${file}`);
  const twin = planned.get(`${slug}/${id}`);
  if (twin) return skip(`repeats submission ${twin.number}`);

  const frontmatter = { author: name, publishedAt, ...(inReplyTo ? { inReplyTo } : {}) };
  const text = `---\n${yaml.dump(frontmatter, { lineWidth: -1, forceQuotes: true, quotingType: '"' })}---\n\n${comment}\n`;
  return { number, article: slug, id, file, author: name, ...(inReplyTo ? { inReplyTo } : {}), text };
}

/**
 * The id of an imported comment: its UTC time, then a short digest of what it
 * says ("20261125-101203-a1b2c3"). The same submission always gets the same id,
 * so importing an export twice never writes a comment twice.
 */
export function commentId(slug: string, author: string, comment: string, publishedAt: string): string {
  const stamp = publishedAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const digest = createHash('sha1').update(`${slug}\0${author}\0${comment}\0${publishedAt}`).digest('hex').slice(0, 6);
  return `${stamp}-${digest}`;
}

/** A reader of submission fields whose names match loosely ("Reply-To" = "reply_to" = "replyTo"). */
function reader(submission: Record<string, unknown>): (name: string) => string {
  const values = new Map<string, unknown>();
  const add = (record: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(record)) if (!values.has(loose(key))) values.set(loose(key), value);
  };
  add(submission);
  for (const nested of ['data', 'fields']) {
    const inner = submission[nested];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) add(inner as Record<string, unknown>);
  }
  return (name) => {
    const value = values.get(loose(name));
    return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  };
}

function loose(key: string): string {
  return key.toLowerCase().replace(/[-_\s[\].]/g, '');
}

/** Epoch ms of a date-time the service wrote (ISO 8601, or epoch seconds/ms), or undefined. */
function parseTime(value: string): number | undefined {
  if (value === '') return undefined;
  if (/^\d{9,13}$/.test(value)) return value.length > 10 ? Number(value) : Number(value) * 1000;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function redact(text: string, email: string): string {
  if (email === '') return text;
  return text.replace(new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), EMAIL_REMOVED);
}

/** A name on one line, spaces collapsed, control characters gone. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
}

/** The reader's text with Unix line ends and no control characters but tab and newline. */
function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim();
}
