// Reads a WordPress export (WXR, the XML that Tools > Export writes) into
// plain typed records. Text stays as WordPress stored it (titles and bodies
// are HTML); wordpress-import.ts decides what becomes of it.
import { XMLParser } from 'fast-xml-parser';

/** A user who wrote posts. The email is read so that it can be left out on purpose. */
export interface WxrAuthor {
  login: string;
  displayName: string;
}

/** A category as the export lists it. */
export interface WxrCategory {
  nicename: string;
  name: string;
  description: string;
}

/** One reader comment on a post. */
export interface WxrComment {
  id: string;
  author: string;
  /** "YYYY-MM-DD HH:MM:SS" in UTC, or "0000-00-00 00:00:00". */
  dateGmt: string;
  /** Local time of the old site. */
  date: string;
  /** HTML as stored. */
  content: string;
  /** "1" approved, "0" pending, "spam", "trash". */
  approved: string;
  /** "" or "comment" for comments; "pingback", "trackback" otherwise. */
  type: string;
  /** "0" when not a reply. */
  parent: string;
}

/** A term attached to an item: a category or a tag. */
export interface WxrTerm {
  domain: string;
  nicename: string;
  name: string;
}

/** Any item of the export: posts, pages, attachments, menu items… */
export interface WxrItem {
  id: string;
  title: string;
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  date: string;
  dateGmt: string;
  /** post_modified and post_modified_gmt (WordPress 5.7 and later): the last edit; "" in older exports. */
  modified: string;
  modifiedGmt: string;
  /** post_name: the slug, possibly percent-encoded; often empty on drafts. */
  name: string;
  status: string;
  type: string;
  parent: string;
  sticky: boolean;
  terms: WxrTerm[];
  meta: Map<string, string>;
  attachmentUrl: string;
  comments: WxrComment[];
}

/** The whole export. */
export interface WxrExport {
  title: string;
  link: string;
  authors: WxrAuthor[];
  categories: WxrCategory[];
  items: WxrItem[];
}

const LISTS = new Set(['item', 'category', 'wp:comment', 'wp:postmeta', 'wp:author', 'wp:category', 'wp:tag']);

/** Parses WXR text; throws an Error naming the problem when it is not a WordPress export. */
export function parseWxr(xml: string): WxrExport {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => LISTS.has(name),
  });
  let doc: Record<string, unknown>;
  try {
    // `true` validates first, so a truncated export fails, naming the line, instead of
    // importing half of it (the argument is deprecated in favour of another package; it works).
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`is not readable XML: ${(error as Error).message}`, { cause: error });
  }
  const channel = record(record(doc['rss'])['channel']);
  if (Object.keys(channel).length === 0) throw new Error('is not a WordPress export: there is no <rss><channel>');
  return {
    title: text(channel['title']),
    link: text(channel['link']),
    authors: list(channel['wp:author']).map((a) => ({
      login: text(a['wp:author_login']),
      displayName: text(a['wp:author_display_name']),
    })),
    categories: list(channel['wp:category']).map((c) => ({
      nicename: text(c['wp:category_nicename']),
      name: text(c['wp:cat_name']),
      description: text(c['wp:category_description']),
    })),
    items: list(channel['item']).map(toItem),
  };
}

function toItem(item: Record<string, unknown>): WxrItem {
  return {
    id: text(item['wp:post_id']),
    title: text(item['title']),
    link: text(item['link']),
    guid: text(item['guid']),
    creator: text(item['dc:creator']),
    content: text(item['content:encoded']),
    excerpt: text(item['excerpt:encoded']),
    date: text(item['wp:post_date']),
    dateGmt: text(item['wp:post_date_gmt']),
    modified: text(item['wp:post_modified']),
    modifiedGmt: text(item['wp:post_modified_gmt']),
    name: text(item['wp:post_name']),
    status: text(item['wp:status']),
    type: text(item['wp:post_type']) || 'post',
    parent: text(item['wp:post_parent']) || '0',
    sticky: text(item['wp:is_sticky']) === '1',
    terms: list(item['category']).map((c) => ({ domain: text(c['domain']), nicename: text(c['nicename']), name: text(c) })),
    meta: new Map(list(item['wp:postmeta']).map((m) => [text(m['wp:meta_key']), text(m['wp:meta_value'])])),
    attachmentUrl: text(item['wp:attachment_url']),
    comments: list(item['wp:comment']).map((c) => ({
      id: text(c['wp:comment_id']),
      author: text(c['wp:comment_author']),
      date: text(c['wp:comment_date']),
      dateGmt: text(c['wp:comment_date_gmt']),
      content: text(c['wp:comment_content']),
      approved: text(c['wp:comment_approved']),
      type: text(c['wp:comment_type']),
      parent: text(c['wp:comment_parent']) || '0',
    })),
  };
}

/** An element's text: a string, or the #text of an element with attributes. */
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim() === '' ? '' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return text((value as Record<string, unknown>)['#text']);
  return '';
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): Record<string, unknown>[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) =>
    typeof v === 'string' ? { '#text': v } : record(v),
  );
}
