// Small builders for unit tests: full entries with sensible defaults, and tiny
// content trees written to a temp folder for loadContent.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';
import type { Alert, Article, Comment, Content, Desk, Section, Update } from '#lib/content/content.ts';
import { loadContent, type LoadOptions } from '#lib/content/load-content.ts';
import { ContentError } from '#lib/content/problems.ts';
import { parseSiteConfig, type SiteConfig, type SiteConfigInput } from '#lib/content/site-config.ts';

/** A moment every default article is published at. */
export const PUBLISHED_AT = '2026-11-24T08:30:00+00:00';
export const PUBLISHED_MS = Date.parse(PUBLISHED_AT);
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** A complete Article; publishedAt and publishedMs stay in step unless both are given. */
export function makeArticle(overrides: Partial<Article> = {}): Article {
  const slug = overrides.slug ?? 'harbour-story';
  const publishedAt =
    overrides.publishedAt ?? (overrides.publishedMs === undefined ? PUBLISHED_AT : new Date(overrides.publishedMs).toISOString());
  return {
    title: `Headline for ${slug}`,
    section: 'world',
    desk: 'news-desk',
    publishedAt,
    quotes: [],
    tags: [],
    featured: false,
    draft: false,
    comments: true,
    corrections: [],
    live: false,
    slug,
    file: `articles/${publishedAt.slice(0, 4)}/${slug}.md`,
    path: `/nonexistent/articles/${slug}.md`,
    digest: '0'.repeat(40),
    publishedMs: Date.parse(publishedAt),
    summary: `Summary of ${slug}.`,
    ...overrides,
  };
}

/** An update to the live story `harbour-story`, an hour after PUBLISHED_AT unless given. */
export function makeUpdate(overrides: Partial<Update> = {}): Update {
  const id = overrides.id ?? 'u1';
  const article = overrides.article ?? 'harbour-story';
  const publishedAt =
    overrides.publishedAt ?? new Date(overrides.publishedMs === undefined ? PUBLISHED_MS + HOUR : overrides.publishedMs).toISOString();
  return {
    publishedAt,
    key: false,
    id,
    article,
    file: `updates/${article}/${id}.md`,
    path: `/nonexistent/updates/${article}/${id}.md`,
    digest: `digest-${article}-${id}`,
    publishedMs: Date.parse(publishedAt),
    ...overrides,
  };
}

/** A comment on `harbour-story` by Reader <id>, an hour after PUBLISHED_AT unless given. */
export function makeComment(overrides: Partial<Comment> = {}): Comment {
  const id = overrides.id ?? 'c1';
  const article = overrides.article ?? 'harbour-story';
  const publishedAt =
    overrides.publishedAt ?? new Date(overrides.publishedMs === undefined ? PUBLISHED_MS + HOUR : overrides.publishedMs).toISOString();
  return {
    author: `Reader ${id}`,
    publishedAt,
    id,
    article,
    file: `comments/${article}/${id}.md`,
    path: `/nonexistent/comments/${article}/${id}.md`,
    digest: `digest-${article}-${id}`,
    publishedMs: Date.parse(publishedAt),
    ...overrides,
  };
}

/** A section entry ("World"). */
export function makeSection(overrides: Partial<Section> = {}): Section {
  const slug = overrides.slug ?? 'world';
  return { name: slug.charAt(0).toUpperCase() + slug.slice(1), slug, file: `sections/${slug}.md`, ...overrides };
}

/** A desk entry ("news-desk"). */
export function makeDesk(overrides: Partial<Desk> = {}): Desk {
  const slug = overrides.slug ?? 'news-desk';
  return { name: `Desk ${slug}`, links: [], slug, file: `desks/${slug}.md`, bio: `Bio of ${slug}.`, ...overrides };
}

/** Content with sections world, business and science and desks news-desk and foreign-desk. */
export function makeContent(articles: Article[], extra: Partial<Content> = {}): Content {
  return {
    sections: [
      makeSection({ slug: 'world', order: 1 }),
      makeSection({ slug: 'business', order: 2 }),
      makeSection({ slug: 'science', order: 3 }),
    ],
    desks: [makeDesk({ slug: 'news-desk' }), makeDesk({ slug: 'foreign-desk' })],
    articles,
    comments: [],
    alerts: [],
    ...extra,
  };
}

