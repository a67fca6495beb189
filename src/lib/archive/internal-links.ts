// Links within the site that lead nowhere: in article bodies (Markdown links,
// images, autolinks, HTML href/src), article and desk frontmatter (image,
// source, desk links and avatars), desk bios and the site config. The site's
// pages come from the same routes the pages are built from (routes.ts,
// urls.ts), so the check and the build cannot disagree; a link is looked up
// in a Set, bodies are scanned as raw text once (no Markdown rendering), with
// code spans and blocks blanked out first.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Archive } from './archive.ts';
import { articleRoutes, deskRoutes, sectionRoutes, tagRoutes } from './routes.ts';
import { articleUrl, deskFeedUrl, deskUrl, homeUrl, newsSitemapUrl, sectionFeedUrl, siteFeedUrl, sitemapIndexUrl } from './urls.ts';
import type { Article, Desk } from '#lib/content/content.ts';
import { splitFrontmatter } from '#lib/content/frontmatter.ts';
import type { Problem } from '#lib/content/problems.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';

/** Pages every build makes whatever the content (src/pages and the outputs' files). */
export const FIXED_PATHS = [
  homeUrl(),
  '/search/',
  '/comments/thanks/',
  '/404.html',
  siteFeedUrl(),
  newsSitemapUrl(),
  '/robots.txt',
  sitemapIndexUrl(),
];

/** Generated files a writer may link to but the content cannot know (sitemap-0.xml…, the search index, hashed assets). */
const GENERATED = /^\/(?:sitemap-\d+\.xml$|pagefind\/|_astro\/)/;

export interface SitePathsOptions {
  /** Stories per listing page (site config `pageSize`), so /world/page/3/ exists only when it does. */
  pageSize: number;
  /** Site paths of the files in public/ ("/images/a.svg"); see listPublicFiles. */
  publicFiles?: Iterable<string>;
  /** `_redirects` rules ("<from> <to> 301", toRedirects().rules): an old address that redirects leads somewhere. */
  redirects?: Iterable<string>;
}

/** Every path the site serves, for the archive as the build sees it. */
export function sitePaths(archive: Archive, { pageSize, publicFiles = [], redirects = [] }: SitePathsOptions): Set<string> {
  const paths = new Set<string>(FIXED_PATHS);
  for (const route of articleRoutes(archive)) paths.add(route.url);
  for (const routes of [sectionRoutes(archive, pageSize), deskRoutes(archive, pageSize), tagRoutes(archive, pageSize)]) {
    for (const route of routes) paths.add(route.url);
  }
  for (const section of archive.sections) paths.add(sectionFeedUrl(section.slug));
  for (const desk of archive.desks) paths.add(deskFeedUrl(desk.slug));
  for (const file of publicFiles) paths.add(file);
  for (const rule of redirects) {
    const from = rule.split(/\s+/)[0];
    if (from?.startsWith('/')) paths.add(from);
  }
  return paths;
}

