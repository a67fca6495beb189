import { describe, expect, it } from 'vitest';
import { absoluteUrl, articleUrl, deskUrl, RESERVED_SECTION_SLUGS, sectionUrl, tagUrl } from '#lib/archive/urls.ts';

describe('site URLs', () => {
  it('puts an article at /<section>/<slug>/', () => {
    expect(articleUrl({ section: 'world', slug: 'ferry-inquiry' })).toBe('/world/ferry-inquiry/');
  });

  it('gives sections, desks and tags a front and numbered pages', () => {
    expect(sectionUrl('world')).toBe('/world/');
    expect(sectionUrl('world', 3)).toBe('/world/page/3/');
    expect(deskUrl('news-desk')).toBe('/desk/news-desk/');
    expect(deskUrl('news-desk', 1)).toBe('/desk/news-desk/page/1/');
    expect(tagUrl('sea-level')).toBe('/tag/sea-level/');
    expect(tagUrl('sea-level', 2)).toBe('/tag/sea-level/page/2/');
  });

  it('makes absolute URLs from the site origin', () => {
    expect(absoluteUrl('https://news.example', '/world/ferry-inquiry/')).toBe('https://news.example/world/ferry-inquiry/');
    expect(absoluteUrl('https://news.example/', '/')).toBe('https://news.example/');
  });

  it('reserves the first path segments the site uses for its own pages', () => {
    const ownFirstSegments = [deskUrl('x'), tagUrl('x'), sectionUrl('x', 2).replace('/x/', '/')].map((u) => u.split('/')[1]!);
    for (const segment of ownFirstSegments) expect(RESERVED_SECTION_SLUGS).toContain(segment);
    expect(RESERVED_SECTION_SLUGS).toEqual(expect.arrayContaining(['search', 'images', 'pagefind']));
  });
});
