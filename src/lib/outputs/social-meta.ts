// Open Graph and Twitter card tags for a page's <head>.
import type { Article, Section } from '#lib/content/content.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { absoluteUrl } from '#lib/archive/urls.ts';

/** One <meta> tag: Open Graph uses `property`, Twitter uses `name`. */
export type MetaTag = { property: string; content: string } | { name: string; content: string };

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute canonical URL of the page. */
  url: string;
  /** Present on article pages. */
  article?: { article: Article; section: Section } | undefined;
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
  const image = page.article?.article.image;
  if (page.article) {
    const { article, section } = page.article;
    tags.push({ property: 'article:published_time', content: article.publishedAt });
    if (article.updatedAt) tags.push({ property: 'article:modified_time', content: article.updatedAt });
    tags.push({ property: 'article:section', content: section.name });
    for (const tag of article.tags) tags.push({ property: 'article:tag', content: tag });
  }
  if (image) {
    tags.push({ property: 'og:image', content: absoluteUrl(site.url, image.src) }, { property: 'og:image:alt', content: image.alt });
  } else if (site.logo) {
    tags.push({ property: 'og:image', content: absoluteUrl(site.url, site.logo.src) });
  }
  tags.push(
    { name: 'twitter:card', content: image ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: page.title },
    { name: 'twitter:description', content: page.description },
  );
  if (image)
    tags.push({ name: 'twitter:image', content: absoluteUrl(site.url, image.src) }, { name: 'twitter:image:alt', content: image.alt });
  return tags;
}
