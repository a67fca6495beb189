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

/** Photo formats a lead image kept beside its article may have (Astro's image pipeline turns them into AVIF, WebP and JPEG). */
export const LOCAL_IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'avif'] as const;

/**
 * True for a photo file beside the article, written "./photo.jpg": one file
 * name (articles live directly in their year folder, so there are no
 * subfolders to climb into or out of) with a photo extension.
 */
export function isBesideFilePath(value: string): boolean {
  const match = /^\.\/([A-Za-z0-9][A-Za-z0-9._-]*)$/.exec(value);
  if (!match) return false;
  const ext = match[1]!.slice(match[1]!.lastIndexOf('.') + 1).toLowerCase();
  return (LOCAL_IMAGE_EXTENSIONS as readonly string[]).includes(ext);
}
