import { feedContext, site } from '#bridge/site.ts';
import { feedArticles } from '#bridge/images.ts';
import { buildFeed, siteFeedSpec, toRssXml } from '#lib/outputs/feeds.ts';

export async function GET(): Promise<Response> {
  const ctx = feedContext();
  const spec = siteFeedSpec(site, await feedArticles(ctx.archive.articles));
  return new Response(toRssXml(buildFeed(spec, ctx)), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}
