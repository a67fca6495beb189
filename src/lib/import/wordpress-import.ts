// Plans a WordPress import: which files to write (articles, sections from
// categories, desks from authors, approved comments), which items to skip and
// why, and what an editor should check. Nothing here touches the disk; the
// script (scripts/import-wordpress.ts) writes the plan, never over a file.
import yaml from 'js-yaml';
import { toZonedIso } from '#lib/render/dates.ts';
import { splitFrontmatter } from '#lib/content/frontmatter.ts';
import { articleSchema, COMMENT_LIMITS, commentSchema, deskSchema, sectionSchema } from '#lib/content/schemas.ts';
import { isSlug, slugify } from '#lib/content/slugs.ts';
import { RESERVED_SECTION_SLUGS } from '#lib/archive/urls.ts';
import { isSafeWebUrl } from '#lib/content/url-safety.ts';
import { htmlToText, wordpressToMarkdown, type Attachment } from './wordpress-html.ts';
import type { WxrComment, WxrExport, WxrItem } from './wxr.ts';

export interface ImportOptions {
  /** Site config `embedHosts`: embeds from other hosts become links. */
  embedHosts: readonly string[];
  /** Site config `timeZone`: the zone of dates WordPress stored without a UTC time (drafts). */
  timeZone: string;
  /** The import's time (epoch ms): the date of a draft WordPress gave no date at all. */
  nowMs: number;
  /** True when a file (path relative to the content folder) already exists. */
  exists: (path: string) => boolean;
  /** An article already in the content folder with this slug (its legacyUrl, if any), or undefined. */
  existingArticle: (slug: string) => { path: string; legacyUrl?: string } | undefined;
}

/** A file to write, relative to the content folder. */
export interface PlannedFile {
  path: string;
  text: string;
  kind: 'article' | 'section' | 'desk' | 'comment';
  /** Where it came from, for the report ("post 10", "category world", "comment 11"). */
  from: string;
  /** Articles: pictures still loaded from the web (the old site), for --download-images. */
  images?: ArticleImages;
}

/** The web addresses of an article's pictures. */
export interface ArticleImages {
  /** The lead image (image.src), when it is a web address. */
  lead?: string;
  /** Every distinct <img> address in the body. */
  body: string[];
}

/** Something not imported, and why. */
export interface Skipped {
  what: string;
  why: string;
}

/** Something imported with a change an editor should know about. */
export interface Note {
  path: string;
  note: string;
}

export interface ImportPlan {
  files: PlannedFile[];
  skipped: Skipped[];
  notes: Note[];
}

const EMAIL = /[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}/i;

/** Dateline's article statuses for WordPress's: published (or scheduled) or draft; others are skipped. */
const STATUS: Record<string, 'published' | 'draft'> = {
  publish: 'published',
  future: 'published',
  draft: 'draft',
  pending: 'draft',
  private: 'draft',
};

