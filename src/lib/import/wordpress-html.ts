// WordPress HTML to Dateline Markdown. WordPress stores bodies as it received
// them: shortcodes unexpanded, paragraphs as blank lines (its wpautop adds the
// <p> tags only on display), HTML of any vintage. In order:
//
//   shortcodes ─► HTML (captions, embeds, galleries; unknown ones removed)
//   wpautop    ─► <p> and <br> where WordPress would put them
//   rehype-parse ─► hast ─► sanitize with the site's own allow-lists (markdown.ts)
//   rehype-remark ─► mdast ─► remark-stringify (+ GFM tables) ─► Markdown
//
// Figures and allowed embeds stay as one line of (sanitized) HTML in the
// Markdown, which the build's pipeline re-sanitizes when it renders them.
import type { Element, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Html, Paragraph } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark, { type Options as RehypeRemarkOptions } from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { articleSanitizeSchema, httpsHost, restrictedSanitizeSchema } from '#lib/render/markdown.ts';

/** A media item of the old site (an attachment), for galleries and lead images. */
export interface Attachment {
  url: string;
  alt: string;
  /** Plain text. */
  caption: string;
}

export interface WordPressHtmlOptions {
  /** Hosts whose https iframes the site may embed (site config `embedHosts`); other embeds become links. */
  embedHosts: readonly string[];
  /** Every attachment of the export, by post id. */
  attachments?: ReadonlyMap<string, Attachment>;
  /** Ids of this post's own attachments: what a [gallery] without ids shows. */
  childAttachments?: readonly string[];
  /** The old site's address: pictures given by path ("/wp-content/…") are loaded from there, not from the new site. */
  baseUrl?: string;
}

/** The Markdown, what was changed on the way that an editor should know, and the pictures it loads from the web. */
export interface Converted {
  markdown: string;
  notes: string[];
  /** Every distinct http(s) address of an <img> in the Markdown (none for comments, which have no images). */
  images: string[];
}

/** Converts an article body (kind 'article') or a reader comment ('comment', restricted allow-list) to Markdown. */
export function wordpressToMarkdown(html: string, kind: 'article' | 'comment', options: WordPressHtmlOptions): Converted {
  const notes = new Set<string>();
  const images = new Set<string>();
  const text = html.replace(/\r\n?/g, '\n');
  const expanded = kind === 'article' ? autoEmbed(expandShortcodes(text, options, notes), options.embedHosts, notes) : text;
  const schema = kind === 'article' ? articleSanitizeSchema : restrictedSanitizeSchema;
  const handlers: NonNullable<RehypeRemarkOptions['handlers']> =
    kind === 'article'
      ? {
          figure: (_state, node) => rawHtml(embedsInFigure(node, options.embedHosts, notes)),
          iframe: (_state, node) => embedOrLink(node, options.embedHosts, notes),
        }
      : {};
  const processor = unified()
    .use(rehypeParse, { fragment: true })
    .use(() => (tree: Root) => {
      for (const note of hostileParts(tree, schema)) notes.add(note);
      const clean = sanitize(tree, schema) as Root;
      tree.children = clean.children;
      tidy(tree);
      for (const src of pictures(tree, options.baseUrl)) images.add(src);
    })
    .use(rehypeRemark, { handlers })
    .use(remarkGfm)
    .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', fences: true, rule: '-', listItemIndent: 'one' });
  const markdown = String(processor.processSync(autop(expanded))).trim();
  return { markdown: markdown === '' ? '' : `${markdown}\n`, notes: [...notes], images: [...images] };
}

