// Reads a content folder (the layout of docs/content.md), checks every file
// against the contract and the cross-file rules, and returns typed entries or
// throws one ContentError that lists every problem in every file.
import { hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { z } from 'astro/zod';
import type { Alert, Article, Comment, Content, Desk, Section, Update } from './content.ts';
import { checkComments, checkCrossReferences } from './cross-checks.ts';
import { decodeUtf8, isFrontmatterFailure, parseMarkdownFile, type ParsedFile } from './frontmatter.ts';
import { formatBytes, formatCount, LIMITS } from './limits.ts';
import type { EntryIndex } from './content-index.ts';
import { ContentError, type Problem } from './problems.ts';
import { issuesToProblems } from './schema-messages.ts';
import { alertSchema, articleSchema, commentSchema, deskSchema, sectionSchema, updateSchema } from './schemas.ts';
import { firstParagraphText } from '#lib/render/summary.ts';
import { smartenText } from '#lib/render/typography.ts';
import { isSlug, slugify } from './slugs.ts';
import { RESERVED_SECTION_SLUGS } from '#lib/archive/urls.ts';
import { isBesideFilePath } from './url-safety.ts';

export interface LoadOptions {
  /** Folder that file paths in messages are relative to (usually the working folder). */
  displayRoot?: string;
  /**
   * The site's language (site config `language`): headlines, deks, pull quotes,
   * captions and names get its quotation marks here, once, so pages, feeds,
   * JSON-LD and search records all read the same text. English when not given.
   */
  language?: string;
  /**
   * What earlier builds made of each file (src/lib/content/content-index.ts):
   * a file whose id is unchanged is taken from it instead of being read and
   * parsed. Entries are only added when the whole folder loads without a problem.
   */
  index?: EntryIndex;
}

/** Loads and validates a content folder; throws ContentError listing every problem. */
export function loadContent(contentDir: string, options: LoadOptions = {}): Content {
  // Paths relative to where the writer works; absolute when the content lives elsewhere.
  const display = (abs: string): string => {
    const rel = relative(options.displayRoot ?? contentDir, abs);
    return rel === '' || rel.startsWith('..') ? abs : rel;
  };
  const problems: Problem[] = [];
  const read: ReadEntry = (abs, build) => readEntry(abs, display(abs), problems, build, options.index);
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
    throw new ContentError([
      { file: contentDir, message: 'is not a folder. Point DATELINE_CONTENT_DIR at a content folder (see docs/content.md)' },
    ]);
  }
  for (const folder of ['articles', 'sections', 'desks']) {
    if (!existsSync(join(contentDir, folder))) {
      problems.push({ file: display(join(contentDir, folder)), message: `is missing: create the folder ${folder}/ (see docs/content.md)` });
    }
  }

  const smarten = (text: string): string => smartenText(text, options.language ?? 'en');
  const sections = readFlatFolder(join(contentDir, 'sections'), read, (file, parsed, slug) => {
    const data = smartenSection(validate(sectionSchema, parsed, file, problems), smarten);
    if (RESERVED_SECTION_SLUGS.includes(slug)) {
      problems.push({ file, message: `"${slug}" is used by the site's own pages and cannot name a section: rename the file` });
    }
    return data && ({ ...data, slug, file } satisfies Section);
  });
  const desks = readFlatFolder(join(contentDir, 'desks'), read, (file, parsed, slug) => {
    const data = validate(deskSchema, parsed, file, problems);
    const bio = parsed.body.trim();
    if (bio.length > LIMITS.desk.bio.max) {
      problems.push({
        file,
        line: parsed.bodyLine,
        message: `the bio is ${formatCount(bio.length)} characters long; the most a bio may have is ${formatCount(LIMITS.desk.bio.max)}, as it is shown under every story by the desk: shorten it ${WHY}`,
      });
      return undefined;
    }
    return data && ({ ...data, name: smarten(data.name), slug, file, bio } satisfies Desk);
  });
  const articleFiles = new Set<string>();
  const articles = readArticles(join(contentDir, 'articles'), display, read, problems, articleFiles, smarten);
  const commentFiles = new Set<string>();
  // Optional folder: most sites start without comments.
  const comments = readComments(join(contentDir, 'comments'), display, read, problems, commentFiles);
  // Optional folder: only live stories have updates.
  const updates = readUpdates(join(contentDir, 'updates'), display, read, problems, smarten);

  // Optional folder: a banner is an occasional thing.
  const alerts = readFlatFolder(join(contentDir, 'alerts'), read, (file, parsed, slug) => readAlert(file, parsed, slug, problems, smarten));

  const broken = {
    section: brokenSlugs(join(contentDir, 'sections'), sections),
    desk: brokenSlugs(join(contentDir, 'desks'), desks),
  };
  problems.push(...checkCrossReferences({ sections, desks, articles }, broken, fieldLine));
  // Comments on an article (or replies to a comment) whose own file failed are not reported again.
  const articleSlugs = articles.map((a) => a.slug);
  const loadedArticles = new Set(articleSlugs);
  const loadedComments = new Set(comments.map((c) => `${c.article}/${c.id}`));
  const commentProblems = checkComments(comments, articleSlugs, {
    articles: new Set([...articleFiles].filter((slug) => !loadedArticles.has(slug))),
    comments: new Set([...commentFiles].filter((key) => !loadedComments.has(key))),
  });
  // The line of a broken inReplyTo is read again from its file: only files with the problem pay for it.
  const commentsByFile = new Map(comments.map((c) => [c.file, c]));
  problems.push(
    ...commentProblems.map((p) => {
      const comment = p.field === 'inReplyTo' ? commentsByFile.get(p.file) : undefined;
      const line = comment && fieldLine(comment, 'inReplyTo');
      return line ? { ...p, line } : p;
    }),
  );
  problems.push(...checkUpdates(updates, articles, articleFiles));
  if (problems.length > 0) throw new ContentError(problems);
  sections.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.name.localeCompare(b.name));
  return { sections, desks, articles, comments, alerts, updates };
}