/** Plans the import of a parsed export into a content folder. */
export function planImport(wxr: WxrExport, options: ImportOptions): ImportPlan {
  const plan: ImportPlan = { files: [], skipped: [], notes: [] };
  const attachments = attachmentsOf(wxr.items);
  const categories = new Map(wxr.categories.map((c) => [c.nicename, c]));
  const authors = new Map(wxr.authors.map((a) => [a.login, a]));
  const sections = new Map<string, string>(); // section slug -> path planned or kept
  const desks = new Map<string, string>();
  const takenSlugs = new Set<string>();
  const otherTypes = new Map<string, number>();
  const baseUrl = isSafeWebUrl(wxr.link) ? wxr.link : undefined;

  for (const item of wxr.items) {
    if (item.type === 'attachment') continue; // used by galleries and lead images
    if (item.type === 'page') {
      plan.skipped.push({
        what: `page "${htmlToText(item.title)}" (${item.link || `id ${item.id}`})`,
        why: 'pages are not articles; recreate it as a page of the site if it is still needed',
      });
      continue;
    }
    if (item.type !== 'post') {
      otherTypes.set(item.type, (otherTypes.get(item.type) ?? 0) + 1);
      continue;
    }
    const title = htmlToText(item.title);
    const what = `post ${item.id} "${title || '(no title)'}"`;
    const status = STATUS[item.status];
    if (!status) {
      plan.skipped.push({
        what,
        why: `its status is "${item.status}" (only published, scheduled, draft, pending and private posts are imported)`,
      });
      continue;
    }
    if (!title) {
      plan.skipped.push({ what, why: 'it has no title' });
      continue;
    }
    const dated = articleDate(item, status, options);
    if (!dated) {
      plan.skipped.push({ what, why: `its date "${item.date}" cannot be read` });
      continue;
    }
    const { publishedAt } = dated;
    // The old address identifies the post (drafts have one too, "?p=30"), so a second run skips what the first imported.
    const oldAddress = [item.link, item.guid].find(isSafeWebUrl);
    const categoryTerms = item.terms.filter((t) => t.domain === 'category');
    const primary = categoryTerms[0] ?? { domain: 'category', nicename: 'uncategorized', name: 'Uncategorized' };
    const section = ensureSection(
      primary.nicename,
      primary.name,
      categories.get(primary.nicename)?.description ?? '',
      sections,
      plan,
      options,
    );
    const desk = ensureDesk(item.creator, authors.get(item.creator)?.displayName ?? '', desks, plan, options);

    // The slug: WordPress's own (percent-encoded UTF-8 allowed), else the title's; numbered if the new site has it.
    const wanted = slugFromPostName(item.name) || slugify(title).slice(0, 80).replace(/-+$/, '') || `post-${item.id}`;
    const found = freeArticleSlug(wanted, oldAddress, takenSlugs, options);
    if ('imported' in found) {
      plan.skipped.push({ what, why: `already imported as ${found.imported}` });
      continue;
    }
    const slug = found.slug;
    takenSlugs.add(slug);
    const path = `articles/${publishedAt.slice(0, 4)}/${slug}.md`;
    const notes: string[] = dated.note ? [dated.note] : [];
    if (slug !== wanted) notes.push(`the slug "${wanted}" is taken on the new site, so this story is ${slug}`);
    const tagNames = [...categoryTerms.slice(1), ...item.terms.filter((t) => t.domain === 'post_tag')]
      .map((t) => htmlToText(t.name))
      .filter(Boolean);
    const tags = [...new Map(tagNames.map((t) => [slugify(t), t])).entries()].filter(([s]) => s !== '').map(([, t]) => t);
    if (categoryTerms.length > 1)
      notes.push(
        `its other categories (${categoryTerms
          .slice(1)
          .map((t) => htmlToText(t.name))
          .join(', ')}) became tags`,
      );

    const children = wxr.items.filter((i) => i.type === 'attachment' && i.parent === item.id).map((i) => i.id);
    const body = wordpressToMarkdown(item.content, 'article', {
      embedHosts: options.embedHosts,
      attachments,
      childAttachments: children,
      ...(baseUrl ? { baseUrl } : {}),
    });
    notes.push(...body.notes);
    if (body.markdown === '') {
      plan.skipped.push({ what, why: 'its body is empty once converted' });
      continue;
    }
    const image = leadImage(item, attachments, notes);
    const dek = htmlToText(item.excerpt);
    const data: Record<string, unknown> = {
      title,
      ...(dek ? { dek } : {}),
      section,
      desk,
      publishedAt,
      ...(status === 'draft' ? { draft: true } : {}),
      ...(item.sticky ? { featured: true } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(image ? { image } : {}),
      ...(oldAddress ? { legacyUrl: oldAddress } : {}),
    };
    if (status === 'published' && oldAddress && new URL(oldAddress).pathname === '/') {
      notes.push(`its old address (${oldAddress}) has no path of its own, so no redirect can be made from it`);
    }
    const problem = schemaProblem(articleSchema, data);
    if (problem) {
      plan.skipped.push({ what, why: `it would not pass the checker: ${problem}` });
      continue;
    }
    if (options.exists(path)) {
      plan.skipped.push({ what, why: `${path} already exists` });
      continue;
    }
    const lead = image?.['src'];
    const images: ArticleImages = { ...(lead && isSafeWebUrl(lead) ? { lead } : {}), body: body.images };
    plan.files.push({ path, text: markdownFile(data, body.markdown), kind: 'article', from: `post ${item.id}`, images });
    plan.notes.push(...notes.map((note) => ({ path, note })));
    planComments(item, slug, options, plan);
  }
  for (const [type, count] of otherTypes) {
    plan.skipped.push({
      what: `${count} item${count === 1 ? '' : 's'} of type "${type}"`,
      why: 'not articles (menus, revisions, blocks and the like)',
    });
  }
  const unused = wxr.categories.filter((c) => !sections.has(sectionSlug(c.nicename, c.name)));
  for (const c of unused) plan.skipped.push({ what: `category "${htmlToText(c.name)}"`, why: 'no imported post is in it' });
  return plan;
}

/**
 * An article's publishedAt: WordPress's date; for a draft WordPress never
 * dated (no local and no UTC date, as some exports and plugins leave them),
 * its last edit, else the import's time, with a note saying which.
 */
function articleDate(
  item: WxrItem,
  status: 'published' | 'draft',
  options: ImportOptions,
): { publishedAt: string; note?: string } | undefined {
  const publishedAt = wordpressDate(item.date, item.dateGmt, options.timeZone);
  if (publishedAt) return { publishedAt };
  if (status !== 'draft') return undefined;
  const modified = wordpressDate(item.modified, item.modifiedGmt, options.timeZone);
  if (modified)
    return {
      publishedAt: modified,
      note: 'WordPress had no date for this draft, so publishedAt is when it was last edited: set the real date when you publish it',
    };
  return {
    publishedAt: toZonedIso(options.nowMs, options.timeZone),
    note: 'WordPress had no date for this draft, so publishedAt is the time of the import: set the real date when you publish it',
  };
}

/**
 * The first of slug, slug-2, slug-3… that neither this run nor the content
 * folder uses, or the file that already holds this post (same old address).
 */
function freeArticleSlug(
  wanted: string,
  oldAddress: string | undefined,
  taken: ReadonlySet<string>,
  options: ImportOptions,
): { slug: string } | { imported: string } {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? wanted : `${wanted}-${n}`;
    if (taken.has(slug)) continue;
    const existing = options.existingArticle(slug);
    if (!existing) return { slug };
    if (oldAddress !== undefined && existing.legacyUrl === oldAddress) return { imported: existing.path };
  }
}

