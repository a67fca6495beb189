import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bannerFragment, stageBannerPages, withBannerFragment } from '#lib/build/banner.ts';

const shell = (banner: string): string =>
  `<body id="top"><a class="skip-link" href="#main">Skip to content</a>${banner}<header class="site-header"><a href="/">Site</a></header>` +
  '<main><p>Skip to content</a> written in a story</p><header class="site-header">not the masthead</header></main></body>';
const BANNER = '<section class="breaking" aria-labelledby="breaking-label"><p>Gale</p></section>';

describe('the breaking banner’s fragment in a built page', () => {
  it('is what lies between the skip link and the masthead: the banner, or nothing', () => {
    expect(bannerFragment(shell(BANNER))).toBe(BANNER);
    expect(bannerFragment(shell(''))).toBe('');
  });

  it('is replaced in place, adding, changing or removing the banner, and nowhere in the page’s own text', () => {
    expect(withBannerFragment(shell(''), BANNER)).toBe(shell(BANNER));
    expect(withBannerFragment(shell(BANNER), '')).toBe(shell(''));
    expect(withBannerFragment(shell(BANNER), BANNER.replace('Gale', 'Calm'))).toBe(shell(BANNER.replace('Gale', 'Calm')));
  });

  it('is undefined in a page without the site shell, which must not be patched', () => {
    expect(bannerFragment('<p>no shell</p>')).toBeUndefined();
    expect(withBannerFragment('<a>Skip to content</a><p>no masthead</p>', BANNER)).toBeUndefined();
  });
});

describe('stageBannerPages', () => {
  const temp = (): string => mkdtempSync(join(tmpdir(), 'dateline-banner-'));
  const put = (dir: string, url: string, html: string): void => {
    mkdirSync(join(dir, url), { recursive: true });
    writeFileSync(join(dir, url, 'index.html'), html);
  };

  it('stages every page not rendered, from the output, with the banner a rendered page shows', () => {
    const [out, staging] = [temp(), temp()];
    put(out, '/a/', shell(''));
    put(out, '/b/', shell(''));
    put(staging, '/c/', shell(BANNER));
    expect(stageBannerPages(['/a/', '/b/', '/c/'], new Set(['/c/']), out, staging)).toBe(2);
    expect(readFileSync(join(staging, 'a/index.html'), 'utf8')).toBe(shell(BANNER));
    expect(readFileSync(join(staging, 'b/index.html'), 'utf8')).toBe(shell(BANNER));
    expect(readFileSync(join(out, 'a/index.html'), 'utf8')).toBe(shell(''));
  });

  it('refuses when no rendered page shows the banner’s place, and names a page of the output without one', () => {
    const [out, staging] = [temp(), temp()];
    put(out, '/a/', '<p>no shell</p>');
    put(staging, '/feed/', '<p>no shell</p>');
    expect(() => stageBannerPages(['/a/'], new Set(), out, staging)).toThrow(/no page rendered into .* has the site header/);
    put(staging, '/c/', shell(BANNER));
    expect(() => stageBannerPages(['/a/', '/c/'], new Set(['/c/']), out, staging)).toThrow(
      /\/a\/ in .* has no site header to put the breaking banner in: build with DATELINE_FULL_BUILD=1/,
    );
  });
});
