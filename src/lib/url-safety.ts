// Which URLs a writer may put in frontmatter. Browsers ignore tabs, newlines and
// case in a scheme ("JaVa\tscript:"), so we parse with the WHATWG URL parser
// (which does the same) rather than matching strings.

/** True for an absolute http(s) URL with a host. */
export function isSafeWebUrl(value: string): boolean {
  if (value !== value.trim() || /[\u0000-\u001f\s]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** True for a root-relative site path ("/images/a.jpg") or a safe web URL. */
export function isSiteOrWebUrl(value: string): boolean {
  if (/^\/(?![/\\])[^\s\u0000-\u001f]*$/.test(value)) return true;
  return isSafeWebUrl(value);
}
