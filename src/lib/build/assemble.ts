// `npm run build -- --assemble DIR…` (src/lib/build/shard.ts): the parts'
// outputs copied into one staging folder, which the build then swaps in like a
// full build's. A file several parts hold (feeds, sitemaps, the search page,
// assets) must be the same bytes in each: the assembly fails naming it otherwise.
import { constants, copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listFiles } from './output.ts';
import { PART_FILE, partName, PartsError, type PartRecord } from './shard.ts';

export interface StagedParts {
  /** Files in the assembled output. */
  files: number;
  /** Files more than one part held (each checked byte for byte). */
  shared: number;
}

/** Copies every part's files (not the part file) into `staging`; throws naming a file two parts hold with different bytes. */
export function stageParts(parts: readonly { dir: string; record: PartRecord }[], staging: string): StagedParts {
  const from = new Map<string, { dir: string; record: PartRecord }>();
  let shared = 0;
  for (const part of parts) {
    for (const file of listFiles(part.dir)) {
      if (file === PART_FILE) continue;
      const source = join(part.dir, file);
      const target = join(staging, file);
      const earlier = from.get(file);
      if (earlier) {
        if (!sameBytes(source, target))
          throw new PartsError(
            `cannot assemble: ${file} differs between ${earlier.dir} (${partName(earlier.record)}) and ${part.dir} (${partName(part.record)}); ` +
              'the parts were not built alike: build them again from the same commit with the same DATELINE_NOW',
          );
        shared++;
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(source, target, constants.COPYFILE_FICLONE);
      from.set(file, part);
    }
  }
  return { files: from.size, shared };
}

function sameBytes(a: string, b: string): boolean {
  return statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));
}