/** A banner file's entry, or undefined after adding its problems: `until` must come after `from`, and the words go in `text`, not a body. */
function readAlert(file: string, parsed: ParsedFile, slug: string, problems: Problem[], smarten: (text: string) => string): Alert | undefined {
  const data = validate(alertSchema, parsed, file, problems);
  const before = problems.length;
  if (parsed.body.trim() !== '') {
    problems.push({
      file,
      line: parsed.bodyLine,
      message: 'a banner has no body: put its words in text (one short line) and link to the story for the rest',
    });
  }
  if (data && Date.parse(data.until) <= Date.parse(data.from)) {
    const line = parsed.keyLines.get('until');
    problems.push({
      file,
      ...(line ? { line } : {}),
      field: 'until',
      message: `(${data.until}) is not after from (${data.from}): the banner would never show; set until to the moment it should go`,
    });
  }
  if (!data || problems.length > before) return undefined;
  return { ...data, text: smarten(data.text), slug, file, fromMs: Date.parse(data.from), untilMs: Date.parse(data.until) };
}

/** Where every limit message sends the writer for the reasons. */
const WHY = '(limits and their reasons: docs/content.md)';

/**
 * The line of a top-level field in an article, read again from disk: only
 * files with a cross-file problem (or a warning) pay for it, so the loader
 * need not keep every file's line numbers in memory.
 */
export function fieldLine(article: Pick<Article, 'path'>, field: string): number | undefined {
  try {
    const parsed = parseMarkdownFile(readFileSync(article.path, 'utf8'));
    return isFrontmatterFailure(parsed) ? undefined : parsed.keyLines.get(field);
  } catch {
    return undefined;
  }
}

/** Slugs of the .md files in `dir` that did not load (their problems are already listed). */
function brokenSlugs(dir: string, loaded: readonly { slug: string }[]): Set<string> {
  if (!existsSync(dir)) return new Set();
  const ok = new Set(loaded.map((e) => e.slug));
  return new Set(readdirSync(dir).filter((n) => n.endsWith('.md')).map(name).filter((slug) => !ok.has(slug)));
}

type EntryBuilder<T> = (file: string, parsed: ParsedFile, slug: string) => T | undefined;
/** readEntry with the loader's messages and index. */
type ReadEntry = <T>(abs: string, build: EntryBuilder<T>) => { value: T; digest: string } | undefined;

function readFlatFolder<T>(dir: string, read: ReadEntry, build: EntryBuilder<T>): T[] {
  if (!existsSync(dir)) return [];
  const out: T[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    if (!name.endsWith('.md')) continue;
    const entry = read(abs, build);
    if (entry) out.push(entry.value);
  }
  return out;
}

