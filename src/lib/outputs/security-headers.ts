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
  const security = ['/*', ...securityHeaders(site, options).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  return `${[security, ...cacheHeaderBlocks()].join('\n\n')}\n`;
}
