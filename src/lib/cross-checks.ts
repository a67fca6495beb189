// Rules that span files: references between entries and site-wide uniqueness.
import type { Article, Desk, Section } from './content.ts';
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
