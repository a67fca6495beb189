// What killed builds leave behind: staging folders, half-made copies beside
// the output, old outputs and old search shards set aside for deletion. Run
// while holding the output's lock (lock.ts), after any unfinished apply was
// finished (apply.ts), so nothing here belongs to a build that still runs:
// even so, a folder of a process that is still running is never touched.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isRunning } from './lock.ts';
import { stagingPlaces } from './output.ts';

/** What a build of `outDir` names with a process id: "<prefix><pid>" then an optional suffix. */
const PID_SUFFIX = /^(\d+)(?:-search|\.handoff\.json)?$/;

/** Removes the leftovers of builds of `outDir` that no longer run; returns the paths removed. */
export function removeLeftovers(root: string, outDir: string, self: number = process.pid): string[] {
  const removed: string[] = [];
  const dead = (pid: string): boolean => Number(pid) !== self && !isRunning(Number(pid));
  for (const { dir, prefix } of stagingPlaces(root, outDir)) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(prefix)) continue;
      const rest = name.slice(prefix.length);
      // Beside the output: "<out>.incoming-<pid>" and "<out>.old-<pid>"; in a staging place: "<pid>", "<pid>-search", "<pid>.handoff.json".
      const pid = /^(?:incoming|old)-(\d+)$/.exec(rest)?.[1] ?? (prefix.endsWith('.') ? undefined : PID_SUFFIX.exec(rest)?.[1]);
      if (pid === undefined || !dead(pid)) continue;
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(join(dir, name));
    }
  }
  const shards = join(outDir, 'pagefind');
  for (const name of existsSync(shards) ? readdirSync(shards) : []) {
    const pid = /\.old-(\d+)$/.exec(name)?.[1];
    if (pid === undefined || !dead(pid)) continue;
    rmSync(join(shards, name), { recursive: true, force: true });
    removed.push(join(shards, name));
  }
  return removed;
}