/** Site paths ("/images/a.svg") of every file under a public/ folder; none when it does not exist. */
export function listPublicFiles(publicDir: string): string[] {
  try {
    return readdirSync(publicDir, { recursive: true, withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => `/${relative(publicDir, join(entry.parentPath, entry.name)).split(sep).join('/')}`);
  } catch {
    return [];
  }
}

export interface BrokenLinksInput extends Omit<SitePathsOptions, 'pageSize'> {
  archive: Archive;
  site: SiteConfig;
  /** Stories per listing page; the site config's pageSize by default. */
  pageSize?: number;
  /** The content folder, where desks' files are (desks/<slug>.md), for line numbers. */
  contentDir?: string;
  /** The site config's file, for messages and line numbers; default "site.config.ts". */
  configFile?: string;
  /** Reads a file for its body and line numbers; defaults to reading it from disk (articles by path, desks by file). */
  readFile?: (path: string) => string;
  /**
   * The links in an article's file, when known without reading it (the build
   * keeps them by the file's digest: src/lib/build/links.ts); undefined for a
   * file gone since it was loaded. By default the file is read (readFile).
   */
  linksOf?: (article: Article) => readonly ArticleLink[] | undefined;
}

/** A link in an article's file: its line, and the frontmatter field it is in (none for the body). */
export interface ArticleLink {
  line?: number;
  field?: string;
  url: string;
}

/** The links in an article's file, body and frontmatter, as `source` (the file's text) has them. */
export function articleLinks(article: Article, source: string): ArticleLink[] {
  const { body, firstLine, lineOf } = withLines(source);
  return [
    ...linksInMarkdown(body).map((link) => ({ line: firstLine + link.line - 1, url: link.url })),
    ...articleFields(article).map(([field, url]) => {
      const line = lineOf(url);
      return { ...(line ? { line } : {}), field, url };
    }),
  ];
}

/**
 * Links to this site (site paths, relative links, or absolute addresses on
 * the site's own origin) that resolve to no page or file, as warnings in the
 * Problem shape: in published article bodies and frontmatter, desks and the
 * site config. A query or fragment is ignored, and a missing trailing slash
 * is accepted where the page has one (hosts redirect it).
 */
export function findBrokenLinks(input: BrokenLinksInput): Problem[] {
  const { archive, site } = input;
  const read = input.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const paths = sitePaths(archive, { ...input, pageSize: input.pageSize ?? site.pageSize });
  const resolve = resolver(paths, site.url);
  const problems: Problem[] = [];
  const check = (file: string, line: number | undefined, field: string | undefined, url: string, page: string): void => {
    const message = resolve(url, page);
    if (message) problems.push({ file, ...(line ? { line } : {}), ...(field ? { field } : {}), message });
  };

  const linksOf =
    input.linksOf ??
    ((article: Article): ArticleLink[] | undefined => {
      try {
        return articleLinks(article, read(article.path));
      } catch {
        return undefined; // the loader has read it once already; a file gone since is not a link problem
      }
    });
  for (const article of archive.articles) {
    const page = articleUrl(article);
    for (const link of linksOf(article) ?? []) check(article.file, link.line, link.field, link.url, page);
  }

  for (const desk of archive.desks) {
    const page = deskUrl(desk.slug);
    let source = '';
    try {
      source = read(input.contentDir === undefined ? desk.file : join(input.contentDir, 'desks', `${desk.slug}.md`));
    } catch {
      // lines unknown: the problems still name the file and field
    }
    const { body, firstLine, lineOf } = withLines(source);
    for (const [field, url] of deskFields(desk)) check(desk.file, lineOf(url), field, url, page);
    // The bio as the file has it, for its lines; as loaded when the file cannot be read.
    const bio = source === '' ? desk.bio : body;
    for (const link of linksInMarkdown(bio))
      check(desk.file, source === '' ? undefined : firstLine + link.line - 1, undefined, link.url, page);
  }

  const configFile = input.configFile ?? 'site.config.ts';
  let configText = '';
  try {
    configText = read(configFile);
  } catch {
    // no line numbers for the config
  }
  for (const [field, url] of configLinks(site)) check(configFile, lineIn(configText, url), field, url, '/');
  return problems;
}

/** The message for a link that leads to no page, or undefined when it leads somewhere (or off the site). */
function resolver(paths: ReadonlySet<string>, siteUrl: string): (url: string, page: string) => string | undefined {
  const origin = new URL(siteUrl);
  return (raw, page) => {
    const url = raw.trim().replace(/^<|>$/g, '');
    if (url === '' || url.startsWith('#')) return undefined;
    if (url[0] === '/' && url[1] !== '/' && !url.includes('\\') && !url.includes('/.')) {
      // A site path, as most are: no URL parsing needed.
      const path = decodePath(url.replace(/[?#].*$/s, ''));
      return leadsSomewhere(path, paths)
        ? undefined
        : `the link to "${url}" leads to no page of this site: point it at a page that exists, or remove it`;
    }
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme && scheme !== 'http' && scheme !== 'https') return undefined; // mailto:, tel:…
    let target: URL;
    try {
      target = new URL(url, new URL(page, origin));
    } catch {
      return `the link "${raw}" is not a valid address: fix it or remove the link`;
    }
    if (target.hostname !== origin.hostname || (target.port !== origin.port && scheme !== undefined)) return undefined;
    const path = decodePath(target.pathname);
    if (leadsSomewhere(path, paths)) return undefined;
    const resolved = scheme || url.startsWith('/') ? '' : `, that is ${path},`; // a relative link: say where it lands
    return `the link to "${url}"${resolved} leads to no page of this site: point it at a page that exists, or remove it`;
  };
}

function leadsSomewhere(path: string, paths: ReadonlySet<string>): boolean {
  if (paths.has(path) || GENERATED.test(path)) return true;
  if (!path.endsWith('/') && paths.has(`${path}/`)) return true; // hosts redirect /world to /world/
  if (path.endsWith('/index.html') && paths.has(path.slice(0, -'index.html'.length))) return true;
  return false;
}

function decodePath(path: string): string {
  if (!path.includes('%')) return path;
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** A link found in Markdown: its address as written and its 1-based line in the text. */
export interface FoundLink {
  url: string;
  line: number;
}

// One pass, alternatives in order, so each address is taken once: inline links and images "](url",
// reference definitions "[x]: url", autolinks "<https://…>", HTML href/src, then bare web addresses (GFM autolinks).
const LINK = new RegExp(
  [
    /\]\(\s*(<[^>\n]*>|[^\s)]+)/.source,
    /^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)/.source,
    /<((?:https?:)?\/\/[^>\s]+)>/.source,
    /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/.source,
    /(https?:\/\/[^\s<>()"'\]]+)/.source,
  ].join('|'),
  'gim',
);

/** Every link address in Markdown (raw HTML included), outside code spans, code blocks and HTML comments. */
export function linksInMarkdown(markdown: string): FoundLink[] {
  const text = blankCode(markdown);
  const found: FoundLink[] = [];
  const seen = new Set<string>();
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(LINK)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    counted = m.index;
    const bare = m[7];
    const url = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? bare?.replace(/[.,:;!?*_~]+$/, '') ?? '';
    const key = `${line}\0${url}`;
    if (seen.has(key)) continue; // "[https://…](https://…)": one link
    seen.add(key);
    found.push({ url: url.startsWith('<') ? url.slice(1, -1) : url, line });
  }
  return found;
}

/**
 * The text with code (fenced and indented blocks, code spans) and HTML
 * comments replaced by spaces, line breaks kept, so positions and line
 * numbers stay as they were.
 */
function blankCode(markdown: string): string {
  // Most bodies have no code and no comments at all.
  if (!markdown.includes('`') && !markdown.includes('~~~') && !markdown.includes('<!--') && !/^(?: {4}|\t)/m.test(markdown))
    return markdown;
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  const lines = markdown.split('\n');
  let fence: string | undefined;
  let previousBlank = true;
  let inList = false;
  let inIndented = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (fence !== undefined) {
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(text)) fence = undefined;
      lines[i] = blank(text);
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (open && !(open[1]![0] === '`' && text.slice(open[0].length).includes('`'))) {
      fence = open[1]!;
      lines[i] = blank(text);
      continue;
    }
    const isBlank = text.trim() === '';
    const indented = /^(?: {4}|\t)/.test(text);
    // An indented line is code after a blank line, unless it continues a list item.
    if (indented && !isBlank && (inIndented || (previousBlank && !inList))) {
      inIndented = true;
      lines[i] = blank(text);
    } else if (!isBlank) {
      inIndented = false;
      if (!indented) inList = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:\s|$)/.test(text);
    }
    previousBlank = isBlank;
  }
  return lines
    .join('\n')
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, blank);
}