/** Plain text of a bit of WordPress HTML (titles, names, excerpts): entities decoded, tags dropped, spaces collapsed. */
export function htmlToText(html: string): string {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  let out = '';
  visit(tree, (node) => {
    if (node.type === 'text') out += node.value;
    if (node.type === 'element' && (node.tagName === 'script' || node.tagName === 'style')) return 'skip';
    return undefined;
  });
  return out.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------- shortcodes

const KNOWN_CAPTIONS = new Set(['caption', 'wp_caption']);

/**
 * Expands the shortcodes WordPress core and the common plugins use: captions
 * become figures, embeds iframes or links, galleries figures, audio and video
 * links. Any other shortcode that has attributes or a closing tag is removed
 * (an enclosing one keeps its content); a bare "[word]" is ordinary text, as
 * WordPress leaves unregistered ones. "[[x]]" is the escape for a literal "[x]".
 */
export function expandShortcodes(text: string, options: WordPressHtmlOptions, notes: Set<string>): string {
  const pattern = /\[(\[?)([A-Za-z][\w-]*)(\s[^\]]*?|=[^\]]*?)?(\/)?\](?:([\s\S]*?)\[\/\2\])?(\]?)/g;
  return text.replace(
    pattern,
    (whole, open: string, name: string, rawAttrs = '', selfClosing: string | undefined, content: string | undefined, close: string) => {
      if (open === '[' && close === ']') return whole.slice(1, -1); // escaped: [[caption]] is the text "[caption]"
      const attrs = parseAttributes(rawAttrs);
      const tag = name.toLowerCase();
      const inner = selfClosing ? undefined : content;
      if (KNOWN_CAPTIONS.has(tag)) return caption(inner ?? '', attrs);
      if (tag === 'embed') return embed((inner ?? attrs.positional[0] ?? '').trim(), options.embedHosts, notes);
      if (tag === 'youtube' || tag === 'vimeo') return embed((attrs.positional[0] ?? inner ?? '').trim(), options.embedHosts, notes);
      if (tag === 'gallery') return gallery(attrs, options, notes);
      if (tag === 'video' || tag === 'audio') return mediaLink(tag, attrs, inner, notes);
      if (rawAttrs.trim() === '' && inner === undefined && !selfClosing) return whole; // "[sic]", "[1]": text
      notes.add(`removed the shortcode [${name}]${inner === undefined ? '' : ', keeping its text'} (Dateline has no equivalent)`);
      return `${open}${inner ?? ''}${close}`;
    },
  );
}

interface Attributes {
  named: Map<string, string>;
  positional: string[];
}

function parseAttributes(raw: string): Attributes {
  const named = new Map<string, string>();
  const positional: string[] = [];
  // Jetpack's [youtube=URL] form.
  const source = raw.startsWith('=') ? ` ${raw.slice(1)}` : raw;
  const attr = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of source.matchAll(attr)) {
    const key = m[1] ?? m[3] ?? m[5];
    if (key !== undefined) named.set(key.toLowerCase(), decodeEntities(m[2] ?? m[4] ?? m[6] ?? ''));
    else positional.push(decodeEntities(m[7] ?? m[8] ?? m[9] ?? ''));
  }
  return { named, positional };
}

/** WordPress encodes quotes and ampersands inside shortcode attributes. */
function decodeEntities(value: string): string {
  return value.includes('&') ? htmlToText(value) : value;
}

function caption(content: string, attrs: Attributes): string {
  const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)/i.exec(content);
  const text = (attrs.named.get('caption') ?? (media ? content.slice(media[0].length) : content)).trim();
  if (!media) return text === '' ? '' : `<p>${text}</p>`;
  return `<figure>${media[1]}${text === '' ? '' : `<figcaption>${text}</figcaption>`}</figure>`;
}

/**
 * The iframe address for a page or player URL: YouTube's (youtube.com,
 * youtu.be, any form: watch, embed, shorts, live, playlists; the start time
 * kept) become its privacy-enhanced youtube-nocookie.com player, Vimeo pages
 * its player. Any other URL is returned as it is.
 */
