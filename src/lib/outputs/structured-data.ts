// schema.org structured data (JSON-LD) for articles and listings. Serialize
// with toScriptJson (escape.ts), never JSON.stringify, so no field can close
// the <script> block.
import type { Article, Desk, Section } from '#lib/content/content.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { absoluteUrl, articleUrl, deskUrl, printableUrl, sectionUrl } from '#lib/archive/urls.ts';

type JsonLd = Record<string, unknown>;

/** The outlet as a NewsMediaOrganization, with its logo when configured. */
export function publisher(site: SiteConfig): JsonLd {
  return {
    '@type': 'NewsMediaOrganization',
    name: site.name,
    url: absoluteUrl(site.url, '/'),
    ...(site.logo && {
      logo: { '@type': 'ImageObject', url: absoluteUrl(site.url, site.logo.src), width: site.logo.width, height: site.logo.height },
    }),
  };
}

/** NewsArticle for an article page; dates keep the offset the writer gave. */
export function newsArticle(article: Article, section: Section, desk: Desk, site: SiteConfig): JsonLd {
  const url = absoluteUrl(site.url, articleUrl(article));
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt ?? article.publishedAt,
    author: { '@type': 'Organization', name: desk.name, url: absoluteUrl(site.url, deskUrl(desk.slug)) },
    publisher: publisher(site),
    ...(article.image && { image: [absoluteUrl(site.url, article.image.src)] }),
    articleSection: section.name,
    ...(article.tags.length > 0 && { keywords: article.tags.join(', ') }),
    ...(article.dateline && { locationCreated: { '@type': 'Place', name: article.dateline } }),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    inLanguage: site.language,
    ...(article.source && {
      isBasedOn: article.source.url
        ? { '@type': 'CreativeWork', name: article.source.name, url: printableUrl(article.source.url) }
        : { '@type': 'CreativeWork', name: article.source.name },
    }),
  };
}

/** One live update as the JSON-LD of its story gives it. */
export interface LiveUpdateLd {
  id: string;
  publishedAt: string;
  /** Its headline, or its opening words (LiveUpdateView.label). */
  headline: string;
  /** The update as plain text. */
  text: string;
}

/**
 * LiveBlogPosting for a live story: everything NewsArticle says, plus the
 * coverage's start (publishedAt) and end (liveUntil, once set) and the
 * updates (newest first) as BlogPosting items addressable on the page.
 */
export function liveBlogPosting(
  article: Article,
  section: Section,
  desk: Desk,
  site: SiteConfig,
  updates: readonly LiveUpdateLd[],
): JsonLd {
  const base = newsArticle(article, section, desk, site);
  const url = absoluteUrl(site.url, articleUrl(article));
  return {
    ...base,
    '@type': 'LiveBlogPosting',
    coverageStartTime: article.publishedAt,
    ...(article.liveUntil && { coverageEndTime: article.liveUntil }),
    liveBlogUpdate: updates.map((u) => ({
      '@type': 'BlogPosting',
      headline: u.headline,
      datePublished: u.publishedAt,
      articleBody: u.text,
      url: `${url}#update-${u.id}`,
    })),
  };
}

/** BreadcrumbList: section, then the article. */
export function breadcrumbs(article: Article, section: Section, site: SiteConfig): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, name: section.name, item: absoluteUrl(site.url, sectionUrl(section.slug)) },
      { '@type': 'ListItem', position: 2, name: article.title, item: absoluteUrl(site.url, articleUrl(article)) },
    ],
  };
}

/** CollectionPage for a section, desk or tag listing, naming the stories it lists. */
export function collectionPage(name: string, path: string, articles: readonly Article[], site: SiteConfig): JsonLd {
  const url = absoluteUrl(site.url, path);
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    name,
    url,
    inLanguage: site.language,
    isPartOf: { '@type': 'WebSite', name: site.name, url: absoluteUrl(site.url, '/') },
    mainEntity: {
      '@type': 'ItemList',
      itemListElement: articles.map((a, i) => ({ '@type': 'ListItem', position: i + 1, url: absoluteUrl(site.url, articleUrl(a)) })),
    },
  };
}
