// The one Markdown/sanitize pipeline. Article bodies, desk bios, reader
// comments and feed content all pass through here, so they cannot drift apart.
//
//   Markdown ─Sätteri (CommonMark + GFM)─► hast ─(raw HTML: parse5)─►
//   sanitize (rehype-sanitize's core, schemas below) ─► our policy steps ─►
//   typography (typography.ts) ─► HTML
//
// The sanitizer is an allow-list: any element, attribute or URL scheme not
// named in a schema below is removed. Policy plugins run after it and may only
// add attributes we choose (iframe sandbox, rel on reader links).
import type { Element, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { sanitize, type Schema as SanitizeSchema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import GithubSlugger from 'github-slugger';
import { markdownToHast } from 'satteri';
import { smartenTree } from './typography.ts';

/** Bump when the pipeline's output changes, so cached renders are not reused. */
export const PIPELINE_VERSION = 5;

/** What is being rendered: each kind has its own allow-list. */
export type MarkdownKind = 'article' | 'bio' | 'comment';

export interface MarkdownOptions {
  /** Hosts whose https iframes article bodies may embed (site config `embedHosts`). */
  embedHosts: readonly string[];
  /** The site's language (site config `language`, "en-GB"): picks the quotation marks. English when not given. */
  language?: string;
}

/** Marks the end of each top-level paragraph in an article, where pull quotes may go. */
export const BREAK_MARKER = '<!--dl:break-->';

/** Where the writer put pull quote n (a body line `<!-- quote n -->`), in rendered HTML: `<!--dl:quote n-->`. */
export const quoteMarker = (n: number): string => `<!--dl:quote ${n}-->`;

/** Either marker in rendered HTML; group 1 is the quote number of a writer's marker. */
export const PLACEMENT_MARKER = /<!--dl:(?:break|quote (\d+))-->/g;

const INLINE = [
  'a',
  'abbr',
  'b',
  'br',
  'cite',
  'code',
  'del',
  'em',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
];
const BLOCKS = ['blockquote', 'dd', 'dl', 'dt', 'hr', 'li', 'ol', 'p', 'pre', 'ul'];
const URL_PROTOCOLS = { href: ['http', 'https', 'mailto', 'tel'], src: ['http', 'https'], cite: ['http', 'https'] };
// Elements whose content must go too, not just their tags (they hold code or markup, not prose).
const STRIP = [
  'script',
  'style',
  'template',
  'noscript',
  'textarea',
  'title',
  'xmp',
  'plaintext',
  'noembed',
  'noframes',
  'select',
  'option',
];
const COMMON_ATTRIBUTES = ['lang', 'dir', 'title'];

/** Comments and bios: text formatting and links only; no images, headings, tables or raw HTML. */
export const restrictedSanitizeSchema: SanitizeSchema = {
  tagNames: [...INLINE, ...BLOCKS],
  attributes: {
    a: ['href'],
    abbr: ['title'],
    blockquote: ['cite'],
    code: [['className', /^language-[\w-]+$/]],
    ol: ['start'],
    time: ['dateTime'],
    '*': COMMON_ATTRIBUTES,
  },
  protocols: URL_PROTOCOLS,
  strip: STRIP,
  clobberPrefix: 'user-content-',
  clobber: ['id', 'name', 'ariaDescribedBy', 'ariaLabelledBy'],
};

/** Article bodies: also headings, images, tables, figures, footnotes and allow-listed iframes. */
/** Classes that carry a GFM table column's alignment (see tableAlignToAttribute). */
const ALIGN_CLASSES = ['align-left', 'align-center', 'align-right'];

export const articleSanitizeSchema: SanitizeSchema = {
  ...restrictedSanitizeSchema,
  // Any element may be a link target; the sanitizer prefixes ids ("user-content-") so none can clobber the page.
  tagNames: [
    ...INLINE,
    ...BLOCKS,
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'img',
    'figure',
    'figcaption',
    'details',
    'summary',
    'section',
    'div',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'iframe',
  ],
  attributes: {
    ...restrictedSanitizeSchema.attributes,
    a: ['href', 'id', 'ariaLabel', 'dataFootnoteRef', 'dataFootnoteBackref', 'ariaDescribedBy', ['className', 'data-footnote-backref']],
    h2: ['id', ['className', 'sr-only']],
    img: ['src', 'alt', 'width', 'height'],
    iframe: ['src', 'title', 'width', 'height', 'allowFullScreen'],
    li: ['id'],
    section: ['dataFootnotes', ['className', 'footnotes']],
    sup: [],
    td: ['colSpan', 'rowSpan', ['className', ...ALIGN_CLASSES]],
    th: ['colSpan', 'rowSpan', 'scope', ['className', ...ALIGN_CLASSES]],
    '*': [...COMMON_ATTRIBUTES, 'id'],
  },
  ancestors: { tbody: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'], td: ['table'], th: ['table'], caption: ['table'] },
};

/** Renders Markdown of each kind to sanitized HTML; build once, call many times. */
export function createMarkdownRenderer(options: MarkdownOptions): (kind: MarkdownKind, markdown: string) => string {
  const language = options.language ?? 'en';
  const steps: Record<MarkdownKind, ((tree: Root) => void)[]> = {
    article: [
      markQuotePlacements,
      reparseRawHtml,
      prepareForSanitizer,
      addHeadingIds,
      (tree) => sanitizeTree(tree, articleSanitizeSchema),
      articlePolicy(options.embedHosts),
      (tree) => smartenTree(tree, language),
      rehypeParagraphBreaks(),
    ],
    // Raw HTML in a bio or comment is dropped, never parsed. A reader's comment keeps the marks they typed.
    bio: [dropRawHtml, (tree) => sanitizeTree(tree, restrictedSanitizeSchema), (tree) => smartenTree(tree, language)],
    comment: [dropRawHtml, (tree) => sanitizeTree(tree, restrictedSanitizeSchema), rehypeUgcLinks()],
  };
  return (kind, markdown) => {
    const tree = markdownToHast(markdown, PARSE_OPTIONS) as Root;
    for (const step of steps[kind]) step(tree);
    return toHtml(tree);
  };
}

// Sätteri (Astro 7's Rust Markdown parser) turns CommonMark + GFM into hast;
// raw HTML stays as opaque "raw" nodes until we decide what to do with them.
const PARSE_OPTIONS = { features: { frontmatter: false, gfm: true }, position: false } as const;

/**
 * A body line that is only `<!-- quote 2 -->` places pull quote 2 there. It
 * arrives as a raw HTML block at the top level; it becomes a comment node the
 * sanitizer is made to keep (sanitizeTree), and nothing else of a writer's
 * comments survives. Before the raw HTML step, so a body whose only raw HTML
 * is markers is not re-parsed.
 */
function markQuotePlacements(tree: Root): void {
  tree.children.forEach((child, i) => {
    const n = child.type === 'raw' ? /^<!--\s*quote\s+(\d{1,3})\s*-->\s*$/i.exec(child.value)?.[1] : undefined;
    if (n) tree.children[i] = { type: 'comment', value: `dl:quote ${Number(n)}` };
  });
}

function isQuotePlacement(node: RootContent): boolean {
  return node.type === 'comment' && /^dl:quote \d+$/.test(node.value);
}

/**
 * Parses raw HTML with parse5 (hast-util-raw, as rehype-raw does), which follows
 * the HTML standard exactly as browsers do, so the sanitizer sees the same tree
 * a browser would build. Skipped when the body has no raw HTML (most do not).
 */
function reparseRawHtml(tree: Root): void {
  if (hasRaw(tree)) Object.assign(tree, raw(tree));
}

function hasRaw(node: Root | RootContent): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some(hasRaw);
}

/**
 * Calls `fn` on every element in document order, parents before children: one
 * plain walk instead of a unist-util-visit pass per step (the passes cost more
 * than parsing). When `fn` removes the element it returns the index to go on at.
 */
function eachElement(tree: Root, fn: (node: Element, index: number, parent: Root | Element) => number | void): void {
  const walk = (parent: Root | Element): void => {
    const children = parent.children;
    for (let i = 0; i < children.length;) {
      const node = children[i]!;
      if (node.type === 'element') {
        const next = fn(node, i, parent);
        if (typeof next === 'number') {
          i = next;
          continue;
        }
        walk(node);
      }
      i++;
    }
  };
  walk(tree);
}

/**
 * Before the sanitizer: GFM column alignment arrives as style="text-align: …";
 * style is never allowed and the align attribute is obsolete HTML, so it
 * becomes a class (align-left, align-center, align-right) that the article
 * styles. And the parser already prefixes footnote ids with "user-content-",
 * which the sanitizer adds again: strip the parser's, so there is exactly one.
 */
function prepareForSanitizer(tree: Root): void {
  const strip = (value: unknown, lead: string): unknown =>
    typeof value === 'string' && value.startsWith(`${lead}user-content-`) ? lead + value.slice(lead.length + 13) : value;
  eachElement(tree, (node) => {
    if (node.tagName === 'td' || node.tagName === 'th') {
      const align = /text-align:\s*(left|right|center)/.exec(String(node.properties['style'] ?? ''))?.[1];
      if (align) node.properties['className'] = [`align-${align}`];
    }
    // <a name="x">, as old pages and WordPress imports mark a target, is <a id="x"> in today's HTML.
    if (node.tagName === 'a' && typeof node.properties['name'] === 'string') {
      node.properties['id'] ??= node.properties['name'];
      delete node.properties['name'];
    }
    if ('id' in node.properties) node.properties['id'] = strip(node.properties['id'], '') as string;
    if ('href' in node.properties) node.properties['href'] = strip(node.properties['href'], '#') as string;
  });
}

/**
 * Gives each heading without an id a GitHub-style one from its text
 * (github-slugger: "What was agreed" is "what-was-agreed"), unique in the body
 * and never one a writer's own id or a footnote already uses. Before the
 * sanitizer, which prefixes every id so it cannot clobber the page's.
 */
function addHeadingIds(tree: Root): void {
  const taken = new Set<string>();
  const headings: Element[] = [];
  eachElement(tree, (node) => {
    const id = node.properties['id'];
    if (typeof id === 'string' && id !== '') taken.add(id);
    else if (/^h[1-6]$/.test(node.tagName)) headings.push(node);
  });
  const slugger = new GithubSlugger();
  for (const heading of headings) {
    const text = toString(heading);
    let id = slugger.slug(text);
    while (taken.has(id)) id = slugger.slug(text);
    if (id !== '') heading.properties['id'] = id;
  }
}

/** Removes raw HTML nodes unparsed. */
function dropRawHtml(tree: Root): void {
  const drop = (parent: Root | Element): void => {
    parent.children = parent.children.filter((child) => child.type !== 'raw') as typeof parent.children;
    for (const child of parent.children) if (child.type === 'element') drop(child);
  };
  drop(tree);
}

/**
 * Replaces the tree's content with its sanitized form (the allow-list is the
 * schema). The writer's pull quote markers are kept: the stretches between
 * them are sanitized one by one.
 */
function sanitizeTree(tree: Root, schema: SanitizeSchema): void {
  if (!tree.children.some(isQuotePlacement)) {
    tree.children = (sanitize(tree, schema) as Root).children;
    return;
  }
  const out: RootContent[] = [];
  let stretch: RootContent[] = [];
  const flush = (): void => {
    if (stretch.length > 0) out.push(...(sanitize({ type: 'root', children: stretch }, schema) as Root).children);
    stretch = [];
  };
  for (const child of tree.children) {
    if (isQuotePlacement(child)) {
      flush();
      out.push(child);
    } else {
      stretch.push(child);
    }
  }
  flush();
  tree.children = out;
}

/**
 * After the sanitizer, in one walk:
 * - In-page links: the sanitizer prefixes ids ("fn-1" becomes
 *   "user-content-fn-1") so a body cannot clobber the page's own ids; point
 *   in-page links ("#fn-1", footnotes included) at the prefixed ids they mean.
 * - Embeds: iframes are kept only from allow-listed https hosts, sandboxed.
 * - Headings: the headline is the page's only h1, so body headings shift until
 *   the highest is h2.
 * - Images load lazily and decode off the main thread.
 */
function articlePolicy(hosts: readonly string[]) {
  const allowed = new Set(hosts.map((h) => h.toLowerCase()));
  return (tree: Root): void => {
    const ids = new Set<string>();
    const inPageLinks: Element[] = [];
    const headings: [Element, number][] = [];
    eachElement(tree, (node, index, parent) => {
      if (typeof node.properties['id'] === 'string') ids.add(node.properties['id']);
      const href = node.properties['href'];
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) inPageLinks.push(node);
      if (node.tagName === 'iframe') return embed(node, index, parent, allowed);
      if (node.tagName === 'img') Object.assign(node.properties, { loading: 'lazy', decoding: 'async' });
      const level = headingLevel(node);
      if (level) headings.push([node, level]);
      return undefined;
    });
    for (const link of inPageLinks) {
      const target = `user-content-${decodeFragment(String(link.properties['href']).slice(1))}`;
      if (ids.has(target)) link.properties['href'] = `#${target}`;
    }
    const top = Math.min(7, ...headings.map(([, level]) => level));
    const shift = top === 7 ? 0 : 2 - top;
    if (shift !== 0) for (const [node, level] of headings) node.tagName = `h${Math.min(6, level + shift)}`;
  };
}

/** A link's fragment as the id it names; a malformed escape ("#%E0") names nothing, rather than stopping the build. */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Removes an iframe not from an allowed https host (returning where to go on), or sandboxes it. */
function embed(node: Element, index: number, parent: Root | Element, allowed: ReadonlySet<string>): number | undefined {
  const host = httpsHost(node.properties['src']);
  if (!host || !allowed.has(host)) {
    parent.children.splice(index, 1);
    return index;
  }
  node.children = [];
  node.properties = {
    ...node.properties,
    title: node.properties['title'] ?? `Embedded content from ${host}`,
    sandbox: ['allow-scripts', 'allow-same-origin', 'allow-presentation', 'allow-popups'],
    loading: 'lazy',
    referrerPolicy: 'strict-origin-when-cross-origin',
  };
  return undefined;
}

/** The lower-case host of an https URL; undefined for anything else (embeds must be https). */
export function httpsHost(src: unknown): string | undefined {
  if (typeof src !== 'string') return undefined;
  try {
    const url = new URL(src);
    return url.protocol === 'https:' ? url.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

function headingLevel(node: Element): number | undefined {
  const m = /^h([1-6])$/.exec(node.tagName);
  // GFM's hidden "Footnotes" label is not part of the writer's outline.
  if (!m || (Array.isArray(node.properties['className']) && node.properties['className'].includes('sr-only'))) return undefined;
  return Number(m[1]);
}

/**
 * Marks with BREAK_MARKER each top-level paragraph that ends a thought: one
 * followed by another paragraph, a heading or the end, not one that introduces
 * a list, table or quotation ("The main points are:").
 */
function rehypeParagraphBreaks() {
  return (tree: Root): void => {
    const elements = tree.children.filter((c): c is Element => c.type === 'element');
    const out: RootContent[] = [];
    for (const child of tree.children) {
      out.push(child);
      if (child.type !== 'element' || child.tagName !== 'p') continue;
      const next = elements[elements.indexOf(child) + 1];
      if (!next || next.tagName === 'p' || /^h[1-6]$/.test(next.tagName)) out.push({ type: 'comment', value: 'dl:break' });
    }
    tree.children = out;
  };
}

/**
 * Reader links carry rel="nofollow ugc" so the site does not vouch for them. A
 * link whose address the sanitizer removed (javascript:…) is no link: its
 * text stays, unwrapped, as an <a> without href may not carry rel.
 */
function rehypeUgcLinks() {
  return (tree: Root): void => {
    eachElement(tree, (node, index, parent) => {
      if (node.tagName !== 'a') return undefined;
      if (typeof node.properties['href'] !== 'string') {
        parent.children.splice(index, 1, ...(node.children as typeof parent.children));
        return index;
      }
      node.properties['rel'] = ['nofollow', 'ugc', 'noopener'];
      return undefined;
    });
  };
}