/** A valid site config for https://news.example in en-GB, no logo; overrides are validated too. */
export function makeSite(overrides: Partial<SiteConfigInput> = {}): SiteConfig {
  return parseSiteConfig({
    name: 'The Harbour Dispatch',
    url: 'https://news.example',
    language: 'en-GB',
    description: 'Independent news from the harbour city.',
    timeZone: 'Europe/Dublin',
    pageSize: 20,
    ...overrides,
  });
}

// ---------------------------------------------------------------------------
// Content trees on disk

const tempDirs: string[] = [];

/** A fresh empty temp folder, removed by removeTempDirs(). */
export function makeTempDir(prefix = 'dateline-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Deletes every folder made by makeTempDir (call from afterEach/afterAll). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `relative path -> file text` into a new temp folder and returns the folder. */
export function writeContentTree(files: Record<string, string>, root = makeTempDir()): string {
  for (const [path, text] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

/** A Markdown file: the fields as YAML frontmatter (undefined fields left out), then the body. */
export function markdownFile(fields: Record<string, unknown>, body = ''): string {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const matter = Object.keys(defined).length === 0 ? '' : yaml.dump(defined, { lineWidth: -1 });
  return `---\n${matter}---\n\n${body}`;
}

/** An article file that passes every check; fields override (undefined removes one). */
export function articleFile(fields: Record<string, unknown> = {}, body = 'The first paragraph of the story.\n'): string {
  return markdownFile({ title: 'A headline', section: 'world', desk: 'news-desk', publishedAt: PUBLISHED_AT, ...fields }, body);
}

/** A comment file that passes every check; fields override (undefined removes one). */
export function commentFile(fields: Record<string, unknown> = {}, body = 'A thoughtful reply.\n'): string {
  return markdownFile({ author: 'Ann Reader', publishedAt: '2026-11-24T10:00:00+00:00', ...fields }, body);
}

/** A valid small site: sections world and business, desks news-desk and foreign-desk, one article. */
export function validTree(): Record<string, string> {
  return {
    'sections/world.md': markdownFile({ name: 'World', order: 1 }),
    'sections/business.md': markdownFile({ name: 'Business', order: 2 }),
    'desks/news-desk.md': markdownFile({ name: 'HD News Desk' }, 'The home newsroom.\n'),
    'desks/foreign-desk.md': markdownFile({ name: 'Foreign Desk' }, 'Our correspondents abroad.\n'),
    'articles/2026/first-story.md': articleFile(),
  };
}

/** Writes the valid site plus `files` (which may replace its files) and loads it. */
export function loadTree(files: Record<string, string>, options?: LoadOptions): Content {
  return loadContent(writeContentTree({ ...validTree(), ...files }), options);
}

/** Like loadTree, but expects a ContentError and returns it; fails if loading succeeds. */
export function loadTreeError(files: Record<string, string>, options?: LoadOptions): ContentError {
  try {
    loadTree(files, options);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected loadContent to throw a ContentError, but the content loaded');
}

/** A banner current for a day from PUBLISHED_AT; fromMs and untilMs follow from and until unless given. */
export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  const slug = overrides.slug ?? 'harbour-alert';
  const from = overrides.from ?? PUBLISHED_AT;
  const until = overrides.until ?? new Date(Date.parse(from) + DAY).toISOString();
  return {
    text: `Breaking: ${slug}`,
    from,
    until,
    slug,
    file: `alerts/${slug}.md`,
    fromMs: Date.parse(from),
    untilMs: Date.parse(until),
    ...overrides,
  };
}

/** An alert file that passes every check; fields override (undefined removes one). */
export function alertFile(fields: Record<string, unknown> = {}, body = ''): string {
  return markdownFile(
    { text: 'Harbour closed by storm', from: '2026-11-24T08:00:00+00:00', until: '2026-11-25T08:00:00+00:00', ...fields },
    body,
  );
}
