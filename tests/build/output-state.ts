// The state of an output folder, file by file, for comparing builds.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A file's bytes (as a digest) and when it was written (inode and mtime). */
export interface FileState {
  digest: string;
  written: string;
}

/** Every file under `dir`, by relative path. */
export function snapshot(dir: string): Map<string, FileState> {
  const files = new Map<string, FileState>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const stat = statSync(path);
    files.set(path.slice(dir.length + 1), {
      digest: createHash('sha1').update(readFileSync(path)).digest('hex'),
      written: `${stat.ino}:${stat.mtimeMs}`,
    });
  }
  return files;
}

/** Files whose bytes differ between two outputs, or that only one has. */
export function differences(a: Map<string, FileState>, b: Map<string, FileState>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => a.get(p)?.digest !== b.get(p)?.digest).sort();
}
