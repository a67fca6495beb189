import { getRssString } from '@astrojs/rss';
import type { APIContext } from 'astro';
import { feedContext, getArchive, site } from '#bridge/site.ts';
import { feedArticles } from '#bridge/images.ts';
import { buildFeed } from '#lib/outputs/feeds.ts';
import { deskUrl } from '#lib/archive/urls.ts';

export function getStaticPaths() {
  return getArchive().desks.map((desk) => ({ params: { desk: desk.slug } }));
}

export async function GET({ params }: APIContext): Promise<Response> {
  const ctx = feedContext();
  const desk = ctx.archive.desk(params['desk']!);
  const spec = {
    title: `${desk.name} | ${site.name}`,
    description: `Stories by ${desk.name}, ${site.name}`,
    feedPath: `${deskUrl(desk.slug)}rss.xml`,
    pagePath: deskUrl(desk.slug),
    articles: await feedArticles(ctx.archive.byDesk.get(desk.slug) ?? []),
  };
  return new Response(await getRssString(buildFeed(spec, ctx)), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}