/** Reads content/articles/<yyyy>/*.md; `seen` collects the slug of every article file, loaded or not. */
function readArticles(
  dir: string,
  display: (abs: string) => string,
  read: ReadEntry,
  problems: Problem[],
  seen: Set<string>,
  smarten: (text: string) => string,
): Article[] {
  if (!existsSync(dir)) return [];
  const out: Article[] = [];
  for (const year of readdirSync(dir).sort()) {
    const yearDir = join(dir, year);
    if (!statSync(yearDir).isDirectory()) {
      if (year.endsWith('.md')) {
        problems.push({ file: display(yearDir), message: 'is not in a year folder: move it to content/articles/<yyyy>/ (the year it is published)' });
      }
      continue;
    }
    if (!/^\d{4}$/.test(year)) {
      problems.push({ file: display(yearDir), message: 'is not a year folder: article folders are named by year, like content/articles/2026/' });
      continue;
    }
    // File types come with the listing: one stat per article costs more than reading it.
    const entries = readdirSync(yearDir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const dirent of entries) {
      const name = dirent.name;
      const abs = join(yearDir, name);
      if (isFolder(dirent, abs)) {
        problems.push({ file: display(abs), message: 'is a folder inside a year folder: articles go directly in content/articles/<yyyy>/<slug>.md' });
        continue;
      }
      if (!name.endsWith('.md')) {
        if (/\.(md|markdown|mdown)$/i.test(name)) {
          problems.push({ file: display(abs), message: `is not read: article files must end in lower-case ".md" (rename it ${name.replace(/\.[^.]+$/, '.md')})` });
        }
        continue; // other files (images beside an article) are not articles
      }
      seen.add(name.slice(0, -3));
      const entry = read(abs, (file, parsed, slug) => {
        const data = validate(articleSchema, parsed, file, problems);
        if (!data) return undefined;
        const fileProblems = checkArticle(data, parsed, year);
        const imageFile = besideImageFile(data.image?.src, abs);
        problems.push(...fileProblems.map((p) => ({ file, ...p })));
        if (fileProblems.length > 0) return undefined;
        return {
          ...smartenArticle(data, smarten),
          slug,
          file,
          path: abs,
          digest: '',
          publishedMs: Date.parse(data.publishedAt),
          ...(data.updatedAt ? { updatedMs: Date.parse(data.updatedAt) } : {}),
          ...(data.liveUntil ? { liveUntilMs: Date.parse(data.liveUntil) } : {}),
          summary: smarten(data.dek ?? firstParagraphText(parsed.body)),
          ...(imageFile ? { imageFile } : {}),
        } satisfies Article;
      });
      if (!entry) continue;
      // Checked on every load, the article's own file unchanged or not: the photo beside it is a file of its own.
      const { imageFile, image } = entry.value;
      if (imageFile && !isFile(imageFile)) {
        const line = fieldLine(entry.value, 'image');
        problems.push({
          file: entry.value.file,
          ...(line ? { line } : {}),
          field: 'image.src',
          message: `"${image!.src}" is not in ${display(dirname(abs))}/: put the photo beside the article, or fix its name (names are case-sensitive)`,
        });
        continue;
      }
      out.push({ ...entry.value, digest: entry.digest });
    }
  }
  return out;
}

/**
 * Reads content/comments/<article-slug>/<id>.md. Keeps the frontmatter and the
 * path, not the body (read again when the article's page is rendered). `seen`
 * collects "<article>/<id>" of every comment file, loaded or not.
 */