export function embedSource(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.startsWith('//') ? `https:${url}` : url);
  } catch {
    return url;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return url;
  const host = parsed.hostname.toLowerCase().replace(/^(?:www\.|m\.)/, '');
  if (host === 'youtube.com' || host === 'youtube-nocookie.com' || host === 'youtu.be') return youtubePlayer(host, parsed) ?? url;
  const vimeo = /^https?:\/\/(?:www\.|player\.)?vimeo\.com\/(?:video\/)?(\d+)/i.exec(parsed.href);
  if (vimeo) return `https://player.vimeo.com/video/${vimeo[1]}`;
  return url;
}

const NOCOOKIE = 'https://www.youtube-nocookie.com/embed/';

function youtubePlayer(host: string, url: URL): string | undefined {
  const [first = '', second = ''] = url.pathname.split('/').filter(Boolean);
  const list = url.searchParams.get('list') ?? '';
  if ((first === 'playlist' || (first === 'embed' && second === 'videoseries')) && /^[\w-]+$/.test(list))
    return `${NOCOOKIE}videoseries?list=${list}`;
  const id =
    host === 'youtu.be'
      ? first
      : first === 'watch'
        ? (url.searchParams.get('v') ?? '')
        : ['embed', 'shorts', 'live', 'v'].includes(first)
          ? second
          : '';
  if (!/^[\w-]{6,}$/.test(id)) return undefined;
  const start = seconds(url.searchParams.get('start') ?? url.searchParams.get('t') ?? '');
  return `${NOCOOKIE}${id}${start ? `?start=${start}` : ''}`;
}

/** A YouTube start time ("90", "90s", "1m30s", "1h2m") in seconds; 0 when there is none. */
function seconds(value: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(value);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : 0;
}

/**
 * WordPress embeds a YouTube or Vimeo address that stands alone on its line,
 * or alone in a paragraph; so do we.
 */
