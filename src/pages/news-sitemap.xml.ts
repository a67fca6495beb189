import { buildNowMs, getArchive, site } from '#bridge/site.ts';
import { newsSitemapArticles, toNewsSitemapXml } from '#lib/outputs/sitemaps.ts';

export function GET(): Response {
  const xml = toNewsSitemapXml(newsSitemapArticles(getArchive().articles, buildNowMs), site);
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
