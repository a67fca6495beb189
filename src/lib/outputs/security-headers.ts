// HTTP security headers for the CDN, written as a `_headers` file (the format
// Netlify and Cloudflare Pages read). README, "Security headers", shows the
// same headers for nginx and S3/CloudFront.
import type { SiteConfig } from '#lib/content/site-config.ts';

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

/** The `_headers` file: security headers on every path, long caching for fingerprinted assets. */
export function toHeadersFile(site: SiteConfig, options: HeaderOptions = {}): string {
  const lines = ['/*', ...securityHeaders(site, options).map(([name, value]) => `  ${name}: ${value}`)];
  lines.push('', '/_astro/*', '  Cache-Control: public, max-age=31536000, immutable');
  // The search page names the index's shards, and a publish can rename the newest ones: always ask.
  lines.push('', '/search/', '  Cache-Control: no-cache');
  return `${lines.join('\n')}\n`;
}
