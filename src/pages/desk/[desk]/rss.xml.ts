import type { APIContext } from 'astro';
import { feedContext, getArchive, site } from '#bridge/site.ts';
import { feedArticles } from '#bridge/images.ts';
import { buildFeed, deskFeedSpec, toRssXml } from '#lib/outputs/feeds.ts';

export function getStaticPaths() {
  return getArchive().desks.map((desk) => ({ params: { desk: desk.slug } }));
}

export async function GET({ params }: APIContext): Promise<Response> {
  const ctx = feedContext();
  const desk = ctx.archive.desk(params['desk']!);
  const spec = deskFeedSpec(desk, site, await feedArticles(ctx.archive.byDesk.get(desk.slug) ?? []));
  return new Response(toRssXml(buildFeed(spec, ctx)), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}