/** Frontmatter addresses of an article that may point into the site. */
function articleFields(article: Article): [string, string][] {
  return [
    ...(article.image && !article.imageFile ? [['image.src', article.image.src] as [string, string]] : []),
    ...(article.source?.url ? [['source.url', article.source.url] as [string, string]] : []),
  ];
}

function deskFields(desk: Desk): [string, string][] {
  return [
    ...(desk.avatar ? [['avatar', desk.avatar] as [string, string]] : []),
    ...(desk.links ?? []).map((link, i) => [`links.${i}.url`, link.url] as [string, string]),
  ];
}

/** Every string in the site config that is a site path or an address, by its field path, except the site's own url. */
function configLinks(site: SiteConfig): [string, string][] {
  const out: [string, string][] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (path !== 'url' && (/^\/(?!\/)/.test(value) || /^https?:\/\//i.test(value))) out.push([path, value]);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}.${i}`));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key);
    }
  };
  walk(site, '');
  return out;
}

/** A file's body with the line it starts on, and a finder for the line a string first appears on. */
function withLines(source: string): { body: string; firstLine: number; lineOf: (text: string) => number | undefined } {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const body = text.startsWith('---') ? splitFrontmatter(text).body : text;
  const firstLine = lineAt(text, text.length - body.length);
  const head = text.slice(0, text.length - body.length);
  return { body, firstLine, lineOf: (s) => lineIn(head, s) };
}

/** The line of a value in YAML or TypeScript: quoted, or after "key: ", before any other mention. */
function lineIn(text: string, value: string): number | undefined {
  if (value === '') return undefined;
  for (const form of [`"${value}"`, `'${value}'`, `: ${value}\n`, value]) {
    const at = text.indexOf(form);
    if (at !== -1) return lineAt(text, at);
  }
  return undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
