import { describe, expect, it } from 'vitest';
import { toScriptJson } from '#lib/render/escape.ts';
import { breadcrumbs, collectionPage, newsArticle, publisher } from '#lib/outputs/structured-data.ts';
import { makeArticle, makeDesk, makeSection, makeSite } from './factories.ts';

const SITE = makeSite();
const LOGO_SITE = makeSite({ logo: { src: '/logo.png', width: 600, height: 60 } });
const SECTION = makeSection({ slug: 'world', name: 'World News' });
const DESK = makeDesk({ slug: 'news-desk', name: 'HD News Desk' });

/** A bare article: no image, tags, dateline, source or update. */
const plain = makeArticle({ slug: 'plain', title: 'Plain story', summary: 'Nothing extra.', publishedAt: '2026-11-20T09:00:00+02:00' });

describe('publisher', () => {
  it('is the outlet with no logo when none is configured', () => {
    expect(publisher(SITE)).toEqual({ '@type': 'NewsMediaOrganization', name: 'The Harbour Dispatch', url: 'https://news.example/' });
  });

  it('carries the configured logo as an absolute ImageObject with its size', () => {
    expect(publisher(LOGO_SITE).logo).toEqual({ '@type': 'ImageObject', url: 'https://news.example/logo.png', width: 600, height: 60 });
  });
});

describe('newsArticle', () => {
  it('describes a fully dressed article field by field', () => {
    const article = makeArticle({
      slug: 'harbour-accord',
      title: 'Harbour accord signed',
      summary: 'Ministers agreed a plan.',
      publishedAt: '2026-11-20T09:00:00+02:00',
      updatedAt: '2026-11-20T15:30:00+02:00',
      tags: ['ports', 'EU policy'],
      dateline: 'VALLETTA',
      image: { src: '/images/accord.jpg', alt: 'Ministers at the table' },
      source: { name: 'Northwire', url: 'https://northwire.example/accord' },
    });
    expect(newsArticle(article, SECTION, DESK, LOGO_SITE)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Harbour accord signed',
      description: 'Ministers agreed a plan.',
      datePublished: '2026-11-20T09:00:00+02:00',
      dateModified: '2026-11-20T15:30:00+02:00',
      author: { '@type': 'Organization', name: 'HD News Desk', url: 'https://news.example/desk/news-desk/' },
      publisher: {
        '@type': 'NewsMediaOrganization',
        name: 'The Harbour Dispatch',
        url: 'https://news.example/',
        logo: { '@type': 'ImageObject', url: 'https://news.example/logo.png', width: 600, height: 60 },
      },
      image: ['https://news.example/images/accord.jpg'],
      articleSection: 'World News',
      keywords: 'ports, EU policy',
      locationCreated: { '@type': 'Place', name: 'VALLETTA' },
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://news.example/world/harbour-accord/' },
      url: 'https://news.example/world/harbour-accord/',
      inLanguage: 'en-GB',
      isBasedOn: { '@type': 'CreativeWork', name: 'Northwire', url: 'https://northwire.example/accord' },
    });
  });

  it('falls back to publishedAt for dateModified, keeping the written offset', () => {
    const data = newsArticle(plain, SECTION, DESK, SITE);
    expect(data.datePublished).toBe('2026-11-20T09:00:00+02:00');
    expect(data.dateModified).toBe('2026-11-20T09:00:00+02:00');
  });

  it('leaves out image, keywords, locationCreated and isBasedOn when the article has none', () => {
    const data = newsArticle(plain, SECTION, DESK, SITE);
    expect(data).not.toHaveProperty('image');
    expect(data).not.toHaveProperty('keywords');
    expect(data).not.toHaveProperty('locationCreated');
    expect(data).not.toHaveProperty('isBasedOn');
  });

  it('gives a publisher without a logo when the site has none', () => {
    expect(newsArticle(plain, SECTION, DESK, SITE).publisher).not.toHaveProperty('logo');
  });

  it('gives the source URL in its normalised form, as the page and feed print it', () => {
    const data = newsArticle(makeArticle({ source: { name: 'Wire', url: 'https://Wire.example/story?q=<x>&s="y"' } }), SECTION, DESK, SITE);
    expect(data.isBasedOn).toStrictEqual({ '@type': 'CreativeWork', name: 'Wire', url: 'https://wire.example/story?q=%3Cx%3E&s=%22y%22' });
  });

  it('names a source without a URL as a CreativeWork with no url key', () => {
    const data = newsArticle(makeArticle({ source: { name: 'Reuters' } }), SECTION, DESK, SITE);
    expect(data.isBasedOn).toStrictEqual({ '@type': 'CreativeWork', name: 'Reuters' });
  });

  it('keeps an absolute lead image URL as it is', () => {
    const data = newsArticle(makeArticle({ image: { src: 'https://cdn.example/a.jpg', alt: 'A' } }), SECTION, DESK, SITE);
    expect(data.image).toEqual(['https://cdn.example/a.jpg']);
  });

  it('joins a single tag into keywords without a trailing comma', () => {
    expect(newsArticle(makeArticle({ tags: ['ports'] }), SECTION, DESK, SITE).keywords).toBe('ports');
  });

  it('survives toScriptJson with a hostile headline and reads back unchanged', () => {
    const article = makeArticle({ title: '</script><script>alert(1)</script> <!-- ]]> \u2028 & "q"', tags: ['<b>', '&amp;'] });
    const data = newsArticle(article, SECTION, DESK, SITE);
    const json = toScriptJson(data);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(data);
  });
});

describe('breadcrumbs', () => {
  it('leads from the section to the article, positions counted from 1, URLs absolute', () => {
    expect(breadcrumbs(makeArticle({ slug: 'harbour-accord', title: 'Harbour accord signed' }), SECTION, SITE)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'World News', item: 'https://news.example/world/' },
        { '@type': 'ListItem', position: 2, name: 'Harbour accord signed', item: 'https://news.example/world/harbour-accord/' },
      ],
    });
  });
});

describe('collectionPage', () => {
  it('lists the stories in the order given, positions counted from 1', () => {
    const articles = [
      makeArticle({ slug: 'newest', section: 'science' }),
      makeArticle({ slug: 'middle' }),
      makeArticle({ slug: 'oldest', section: 'business' }),
    ];
    expect(collectionPage('Tag: ports', '/tag/ports/', articles, SITE)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'CollectionPage',
      name: 'Tag: ports',
      url: 'https://news.example/tag/ports/',
      inLanguage: 'en-GB',
      isPartOf: { '@type': 'WebSite', name: 'The Harbour Dispatch', url: 'https://news.example/' },
      mainEntity: {
        '@type': 'ItemList',
        itemListElement: [
          { '@type': 'ListItem', position: 1, url: 'https://news.example/science/newest/' },
          { '@type': 'ListItem', position: 2, url: 'https://news.example/world/middle/' },
          { '@type': 'ListItem', position: 3, url: 'https://news.example/business/oldest/' },
        ],
      },
    });
  });

  it('has an empty item list for a listing with no stories', () => {
    const data = collectionPage('Markets desk', '/desk/markets-desk/', [], SITE);
    expect(data.mainEntity).toEqual({ '@type': 'ItemList', itemListElement: [] });
  });

  it('makes the URL of a numbered archive page absolute', () => {
    expect(collectionPage('World', '/world/page/2/', [], SITE).url).toBe('https://news.example/world/page/2/');
  });
});