function readComments(
  dir: string,
  display: (abs: string) => string,
  read: ReadEntry,
  problems: Problem[],
  seen: Set<string>,
): Comment[] {
  if (!existsSync(dir)) return [];
  const out: Comment[] = [];
  for (const folder of readdirSync(dir).sort()) {
    const folderAbs = join(dir, folder);
    if (!statSync(folderAbs).isDirectory()) {
      if (folder.endsWith('.md')) {
        problems.push({ file: display(folderAbs), message: "is not in an article's folder: move it to content/comments/<article-slug>/, named after the article it is on" });
      }
      continue;
    }
    if (!isSlug(folder)) {
      problems.push({ file: display(folderAbs), message: "is not named after an article: a comment folder's name is its article's slug, like content/comments/harbour-accord-signed/" });
      continue;
    }
    const names = readdirSync(folderAbs).sort();
    const count = names.filter((n) => n.endsWith('.md')).length;
    if (count > LIMITS.article.comments.max) {
      problems.push({
        file: display(folderAbs),
        message:
          `holds ${formatCount(count)} comments; one story may show at most ${formatCount(LIMITS.article.comments.max)}, all on its page: ` +
          `keep the ones worth reading and delete the rest, or set comments: false on the story ${WHY}`,
      });
      for (const n of names) if (n.endsWith('.md')) seen.add(`${folder}/${n.slice(0, -3)}`);
      continue;
    }
    for (const fileName of names) {
      const abs = join(folderAbs, fileName);
      if (statSync(abs).isDirectory()) {
        problems.push({ file: display(abs), message: "is a folder inside a comment folder: comments go directly in content/comments/<article-slug>/<id>.md" });
        continue;
      }
      if (!fileName.endsWith('.md')) continue;
      seen.add(`${folder}/${fileName.slice(0, -3)}`);
      const entry = read(abs, (file, parsed, id) => {
        const data = { ...parsed.data };
        const before = problems.length;
        // A reader's email must never reach the repository, let alone the site.
        for (const key of Object.keys(data).filter((k) => /e-?mail/i.test(k))) {
          delete data[key];
          const line = parsed.keyLines.get(key);
          problems.push({
            file,
            ...(line ? { line } : {}),
            field: key,
            message: "is a reader's email address: delete this line. Emails are never published, and must not be committed either",
          });
        }
        const valid = validate(commentSchema, { ...parsed, data }, file, problems);
        if (valid && /[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}/i.test(valid.author)) {
          const line = parsed.keyLines.get('author');
          problems.push({
            file,
            ...(line ? { line } : {}),
            field: 'author',
            message: 'looks like an email address, which must never be published: use the name the reader gave',
          });
        }
        const body = parsed.body.trim();
        if (body === '') {
          problems.push({ file, line: parsed.bodyLine, message: 'the comment is empty: the reader\'s text goes below the closing "---"' });
        } else if (body.length > LIMITS.comment.body.max) {
          problems.push({
            file,
            line: parsed.bodyLine,
            message: `the comment is ${formatCount(body.length)} characters long; the most a comment may have is ${formatCount(LIMITS.comment.body.max)}: shorten it, or leave it out ${WHY}`,
          });
        }
        if (!valid || problems.length > before) return undefined;
        return { ...valid, id, article: folder, file, path: abs, digest: '', publishedMs: Date.parse(valid.publishedAt) } satisfies Comment;
      });
      if (entry) out.push({ ...entry.value, digest: entry.digest });
    }
  }
  return out;
}

/**
 * Reads content/updates/<article-slug>/<id>.md: a live story's updates. Keeps
 * the frontmatter and the path; the Markdown is read again when rendered.
 */
function readUpdates(
  dir: string,
  display: (abs: string) => string,
  read: ReadEntry,
  problems: Problem[],
  smarten: (text: string) => string,
): Update[] {
  if (!existsSync(dir)) return [];
  const out: Update[] = [];
  for (const folder of readdirSync(dir).sort()) {
    const folderAbs = join(dir, folder);
    if (!statSync(folderAbs).isDirectory() || !isSlug(folder)) {
      problems.push({ file: display(folderAbs), message: "is not a story's folder: updates go in content/updates/<article-slug>/<id>.md, named after the live story" });
      continue;
    }
    const names = readdirSync(folderAbs)
      .filter((n) => n.endsWith('.md'))
      .sort();
    if (names.length > LIMITS.article.updates.max) {
      problems.push({
        file: display(folderAbs),
        message:
          `holds ${formatCount(names.length)} updates; one live story may have at most ${formatCount(LIMITS.article.updates.max)}, all on its page: ` +
          `end this story's coverage (liveUntil) and continue in a new live story ${WHY}`,
      });
      continue;
    }
    for (const fileName of names) {
      const abs = join(folderAbs, fileName);
      const entry = read(abs, (file, parsed, id) => {
        const valid = validate(updateSchema, parsed, file, problems);
        const body = parsed.body.trim();
        const before = problems.length;
        if (body === '') {
          problems.push({ file, line: parsed.bodyLine, message: 'the update is empty: write it below the closing "---"' });
        } else if (body.length > LIMITS.article.updateBody.max) {
          problems.push({
            file,
            line: parsed.bodyLine,
            message: `the update is ${formatCount(body.length)} characters long; the most an update may have is ${formatCount(LIMITS.article.updateBody.max)}: split it into two updates ${WHY}`,
          });
        }
        if (valid?.story !== undefined && valid.story !== folder) {
          const line = parsed.keyLines.get('story');
          problems.push({ file, ...(line ? { line } : {}), field: 'story', message: `is "${valid.story}" but the update is in content/updates/${folder}/: move it, or fix the field` });
        }
        if (!valid || problems.length > before) return undefined;
        const { headline } = valid;
        return {
          ...valid,
          ...(headline === undefined ? {} : { headline: smarten(headline) }),
          id,
          article: folder,
          file,
          path: abs,
          digest: '',
          publishedMs: Date.parse(valid.publishedAt),
        } satisfies Update;
      });
      if (entry) out.push({ ...entry.value, digest: entry.digest });
    }
  }
  return out;
}

