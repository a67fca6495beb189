// The kept page bundle (src/lib/build/kept-bundle.ts, decision 0017): what its
// key is made of, and when a kept bundle is refused. A refused bundle means
// `astro build` bundles the pages again; tests/build/incremental.test.ts shows
// both paths write the same bytes as a full build.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '#lib/build/context.ts';
import { bundleKey, keptBundleDir, readKeptBundle } from '#lib/build/kept-bundle.ts';
import siteConfig from '../../site.config.ts';

const context = (env: Record<string, string> = {}) =>
  resolveContext({ root: '/site', cwd: '/site', env, clockMs: Date.parse('2026-06-01T12:00:00Z'), rawConfig: siteConfig });

describe('bundleKey', () => {
  const key = bundleKey('code-1', context(), ['/c/a.jpg\0d1']);

  it('is the same for the same code, site config and photos, whatever the clock or folders', () => {
    const elsewhere = context({ DATELINE_NOW: '2027-01-01T00:00:00+00:00', DATELINE_OUT_DIR: '/other', DATELINE_CACHE_DIR: '/cache' });
    expect(bundleKey('code-1', elsewhere, ['/c/a.jpg\0d1', '/c/a.jpg\0d1'])).toBe(key);
  });

  it('changes with the code', () => {
    expect(bundleKey('code-2', context(), ['/c/a.jpg\0d1'])).not.toBe(key);
  });

  it('changes with the site config, environment overrides included', () => {
    expect(bundleKey('code-1', context({ DATELINE_COMMENTS_ENDPOINT: 'https://comments.example.org/post' }), ['/c/a.jpg\0d1'])).not.toBe(
      key,
    );
  });

  it('changes with the photos the pages import, and with their bytes', () => {
    expect(bundleKey('code-1', context(), [])).not.toBe(key);
    expect(bundleKey('code-1', context(), ['/c/a.jpg\0d2'])).not.toBe(key);
  });
});

describe('readKeptBundle', () => {
  const astro = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('astro/package.json'), 'utf8')) as { version: string })
    .version;
  const keep = (info: Record<string, unknown>, entry = true): string => {
    const dir = keptBundleDir(mkdtempSync(join(tmpdir(), 'dateline-bundle-')), '/out');
    mkdirSync(dir, { recursive: true });
    if (entry) writeFileSync(join(dir, 'prerender-entry.x.mjs'), '');
    writeFileSync(
      join(dir, 'dateline-bundle.json'),
      JSON.stringify({ version: 1, key: 'k', astro, entry: 'prerender-entry.x.mjs', ...info }),
    );
    return dir;
  };

  it('takes a complete bundle with the key asked for, made by this Astro', () => {
    expect(readKeptBundle(keep({}), 'k')?.key).toBe('k');
  });

  it('refuses a bundle made from something else, by another Astro, or without its entry', () => {
    expect(readKeptBundle(keep({}), 'other')).toBeUndefined();
    expect(readKeptBundle(keep({ astro: '0.0.1' }), 'k')).toBeUndefined();
    expect(readKeptBundle(keep({}, false), 'k')).toBeUndefined();
    expect(readKeptBundle(join(tmpdir(), 'dateline-no-such-bundle'), 'k')).toBeUndefined();
  });

  it('keeps one bundle per output folder', () => {
    expect(keptBundleDir('/cache', '/out/a')).not.toBe(keptBundleDir('/cache', '/out/b'));
  });
});
