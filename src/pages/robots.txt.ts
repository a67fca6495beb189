import { site } from '#bridge/site.ts';
import { toRobotsTxt } from '#lib/outputs/sitemaps.ts';

export function GET(): Response {
  return new Response(toRobotsTxt(site), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
