// WebSub (W3C Recommendation, 2018): after a deploy, the hub the feeds name
// (site config `websub.hub`) is told which feeds changed, so subscribers get
// the new story in seconds instead of at their next poll. Pure: the deploy plan
// is passed in; scripts/deploy.ts sends the pings.
import { absoluteUrl } from '#lib/archive/urls.ts';
import { fileHeaders } from '#lib/outputs/file-rules.ts';
import type { DeployPlan } from './plan.ts';

/** How long one ping may take before the deploy gives up on it (and warns). */
export const PING_TIMEOUT_MS = 10_000;

/**
 * The absolute URLs of the feeds this deploy uploaded because their bytes are
 * new or changed (not those sent again only for new headers), sorted; these
 * are the `hub.url`s to ping.
 */
export function changedFeedUrls(plan: Pick<DeployPlan, 'uploads'>, siteUrl: string): string[] {
  return plan.uploads
    .filter((u) => u.why !== 'headers' && fileHeaders(u.key).kind === 'feed')
    .map((u) => absoluteUrl(siteUrl, `/${u.key}`))
    .sort();
}

/** The body of a publish ping (application/x-www-form-urlencoded). */
export function pingBody(feedUrl: string): string {
  return new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feedUrl }).toString();
}
