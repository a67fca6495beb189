// The breaking banner's place in a built page: everything between the skip
// link and the masthead (src/layouts/BaseLayout.astro), which is the banner
// while one is current and nothing otherwise. When only the banner changes, a
// build renders the pages it must and, in every other page, puts the new
// fragment in the old one's place (stageBannerPages): the same bytes a full
// build writes, for a few seconds of file copying instead of every page
// rendered again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listFiles, pageFile } from './output.ts';

/** The skip link's end: the banner follows it. */
const BEFORE = '>Skip to content</a>';
/** The masthead's start: the banner comes before it. */
const AFTER = '<header class="site-header"';

/** Where the banner's fragment sits in a page, or undefined when the page has no site shell. */
function region(html: string): { start: number; end: number } | undefined {
  const skip = html.indexOf(BEFORE);
  if (skip < 0) return undefined;
  const start = skip + BEFORE.length;
  const end = html.indexOf(AFTER, start);
  return end < 0 ? undefined : { start, end };
}

/** The banner's fragment in a rendered page ("" when it shows none), or undefined when the page has no site shell. */
export function bannerFragment(html: string): string | undefined {
  const at = region(html);
  return at && html.slice(at.start, at.end);
}

/** The page with `fragment` in place of its banner, or undefined when the page has no site shell. */
export function withBannerFragment(html: string, fragment: string): string | undefined {
  const at = region(html);
  return at && html.slice(0, at.start) + fragment + html.slice(at.end);
}

/**
 * Stages in `staging` (where the build rendered its pages) every page of
 * `urls` it did not render, read from `outDir` with the banner of a page it
 * did render; the overlay then moves them over the output with the rendered
 * pages. Returns how many were staged. Throws when no rendered page shows the
 * banner's place, or naming a page without one; the build then fails before
 * its apply, so nothing reaches the output.
 */
export function stageBannerPages(urls: Iterable<string>, rendered: ReadonlySet<string>, outDir: string, staging: string): number {
  const fresh = listFiles(staging)
    .filter((file) => file.endsWith('.html'))
    .map((file) => bannerFragment(readFileSync(join(staging, file), 'utf8')))
    .find((fragment) => fragment !== undefined);
  if (fresh === undefined) throw new Error(`no page rendered into ${staging} has the site header to take the breaking banner from`);
  let count = 0;
  for (const url of urls) {
    if (rendered.has(url)) continue;
    const page = withBannerFragment(readFileSync(pageFile(outDir, url), 'utf8'), fresh);
    if (page === undefined)
      throw new Error(`${url} in ${outDir} has no site header to put the breaking banner in: build with DATELINE_FULL_BUILD=1`);
    const target = pageFile(staging, url);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, page);
    count++;
  }
  return count;
}
