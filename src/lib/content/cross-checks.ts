// Rules that span files: references between entries and site-wide uniqueness.
import type { Article, Comment, Desk, Section } from './content.ts';
import type { Problem } from './problems.ts';
import { closest } from './schema-messages.ts';

interface Entries {
  sections: readonly Section[];
  desks: readonly Desk[];
  articles: readonly Article[];
}

/** Slugs whose file exists but failed its own checks (already reported there). */
export interface BrokenSlugs {
  section: ReadonlySet<string>;
  desk: ReadonlySet<string>;
}

/** The 1-based line of a top-level field in an article's file, when it can be found. */
export type FieldLine = (article: Article, field: string) => number | undefined;

/**
 * Returns a problem for every unknown section or desk and every duplicated
 * slug. A reference to a section or desk whose file exists but is broken is
 * not reported again on every article that uses it. `lineOf` is asked for
 * the line of a bad field only, so entries need not carry line numbers.
 */
export function checkCrossReferences(
  { sections, desks, articles }: Entries,
  broken: BrokenSlugs = { section: new Set(), desk: new Set() },
  lineOf: FieldLine = () => undefined,
): Problem[] {
  const problems: Problem[] = [];
  const sectionSlugs = sections.map((s) => s.slug);
  const deskSlugs = desks.map((d) => d.slug);
  const known = { section: new Set(sectionSlugs), desk: new Set(deskSlugs) };
  const firstBySlug = new Map<string, Article>();
  for (const article of articles) {
    for (const [field, slugs, folder] of [
      ['section', sectionSlugs, 'sections'],
      ['desk', deskSlugs, 'desks'],
    ] as const) {
      const value = article[field];
      if (known[field].has(value) || broken[field].has(value)) continue;
      const hint = closest(value, slugs);
      const line = lineOf(article, field);
      problems.push({
        file: article.file,
        ...(line ? { line } : {}),
        field,
        message:
          `"${value}" is not a ${field}${hint ? `: did you mean "${hint}"?` : '.'} ` +
          `Use one of ${slugs.join(', ') || '(none yet)'}, or add content/${folder}/${value}.md`,
      });
    }
    const first = firstBySlug.get(article.slug);
    if (first) {
      const message = (other: string): string =>
        `slug "${article.slug}" is used by two articles (${other} too); URLs must be unique, so rename one file`;
      // The slug is the file name: line 1 lets an editor jump to the file.
      problems.push({ file: article.file, line: 1, message: message(first.file) });
      problems.push({ file: first.file, line: 1, message: message(article.file) });
    } else {
      firstBySlug.set(article.slug, article);
    }
  }
  return problems;
}

/** Article slugs and "<article>/<id>" comment keys whose files exist but failed their own checks. */
export interface BrokenComments {
  articles: ReadonlySet<string>;
  comments: ReadonlySet<string>;
}

/**
 * Returns a problem for every comment whose folder names no article, and every
 * reply whose inReplyTo names no comment on the same article, names itself,
 * answers a comment published after it, or is part of a loop of replies.
 */
export function checkComments(
  comments: readonly Comment[],
  articleSlugs: readonly string[],
  broken: BrokenComments = { articles: new Set(), comments: new Set() },
): Problem[] {
  const problems: Problem[] = [];
  const known = new Set(articleSlugs);
  const hints = new Map<string, string | undefined>();
  const byKey = new Map(comments.map((c) => [`${c.article}/${c.id}`, c]));
  const idsByArticle = new Map<string, string[]>();
  for (const c of comments) {
    const ids = idsByArticle.get(c.article);
    if (ids) ids.push(c.id);
    else idsByArticle.set(c.article, [c.id]);
  }
  const parents = new Map<Comment, Comment>();
  for (const c of comments) {
    if (!known.has(c.article)) {
      if (broken.articles.has(c.article)) continue;
      // Once per folder: a near-miss search over a large archive is not free.
      if (!hints.has(c.article)) hints.set(c.article, closest(c.article, articleSlugs));
      const hint = hints.get(c.article);
      problems.push({
        file: c.file,
        message:
          `is in content/comments/${c.article}/, but there is no article "${c.article}"${hint ? `: did you mean "${hint}"?` : '.'} ` +
          "A comment's folder is named after its article's file: move the comment there",
      });
      continue;
    }
    if (c.inReplyTo === undefined) continue;
    const key = `${c.article}/${c.inReplyTo}`;
    const parent = byKey.get(key);
    if (!parent) {
      if (broken.comments.has(key)) continue;
      const hint = closest(c.inReplyTo, idsByArticle.get(c.article) ?? []);
      problems.push({
        file: c.file,
        field: 'inReplyTo',
        message:
          `"${c.inReplyTo}" is not a comment on this article${hint ? `: did you mean "${hint}"?` : '.'} ` +
          `Use the id (file name without .md) of a comment in content/comments/${c.article}/, or remove the line`,
      });
    } else if (parent === c) {
      problems.push({ file: c.file, field: 'inReplyTo', message: 'names this comment itself: a comment cannot answer itself; remove the line' });
    } else if (parent.publishedMs > c.publishedMs) {
      problems.push({
        file: c.file,
        field: 'inReplyTo',
        message: `answers "${parent.id}", published ${parent.publishedAt}, after this comment (${c.publishedAt}): a reply cannot come before the comment it answers; check both dates`,
      });
    } else {
      parents.set(c, parent);
    }
  }
  problems.push(...replyLoops(parents));
  return problems;
}

/** Replies that answer each other in a circle (possible only when their times are equal). */
function replyLoops(parents: ReadonlyMap<Comment, Comment>): Problem[] {
  const problems: Problem[] = [];
  const done = new Set<Comment>();
  for (const start of parents.keys()) {
    const path: Comment[] = [];
    const onPath = new Set<Comment>();
    let c: Comment | undefined = start;
    while (c && !done.has(c) && !onPath.has(c)) {
      path.push(c);
      onPath.add(c);
      c = parents.get(c);
    }
    if (c && onPath.has(c)) {
      const loop = path.slice(path.indexOf(c));
      const names = [...loop, c].map((x) => x.id).join(' → ');
      for (const member of loop) {
        problems.push({ file: member.file, field: 'inReplyTo', message: `is part of a loop of replies (${names}): one of them must answer the article, not another comment` });
      }
    }
    for (const x of path) done.add(x);
  }
  return problems;
}
