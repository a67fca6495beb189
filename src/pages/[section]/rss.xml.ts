import { getRssString } from '@astrojs/rss';
import type { APIContext } from 'astro';
import { feedContext, getArchive, site } from '#bridge/site.ts';
import { feedArticles } from '#bridge/images.ts';
import { buildFeed } from '#lib/outputs/feeds.ts';
import { sectionUrl } from '#lib/archive/urls.ts';

export function getStaticPaths() {
  return getArchive().sections.map((section) => ({ params: { section: section.slug } }));
}

export async function GET({ params }: APIContext): Promise<Response> {
  const ctx = feedContext();
  const section = ctx.archive.section(params['section']!);
  const spec = {
    title: `${section.name} | ${site.name}`,
    description: section.description ?? `${section.name} from ${site.name}`,
    feedPath: `${sectionUrl(section.slug)}rss.xml`,
    pagePath: sectionUrl(section.slug),
    articles: await feedArticles(ctx.archive.bySection.get(section.slug) ?? []),
  };
  return new Response(await getRssString(buildFeed(spec, ctx)), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}
