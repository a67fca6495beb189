// The content contract (../shared/CONTENT.md) as zod schemas: the one place in
// code that says what a valid article, section and desk are. Messages are
// written for writers; src/lib/content/schema-messages.ts words the generic ones.
import { z } from 'astro/zod';
import { isBesideFilePath, isSafeWebUrl, isSiteOrWebUrl } from './url-safety.ts';

/** ISO 8601 date-time with an explicit offset ("Z" or ±hh:mm). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const text = z.string().trim().min(1, { message: 'is empty: write some text, or remove the field' });

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

const webUrl = z.string().refine(isSafeWebUrl, {
  message: 'must be a full web address starting with https:// (or http://)',
});
const linkUrl = z.string().refine((s) => isSafeWebUrl(s) || /^mailto:[^\s<>]+@[^\s<>]+$/i.test(s), {
  message: 'must be a web address starting with https:// or an email link like mailto:desk@example.org',
});
const imagePath = z.string().refine(isSiteOrWebUrl, {
  message: 'must be a site path like /images/photo.jpg or a full https:// address',
});
/** A lead image may also be a photo kept beside the article ("./photo.jpg"); the loader checks that it exists. */
const leadImagePath = z.string().refine((s) => isSiteOrWebUrl(s) || isBesideFilePath(s), {
  message: 'must be a photo beside the article like ./photo.jpg (JPEG, PNG, WebP or AVIF), a site path like /images/photo.jpg, or a full https:// address',
});

/** Lead image; alt text is required whenever an image is given. */
export const imageSchema = z.strictObject({
  /** "./photo.jpg" beside the article (resized and converted at build time), "/images/…" from public/ or https://… (used as they are). */
  src: leadImagePath,
  alt: z
    .string({ message: 'is required when an image is given: describe the picture for readers who cannot see it' })
    .trim()
    .min(1, { message: 'is empty: describe the picture for readers who cannot see it' }),
  caption: text.optional(),
  credit: text.optional(),
});

/** Attribution for syndicated copy ("Source: RTE"). */
export const sourceSchema = z.strictObject({ name: text, url: webUrl.optional() });

/** A pull quote, shown as a quotation with its speaker. */
export const quoteSchema = z.strictObject({ text, speaker: text, role: text.optional() });

/** A correction note shown at the end of the article. */
export const correctionSchema = z.strictObject({ date: dateTime, text });

/** Article frontmatter, field for field as in CONTENT.md. */
export const articleSchema = z.strictObject({
  title: text.max(200, { message: 'is longer than 200 characters: shorten the headline' }),
  dek: text.optional(),
  /** Slug of a file in content/sections. */
  section: text,
  /** Slug of a file in content/desks: the byline. */
  desk: text,
  publishedAt: dateTime,
  /** Last substantive update; never before publishedAt (checked in cross-checks). */
  updatedAt: dateTime.optional(),
  /** Where the story is filed from ("MOSCOW"). */
  dateline: text.optional(),
  source: sourceSchema.optional(),
  /** The original's address, for syndicated copy. */
  canonical: webUrl.optional(),
  quotes: z.array(quoteSchema).default([]),
  tags: z.array(text).default([]),
  image: imageSchema.optional(),
  featured: z.boolean().default(false),
  draft: z.boolean().default(false),
  comments: z.boolean().default(true),
  /** Days after publishedAt that the reply form stays open; overrides the site's comments.closeAfterDays. */
  commentsCloseAfterDays: z.number().int().min(0, { message: 'must be 0 or more days' }).optional(),
  corrections: z.array(correctionSchema).default([]),
  /** The story's address on the outlet's old site (set by import:wordpress); the build redirects its path here. */
  legacyUrl: webUrl.optional(),
});

/** Longest reader name and comment the form accepts and the loader allows. */
export const COMMENT_LIMITS = { author: 100, body: 5000 } as const;

/**
 * Comment frontmatter (content/comments/<article-slug>/<id>.md); the body is
 * the reader's text. There is deliberately no email field: the loader rejects one.
 */
export const commentSchema = z.strictObject({
  /** The reader's name as they gave it (untrusted text, always escaped). */
  author: text.max(COMMENT_LIMITS.author, { message: `is longer than ${COMMENT_LIMITS.author} characters: shorten the name` }),
  publishedAt: dateTime,
  /** The id (file name without .md) of the comment on the same article this one answers. */
  inReplyTo: text.optional(),
});

/** Section frontmatter ("World News"). */
export const sectionSchema = z.strictObject({
  name: text,
  description: text.optional(),
  /** Menu order; lower first. Sections without one follow, by name. */
  order: z.number().optional(),
});

/** Desk frontmatter ("HD News Desk"); the body is the bio. */
export const deskSchema = z.strictObject({
  name: text,
  avatar: imagePath.optional(),
  links: z.array(z.strictObject({ label: text, url: linkUrl })).default([]),
});

export type ArticleFrontmatter = z.output<typeof articleSchema>;
export type CommentFrontmatter = z.output<typeof commentSchema>;
export type SectionFrontmatter = z.output<typeof sectionSchema>;
export type DeskFrontmatter = z.output<typeof deskSchema>;
export type Quote = z.output<typeof quoteSchema>;
export type Correction = z.output<typeof correctionSchema>;
export type LeadImage = z.output<typeof imageSchema>;
export type Source = z.output<typeof sourceSchema>;
