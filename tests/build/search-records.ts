// Reads the search index a build wrote: Pagefind bundles under pagefind/<id>/,
// whose files are gzip with a "pagefind_dcd" signature; fragments (one per
// indexed page) are JSON.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { WORD_DIRECTORY } from '#lib/search/search-shards.ts';

export interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** Pagefind's compressed files: gzip, then a 12-byte signature, then the payload. */
function unpack(file: string): Buffer {
  const raw = gunzipSync(readFileSync(file));
  if (raw.subarray(0, 12).toString() !== 'pagefind_dcd') throw new Error(`${file} is not a Pagefind file`);
  return raw.subarray(12);
}

/** Every indexed page's fragment in one bundle; large sites bundle fragments into groups (hash -> fragment). */
function readFragments(bundle: string): Fragment[] {
  return readdirSync(join(bundle, 'fragment')).flatMap((name) => {
    const json = JSON.parse(unpack(join(bundle, 'fragment', name)).toString()) as Fragment | Record<string, Fragment>;
    return 'url' in json && typeof json.url === 'string' ? [json as Fragment] : Object.values(json as Record<string, Fragment>);
  });
}

/** Every indexed page's fragment across all the shards in `outDir` (not the word directory's records, which are shards' words). */
export function searchFragments(outDir: string): Fragment[] {
  return readdirSync(join(outDir, 'pagefind'))
    .filter((id) => id !== WORD_DIRECTORY)
    .flatMap((id) => readFragments(join(outDir, 'pagefind', id)));
}
