// Sitemaps: which pages @astrojs/sitemap lists and their lastmod, the Google
// News sitemap, and robots.txt.
import type { Archive } from '#lib/archive/archive.ts';
import type { Article } from '#lib/content/content.ts';
import { escapeXml } from '#lib/render/escape.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { absoluteUrl, articleUrl, newsSitemapUrl, sitemapIndexUrl } from '#lib/archive/urls.ts';

/** Google News lists only stories from the last 48 hours, at most 1,000. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NEWS_MAX = 1000;

/** Site paths that are not content and stay out of sitemaps. */
const UNLISTED = [/^\/404(\.html|\/)?$/, /^\/search\//, /^\/comments\/thanks\//];

/** True when a page's absolute URL belongs in the sitemap. */
export function isListedInSitemap(url: string): boolean {
  const path = new URL(url).pathname;
  return !UNLISTED.some((re) => re.test(path));
}

/** lastmod of each article page (updatedAt, else publishedAt), by absolute URL. */
export function articleLastmods(archive: Archive, site: SiteConfig): Map<string, string> {
  return new Map(archive.articles.map((a) => [absoluteUrl(site.url, articleUrl(a)), a.updatedAt ?? a.publishedAt]));
}

/** Published stories from the 48 hours before `nowMs`, newest first, at most 1,000. */
export function newsSitemapArticles(newestFirst: readonly Article[], nowMs: number): Article[] {
  const out: Article[] = [];
  for (const a of newestFirst) {
    if (a.publishedMs > nowMs) continue;
    if (a.publishedMs < nowMs - NEWS_WINDOW_MS || out.length === NEWS_MAX) break;
    out.push(a);
  }
  return out;
}

/** The Google News sitemap XML for the given stories. */
export function toNewsSitemapXml(articles: readonly Article[], site: SiteConfig): string {
  const publication = `<news:publication><news:name>${escapeXml(site.name)}</news:name><news:language>${escapeXml(newsLanguage(site.language))}</news:language></news:publication>`;
  const urls = articles.map(
    (a) =>
      `<url><loc>${escapeXml(absoluteUrl(site.url, articleUrl(a)))}</loc><news:news>${publication}` +
      `<news:publication_date>${escapeXml(a.publishedAt)}</news:publication_date><news:title>${escapeXml(a.title)}</news:title></news:news></url>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' +
    urls.join('\n') +
    (urls.length ? '\n' : '') +
    '</urlset>\n'
  );
}

/** robots.txt that allows everything and names both sitemaps. */
export function toRobotsTxt(site: SiteConfig): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site.url, sitemapIndexUrl())}\nSitemap: ${absoluteUrl(site.url, newsSitemapUrl())}\n`;
}

/**
 * The language as Google News wants it: an ISO 639 code, except Chinese, which
 * must be zh-cn (Simplified) or zh-tw (Traditional). The script is read from
 * the tag, or its likely one (zh-Hant, zh-HK and zh-TW are Traditional).
 */
export function newsLanguage(language: string): string {
  const locale = new Intl.Locale(language).maximize();
  if (locale.language !== 'zh') return locale.language;
  return locale.script === 'Hant' ? 'zh-tw' : 'zh-cn';
}
