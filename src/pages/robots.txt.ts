import { site } from '../data/site.ts';
import { toRobotsTxt } from '../lib/sitemaps.ts';

export function GET(): Response {
  return new Response(toRobotsTxt(site), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
