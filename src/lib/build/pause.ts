// A test hook: with DATELINE_TEST_PAUSE=<step>, a build stops at that step
// until the test removes the file it writes, so a test can change the world
// (the content, the clock) or kill the build at a known moment. It waits
// synchronously, so it can stand inside the synchronous steps of the apply
// phase too.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The steps a build can pause at, in the order it reaches them. */
export const PAUSE_STEPS = ['after-clock', 'before-apply', 'overlay-after-shards', 'swap-between-renames', 'before-manifest'] as const;

/** Where a build paused at `step` waits; it goes on once the file is gone. */
export function pauseFile(cacheDir: string, step: string): string {
  return join(cacheDir, `paused-${step}`);
}

const nap = new Int32Array(new SharedArrayBuffer(4));

/** Waits at `step` when `asked` names it; otherwise returns at once. */
export function pauseAt(step: string, asked: string | undefined, cacheDir: string): void {
  if (asked !== step) return;
  const file = pauseFile(cacheDir, step);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, String(process.pid));
  while (existsSync(file)) Atomics.wait(nap, 0, 0, 25);
}
