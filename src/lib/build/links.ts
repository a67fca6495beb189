// The internal-link check as the build and check:content run it: the same
// pages, public files and redirects the build writes (src/lib/archive/internal-links.ts).
// The build keeps each article file's links by the file's digest between
// builds (LinkIndex), so an unchanged story is not read again to find them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildContext } from './context.ts';
import type { Archive } from '#lib/archive/archive.ts';
import { articleLinks, findBrokenLinks, listPublicFiles, type ArticleLink } from '#lib/archive/internal-links.ts';
import type { Article } from '#lib/content/content.ts';
import { KeptMap } from '#lib/content/kept-map.ts';
import type { Problem } from '#lib/content/problems.ts';
import { toRedirects } from '#lib/outputs/redirects.ts';

/** Links to this site in the published archive, desks and config that lead to no page or file. */
export function brokenInternalLinks(
  context: BuildContext,
  archive: Archive,
  contentDir = context.contentDir,
  links?: LinkIndex,
): Problem[] {
  return findBrokenLinks({
    archive,
    site: context.site,
    publicFiles: listPublicFiles(join(context.root, 'public')),
    redirects: toRedirects(archive.articles).rules,
    contentDir,
    ...(links ? { linksOf: (article: Article) => links.linksOf(article) } : {}),
  });
}

/** Each article file's links by the file's digest, kept in `file` between builds made by the same code (`header`). */
export class LinkIndex {
  readonly #kept: KeptMap<readonly ArticleLink[]>;

  constructor(file: string, header: string) {
    this.#kept = new KeptMap(file, header);
  }

  linksOf(article: Article): readonly ArticleLink[] | undefined {
    const kept = this.#kept.get(article.digest);
    if (kept) return kept;
    let source: string;
    try {
      source = readFileSync(article.path, 'utf8');
    } catch {
      return undefined; // the loader has read it once already; a file gone since is not a link problem
    }
    const found = articleLinks(article, source);
    this.#kept.keep(article.digest, found);
    return found;
  }

  /** How many articles' links came from the index, and how many files were read. */
  get stats(): { kept: number; read: number } {
    return { kept: this.#kept.hits, read: this.#kept.misses };
  }

  save(): void {
    this.#kept.save();
  }
}
