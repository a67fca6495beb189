// updates.json beside each story live at the build's clock: what its page's
// script polls. Written by every build, like the feeds (there are only as many
// as stories live at once), so it is always what a full build would write; the
// page itself is keyed by its updates (src/lib/build/page-plan.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { buildNowMs, getArchive, render, site } from '#bridge/site.ts';
import { isLiveAt } from '#lib/archive/live.ts';
import { articleRoutes } from '#lib/archive/routes.ts';
import type { Article } from '#lib/content/content.ts';
import { liveView, toUpdatesJson } from '#lib/render/live-view.ts';
import { renderArticleBody } from '#lib/render/render-body.ts';

export const getStaticPaths = (() =>
  articleRoutes(getArchive())
    .filter(({ article }) => isLiveAt(article, buildNowMs))
    .map(({ article }) => ({ params: { section: article.section, slug: article.slug }, props: { article } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const article = (props as { article: Article }).article;
  const view = liveView(article, getArchive().updatesOn(article), buildNowMs, site, (u) => renderArticleBody(u, render));
  return new Response(toUpdatesJson(view), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
