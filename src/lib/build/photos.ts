// Lead photos across incremental builds: a stamp of each photo's bytes for page
// keys, which resized copies under /_astro/ each page uses, and deleting the
// copies no page uses any more (a story taken down takes its pictures with it).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pageFile, pageUrlOf } from './output.ts';
import type { PagePlan } from './page-plan.ts';

/** Image files Astro writes under /_astro/ (resized photos); stylesheets and scripts are not collected. */
const PHOTO_COPY = /\.(?:avif|webp|jpe?g|png|gif)$/i;

/** A photo's path, its size and modification time when digested, and the digest. */
export type PhotoDigest = [string, string, string];

/**
 * Lead photos' stamps for page keys: a digest of their bytes (a fresh checkout
 * gives every file a new modification time; a copy can keep an old one). The
 * digest is taken again only when a photo's size or modification time moved.
 */
export function photoStamper(previous: readonly PhotoDigest[]) {
  const known = new Map(previous.map(([path, stat, digest]) => [path, { stat, digest }]));
  const used = new Map<string, { stat: string; digest: string }>();
  const stamp = (path: string): string => {
    const st = statSync(path);
    const stat = `${st.size}:${st.mtimeMs}`;
    let entry = used.get(path) ?? known.get(path);
    if (entry?.stat !== stat) entry = { stat, digest: createHash('sha1').update(readFileSync(path)).digest('hex') };
    used.set(path, entry);
    return entry.digest;
  };
  return { stamp, digests: (): PhotoDigest[] => [...used].map(([path, { stat, digest }]) => [path, stat, digest]) };
}

/**
 * Which resized photo copies each page with photos uses (read from the pages
 * rendered now in `dir`, kept from `previous` for the others), and every copy
 * still in use: those, plus any that an unkeyed file (feeds, search) names.
 */
export function photoCopies(
  plan: PagePlan,
  dir: string,
  files: readonly string[],
  rendered: ReadonlySet<string> | undefined,
  previous: ReadonlyMap<string, string[]>,
) {
  // Each name is copied out of the page's text: a match is a slice that keeps the whole page in memory
  // for as long as the name is kept (the manifest keeps them all: at 100,000 stories, gigabytes of pages).
  const refs = (file: string): string[] =>
    [...new Set(readFileSync(file, 'utf8').match(/(?<=\/_astro\/)[^"'\s,)?#]+/g) ?? [])]
      .filter((f) => PHOTO_COPY.test(f))
      .map((f) => Buffer.from(f).toString());
  const byPage = new Map<string, string[]>();
  for (const url of plan.withPhotos) {
    byPage.set(url, !rendered || rendered.has(url) ? refs(pageFile(dir, url)) : (previous.get(url) ?? []));
  }
  const live = new Set([...byPage.values()].flat());
  for (const file of files) {
    if (!/\.(?:html|xml)$/.test(file) || plan.pages.has(pageUrlOf(file))) continue; // keyed pages: counted above
    for (const copy of refs(join(dir, file))) live.add(copy);
  }
  return { byPage, live };
}

/** Deletes resized photo copies in `target` that no page uses; returns how many. */
export function deleteUnusedPhotoCopies(target: string, live: ReadonlySet<string>): number {
  const assets = join(target, '_astro');
  if (!existsSync(assets)) return 0;
  const unused = readdirSync(assets).filter((name) => PHOTO_COPY.test(name) && !live.has(name));
  for (const name of unused) rmSync(join(assets, name), { force: true });
  return unused.length;
}
