// Every size limit of the content contract, in one table. The schemas and the
// loader enforce these numbers; docs/content.md states each one with its
// reason, and tests/unit/limits.test.ts reads that file so the two cannot drift.
// Generous on purpose: each is several times what a newsroom writes, and is
// there so that one runaway file cannot stall or bloat the whole build.

/** What a limit counts. Characters are counted as JavaScript does (an emoji may count as two). */
export type LimitUnit = 'bytes' | 'characters' | 'items';

/** One limit: the most allowed, what is counted, and the label docs/content.md uses for it. */
export interface Limit {
  readonly max: number;
  readonly unit: LimitUnit;
  /** The field as a writer sees it, e.g. "quotes: text" (docs/content.md's limits table). */
  readonly label: string;
}

const chars = (max: number, label: string): Limit => ({ max, unit: 'characters', label });
const items = (max: number, label: string): Limit => ({ max, unit: 'items', label });

/** The limits, by kind of file and field. */
export const LIMITS = {
  article: {
    body: { max: 512 * 1024, unit: 'bytes', label: 'body (the Markdown below the frontmatter)' } satisfies Limit,
    title: chars(200, 'title'),
    dek: chars(1000, 'dek'),
    dateline: chars(100, 'dateline'),
    sourceName: chars(200, 'source: name'),
    quotes: items(20, 'quotes'),
    quoteText: chars(1000, 'quotes: text'),
    quoteSpeaker: chars(200, 'quotes: speaker'),
    quoteRole: chars(200, 'quotes: role'),
    tags: items(50, 'tags'),
    tag: chars(100, 'tags: each tag'),
    imageAlt: chars(1000, 'image: alt'),
    imageCaption: chars(1000, 'image: caption'),
    imageCredit: chars(200, 'image: credit'),
    corrections: items(50, 'corrections'),
    correctionText: chars(2000, 'corrections: text'),
    /** Comment files in content/comments/<article-slug>/: every one is on the article's page. */
    comments: items(1000, 'comment files on one story'),
    /** Update files in content/updates/<article-slug>/: every one is on the live page and in its updates.json. */
    updates: items(500, 'live update files on one story'),
    updateHeadline: chars(200, 'live update: headline'),
    updateBody: chars(10000, 'live update: text (below the frontmatter)'),
  },
  section: {
    name: chars(100, 'name'),
    description: chars(1000, 'description'),
  },
  desk: {
    name: chars(100, 'name'),
    bio: chars(2000, 'bio (the Markdown below the frontmatter)'),
    links: items(20, 'links'),
    linkLabel: chars(100, 'links: label'),
  },
  comment: {
    author: chars(100, 'author'),
    body: chars(5000, 'the text (below the frontmatter)'),
  },
  alert: {
    text: chars(200, 'text'),
  },
  /** Every web address or path: source.url, canonical, legacyUrl, image.src, a desk's avatar and links. */
  any: {
    url: chars(2000, 'any web address or path'),
  },
} as const;

/** A whole number with thousands separators ("1,000"), the same on every machine. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A limit as docs/content.md writes it: "512 KB", "1,000 characters", "20". */
export function formatLimit(limit: Limit): string {
  if (limit.unit === 'bytes') return `${formatCount(limit.max / 1024)} KB`;
  if (limit.unit === 'characters') return `${formatCount(limit.max)} characters`;
  return formatCount(limit.max);
}

/** A size in bytes for messages: "40.0 MB", "612 KB", "900 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${formatCount(Math.ceil(bytes / 1024))} KB`;
  return `${formatCount(bytes)} bytes`;
}
