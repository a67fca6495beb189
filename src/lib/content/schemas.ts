// The content contract (docs/content.md) as zod schemas: the one place in
// code that says what a valid article, section, desk and comment are. Messages
// are written for writers; src/lib/content/schema-messages.ts words the generic
// ones. Every size limit comes from the one table in ./limits.ts.
import { z } from 'astro/zod';
import { formatCount, LIMITS, type Limit } from './limits.ts';
import { isBesideFilePath, isSafeWebUrl, isSiteOrWebUrl } from './url-safety.ts';

/** ISO 8601 date-time with an explicit offset ("Z" or ±hh:mm). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const text = z.string().trim().min(1, { message: 'is empty: write some text, or remove the field' });

/** Where every limit message sends the writer for the reasons. */
const WHY = '(limits and their reasons: docs/content.md)';

/** Non-empty text of at most `limit` characters; `fix` says what to do when it is longer. */
function boundedText(limit: Limit, fix: string) {
  return text.max(limit.max, {
    error: (issue) => `is ${formatCount(String(issue.input).length)} characters long; the most it may have is ${formatCount(limit.max)}: ${fix} ${WHY}`,
  });
}

/** A list of at most `limit` items; `noun` names them ("quotes"), `fix` says what to do when there are more. */
function boundedList<T extends z.ZodType>(item: T, limit: Limit, noun: string, fix: string) {
  return z.array(item).max(limit.max, {
    error: (issue) => `has ${formatCount((issue.input as unknown[]).length)} ${noun}; the most it may have is ${formatCount(limit.max)}: ${fix} ${WHY}`,
  });
}

/** A string no longer than the limit for addresses, checked before its shape (a megabyte of "URL" is not parsed). */
const boundedAddress = z.string().max(LIMITS.any.url.max, {
  error: (issue) => `is ${formatCount(String(issue.input).length)} characters long; no address may be longer than ${formatCount(LIMITS.any.url.max)} ${WHY}`,
  abort: true,
});

/** A date-time string with its offset kept as written. */
export const dateTime = z
  .string()
  .regex(ISO_WITH_OFFSET, {
    message: 'must be a date and time with a UTC offset, like 2026-11-24T08:30:00+00:00 (the offset, +00:00 or Z, is required)',
    // A badly written date gets this message only, not "is not a real date" too.
    abort: true,
  })
  .refine(isRealDate, { message: 'is not a real date (check the month and day)' });

