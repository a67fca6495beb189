// Reads a built site as a reader's browser would: every page, what each page
// links to and loads, and the bytes it costs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse, type HTMLElement } from 'node-html-parser';

/**
 * Files under `outDir` that readers are served (relative paths), optionally
 * only those ending in `suffix`: everything but the browser editor under
 * admin/, which writers use and which has its own tests (tests/browser/editor.test.ts).
 */
export function readerFiles(outDir: string, suffix: RegExp = /$/): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => !/^admin[\\/]/.test(f) && suffix.test(f));
}

/** Site paths of every HTML page readers see in `outDir` ("/", "/world/x/", "/404.html"). */
export function sitePages(outDir: string): string[] {
  return readerFiles(outDir, /\.html$/)
    .map((f) => `/${f.replace(/\\/g, '/')}`.replace(/\/index\.html$/, '/'))
    .sort();
}

/** The file in `outDir` a site path is served from, or undefined when there is none. */
export function servedFile(outDir: string, path: string): string | undefined {
  const clean = decodeURIComponent(path.split(/[?#]/)[0]!);
  const file = clean.endsWith('/') ? join(outDir, clean, 'index.html') : join(outDir, clean);
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

export function readPage(outDir: string, path: string): { html: string; doc: HTMLElement } {
  const html = readFileSync(servedFile(outDir, path)!, 'utf8');
  return { html, doc: parse(html) };
}

/** Every URL a page refers to, with where it was found: links, stylesheets, scripts, pictures and srcset candidates, forms, social images. */
export function pageReferences(doc: HTMLElement): { url: string; where: string }[] {
  const out: { url: string; where: string }[] = [];
  const add = (url: string | undefined, where: string) => url && out.push({ url: url.trim(), where });
  for (const el of doc.querySelectorAll('a[href], link[href]')) add(el.getAttribute('href'), `<${el.tagName.toLowerCase()} href>`);
  for (const el of doc.querySelectorAll('img[src], script[src], iframe[src], source[src]'))
    add(el.getAttribute('src'), `<${el.tagName.toLowerCase()} src>`);
  for (const el of doc.querySelectorAll('img[srcset], source[srcset]')) {
    for (const candidate of el.getAttribute('srcset')!.split(','))
      add(candidate.trim().split(/\s+/)[0], `<${el.tagName.toLowerCase()} srcset>`);
  }
  for (const el of doc.querySelectorAll('form[action]')) add(el.getAttribute('action'), '<form action>');
  for (const el of doc.querySelectorAll('meta[property="og:image"], meta[name="twitter:image"], meta[property="og:url"]'))
    add(el.getAttribute('content'), `<meta ${el.getAttribute('property') ?? el.getAttribute('name')}>`);
  return out;
}

/** url(...) references in a stylesheet. */
export function cssReferences(css: string): string[] {
  return [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)].map((m) => m[2]!).filter((u) => !u.startsWith('data:'));
}

/**
 * Every reference from a page or stylesheet to this site (relative, root-
 * relative, or absolute on `siteUrl`) that no file in `outDir` answers, as
 * "page -> url (where)". Other sites' addresses are not checked.
 */
export function brokenReferences(outDir: string, siteUrl: string): string[] {
  const origin = new URL(siteUrl).origin;
  const broken: string[] = [];
  const checked = new Map<string, boolean>();
  const resolves = (from: string, url: string, where: string): boolean => {
    // A writer's absolute link to the outlet's own domain may point at pages Dateline does not build (an "about" page).
    if (where === '<a href>' && /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return true;
    const target = new URL(url, origin + from);
    if (target.origin !== origin || !/^https?:$/.test(target.protocol)) return true;
    const key = target.pathname;
    if (!checked.has(key)) checked.set(key, servedFile(outDir, key) !== undefined);
    return checked.get(key)!;
  };
  const stylesheets = new Set<string>();
  for (const path of sitePages(outDir)) {
    const { doc } = readPage(outDir, path);
    for (const { url, where } of pageReferences(doc)) {
      if (url.startsWith('#') || /^(mailto|tel|data):/i.test(url)) continue;
      if (!resolves(path, url, where)) broken.push(`${path} -> ${url} (${where})`);
      if (where === '<link href>' && url.endsWith('.css')) stylesheets.add(new URL(url, origin + path).pathname);
    }
    for (const el of doc.querySelectorAll('style')) {
      for (const url of cssReferences(el.textContent)) if (!resolves(path, url, 'url()')) broken.push(`${path} -> ${url} (<style> url())`);
    }
  }
  for (const sheet of stylesheets) {
    const file = servedFile(outDir, sheet);
    if (!file) continue;
    for (const url of cssReferences(readFileSync(file, 'utf8')))
      if (!resolves(sheet, url, 'url()')) broken.push(`${sheet} -> ${url} (url())`);
  }
  return broken;
}

/** Gzipped size in bytes, as a CDN would serve the file (zlib's default level). */
export function gzipBytes(text: string | Buffer): number {
  return gzipSync(text).length;
}

export interface PageWeight {
  /** The HTML document, gzipped. */
  html: number;
  /** Stylesheets it links, gzipped. */
  css: number;
  /** Scripts it loads or preloads, gzipped. */
  js: number;
  /** Font files its stylesheets or preloads fetch, as stored (fonts are already compressed). */
  fonts: number;
  scripts: string[];
  fontFiles: string[];
}

/** What a page costs before the reader can interact: HTML, CSS, JS and fonts (images apart). */
export function pageWeight(outDir: string, path: string): PageWeight {
  const { html, doc } = readPage(outDir, path);
  const file = (url: string) => servedFile(outDir, new URL(url, `https://site.invalid${path}`).pathname);
  const sheets = doc.querySelectorAll('link[rel="stylesheet"]').map((l) => file(l.getAttribute('href')!)!);
  const scripts = [
    ...doc.querySelectorAll('script[src]').map((s) => s.getAttribute('src')!),
    ...doc.querySelectorAll('link[rel="modulepreload"], link[rel="preload"][as="script"]').map((l) => l.getAttribute('href')!),
  ];
  const css = [...sheets.map((f) => readFileSync(f, 'utf8')), ...doc.querySelectorAll('style').map((s) => s.textContent)];
  const fontFiles = [
    ...doc.querySelectorAll('link[rel="preload"][as="font"]').map((l) => l.getAttribute('href')!),
    ...css.flatMap((text) => [...text.matchAll(/@font-face\s*{[^}]*}/g)].flatMap((face) => cssReferences(face[0]))),
  ];
  return {
    html: gzipBytes(html),
    css: sheets.reduce((sum, f) => sum + gzipBytes(readFileSync(f)), 0),
    js: scripts.reduce((sum, s) => sum + gzipBytes(readFileSync(file(s)!)), 0),
    fonts: fontFiles.reduce((sum, f) => sum + (file(f) ? statSync(file(f)!).size : 0), 0),
    scripts,
    fontFiles,
  };
}
