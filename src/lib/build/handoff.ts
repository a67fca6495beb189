// What scripts/build.ts hands to Astro: the build context, the content it has
// already loaded and checked, and which pages to render. Astro loads the
// config, the integration and the pages in separate module graphs, so nothing
// in memory is shared with them; the hand-off is a file beside the folder Astro
// builds into, which the integration finds from its own `outDir` and serves
// to pages (src/bridge/integration.ts). Without the file (`astro dev`, a bare
// `astro build`) the integration makes its own context and pages load content.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BuildContext } from './context.ts';
import type { Content } from '#lib/content/content.ts';

export interface Handoff {
  context: BuildContext;
  /** The content as the build loaded it (metadata only: bodies stay on disk). */
  content: Content;
  /** Keyed pages to render this time; absent means all of them. */
  renderOnly?: string[];
  /** Absolute URLs of every keyed page, rendered this time or kept: the sitemaps list them all. */
  pageUrls: string[];
}

/** Where the hand-off for a build into `astroOutDir` is written. */
export function handoffFile(astroOutDir: string): string {
  return `${astroOutDir.replace(/[\\/]+$/, '')}.handoff.json`;
}

export function writeHandoff(astroOutDir: string, handoff: Handoff): void {
  mkdirSync(dirname(handoffFile(astroOutDir)), { recursive: true });
  writeFileSync(handoffFile(astroOutDir), JSON.stringify(handoff));
}

/** The hand-off for a build into `astroOutDir`, if scripts/build.ts left one. */
export function readHandoff(astroOutDir: string): Handoff | undefined {
  try {
    return JSON.parse(readFileSync(handoffFile(astroOutDir), 'utf8')) as Handoff;
  } catch {
    return undefined;
  }
}

export function removeHandoff(astroOutDir: string): void {
  rmSync(handoffFile(astroOutDir), { force: true });
}