/** True when the written day exists; Date.parse alone rolls 2026-02-30 over to 2 March. */
function isRealDate(s: string): boolean {
  if (Number.isNaN(Date.parse(s))) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  return Number(s.slice(8, 10)) <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const webUrl = boundedAddress.refine(isSafeWebUrl, {
  message: 'must be a full web address starting with https:// (or http://)',
});
const linkUrl = boundedAddress.refine((s) => isSafeWebUrl(s) || /^mailto:[^\s<>]+@[^\s<>]+$/i.test(s), {
  message: 'must be a web address starting with https:// or an email link like mailto:desk@example.org',
});
const imagePath = boundedAddress.refine(isSiteOrWebUrl, {
  message: 'must be a site path like /images/photo.jpg or a full https:// address',
});
/** A lead image may also be a photo kept beside the article ("./photo.jpg"); the loader checks that it exists. */
const leadImagePath = boundedAddress.refine((s) => isSiteOrWebUrl(s) || isBesideFilePath(s), {
  message: 'must be a photo beside the article like ./photo.jpg (JPEG, PNG, WebP or AVIF), a site path like /images/photo.jpg, or a full https:// address',
});

/** Lead image; alt text is required whenever an image is given. */
export const imageSchema = z.strictObject({
  /** "./photo.jpg" beside the article (resized and converted at build time), "/images/…" from public/ or https://… (used as they are). */
  src: leadImagePath,
  alt: z
    .string({ message: 'is required when an image is given: describe the picture for readers who cannot see it' })
    .trim()
    .min(1, { message: 'is empty: describe the picture for readers who cannot see it' })
    .max(LIMITS.article.imageAlt.max, {
      error: (issue) =>
        `is ${formatCount(String(issue.input).length)} characters long; the most it may have is ${formatCount(LIMITS.article.imageAlt.max)}: say what the picture shows in a sentence or two, and put the rest in the caption ${WHY}`,
    }),
  caption: boundedText(LIMITS.article.imageCaption, 'shorten the caption').optional(),
  credit: boundedText(LIMITS.article.imageCredit, 'give the photographer and agency only').optional(),
});

/** Attribution for syndicated copy ("Source: RTE"). */
export const sourceSchema = z.strictObject({
  name: boundedText(LIMITS.article.sourceName, 'give the name of the outlet or agency only'),
  url: webUrl.optional(),
});

/** A pull quote, shown as a quotation with its speaker. */
export const quoteSchema = z.strictObject({
  text: boundedText(LIMITS.article.quoteText, 'pull out a shorter passage'),
  speaker: boundedText(LIMITS.article.quoteSpeaker, "give the speaker's name only (their job goes in role)"),
  role: boundedText(LIMITS.article.quoteRole, 'shorten the role').optional(),
});

/** A correction note shown at the end of the article. */
export const correctionSchema = z.strictObject({
  date: dateTime,
  text: boundedText(LIMITS.article.correctionText, 'say briefly what was wrong and what is right'),
});

/** Article frontmatter, field for field as in docs/content.md. */
export const articleSchema = z.strictObject({
  title: boundedText(LIMITS.article.title, 'shorten the headline'),
  dek: boundedText(LIMITS.article.dek, 'keep the standfirst to a sentence or two').optional(),
  /** Slug of a file in content/sections. */
  section: text,
  /** Slug of a file in content/desks: the byline. */
  desk: text,
  publishedAt: dateTime,
  /** Last substantive update; never before publishedAt (checked in cross-checks). */
  updatedAt: dateTime.optional(),
  /** Where the story is filed from ("MOSCOW"). */
  dateline: boundedText(LIMITS.article.dateline, 'give the place only, like "COPENHAGEN"').optional(),
  source: sourceSchema.optional(),
  /** The original's address, for syndicated copy. */
  canonical: webUrl.optional(),
  quotes: boundedList(quoteSchema, LIMITS.article.quotes, 'quotes', 'keep the strongest').default([]),
  tags: boundedList(boundedText(LIMITS.article.tag, 'use a word or two'), LIMITS.article.tags, 'tags', 'keep the topics a reader would follow').default([]),
  image: imageSchema.optional(),
  featured: z.boolean().default(false),
  draft: z.boolean().default(false),
  comments: z.boolean().default(true),
  /** Days after publishedAt that the reply form stays open; overrides the site's comments.closeAfterDays. */
  commentsCloseAfterDays: z.number().int().min(0, { message: 'must be 0 or more days' }).optional(),
  corrections: boundedList(correctionSchema, LIMITS.article.corrections, 'corrections', 'merge the oldest into one note').default([]),
  /** The story's address on the outlet's old site (set by import:wordpress); the build redirects its path here. */
  legacyUrl: webUrl.optional(),
  /** A live story: shows its updates from content/updates/<slug>/, newest first, and polls for new ones while live. */
  live: z.boolean().default(false),
  /** When live coverage ends (with live: true); without it the story is live until live is set to false. */
  liveUntil: dateTime.optional(),
});

/** Longest reader name and comment the form accepts and the loader allows (from LIMITS.comment). */
export const COMMENT_LIMITS = { author: LIMITS.comment.author.max, body: LIMITS.comment.body.max } as const;

/**
 * Comment frontmatter (content/comments/<article-slug>/<id>.md); the body is
 * the reader's text. There is deliberately no email field: the loader rejects one.
 */
export const commentSchema = z.strictObject({
  /** The reader's name as they gave it (untrusted text, always escaped). */
  author: boundedText(LIMITS.comment.author, 'shorten the name'),
  publishedAt: dateTime,
  /** The id (file name without .md) of the comment on the same article this one answers. */
  inReplyTo: text.optional(),
});

/**
 * A live story's update (content/updates/<article-slug>/<id>.md); the body is
 * the update's Markdown, rendered like a story's body.
 */
export const updateSchema = z.strictObject({
  /** When the update was filed; one dated after the build's clock waits, like an embargoed story. */
  publishedAt: dateTime,
  headline: boundedText(LIMITS.article.updateHeadline, 'keep the headline to a line').optional(),
  /** A key event: listed at the top of the story, linking to the update. */
  key: z.boolean().default(false),
  /** The story's slug; when given it must be the folder's name (the browser editor writes it to choose the folder). */
  story: text.optional(),
});

/** Section frontmatter ("World News"). */
export const sectionSchema = z.strictObject({
  name: boundedText(LIMITS.section.name, 'shorten the name'),
  description: boundedText(LIMITS.section.description, 'describe the section in a sentence or two').optional(),
  /** Menu order; lower first. Sections without one follow, by name. */
  order: z.number().optional(),
});

/** Desk frontmatter ("HD News Desk"); the body is the bio. */
export const deskSchema = z.strictObject({
  name: boundedText(LIMITS.desk.name, 'shorten the name'),
  avatar: imagePath.optional(),
  links: boundedList(
    z.strictObject({ label: boundedText(LIMITS.desk.linkLabel, 'shorten the label'), url: linkUrl }),
    LIMITS.desk.links,
    'links',
    'keep the ones readers use',
  ).default([]),
});

/** A link a reader may follow from a banner: a site path like /world/harbour-accord/ or a full https:// address. */
const bannerLink = boundedAddress.refine(isSiteOrWebUrl, {
  message: 'must be a site path like /world/harbour-ferry-talks/ or a full https:// address',
});

/** Breaking-news banner (content/alerts/<slug>.md): shown above every page's header from `from` until `until`. */
export const alertSchema = z.strictObject({
  /** The banner's words, plain text: one line a reader takes in at a glance. */
  text: boundedText(LIMITS.alert.text, 'keep the banner to one short line, and put the rest in the story it links to'),
  /** Where the banner leads: usually the story. */
  link: bannerLink.optional(),
  /** The first moment the banner shows. */
  from: dateTime,
  /** The moment it goes; after `from` (checked by the loader). */
  until: dateTime,
});

export type AlertFrontmatter = z.output<typeof alertSchema>;
export type ArticleFrontmatter = z.output<typeof articleSchema>;
export type CommentFrontmatter = z.output<typeof commentSchema>;
export type UpdateFrontmatter = z.output<typeof updateSchema>;
export type SectionFrontmatter = z.output<typeof sectionSchema>;
export type DeskFrontmatter = z.output<typeof deskSchema>;
export type Quote = z.output<typeof quoteSchema>;
export type Correction = z.output<typeof correctionSchema>;
export type LeadImage = z.output<typeof imageSchema>;
export type Source = z.output<typeof sourceSchema>;
