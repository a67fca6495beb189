// One build at a time per output folder. Overlapping CI runs (a push and the
// schedule) must not both write dist/: the second waits for the first, or
// fails naming it. A lock left by a build that no longer runs is taken over.
// The lock file sits beside the output folder, which a full build renames.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { hostname } from 'node:os';

/** Who holds a lock. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holder took the lock. */
  since: string;
}

/** The lock file for builds into `outDir`. */
export function lockFile(outDir: string): string {
  return `${outDir.replace(/[\\/]+$/, '')}.lock`;
}

/** Whether process `pid` on this machine is still running. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LockOptions {
  /** How long to wait for another build, in milliseconds; 0 fails at once. */
  waitMs: number;
  /** Told once when this build starts waiting, and when it takes over a dead build's lock. */
  say: (message: string) => void;
  /** For tests: the clock and the pause between tries. */
  nowMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Takes the lock on `file`; resolves to a function that releases it. */
export async function acquireLock(file: string, options: LockOptions): Promise<() => void> {
  const now = options.nowMs ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date(now()).toISOString() };
  const started = now();
  let waiting = false;
  mkdirSync(dirname(file), { recursive: true });
  for (;;) {
    if (tryCreate(file, me)) {
      return () => {
        if (readHolder(file)?.pid === me.pid) rmSync(file, { force: true });
      };
    }
    const holder = readHolder(file);
    if (holder === undefined && ageMs(file, now()) < 5_000) {
      // Being written this very moment by another build: look again shortly.
    } else if (holder === undefined || (holder.host === me.host && !isRunning(holder.pid))) {
      options.say(
        holder
          ? `taking over the lock of build ${holder.pid} (started ${holder.since}), which is no longer running`
          : `replacing an unreadable lock ${file}`,
      );
      rmSync(file, { force: true });
      continue;
    } else if (now() - started >= options.waitMs) {
      throw new Error(
        `another build (process ${holder.pid} on ${holder.host}, started ${holder.since}) is writing this output; ` +
          `waited ${Math.round((now() - started) / 1000)} s. Let it finish and build again, or stop it; ` +
          `DATELINE_LOCK_WAIT (seconds) sets how long to wait. Lock file: ${file}`,
      );
    } else if (!waiting) {
      waiting = true;
      options.say(`waiting for another build (process ${holder.pid}, started ${holder.since}) to finish writing this output`);
    }
    await sleep(200);
  }
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(file: string, nowMs: number): number {
  try {
    return nowMs - statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