/** Updates on a story that does not exist or is not live (stories whose own file failed are not reported again). */
function checkUpdates(updates: readonly Update[], articles: readonly Article[], articleFiles: ReadonlySet<string>): Problem[] {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const problems: Problem[] = [];
  const told = new Set<string>();
  for (const u of updates) {
    if (told.has(u.article)) continue;
    const article = bySlug.get(u.article);
    if (!article && articleFiles.has(u.article)) continue;
    if (!article || !article.live) {
      told.add(u.article);
      problems.push({
        file: u.file,
        message: article
          ? `is an update to "${u.article}", which is not live: add live: true to ${article.file}, or move the update`
          : `is in content/updates/${u.article}/, but there is no story "${u.article}": an update's folder is named after its story's file`,
      });
    }
  }
  return problems;
}

/** The text a reader sees in an article's frontmatter, with typographic quotes, apostrophes and dashes. */
function smartenArticle(data: z.output<typeof articleSchema>, smarten: (text: string) => string): z.output<typeof articleSchema> {
  const { dek, source, image } = data;
  return {
    ...data,
    title: smarten(data.title),
    ...(dek === undefined ? {} : { dek: smarten(dek) }),
    ...(source === undefined ? {} : { source: { ...source, name: smarten(source.name) } }),
    quotes: data.quotes.map(({ role, ...quote }) => ({
      ...quote,
      text: smarten(quote.text),
      speaker: smarten(quote.speaker),
      ...(role === undefined ? {} : { role: smarten(role) }),
    })),
    ...(image === undefined
      ? {}
      : {
          image: {
            ...image,
            ...(image.caption === undefined ? {} : { caption: smarten(image.caption) }),
            ...(image.credit === undefined ? {} : { credit: smarten(image.credit) }),
          },
        }),
    corrections: data.corrections.map((correction) => ({ ...correction, text: smarten(correction.text) })),
  };
}

function smartenSection<T extends { name: string; description?: string | undefined }>(data: T | undefined, smarten: (text: string) => string): T | undefined {
  if (!data) return undefined;
  return { ...data, name: smarten(data.name), ...(data.description === undefined ? {} : { description: smarten(data.description) }) };
}

function readEntry<T>(
  abs: string,
  file: string,
  problems: Problem[],
  build: EntryBuilder<T>,
  index: EntryIndex | undefined,
): { value: T; digest: string } | undefined {
  const slug = name(abs);
  if (!isSlug(slug)) {
    const suggestion = slugify(slug);
    problems.push({
      file,
      line: 1,
      message: `file name "${slug}.md" is not a valid slug: use lower-case letters, digits and hyphens only${suggestion ? `, e.g. "${suggestion}.md"` : ''}`,
    });
    return undefined;
  }
  // A file whose id git knows, and the index holds, is not even read.
  const known = index?.knownId(abs);
  const kept = known === undefined ? undefined : index!.get(abs, known);
  if (kept) return kept as { value: T; digest: string };
  const bytes = readFileSync(abs);
  const id = known ?? index?.idOfBytes(bytes);
  const stored = known === undefined && id !== undefined ? index!.get(abs, id) : undefined;
  if (stored) return stored as { value: T; digest: string };
  const source = decodeUtf8(bytes);
  if (typeof source !== 'string') {
    problems.push({ file, ...(source.line ? { line: source.line } : {}), message: source.message });
    return undefined;
  }
  const parsed = parseMarkdownFile(source);
  if (isFrontmatterFailure(parsed)) {
    problems.push({ file, ...(parsed.line ? { line: parsed.line } : {}), message: parsed.message });
    return undefined;
  }
  const value = build(file, parsed, slug);
  if (value === undefined) return undefined;
  const entry = { value, digest: hash('sha1', source) };
  if (id !== undefined) index!.set(abs, id, entry);
  return entry;
}