/** Approved comments (no pingbacks, no emails) as content/comments/<article-slug>/<id>.md. */
function planComments(item: WxrItem, articleSlug: string, options: ImportOptions, plan: ImportPlan): void {
  const isComment = (c: WxrComment): boolean => c.type === '' || c.type === 'comment';
  const approved = new Set(item.comments.filter((c) => c.approved === '1' && isComment(c)).map((c) => c.id));
  for (const comment of item.comments) {
    const what = `comment ${comment.id} on ${articleSlug}`;
    if (!isComment(comment)) {
      plan.skipped.push({ what, why: `it is a ${comment.type}, not a reader's comment` });
      continue;
    }
    if (comment.approved !== '1') {
      const state = comment.approved === '0' ? 'waiting for moderation' : `marked as ${comment.approved}`;
      plan.skipped.push({ what, why: `it is ${state}, not approved` });
      continue;
    }
    const id = slugify(comment.id);
    const publishedAt = wordpressDate(comment.date, comment.dateGmt, options.timeZone);
    const body = wordpressToMarkdown(comment.content, 'comment', { embedHosts: [] });
    if (!id || !publishedAt || body.markdown === '') {
      plan.skipped.push({ what, why: !id ? 'it has no id' : !publishedAt ? `its date "${comment.date}" cannot be read` : 'it is empty' });
      continue;
    }
    if (body.markdown.trim().length > COMMENT_LIMITS.body) {
      plan.skipped.push({
        what,
        why: `it is longer than ${COMMENT_LIMITS.body.toLocaleString('en')} characters, the most a comment may have`,
      });
      continue;
    }
    const path = `comments/${articleSlug}/${id}.md`;
    if (options.exists(path)) {
      plan.skipped.push({ what, why: `${path} already exists` });
      continue;
    }
    const repliesTo = comment.parent !== '0' ? comment.parent : undefined;
    const author = commentAuthor(comment.author, (note) => plan.notes.push({ path, note }));
    const data = {
      // A reader's email, address and IP never leave WordPress: only the name they gave.
      author,
      publishedAt,
      ...(repliesTo && approved.has(repliesTo) ? { inReplyTo: slugify(repliesTo) } : {}),
    };
    const problem = schemaProblem(commentSchema, data);
    if (problem) {
      plan.skipped.push({ what, why: `it would not pass the checker: ${problem}` });
      continue;
    }
    if (repliesTo && !approved.has(repliesTo))
      plan.notes.push({ path, note: `it replied to comment ${repliesTo}, which was not imported, so it stands on its own` });
    plan.notes.push(...body.notes.map((note) => ({ path, note })));
    plan.files.push({ path, text: markdownFile(data, body.markdown), kind: 'comment', from: `comment ${comment.id}` });
  }
}

