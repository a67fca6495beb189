// Every payload in tests/fixtures/hostile/payloads.ts, in every place a writer,
// an import or a reader can put text, must come out inert. These checks parse
// the output with parse5, the HTML standard's algorithm, as a browser would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHostileSite } from '../fixtures/hostile/make-site.ts';
import { PAYLOADS } from '../fixtures/hostile/payloads.ts';
import { smartenText } from '#lib/render/typography.ts';
import { runBuild, type BuildResult } from './build-site.ts';
import { readerFiles } from './dist-walk.ts';

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

let build: BuildResult;
let pages: { path: string; html: string }[];

beforeAll(() => {
  build = runBuild(makeHostileSite(), '2026-06-01T12:00:00+00:00');
  if (build.status !== 0) throw new Error(build.output);
  pages = readerFiles(build.outDir, /\.html$/).map((path) => ({ path, html: readFileSync(join(build.outDir, path), 'utf8') }));
});

function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) elements(child, out);
  if ('content' in node && node.content) elements(node.content as Node, out);
  return out;
}

const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;
const DANGEROUS_URL = /^\s*(javascript|vbscript|data|livescript):/i;
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'cite', 'srcset'];

/** What is wrong with one element, or undefined if it is one we expect. */
function offence(el: Element, path: string): string | undefined {
  for (const { name, value } of el.attrs) {
    if (/^on/i.test(name)) return `event handler ${name}`;
    if (name === 'srcdoc') return 'srcdoc';
    if (name === 'style') return 'style attribute';
    if (URL_ATTRS.includes(name) && DANGEROUS_URL.test(value.replace(/[\u0000-\u0020]/g, ''))) return `${name}=${value}`;
  }
  const src = attr(el, 'src') ?? '';
  switch (el.tagName) {
    case 'script':
      if (attr(el, 'type') === 'application/ld+json') return undefined;
      return src.startsWith('/_astro/') || (path.startsWith('search') && src.startsWith('/pagefind/'))
        ? undefined
        : `script ${src || '(inline)'}`;
    case 'iframe':
      return src.startsWith('https://www.youtube-nocookie.com/') && attr(el, 'sandbox') ? undefined : `iframe ${src}`;
    case 'link':
      return attr(el, 'rel') === 'stylesheet' && !(attr(el, 'href') ?? '').startsWith('/') ? `stylesheet ${attr(el, 'href')}` : undefined;
    case 'meta':
      return attr(el, 'http-equiv')?.toLowerCase() === 'refresh' ? 'meta refresh' : undefined;
    case 'form': {
      const action = attr(el, 'action') ?? '';
      return action === '/search/' ? undefined : `form action=${action}`;
    }
    case 'style':
      return el.parentNode && 'tagName' in el.parentNode && el.parentNode.tagName === 'head' ? undefined : 'style element outside head';
    case 'base':
    case 'object':
    case 'embed':
    case 'frame':
    case 'frameset':
    case 'applet':
      return el.tagName;
    case 'svg':
      // The one drawing we ship: the header's search icon, inside its link (the sanitizer lets no svg through).
      return el.parentNode && 'tagName' in el.parentNode && attr(el.parentNode as Element, 'class') === 'search-link' ? undefined : 'svg';
    case 'math':
    case 'textarea':
    case 'template':
    case 'noscript':
      // Our own templates use <noscript> only on the search page.
      return el.tagName === 'noscript' && path.startsWith('search') ? undefined : el.tagName;
    default:
      return undefined;
  }
}

describe('hostile input in bodies and every frontmatter string', () => {
  it('builds, and covers at least 60 payloads across the known classes', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(PAYLOADS.map((p) => p.kind)).size).toBeGreaterThanOrEqual(10);
    expect(pages.filter((p) => p.path.startsWith('world/hostile-'))).toHaveLength(PAYLOADS.length);
  });

  it('leaves no script, handler, dangerous URL, frame, form, base, meta refresh, svg or math in any page', () => {
    const found: string[] = [];
    for (const { path, html } of pages) {
      for (const el of elements(parse(html))) {
        const problem = offence(el, path);
        if (problem) found.push(`${path}: <${el.tagName}> ${problem}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('shows every hostile comment, as text, under its article', () => {
    PAYLOADS.forEach((_, i) => {
      const html = readFileSync(join(build.outDir, `world/hostile-${i}/index.html`), 'utf8');
      expect(html, `payload ${i}`).toMatch(/2 Comments/);
    });
  });

  it('keeps the page’s own landmarks: one #main, one #top, one h1', () => {
    for (const { path, html } of pages) {
      const all = elements(parse(html));
      expect(
        all.filter((e) => attr(e, 'id') === 'main'),
        path,
      ).toHaveLength(1);
      expect(
        all.filter((e) => attr(e, 'id') === 'top'),
        path,
      ).toHaveLength(1);
      expect(
        all.filter((e) => e.tagName === 'h1'),
        path,
      ).toHaveLength(1);
    }
  });

  it('shows each headline as the text the writer typed', () => {
    PAYLOADS.forEach(({ text }, i) => {
      const all = elements(parse(readFileSync(join(build.outDir, `world/hostile-${i}/index.html`), 'utf8')));
      const h1 = all.find((e) => e.tagName === 'h1')!;
      const textOf = (n: Node): string =>
        'value' in n && n.nodeName === '#text' ? n.value : 'childNodes' in n ? n.childNodes.map(textOf).join('') : '';
      // The contract trims surrounding space; the loader curls quotes (typography.ts), and nothing else.
      expect(textOf(h1), `payload ${i}`).toBe(smartenText(`Story ${i}: ${text}`.trim(), 'en'));
    });
  });

  it('keeps JSON-LD parseable with the exact headline, whatever it contains', () => {
    PAYLOADS.forEach(({ text }, i) => {
      const html = readFileSync(join(build.outDir, `world/hostile-${i}/index.html`), 'utf8');
      const blocks = elements(parse(html)).filter((e) => attr(e, 'type') === 'application/ld+json');
      expect(blocks.length, `payload ${i}`).toBe(2);
      const json = blocks[0]!.childNodes.map((n) => ('value' in n ? n.value : '')).join('');
      expect(JSON.parse(json).headline, `payload ${i}`).toBe(smartenText(`Story ${i}: ${text}`.trim(), 'en'));
    });
  });

  it('writes well-formed feeds and sitemaps', () => {
    const xmlFiles = readdirSync(build.outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.xml'));
    expect(xmlFiles.length).toBeGreaterThan(3);
    for (const file of xmlFiles) {
      expect(XMLValidator.validate(readFileSync(join(build.outDir, file), 'utf8')), file).toBe(true);
    }
  });
});
