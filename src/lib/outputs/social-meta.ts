// Open Graph and Twitter card tags for a page's <head>.
import type { Article, Section } from '#lib/content/content.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { absoluteUrl } from '#lib/archive/urls.ts';
import { CARD_HEIGHT, CARD_WIDTH } from '#lib/render/share-card.ts';

/** One <meta> tag: Open Graph uses `property`, Twitter uses `name`. */
export type MetaTag = { property: string; content: string } | { name: string; content: string };

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute canonical URL of the page. */
  url: string;
  /** Present on article pages; `card` is the site path of its 1200×630 share card (src/bridge/share-cards.ts). */
  article?: { article: Article; section: Section; card?: string | undefined } | undefined;
}

/** og:* and twitter:* tags; article pages add times, section, tags and the lead image. */
export function socialMetaTags(page: PageMeta, site: SiteConfig): MetaTag[] {
  const tags: MetaTag[] = [
    { property: 'og:site_name', content: site.name },
    { property: 'og:type', content: page.article ? 'article' : 'website' },
    { property: 'og:title', content: page.title },
    { property: 'og:description', content: page.description },
    { property: 'og:url', content: page.url },
    { property: 'og:locale', content: site.language.replace('-', '_') },
  ];
  const card = page.article?.card;
  const image = page.article?.article.image;
  if (page.article) {
    const { article, section } = page.article;
    tags.push({ property: 'article:published_time', content: article.publishedAt });
    if (article.updatedAt) tags.push({ property: 'article:modified_time', content: article.updatedAt });
    tags.push({ property: 'article:section', content: section.name });
    for (const tag of article.tags) tags.push({ property: 'article:tag', content: tag });
  }
  // The card shows the lead photo, cropped, or the kicker, headline and site name drawn as text.
  const cardAlt = image?.alt ?? page.article?.article.title ?? '';
  if (card) {
    tags.push(
      { property: 'og:image', content: absoluteUrl(site.url, card) },
      { property: 'og:image:width', content: String(CARD_WIDTH) },
      { property: 'og:image:height', content: String(CARD_HEIGHT) },
      { property: 'og:image:alt', content: cardAlt },
    );
  } else if (image) {
    tags.push({ property: 'og:image', content: absoluteUrl(site.url, image.src) }, { property: 'og:image:alt', content: image.alt });
  } else if (site.logo) {
    tags.push({ property: 'og:image', content: absoluteUrl(site.url, site.logo.src) });
  }
  tags.push(
    { name: 'twitter:card', content: card || image ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: page.title },
    { name: 'twitter:description', content: page.description },
  );
  if (card) tags.push({ name: 'twitter:image', content: absoluteUrl(site.url, card) }, { name: 'twitter:image:alt', content: cardAlt });
  else if (image)
    tags.push({ name: 'twitter:image', content: absoluteUrl(site.url, image.src) }, { name: 'twitter:image:alt', content: image.alt });
  return tags;
}
