import { describe, expect, it } from 'vitest';
import { CACHE_CONTROL, fileHeaders, FILE_RULES } from '#lib/outputs/file-rules.ts';
import { toHeadersFile } from '#lib/outputs/security-headers.ts';
import { makeSite } from './factories.ts';

describe('fileHeaders', () => {
  it.each([
    ['index.html', 'page', 'text/html; charset=utf-8', CACHE_CONTROL.revalidate],
    ['world/harbour/index.html', 'page', 'text/html; charset=utf-8', CACHE_CONTROL.revalidate],
    ['404.html', 'page', 'text/html; charset=utf-8', CACHE_CONTROL.revalidate],
    ['search/index.html', 'search-page', 'text/html; charset=utf-8', CACHE_CONTROL.noCache],
    ['rss.xml', 'feed', 'application/rss+xml; charset=utf-8', CACHE_CONTROL.revalidate],
    ['desk/news-desk/rss.xml', 'feed', 'application/rss+xml; charset=utf-8', CACHE_CONTROL.revalidate],
    ['sitemap-index.xml', 'sitemap', 'application/xml; charset=utf-8', CACHE_CONTROL.revalidate],
    ['sitemap-0.xml', 'sitemap', 'application/xml; charset=utf-8', CACHE_CONTROL.revalidate],
    ['news-sitemap.xml', 'sitemap', 'application/xml; charset=utf-8', CACHE_CONTROL.revalidate],
    ['robots.txt', 'sitemap', 'text/plain; charset=utf-8', CACHE_CONTROL.revalidate],
    ['_astro/BaseLayout.Cz1x.css', 'asset', 'text/css; charset=utf-8', CACHE_CONTROL.immutable],
    ['_astro/quay.B1x2_Z1abc.webp', 'asset', 'image/webp', CACHE_CONTROL.immutable],
    ['pagefind/0-open/fragment/en-gb_5a1f.pf_fragment', 'search-chunk', 'application/octet-stream', CACHE_CONTROL.immutable],
    ['pagefind/2026-01/index/en-gb_9c1.pf_index', 'search-chunk', 'application/octet-stream', CACHE_CONTROL.immutable],
    ['pagefind/0-open/filter/en-gb_77.pf_filter', 'search-chunk', 'application/octet-stream', CACHE_CONTROL.immutable],
    ['pagefind/0-open/pagefind.en-gb_aa5696bab4fd6.pf_meta', 'search-chunk', 'application/octet-stream', CACHE_CONTROL.immutable],
    ['pagefind/0-open/pagefind-entry.json', 'search-entry', 'application/json; charset=utf-8', CACHE_CONTROL.revalidate],
    ['pagefind/0-open/pagefind.js', 'search-entry', 'text/javascript; charset=utf-8', CACHE_CONTROL.revalidate],
    ['pagefind/0-open/wasm.en-gb.pagefind', 'search-entry', 'application/octet-stream', CACHE_CONTROL.revalidate],
    ['images/harbour.JPG', 'static', 'image/jpeg', CACHE_CONTROL.revalidate],
    ['favicon.svg', 'static', 'image/svg+xml', CACHE_CONTROL.revalidate],
    ['_headers', 'host-config', 'application/octet-stream', CACHE_CONTROL.revalidate],
  ])('%s is a %s file, %s, %s', (path, kind, contentType, cacheControl) => {
    expect(fileHeaders(path)).toMatchObject({ kind, contentType, cacheControl });
  });

  it('sends a file of unknown type as bytes and says so', () => {
    expect(fileHeaders('files/data.xyz')).toEqual({
      kind: 'static',
      contentType: 'application/octet-stream',
      cacheControl: CACHE_CONTROL.revalidate,
      knownType: false,
    });
  });
});

describe('the _headers file and the table agree', () => {
  it('writes every pattern of the table with its Cache-Control, and no other Cache-Control', () => {
    const file = toHeadersFile(makeSite());
    const patterns = FILE_RULES.flatMap((r) => r.headersPatterns.map((p) => `${p}\n  Cache-Control: ${r.cacheControl}`));
    expect(patterns.length).toBeGreaterThan(3);
    for (const block of patterns) expect(file).toContain(`\n\n${block}\n`);
    expect(file.match(/Cache-Control/g)).toHaveLength(patterns.length);
    expect(file).toContain('/pagefind/:shard/fragment/*\n  Cache-Control: public, max-age=31536000, immutable');
  });

  it('never gives a path two Cache-Control rules (Cloudflare Pages would join them)', () => {
    const patterns = FILE_RULES.flatMap((r) => r.headersPatterns);
    expect(new Set(patterns).size).toBe(patterns.length);
    expect(patterns).not.toContain('/*');
  });
});
