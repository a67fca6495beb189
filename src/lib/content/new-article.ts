// What `npm run new` writes: a draft article file that passes the checker,
// with every optional field of the contract as a commented hint, and the rules
// for its slug. The script (scripts/new-article.ts) does the asking and writing.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isFrontmatterFailure, parseMarkdownFile } from './frontmatter.ts';
import { closest } from './schema-messages.ts';
import { isSlug, slugify } from './slugs.ts';

/** Longest slug made from a headline; longer ones are cut at a hyphen. */
export const MAX_HEADLINE_SLUG = 80;

/** A section or desk a writer may choose: its slug (file name) and display name. */
export interface Choice {
  slug: string;
  name: string;
}

/** What the new article needs. */
export interface NewArticle {
  title: string;
  section: string;
  desk: string;
  /** ISO 8601 with the site's offset, e.g. from toZonedIso(now, site.timeZone). */
  publishedAt: string;
}

/** A slug made from the headline, cut at a word to at most 80 characters; empty if nothing is left. */
export function slugFromHeadline(headline: string): string {
  const slug = slugify(headline);
  if (slug.length <= MAX_HEADLINE_SLUG) return slug;
  const cut = slug.slice(0, MAX_HEADLINE_SLUG + 1);
  const end = cut.lastIndexOf('-');
  return (end > 0 ? cut.slice(0, end) : cut.slice(0, MAX_HEADLINE_SLUG)).replace(/-+$/, '');
}

/** `slug` if no article has it, else the first free "slug-2", "slug-3", … */
export function freeSlug(slug: string, taken: { has(slug: string): boolean }): string {
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

/** Every article file in a content folder, all years, by slug (file names only; nothing is parsed). */
export function articleFiles(contentDir: string): Map<string, string> {
  const dir = join(contentDir, 'articles');
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const year of readdirSync(dir, { withFileTypes: true })) {
    if (!year.isDirectory()) continue;
    for (const name of readdirSync(join(dir, year.name))) {
      if (name.endsWith('.md')) files.set(name.slice(0, -3), join(dir, year.name, name));
    }
  }
  return files;
}

/** The sections or desks in `content/<folder>/`, by slug, with their names when readable. */
export function readChoices(contentDir: string, folder: 'sections' | 'desks', read: (path: string) => string): Choice[] {
  const dir = join(contentDir, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && isSlug(name.slice(0, -3)))
    .sort()
    .map((name) => {
      const slug = name.slice(0, -3);
      const parsed = parseMarkdownFile(read(join(dir, name)));
      const title = isFrontmatterFailure(parsed) ? undefined : parsed.data['name'];
      return { slug, name: typeof title === 'string' ? title : slug };
    });
}

/** Undefined when `value` is one of `choices`, else a message naming them all (and the nearest). */
export function choiceProblem(value: string, choices: readonly Choice[], kind: 'section' | 'desk'): string | undefined {
  if (choices.some((c) => c.slug === value)) return undefined;
  const folder = kind === 'section' ? 'sections' : 'desks';
  if (choices.length === 0) return `there are no ${folder} yet: add content/${folder}/${value || `<${kind}>`}.md first (see docs/content.md)`;
  const hint = closest(value, choices.map((c) => c.slug));
  const list = choices.map((c) => `${c.slug} (${c.name})`).join(', ');
  return `"${value}" is not a ${kind}${hint ? `: did you mean "${hint}"?` : '.'} The ${folder} are: ${list}. To add one, create content/${folder}/${value}.md`;
}

/** The file `npm run new` writes: required fields, draft: true, optional fields as commented hints, a body to replace. */
export function newArticleText({ title, section, desk, publishedAt }: NewArticle): string {
  return [
    '---',
    `title: ${JSON.stringify(title)}`,
    `section: ${section}`,
    `desk: ${desk}`,
    `publishedAt: ${publishedAt}`,
    '# A draft is never published. When the story is ready, delete this line (or write false) and set publishedAt to the time it goes out.',
    'draft: true',
    '# Optional fields; every field and limit is in docs/content.md. To use one, delete the "# " in front of it.',
    '# dek: "One or two sentences under the headline."',
    '# dateline: "DUBLIN"',
    `# updatedAt: ${publishedAt}`,
    '# tags: [harbour, transport]',
    '# image: { src: ./photo.jpg, alt: "What the picture shows", caption: "What is happening.", credit: "Photographer / Agency" }',
    '#   (src: ./photo.jpg is a photo kept beside this file; also /images/… from public/, or https://…)',
    '# quotes:',
    '#   - { text: "A line worth pulling out.", speaker: "Full Name", role: "their job" }',
    '# source: { name: "Agency", url: "https://agency.example/story" }',
    '# canonical: https://agency.example/story',
    '# featured: true',
    '# comments: false',
    '# commentsCloseAfterDays: 14',
    '# corrections:',
    `#   - { date: ${publishedAt}, text: "What was wrong, and what is right." }`,
    '# legacyUrl: https://old-site.example/2019/05/story/',
    '# live: true',
    '#   (a live story: its updates are files in content/updates/<this slug>/; docs/content.md, "Live stories")',
    `# liveUntil: ${publishedAt}`,
    '#   (when coverage ends: set it to the time the last update goes out)',
    '---',
    '',
    'Write the story here, in Markdown: a blank line between paragraphs, "## " before a subheading.',
    '',
  ].join('\n');
}
