import { describe, expect, it } from 'vitest';
import type { Article } from '#lib/content/content.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { socialMetaTags, type MetaTag, type PageMeta } from '#lib/outputs/social-meta.ts';
import { makeArticle, makeSection, makeSite } from './factories.ts';

const SITE = makeSite();
const LOGO_SITE = makeSite({ logo: { src: '/logo.png', width: 600, height: 60 } });
const SECTION = makeSection({ slug: 'world', name: 'World News' });
const LISTING: PageMeta = { title: 'World News', description: 'The latest from around the world.', url: 'https://news.example/world/' };

function articlePage(article: Article): PageMeta {
  return {
    title: article.title,
    description: article.summary,
    url: `https://news.example/world/${article.slug}/`,
    article: { article, section: SECTION },
  };
}

/** Every content of the tag named `key` (og:* and article:* by property, twitter:* by name), in order. */
function contents(tags: MetaTag[], key: string): string[] {
  return tags.filter((t) => ('property' in t ? t.property : t.name) === key).map((t) => t.content);
}

/** The content of the tag named `key`, or undefined when there is none; fails if it appears twice or is empty. */
function only(tags: MetaTag[], key: string): string | undefined {
  const found = contents(tags, key);
  expect(found.length, `${key} appears ${found.length} times`).toBeLessThanOrEqual(1);
  if (found.length === 1) expect(found[0], `${key} has no content`).toEqual(expect.stringMatching(/\S/));
  return found[0];
}

const meta = (page: PageMeta, site: SiteConfig = SITE): MetaTag[] => socialMetaTags(page, site);

describe('socialMetaTags on a listing page', () => {
  it('is of type website with the page’s own title, description and URL', () => {
    const tags = meta(LISTING);
    expect(only(tags, 'og:type')).toBe('website');
    expect(only(tags, 'og:site_name')).toBe('The Harbour Dispatch');
    expect(only(tags, 'og:title')).toBe('World News');
    expect(only(tags, 'og:description')).toBe('The latest from around the world.');
    expect(only(tags, 'og:url')).toBe('https://news.example/world/');
    expect(only(tags, 'twitter:title')).toBe('World News');
    expect(only(tags, 'twitter:description')).toBe('The latest from around the world.');
  });

  it('has no article:* tags', () => {
    expect(meta(LISTING).filter((t) => 'property' in t && t.property.startsWith('article:'))).toEqual([]);
  });

  it('shows the site logo as og:image when one is configured, with a summary card', () => {
    const tags = meta(LISTING, LOGO_SITE);
    expect(only(tags, 'og:image')).toBe('https://news.example/logo.png');
    expect(only(tags, 'twitter:card')).toBe('summary');
    expect(only(tags, 'twitter:image')).toBeUndefined();
  });

  it('has no og:image at all without a logo', () => {
    const tags = meta(LISTING);
    expect(only(tags, 'og:image')).toBeUndefined();
    expect(only(tags, 'twitter:card')).toBe('summary');
  });
});