function autoEmbed(text: string, hosts: readonly string[], notes: Set<string>): string {
  const alone = (whole: string, url: string): string => (embedSource(url) === url ? whole : embed(url, hosts, notes));
  return text
    .replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gim, alone)
    .replace(/<p(?:\s[^>]*)?>\s*(https?:\/\/[^\s<>"]+)\s*<\/p>/gi, alone);
}

function embed(url: string, hosts: readonly string[], notes: Set<string>): string {
  if (!/^https?:\/\//i.test(url)) return '';
  const src = embedSource(url);
  const host = httpsHost(src);
  if (host && hosts.includes(host))
    return `<iframe src="${escapeAttribute(src)}" title="Embedded content from ${host}" allowfullscreen></iframe>`;
  notes.add(`an embed from ${new URL(url).hostname} became a link (add its host to embedHosts in site.config.ts to embed it)`);
  return `<p><a href="${escapeAttribute(url)}">${escapeText(url)}</a></p>`;
}

function gallery(attrs: Attributes, options: WordPressHtmlOptions, notes: Set<string>): string {
  const ids = attrs.named.has('ids')
    ? (attrs.named.get('ids') ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
    : [...(options.childAttachments ?? [])];
  const figures: string[] = [];
  for (const id of ids) {
    const media = options.attachments?.get(id);
    if (!media) {
      notes.add(`a gallery image (attachment ${id}) is not in the export and was left out`);
      continue;
    }
    const img = `<img src="${escapeAttribute(media.url)}" alt="${escapeAttribute(media.alt)}">`;
    figures.push(`<figure>${img}${media.caption ? `<figcaption>${escapeText(media.caption)}</figcaption>` : ''}</figure>`);
    if (!media.alt) notes.add(`a gallery image (${media.url}) has no alt text in WordPress: describe it`);
  }
  return figures.join('\n\n');
}

function mediaLink(tag: 'video' | 'audio', attrs: Attributes, content: string | undefined, notes: Set<string>): string {
  const keys = tag === 'video' ? ['src', 'mp4', 'm4v', 'webm', 'ogv'] : ['src', 'mp3', 'm4a', 'ogg', 'wav'];
  const url = keys.map((k) => attrs.named.get(k)).find(Boolean) ?? content?.trim() ?? '';
  if (!/^https?:\/\//i.test(url)) return '';
  notes.add(`a [${tag}] became a link to the file (Dateline bodies have no ${tag} player)`);
  return `<p><a href="${escapeAttribute(url)}">${tag === 'video' ? 'Video' : 'Audio'}: ${escapeText(url)}</a></p>`;
}

// ---------------------------------------------------------------- wpautop

const BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|' +
  'p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe)';

/**
 * WordPress's wpautop, in its essentials: blank lines separate paragraphs,
 * single line breaks inside a paragraph are <br>, block elements are never
 * wrapped in <p>, and <pre> is left alone.
 */
export function autop(text: string): string {
  if (text.trim() === '') return '';
  const pres: string[] = [];
  let out = text.replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (pre) => `<pre wp-pre-tag-${pres.push(pre) - 1}></pre>`);
  out = out.replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n');
  out = out.replace(new RegExp(`(<${BLOCKS}[\\s/>])`, 'gi'), '\n\n$1');
  out = out.replace(new RegExp(`(</${BLOCKS}>)`, 'gi'), '$1\n\n');
  // A line break inside a tag (between attributes) is not a paragraph's line break.
  out = out.replace(/<[^>]*>/g, (tag) => tag.replace(/\s*\n\s*/g, ' '));
  out = out
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${p}</p>\n`)
    .join('');
  out = out.replace(/<p>\s*<\/p>/g, '');
  out = out.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)\\s*</p>`, 'gi'), '$1');
  out = out.replace(new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)`, 'gi'), '$1');
  out = out.replace(new RegExp(`(</?${BLOCKS}[^>]*>)\\s*</p>`, 'gi'), '$1');
  out = out.replace(/(?<!<br \/>)\s*\n(?!$)/g, '<br />\n');
  out = out.replace(new RegExp(`(</?${BLOCKS}[^>]*>)\\s*<br />`, 'gi'), '$1');
  out = out.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/gi, '$1');
  // A figure holds media and a caption, never paragraphs or breaks (a stray </p> would make an empty one).
  out = out.replace(/<figure\b[\s\S]*?<\/figure>/gi, (figure) => figure.replace(/<\/?p>|<br \/>/g, ''));
  return out.replace(/<pre wp-pre-tag-(\d+)><\/pre>/g, (_m, i: string) => pres[Number(i)] ?? '');
}

// ---------------------------------------------------------------- sanitizing

/** What the sanitizer is about to remove that an editor should hear about (scripts, handlers, unsafe links…). */
function hostileParts(tree: Root, schema: Schema): string[] {
  const allowed = new Set(schema.tagNames ?? []);
  const stripped = new Set(schema.strip ?? []);
  const found = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (stripped.has(node.tagName)) found.add(`removed <${node.tagName}> and its content`);
    else if (!allowed.has(node.tagName)) found.add(`removed <${node.tagName}> (kept any text inside)`);
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key)) found.add('removed event-handler attributes (onclick, onerror, …)');
      if ((key === 'href' || key === 'src') && typeof value === 'string' && isUnsafeUrl(value)) {
        found.add(
          `removed an unsafe ${key === 'href' ? 'link' : 'source'} (${value.trim().slice(0, 11).toLowerCase().replace(/\s/g, '')}…)`,
        );
      }
    }
  });
  return [...found];
}

function isUnsafeUrl(value: string): boolean {
  // Browsers ignore control characters and spaces in a scheme, so compare without them.
  const compact = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
  return scheme !== undefined && !['http', 'https', 'mailto', 'tel'].includes(scheme);
}

/** Unwraps links whose address the sanitizer removed, and drops tables left with no text. */
function tidy(tree: Root): void {
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    if (node.tagName === 'a' && typeof node.properties['href'] !== 'string') {
      parent.children.splice(index, 1, ...node.children);
      return index;
    }
    if (node.tagName === 'table' && htmlToText(toHtml(node)) === '') {
      parent.children.splice(index, 1);
      return index;
    }
    return undefined;
  });
}

/**
 * The web addresses of the pictures in a sanitized tree. A picture given by
 * path is on the old site: its address is made absolute against `baseUrl`
 * (in the tree too), so it is not looked for on the new one.
 */
function pictures(tree: Root, baseUrl: string | undefined): string[] {
  const found: string[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'img' || typeof node.properties['src'] !== 'string') return;
    let src = node.properties['src'].trim();
    if (baseUrl && !/^[a-z][a-z0-9+.-]*:/i.test(src)) {
      try {
        src = new URL(src, baseUrl).href;
        node.properties['src'] = src;
      } catch {
        return;
      }
    }
    if (/^https?:\/\//i.test(src)) found.push(src);
  });
  return found;
}

/** A sanitized element kept as one line of HTML in the Markdown (figures, embeds). */
function rawHtml(node: Element): Html {
  const copy = structuredClone(node);
  visit(copy, 'text', (text) => {
    text.value = text.value.replace(/\s+/g, ' '); // a blank line would end the HTML block
  });
  return { type: 'html', value: toHtml(copy) };
}

/** A figure with its iframes as embedOrLink leaves them: players of allowed hosts, links otherwise. */
function embedsInFigure(figure: Element, hosts: readonly string[], notes: Set<string>): Element {
  const copy = structuredClone(figure);
  visit(copy, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'iframe' || !parent || index === undefined) return undefined;
    const target = iframeTarget(node, hosts, notes);
    if (target?.player) {
      parent.children[index] = target.player;
      return 'skip';
    }
    const link: Element[] = target?.link
      ? [{ type: 'element', tagName: 'a', properties: { href: target.link.url }, children: [{ type: 'text', value: target.link.label }] }]
      : [];
    parent.children.splice(index, 1, ...link);
    return index + link.length;
  });
  return copy;
}

/** An iframe from an allowed host stays; any other becomes a link to what it showed. */
function embedOrLink(node: Element, hosts: readonly string[], notes: Set<string>): Html | Paragraph | undefined {
  const target = iframeTarget(node, hosts, notes);
  if (target?.player) return { type: 'html', value: toHtml(target.player) };
  if (!target?.link) return undefined;
  return { type: 'paragraph', children: [{ type: 'link', url: target.link.url, children: [{ type: 'text', value: target.link.label }] }] };
}

/**
 * What a (sanitized) iframe becomes: the player, when its host is allowed
 * once YouTube and Vimeo addresses are mapped to their players (old embed
 * codes are often protocol-relative, "//www.youtube.com/embed/…"); else a
 * link to what it showed; nothing when it has no web address.
 */
function iframeTarget(
  node: Element,
  hosts: readonly string[],
  notes: Set<string>,
): { player?: Element; link?: { url: string; label: string } } | undefined {
  const given = typeof node.properties['src'] === 'string' ? node.properties['src'].trim() : '';
  const src = embedSource(given.startsWith('//') ? `https:${given}` : given);
  const host = httpsHost(src);
  if (host && hosts.includes(host)) {
    const { title, width, height, allowFullScreen } = node.properties;
    return {
      player: {
        ...node,
        properties: { src, title: title ?? `Embedded content from ${host}`, width, height, allowFullScreen },
        children: [],
      },
    };
  }
  if (!/^https?:\/\//i.test(src)) return undefined;
  const shown = new URL(src).hostname;
  notes.add(`an embed from ${shown} became a link (add its host to embedHosts in site.config.ts to embed it)`);
  const label =
    typeof node.properties['title'] === 'string' && node.properties['title'] ? node.properties['title'] : `Embedded content from ${shown}`;
  return { link: { url: src, label } };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
