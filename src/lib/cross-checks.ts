// Rules that span files: references between entries and site-wide uniqueness.
import type { Article, Desk, Section } from './content.ts';
import type { Problem } from './problems.ts';
import { closest } from './schema-messages.ts';

interface Entries {
  sections: readonly Section[];
  desks: readonly Desk[];
  articles: readonly Article[];
}

/** Returns a problem for every unknown section or desk and every duplicated slug. */
export function checkCrossReferences({ sections, desks, articles }: Entries): Problem[] {
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
      if (known[field].has(value)) continue;
      const hint = closest(value, slugs);
      problems.push({
        file: article.file,
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
      problems.push({ file: article.file, message: message(first.file) });
      problems.push({ file: first.file, message: message(article.file) });
    } else {
      firstBySlug.set(article.slug, article);
    }
  }
  return problems;
}