describe('socialMetaTags on an article page', () => {
  const pictured = makeArticle({
    slug: 'harbour-accord',
    title: 'Harbour accord signed',
    summary: 'Ministers agreed a plan.',
    publishedAt: '2026-11-20T09:00:00+02:00',
    updatedAt: '2026-11-20T15:30:00+02:00',
    tags: ['ports', 'EU policy', 'Malta'],
    image: { src: '/images/accord.jpg', alt: 'Ministers at the table' },
  });
  const unpictured = makeArticle({ slug: 'no-picture', publishedAt: '2026-11-21T08:00:00+00:00' });

  it('is of type article with its times, keeping the written offsets, and its section', () => {
    const tags = meta(articlePage(pictured));
    expect(only(tags, 'og:type')).toBe('article');
    expect(only(tags, 'article:published_time')).toBe('2026-11-20T09:00:00+02:00');
    expect(only(tags, 'article:modified_time')).toBe('2026-11-20T15:30:00+02:00');
    expect(only(tags, 'article:section')).toBe('World News');
  });

  it('has no modified time when the article was never updated', () => {
    expect(contents(meta(articlePage(unpictured)), 'article:modified_time')).toEqual([]);
  });

  it('gives one article:tag per tag, in the writer’s order', () => {
    expect(contents(meta(articlePage(pictured)), 'article:tag')).toEqual(['ports', 'EU policy', 'Malta']);
    expect(contents(meta(articlePage(unpictured)), 'article:tag')).toEqual([]);
  });

  it('uses the lead image, not the logo, for og:image and a large Twitter card', () => {
    const tags = meta(articlePage(pictured), LOGO_SITE);
    expect(contents(tags, 'og:image')).toEqual(['https://news.example/images/accord.jpg']);
    expect(only(tags, 'og:image:alt')).toBe('Ministers at the table');
    expect(only(tags, 'twitter:card')).toBe('summary_large_image');
    expect(only(tags, 'twitter:image')).toBe('https://news.example/images/accord.jpg');
    expect(only(tags, 'twitter:image:alt')).toBe('Ministers at the table');
  });

  it('keeps an absolute lead image URL as it is', () => {
    const article = makeArticle({ image: { src: 'https://cdn.example/photo.jpg', alt: 'A photo' } });
    expect(only(meta(articlePage(article)), 'og:image')).toBe('https://cdn.example/photo.jpg');
  });

  it('falls back to the logo for og:image without a lead image, with a summary card and no twitter:image', () => {
    const tags = meta(articlePage(unpictured), LOGO_SITE);
    expect(only(tags, 'og:image')).toBe('https://news.example/logo.png');
    expect(only(tags, 'og:image:alt')).toBeUndefined();
    expect(only(tags, 'twitter:card')).toBe('summary');
    expect(only(tags, 'twitter:image')).toBeUndefined();
  });

  it('has no image tags at all without a lead image or a logo', () => {
    const tags = meta(articlePage(unpictured));
    expect(tags.filter((t) => ('property' in t ? t.property : t.name).includes('image'))).toEqual([]);
    expect(only(tags, 'twitter:card')).toBe('summary');
  });
});

describe('og:locale', () => {
  it('writes the site language with an underscore, as Open Graph expects', () => {
    expect(only(meta(LISTING), 'og:locale')).toBe('en_GB');
    expect(only(meta(LISTING, makeSite({ language: 'pt-BR' })), 'og:locale')).toBe('pt_BR');
  });

  it('keeps a bare language as it is', () => {
    expect(only(meta(LISTING, makeSite({ language: 'fr' })), 'og:locale')).toBe('fr');
  });
});

describe('tag attributes', () => {
  it('uses property for Open Graph and article tags and name for Twitter tags', () => {
    const tags = meta(articlePage(makeArticle({ tags: ['a'], image: { src: '/i.jpg', alt: 'i' } })), LOGO_SITE);
    expect(tags.filter((t) => 'property' in t).length).toBeGreaterThan(0);
    expect(tags.filter((t) => !('property' in t)).length).toBeGreaterThan(0);
    for (const tag of tags) {
      if ('property' in tag) expect(tag.property).toMatch(/^(og|article):/);
      else expect(tag.name).toMatch(/^twitter:/);
    }
  });
});

describe('socialMetaTags with a share card', () => {
  it('points og:image and twitter:image at the card, 1200×630, with the headline as alt text when it has no photo', () => {
    const article = makeArticle({ title: 'Harbour accord signed' });
    const tags = meta(
      { ...articlePage(article), article: { article, section: SECTION, card: '/_astro/card-0123456789abcdef.png' } },
      LOGO_SITE,
    );
    expect(only(tags, 'og:image')).toBe('https://news.example/_astro/card-0123456789abcdef.png');
    expect(only(tags, 'og:image:width')).toBe('1200');
    expect(only(tags, 'og:image:height')).toBe('630');
    expect(only(tags, 'og:image:alt')).toBe('Harbour accord signed');
    expect(only(tags, 'twitter:card')).toBe('summary_large_image');
    expect(only(tags, 'twitter:image')).toBe('https://news.example/_astro/card-0123456789abcdef.png');
    expect(only(tags, 'twitter:image:alt')).toBe('Harbour accord signed');
  });

  it("gives a photo card the photo's alt text", () => {
    const article = makeArticle({ image: { src: './quay.jpg', alt: 'The quay at dusk' } });
    const tags = meta({ ...articlePage(article), article: { article, section: SECTION, card: '/_astro/card-0123456789abcdef.jpg' } });
    expect(only(tags, 'og:image')).toBe('https://news.example/_astro/card-0123456789abcdef.jpg');
    expect(only(tags, 'og:image:alt')).toBe('The quay at dusk');
  });
});