/** The name a reader gave, as a comment file may hold it: never an email, never too long. */
function commentAuthor(raw: string, note: (text: string) => void): string {
  const name = htmlToText(raw);
  if (name === '') return 'Anonymous';
  if (EMAIL.test(name)) {
    note('the name the reader gave is an email address, which is never published, so it is shown as Anonymous');
    return 'Anonymous';
  }
  if (name.length <= COMMENT_LIMITS.author) return name;
  note(`the reader's name was longer than ${COMMENT_LIMITS.author} characters and was shortened`);
  return `${name.slice(0, COMMENT_LIMITS.author - 1).trimEnd()}…`;
}

function ensureSection(
  nicename: string,
  name: string,
  description: string,
  sections: Map<string, string>,
  plan: ImportPlan,
  options: ImportOptions,
): string {
  const slug = sectionSlug(nicename, name);
  if (sections.has(slug)) return slug;
  const path = `sections/${slug}.md`;
  sections.set(slug, path);
  if (options.exists(path)) {
    plan.skipped.push({ what: `category "${htmlToText(name)}"`, why: `${path} already exists and was kept` });
    return slug;
  }
  const data = { name: htmlToText(name) || slug, ...(htmlToText(description) ? { description: htmlToText(description) } : {}) };
  plan.files.push({ path, text: markdownFile(data, ''), kind: 'section', from: `category ${nicename}` });
  if (RESERVED_SECTION_SLUGS.includes(slugFromPostName(nicename))) {
    plan.notes.push({ path, note: `the category's slug "${nicename}" is one of the site's own addresses, so the section is ${slug}` });
  }
  return slug;
}

/** A section slug for a category: its nicename, or its name; never one of the site's own first path segments. */
function sectionSlug(nicename: string, name: string): string {
  const slug = slugFromPostName(nicename) || slugify(htmlToText(name)) || 'news';
  return RESERVED_SECTION_SLUGS.includes(slug) ? `${slug}-section` : slug;
}

function ensureDesk(login: string, displayName: string, desks: Map<string, string>, plan: ImportPlan, options: ImportOptions): string {
  const slug = slugify(login) || 'staff';
  if (desks.has(slug)) return slug;
  const path = `desks/${slug}.md`;
  desks.set(slug, path);
  if (options.exists(path)) {
    plan.skipped.push({ what: `author "${login}"`, why: `${path} already exists and was kept` });
    return slug;
  }
  // Only the name: WordPress's export also holds the author's email, which stays behind.
  const name = htmlToText(displayName) || login || 'Staff';
  plan.files.push({ path, text: markdownFile({ name }, ''), kind: 'desk', from: `author ${login || '(none)'}` });
  return slug;
}

