// The internal-link check as the build and check:content run it: the same
// pages, public files and redirects the build writes (src/lib/archive/internal-links.ts).
import { join } from 'node:path';
import type { BuildContext } from './context.ts';
import type { Archive } from '#lib/archive/archive.ts';
import { findBrokenLinks, listPublicFiles } from '#lib/archive/internal-links.ts';
import type { Problem } from '#lib/content/problems.ts';
import { toRedirects } from '#lib/outputs/redirects.ts';

/** Links to this site in the published archive, desks and config that lead to no page or file. */
export function brokenInternalLinks(context: BuildContext, archive: Archive, contentDir = context.contentDir): Problem[] {
  return findBrokenLinks({
    archive,
    site: context.site,
    publicFiles: listPublicFiles(join(context.root, 'public')),
    redirects: toRedirects(archive.articles).rules,
    contentDir,
  });
}
