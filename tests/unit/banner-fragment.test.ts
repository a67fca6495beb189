import { describe, expect, it } from 'vitest';
import { bannerFragment, withBannerFragment } from '#lib/build/banner.ts';

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