function attachmentsOf(items: readonly WxrItem[]): Map<string, Attachment> {
  return new Map(
    items
      .filter((i) => i.type === 'attachment' && isSafeWebUrl(i.attachmentUrl))
      .map((i) => [
        i.id,
        { url: i.attachmentUrl, alt: htmlToText(i.meta.get('_wp_attachment_image_alt') ?? ''), caption: htmlToText(i.excerpt) },
      ]),
  );
}

function leadImage(item: WxrItem, attachments: ReadonlyMap<string, Attachment>, notes: string[]): Record<string, string> | undefined {
  const id = item.meta.get('_thumbnail_id');
  if (!id) return undefined;
  const media = attachments.get(id);
  if (!media) {
    notes.push(`its featured image (attachment ${id}) is not in the export, so it has no lead image`);
    return undefined;
  }
  if (!media.alt) {
    notes.push(`its featured image (${media.url}) has no alt text in WordPress, so it has no lead image: add image: with an alt`);
    return undefined;
  }
  return { src: media.url, alt: media.alt, ...(media.caption ? { caption: media.caption } : {}) };
}

/** post_name as a slug: WordPress percent-encodes non-ASCII ("caf%c3%a9" is "café"). */
function slugFromPostName(name: string): string {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // not valid percent-encoding: use it as it is
  }
  const slug = slugify(decoded);
  return isSlug(slug) ? slug : '';
}

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * An ISO date-time with offset from WordPress's local and UTC dates: the local
 * time keeps the offset it had on the old site; without a UTC date (drafts),
 * the local time is read in `timeZone`.
 */
export function wordpressDate(local: string, gmt: string, timeZone: string): string | undefined {
  const asUtc = (s: string): number | undefined => {
    const m = WP_DATE.exec(s.trim());
    if (!m || m[1] === '0000') return undefined;
    const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
    return Date.UTC(y, mo - 1, d, h, mi, se);
  };
  const l = asUtc(local);
  const g = asUtc(gmt);
  if (l !== undefined && g !== undefined) {
    const minutes = Math.round((l - g) / 60_000);
    if (Math.abs(minutes) <= 14 * 60) return `${local.trim().replace(' ', 'T')}${offset(minutes)}`;
  }
  if (l !== undefined) {
    // The zone's offset near that moment, applied twice so a date near a clock change lands right.
    const guess = l - offsetMinutes(l, timeZone) * 60_000;
    return toZonedIso(l - offsetMinutes(guess, timeZone) * 60_000, timeZone);
  }
  if (g !== undefined) return `${gmt.trim().replace(' ', 'T')}+00:00`;
  return undefined;
}

function offsetMinutes(ms: number, timeZone: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(toZonedIso(ms, timeZone));
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function offset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A planned article with its lead image pointing at `src` (a photo saved
 * beside it, "./harbour-talks.jpg"): the same file otherwise, body untouched.
 */
export function withLeadImage(file: PlannedFile, src: string): PlannedFile {
  const { matter, body } = splitFrontmatter(file.text);
  const data = yaml.load(matter, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
  const image = data['image'] as Record<string, unknown> | undefined;
  if (!image) throw new Error(`${file.path} has no lead image to replace`);
  data['image'] = { ...image, src };
  const { lead: _lead, ...images } = file.images ?? { body: [] };
  return { ...file, text: markdownFile(data, body.replace(/^\n/, '')), images };
}

/** A Markdown file with YAML frontmatter, written so the loader reads back exactly these values. */
function markdownFile(data: Record<string, unknown>, body: string): string {
  // The core schema writes dates unquoted, as a writer would, and the loader reads them back as text.
  const matter = yaml.dump(data, { schema: yaml.CORE_SCHEMA, lineWidth: -1, quotingType: '"' });
  return `---\n${matter}---\n${body === '' ? '' : `\n${body}`}`;
}

/** The first problem the schema finds, in words, or undefined. */
function schemaProblem(
  schema: typeof articleSchema | typeof commentSchema | typeof sectionSchema | typeof deskSchema,
  data: unknown,
): string | undefined {
  const result = schema.safeParse(data);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid';
}
