// What besides content shapes the output: a change means a full build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The project files that shape every page. */
const SHAPING = ['src', 'public', 'scripts', 'astro.config.mjs', 'site.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

/**
 * Digest of our code, the site config, public/, the locked packages and Node's
 * own version and data under `root`.
 */
export function codeDigest(root: string): string {
  const hash = createHash('sha1');
  const add = (path: string): void => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
      return;
    }
    hash
      .update(`${relative(root, path)}\0`)
      .update(readFileSync(path))
      .update('\0');
  };
  for (const path of SHAPING) add(join(root, path));
  // Node's ICU and time-zone data shape every formatted date.
  const { node, icu, tz, unicode } = process.versions;
  hash.update(JSON.stringify({ node, icu, tz, unicode }));
  return hash.digest('hex');
}
