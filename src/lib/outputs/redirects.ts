// The `_redirects` file (the format Netlify and Cloudflare Pages read): from
// each published article's old address (legacyUrl, kept by import:wordpress)
// to its permalink here, so links and search results to the old site land.
import { articleUrl } from '#lib/archive/urls.ts';

/** Cloudflare Pages reads at most this many static redirects; Netlify has no such limit. */
export const CLOUDFLARE_STATIC_REDIRECT_LIMIT = 2000;

/** The rules, and why any article's old address could not have one. */
export interface Redirects {
  /** "<old path> <new path> 301" lines, in the articles' order. */
  rules: string[];
  problems: string[];
}

/**
 * One permanent redirect per article with a legacyUrl, from its path (query
 * and fragment dropped, as the hosts match paths only) to its permalink.
 * Pass published articles only: a draft's address must not leak.
 */
export function toRedirects(
  articles: readonly { legacyUrl?: string | undefined; section: string; slug: string; file: string }[],
): Redirects {
  const rules: string[] = [];
  const problems: string[] = [];
  const bySource = new Map<string, string>();
  for (const article of articles) {
    if (!article.legacyUrl) continue;
    const from = new URL(article.legacyUrl).pathname;
    const to = articleUrl(article);
    // Both hosts match with or without a trailing slash: the same path would redirect to itself.
    if (from === '/' || stripSlash(from) === stripSlash(to)) continue;
    if (/[\s*:!]/.test(from)) {
      problems.push(`${article.file}: the old path ${from} has characters _redirects reads as a pattern (* : !), so it gets no redirect`);
      continue;
    }
    const claimed = bySource.get(stripSlash(from));
    if (claimed) {
      problems.push(`${article.file}: the old path ${from} already redirects to ${claimed}, so it gets no second redirect`);
      continue;
    }
    bySource.set(stripSlash(from), to);
    rules.push(`${from} ${to} 301`);
  }
  return { rules, problems };
}

/** The outlet's own `_redirects` (from public/), if any, then ours: the first matching rule wins on both hosts. */
export function redirectsFile(own: string, rules: readonly string[]): string {
  const head = own.trim() === '' ? '' : `${own.replace(/\s+$/, '')}\n\n`;
  return `${head}# Old addresses of imported articles (legacyUrl), written by the Dateline build.\n${rules.join('\n')}\n`;
}

function stripSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
