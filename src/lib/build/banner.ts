// The breaking banner's place in a built page: everything between the skip
// link and the masthead (src/layouts/BaseLayout.astro), which is the banner
// while one is current and nothing otherwise. When only the banner changes, a
// build renders the pages it must and, in every other page, puts the new
// fragment in the old one's place (scripts/build.ts): the same bytes a full
// build writes, for a few seconds of file copying instead of every page
// rendered again.

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
