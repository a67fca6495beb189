import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, headersFor, parseHeadersFile, securityHeaders, toHeadersFile } from '#lib/outputs/security-headers.ts';
import { makeSite } from './factories.ts';

const directive = (csp: string, name: string): string[] =>
  csp
    .split('; ')
    .find((d) => d.split(' ')[0] === name)
    ?.split(' ')
    .slice(1) ?? [];

describe('contentSecurityPolicy', () => {
  it('allows only the site’s own scripts and styles, with no inline code', () => {
    const csp = contentSecurityPolicy(makeSite());
    expect(directive(csp, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directive(csp, 'style-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
  });

  it('allows frames only from the embed allow-list, over https, and none without one', () => {
    expect(directive(contentSecurityPolicy(makeSite({ embedHosts: ['player.vimeo.com'] })), 'frame-src')).toEqual([
      'https://player.vimeo.com',
    ]);
    expect(directive(contentSecurityPolicy(makeSite({ embedHosts: [] })), 'frame-src')).toEqual(["'none'"]);
  });

  it('lets forms post only to the site and the comment endpoint', () => {
    expect(directive(contentSecurityPolicy(makeSite()), 'form-action')).toEqual(["'self'"]);
    expect(directive(contentSecurityPolicy(makeSite(), { formActions: ['https://forms.example'] }), 'form-action')).toEqual([
      "'self'",
      'https://forms.example',
    ]);
  });

  it('forbids plugins, foreign <base> and framing by other sites', () => {
    const csp = contentSecurityPolicy(makeSite());
    expect(directive(csp, 'object-src')).toEqual(["'none'"]);
    expect(directive(csp, 'base-uri')).toEqual(["'self'"]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('toHeadersFile', () => {
  it('sends every security header on every path, in the Netlify / Cloudflare Pages format', () => {
    const file = toHeadersFile(makeSite());
    const [first, ...rest] = file.split('\n');
    expect(first).toBe('/*');
    expect([...securityHeaders(makeSite())].length).toBeGreaterThan(3);
    for (const [name, value] of securityHeaders(makeSite())) expect(rest).toContain(`  ${name}: ${value}`);
    expect(file).toMatch(/X-Content-Type-Options: nosniff/);
    expect(file).toMatch(/Referrer-Policy: strict-origin-when-cross-origin/);
    expect(file).toMatch(/Permissions-Policy: camera=\(\)/);
  });

  it('caches fingerprinted assets for a year', () => {
    expect(toHeadersFile(makeSite())).toContain('/_astro/*\n  Cache-Control: public, max-age=31536000, immutable');
    // The search page names the index's shards, which a publish can rename.
    expect(toHeadersFile(makeSite())).toContain('/search/\n  Cache-Control: no-cache');
  });

  it('names only features browsers know in Permissions-Policy (Chrome reports "interest-cohort", FLoC, as unrecognized)', () => {
    const policy = new Map(securityHeaders(makeSite())).get('Permissions-Policy')!;
    const features = policy.split(', ').map((p) => p.replace(/=.*$/, ''));
    expect(features).toEqual(['camera', 'microphone', 'geolocation', 'payment', 'usb']);
  });
});

describe('the editor’s headers', () => {
  const rules = (file: string): Map<string, string[]> => {
    const map = new Map<string, string[]>();
    let current = '';
    for (const line of file.split('\n')) {
      if (line.trim() === '') continue;
      if (!line.startsWith(' ')) map.set((current = line.trim()), []);
      else map.get(current)?.push(line.trim());
    }
    return map;
  };

  it('leaves the reader pages’ policy exactly as it was, with or without an editor configured', () => {
    const plain = rules(toHeadersFile(makeSite())).get('/*');
    const withEditor = rules(toHeadersFile(makeSite({ editor: { backend: 'github', repo: 'harbour/site' } }))).get('/*');
    expect(plain).toEqual(withEditor);
    expect(plain).toContain(`Content-Security-Policy: ${contentSecurityPolicy(makeSite())}`);
    expect(plain?.join('\n')).not.toMatch(/'unsafe-inline'|'unsafe-eval'|api\.github\.com/);
    expect(directive(contentSecurityPolicy(makeSite()), 'img-src')).not.toContain('blob:');
  });

  it('gives /admin/* its own policy, after /*, allowing the Git host’s API, and never indexed', () => {
    const file = toHeadersFile(makeSite({ editor: { backend: 'github', repo: 'harbour/site' } }));
    expect(file.indexOf('/admin/*')).toBeGreaterThan(file.indexOf('/*'));
    const admin = rules(file).get('/admin/*') ?? [];
    const csp = admin.find((h) => h.startsWith('Content-Security-Policy:')) ?? '';
    expect(directive(csp.slice('Content-Security-Policy: '.length), 'connect-src')).toEqual([
      "'self'",
      'blob:',
      'data:',
      'https://api.github.com',
    ]);
    expect(directive(csp.slice('Content-Security-Policy: '.length), 'script-src')).toContain("'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(admin).toContain('X-Robots-Tag: noindex, nofollow');
    const gitlab = toHeadersFile(makeSite({ editor: { backend: 'gitlab', repo: 'harbour/site', apiRoot: 'https://git.example/api/v4' } }));
    expect(gitlab).toContain("connect-src 'self' blob: data: https://git.example;");
    // Sign-in's token exchange (PKCE) goes to baseUrl when that is another server.
    const split = toHeadersFile(
      makeSite({
        editor: { backend: 'gitlab', repo: 'harbour/site', apiRoot: 'https://api.git.example/api/v4', baseUrl: 'https://git.example' },
      }),
    );
    expect(split).toContain("connect-src 'self' blob: data: https://api.git.example https://git.example;");
  });
});

describe('reading a _headers file back (the servers tests and benches stand in for the CDN with)', () => {
  it('gives each path the headers of every rule whose pattern matches it, in order', () => {
    const rules = parseHeadersFile(toHeadersFile(makeSite()));
    const names = (path: string): string[] => headersFor(rules, path).map(([name]) => name);
    expect(names('/world/harbour/')).toContain('Content-Security-Policy');
    expect(names('/world/harbour/')).not.toContain('X-Robots-Tag');
    const asset = headersFor(rules, '/_astro/page.abc123.css');
    expect(asset.find(([name]) => name === 'Cache-Control')?.[1]).toMatch(/immutable/);
    expect(names('/admin/index.html')).toContain('X-Robots-Tag');
  });

  it('reads :placeholders as one path segment and * as anything, and skips comments', () => {
    const rules = parseHeadersFile('# a comment\n/:section/feed.xml\n  X-Feed: yes\n/pagefind/*\n  X-Search: yes\n');
    expect(headersFor(rules, '/world/feed.xml')).toEqual([['X-Feed', 'yes']]);
    expect(headersFor(rules, '/world/news/feed.xml')).toEqual([]);
    expect(headersFor(rules, '/pagefind/0-3000/pagefind.js')).toEqual([['X-Search', 'yes']]);
    expect(headersFor(rules, '/pagefindx')).toEqual([]);
  });
});
