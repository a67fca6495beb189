import { feedContext } from '#bridge/site.ts';
import { correctionEntries } from '#lib/archive/corrections.ts';
import { buildCorrectionsFeed, toRssXml } from '#lib/outputs/feeds.ts';

export function GET(): Response {
  const ctx = feedContext();
  const feed = buildCorrectionsFeed(correctionEntries(ctx.archive), ctx);
  return new Response(toRssXml(feed), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}
