import { getRssString } from '@astrojs/rss';
import { feedContext, site } from '#bridge/site.ts';
import { feedArticles } from '#bridge/images.ts';
import { buildFeed } from '#lib/outputs/feeds.ts';

export async function GET(): Promise<Response> {
  const ctx = feedContext();
  const spec = { title: site.name, description: site.description, feedPath: '/rss.xml', pagePath: '/', articles: await feedArticles(ctx.archive.articles) };
  return new Response(await getRssString(buildFeed(spec, ctx)), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}
