// The keys a build leaves for the next build of the same output folder
// (docs/decisions/0008-incremental-builds.md), and whether that build may
// start from them.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pageFile } from './output.ts';
import type { PhotoDigest } from './photos.ts';

export interface Manifest {
  version: 5;
  /** Digest of the code, config and packages that render pages. */
  code: string;
  shared: string;
  /** The breaking banner the pages show (src/lib/build/page-plan.ts, bannerKey). */
  banner: string;
  /** Digest of what the files rendered every build (feeds, sitemaps, search page…) show; unchanged means a no-op build. */
  outputs: string;
  pages: [string, string][];
  shards: [string, string][];
  /** For each page showing a photo kept beside an article, the resized copies under /_astro/ it uses. */
  photos: [string, string[]][];
  /** Files written every build (feeds, sitemaps, _redirects…): one no longer written is deleted. */
  unkeyed: string[];
  /** Content digests of lead photos by path, with the size and modification time they were taken at. */
  photoDigests: PhotoDigest[];
}

/** Where the last build of `outDir` left its manifest. */
export function manifestFile(cacheDir: string, outDir: string): string {
  return join(cacheDir, 'builds', `${createHash('sha1').update(outDir).digest('hex').slice(0, 16)}.json`);
}

export function readManifest(file: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return manifest.version === 5 ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** The manifest, when a build of `outDir` with this code and shared key may start from that output. */
export function usableManifest(manifest: Manifest | undefined, outDir: string, code: string, shared: string): Manifest | undefined {
  if (!manifest || manifest.code !== code || manifest.shared !== shared) return undefined;
  // The output must still hold what the manifest says it does (a CI job may restore the cache but not dist/).
  const intact =
    manifest.pages.every(([url]) => existsSync(pageFile(outDir, url))) &&
    manifest.shards.every(([id]) => existsSync(join(outDir, 'pagefind', id, 'pagefind-entry.json'))) &&
    manifest.unkeyed.every((file) => existsSync(join(outDir, file)));
  return intact ? manifest : undefined;
}

/** Writes the manifest whole or not at all. */
export function writeManifest(file: string, manifest: Manifest): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(manifest));
  renameSync(temp, file);
}

export function removeManifest(file: string): void {
  rmSync(file, { force: true });
}