function validate<S extends z.ZodType>(schema: S, parsed: ParsedFile, file: string, problems: Problem[]): z.output<S> | undefined {
  const result = schema.safeParse(parsed.data, { reportInput: true });
  if (result.success) return result.data;
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  // A missing field has no line of its own: point at the closing "---", where it goes.
  const fenceLine = parsed.bodyLine - 1;
  problems.push(
    ...issuesToProblems(result.error.issues, file, parsed.keyLines, Object.keys(shape)).map((p) => (p.line ? p : { ...p, line: fenceLine })),
  );
  return undefined;
}

/** Rules that involve more than one field of one article. */
function checkArticle(
  data: z.output<typeof articleSchema>,
  parsed: ParsedFile,
  yearFolder: string,
): Omit<Problem, 'file'>[] {
  const out: Omit<Problem, 'file'>[] = [];
  const at = (key: string): { line?: number } => {
    const line = parsed.keyLines.get(key);
    return line ? { line } : {};
  };
  if (parsed.body.trim() === '') {
    out.push({ line: parsed.bodyLine, message: 'the body is empty: write the story below the closing "---"' });
  }
  const bodyBytes = Buffer.byteLength(parsed.body);
  if (bodyBytes > LIMITS.article.body.max) {
    out.push({
      line: parsed.bodyLine,
      message:
        `the body is ${formatBytes(bodyBytes)} of Markdown; the most a story may have is ${formatBytes(LIMITS.article.body.max)} (about 80,000 words): ` +
        `split it into parts, or link to long documents and data instead of pasting them ${WHY}`,
    });
  }
  if (data.liveUntil && !data.live) {
    out.push({ ...at('liveUntil'), field: 'liveUntil', message: 'is set but the story is not live: add live: true, or remove liveUntil' });
  } else if (data.liveUntil && Date.parse(data.liveUntil) < Date.parse(data.publishedAt)) {
    out.push({ ...at('liveUntil'), field: 'liveUntil', message: `(${data.liveUntil}) is before publishedAt (${data.publishedAt}): coverage cannot end before it starts` });
  }
  const writtenYear = data.publishedAt.slice(0, 4);
  if (writtenYear !== yearFolder) {
    out.push({ ...at('publishedAt'), field: 'publishedAt', message: `is in ${writtenYear} but the file is in the ${yearFolder}/ folder: move it to content/articles/${writtenYear}/` });
  }
  if (data.updatedAt && Date.parse(data.updatedAt) < Date.parse(data.publishedAt)) {
    out.push({ ...at('updatedAt'), field: 'updatedAt', message: `(${data.updatedAt}) is before publishedAt (${data.publishedAt}): an update cannot come before first publication` });
  }
  data.tags.forEach((tag, i) => {
    if (slugify(tag) === '') {
      out.push({ ...at('tags'), field: `tags.${i}`, message: `"${tag}" has no letters or digits, so it cannot have a page: use a word` });
    }
  });
  return out;
}

/** The absolute path a "./photo.jpg" lead image points at, resolved beside the article file; undefined for site paths and web addresses. */
function besideImageFile(src: string | undefined, articlePath: string): string | undefined {
  return src && isBesideFilePath(src) ? join(dirname(articlePath), src) : undefined;
}

function isFile(abs: string): boolean {
  return existsSync(abs) && statSync(abs).isFile();
}

/** True for a folder, or a link to one. */
function isFolder(dirent: Dirent, abs: string): boolean {
  return dirent.isDirectory() || (dirent.isSymbolicLink() && statSync(abs).isDirectory());
}

function name(abs: string): string {
  const base = abs.slice(abs.lastIndexOf('/') + 1);
  return base.replace(/\.md$/, '');
}
