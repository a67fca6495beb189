// HTTP security headers for the CDN, written as a `_headers` file (the format
// Netlify and Cloudflare Pages read). README, "Security headers", shows the
// same headers for nginx and S3/CloudFront.
import type { SiteConfig } from '#lib/content/site-config.ts';
import { cacheHeaderBlocks } from './file-rules.ts';

export interface HeaderOptions {
  /** Origins the reply form may post to (the comment endpoint), if any. */
  formActions?: readonly string[];
}

/**
 * The Content-Security-Policy for every page: only the site's own scripts,
 * styles, fonts and fetches; images also from https (syndicated lead images);
 * frames only from the embed allow-list; forms only to the site and the comment
 * endpoint; no plugins, no <base>, no framing by other sites.
 * 'wasm-unsafe-eval' lets Pagefind's WebAssembly search run; it allows no
 * JavaScript eval.
 */
export function contentSecurityPolicy(site: SiteConfig, options: HeaderOptions = {}): string {
  const frames = site.embedHosts.map((h) => `https://${h}`);
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', 'https:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['worker-src', "'self'", 'blob:'],
    ['frame-src', ...(frames.length > 0 ? frames : ["'none'"])],
    ['form-action', "'self'", ...(options.formActions ?? [])],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['frame-ancestors', "'none'"],
    ['upgrade-insecure-requests'],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The Git host's API origins the editor talks to (README, "Editing in the browser"). */
export function editorApiOrigins(site: SiteConfig): string[] {
  const editor = site.editor;
  if (!editor) return [];
  if (editor.backend === 'gitlab') {
    // The API, and the server that exchanges the sign-in code for a token (PKCE) when it is not the API's.
    const origins = [new URL(editor.apiRoot ?? 'https://gitlab.com').origin, ...(editor.baseUrl ? [new URL(editor.baseUrl).origin] : [])];
    return [...new Set(origins)];
  }
  return ['https://api.github.com', ...(editor.baseUrl ? [new URL(editor.baseUrl).origin] : [])];
}

/**
 * The policy for the editor at /admin/ only (docs/decisions/0012-editor.md):
 * still only our own scripts (Decap's bundle is served from the site), but
 * Decap needs what reader pages never get: inline styles (its CSS-in-JS),
 * eval (its config validator compiles schemas), blob: images (uploads before
 * they are saved) and fetches to the Git host's API. Framed by no one.
 */
export function editorContentSecurityPolicy(site: SiteConfig): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', 'https:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", 'blob:', 'data:', ...editorApiOrigins(site)],
    ['worker-src', "'self'", 'blob:'],
    ['frame-src', "'self'", 'blob:'],
    ['form-action', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** Every header we send, in order. */
export function securityHeaders(site: SiteConfig, options: HeaderOptions = {}): [string, string][] {
  return [
    ['Content-Security-Policy', contentSecurityPolicy(site, options)],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
}

/**
 * The `_headers` file: security headers on every path, then Cache-Control from
 * the one table in file-rules.ts (a year for fingerprinted assets and search
 * chunks, no-cache for the search page; the hosts revalidate the rest).
 */
export function toHeadersFile(site: SiteConfig, options: HeaderOptions = {}): string {
  const block = (pattern: string, headers: readonly (readonly [string, string])[]): string =>
    [pattern, ...headers.map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  // The editor, after /*: a later rule's header replaces an earlier one's on Netlify (README, "Security headers").
  const editor = securityHeaders(site, options).map(([name, value]): [string, string] =>
    name === 'Content-Security-Policy'
      ? [name, editorContentSecurityPolicy(site)]
      : // Sign-in opens the Git host in a window that reports back to this page.
        name === 'Cross-Origin-Opener-Policy'
        ? [name, 'same-origin-allow-popups']
        : [name, value],
  );
  // Its Cache-Control comes from the table with every other one (cacheHeaderBlocks).
  const admin = block('/admin/*', [...editor, ['X-Robots-Tag', 'noindex, nofollow']]);
  return `${[block('/*', securityHeaders(site, options)), ...cacheHeaderBlocks(), admin].join('\n\n')}\n`;
}

/** A rule of a `_headers` file: the path pattern, and the headers for the paths it matches. */
export interface HeadersRule {
  pattern: string;
  headers: [string, string][];
}

/** Rules from a `_headers` file (Netlify / Cloudflare Pages format), for servers that stand in for the CDN (tests, benches). */
export function parseHeadersFile(text: string): HeadersRule[] {
  const rules: HeadersRule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const i = line.indexOf(':');
      rules.at(-1)?.headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}

/** The headers `rules` give `path`, in the file's order: a ":name" matches one path segment, a "*" anything. */
export function headersFor(rules: readonly HeadersRule[], path: string): [string, string][] {
  const matches = (pattern: string): boolean => {
    const source = pattern
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:[a-z]+/gi, '[^/]+')
      .replace(/\*/g, '.*');
    return new RegExp(`^${source}$`).test(path);
  };
  return rules.filter((rule) => matches(rule.pattern)).flatMap((rule) => rule.headers);
}
