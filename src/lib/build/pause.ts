// A test hook: with DATELINE_TEST_PAUSE=<phase>, a build stops at that phase
// until the test removes the file it writes, so a test can change the world
// (the content, the clock) or kill the build at a known moment.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where a build paused at `phase` waits; it goes on once the file is gone. */
export function pauseFile(cacheDir: string, phase: string): string {
  return join(cacheDir, `paused-${phase}`);
}

/** Waits at `phase` when `asked` names it; otherwise returns at once. */
export async function pauseAt(phase: string, asked: string | undefined, cacheDir: string): Promise<void> {
  if (asked !== phase) return;
  const file = pauseFile(cacheDir, phase);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, String(process.pid));
  while (existsSync(file)) await sleep(25);
}
