import type { APIContext } from 'astro';
import { feedContext, getArchive, site } from '#bridge/site.ts';
import { feedArticles } from '#bridge/images.ts';
import { buildFeed, sectionFeedSpec, toRssXml } from '#lib/outputs/feeds.ts';

export function getStaticPaths() {
  return getArchive().sections.map((section) => ({ params: { section: section.slug } }));
}

export async function GET({ params }: APIContext): Promise<Response> {
  const ctx = feedContext();
  const section = ctx.archive.section(params['section']!);
  const spec = sectionFeedSpec(section, site, await feedArticles(ctx.archive.bySection.get(section.slug) ?? []));
  return new Response(toRssXml(buildFeed(spec, ctx)), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}
