// The pieces that make a build safe to stop and to overlap: the output lock,
// the swap that a later build can finish, and the clean-up of dead builds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeLeftovers } from '#lib/build/leftovers.ts';
import { acquireLock, isRunning, lockFile } from '#lib/build/lock.ts';
import { swapIn } from '#lib/build/output.ts';

const temp = (): string => mkdtempSync(join(tmpdir(), 'dateline-safety-'));
/** The pid of a process that has already ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('acquireLock', () => {
  it('takes a free lock, writes who holds it, and releases it', async () => {
    const file = lockFile(join(temp(), 'dist'));
    const release = await acquireLock(file, { waitMs: 0, say: () => undefined });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    release();
    expect(existsSync(file)).toBe(false);
  });

  it('takes over a lock whose build no longer runs, and says so', async () => {
    const file = lockFile(join(temp(), 'dist'));
    const pid = deadPid();
    writeFileSync(file, JSON.stringify({ pid, host: hostname(), since: '2026-12-04T10:00:00.000Z' }));
    const said: string[] = [];
    const release = await acquireLock(file, { waitMs: 0, say: (m) => said.push(m) });
    expect(said).toEqual([`taking over the lock of build ${pid} (started 2026-12-04T10:00:00.000Z), which is no longer running`]);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('waits for a running build, says so once, and fails naming it when the wait is over', async () => {
    const file = lockFile(join(temp(), 'dist'));
    writeFileSync(file, JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-12-04T10:00:00.000Z' }));
    let now = 0;
    const said: string[] = [];
    const waiting = acquireLock(file, { waitMs: 1000, say: (m) => said.push(m), nowMs: () => now, sleep: async (ms) => void (now += ms) });
    await expect(waiting).rejects.toThrow(
      `another build (process ${process.ppid} on ${hostname()}, started 2026-12-04T10:00:00.000Z) is writing this output; waited 1 s.`,
    );
    expect(said).toEqual([
      `waiting for another build (process ${process.ppid}, started 2026-12-04T10:00:00.000Z) to finish writing this output`,
    ]);
  });

  it('goes ahead as soon as the running build lets go', async () => {
    const file = lockFile(join(temp(), 'dist'));
    writeFileSync(file, JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-12-04T10:00:00.000Z' }));
    let tries = 0;
    const sleep = async (): Promise<void> => {
      if (++tries === 3) writeFileSync(file, ''); // the other build is gone; an empty, old file is no lock
    };
    const release = await acquireLock(file, { waitMs: 60_000, say: () => undefined, nowMs: () => Date.now() + 10_000, sleep });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    release();
  });
});

describe('swapIn', () => {
  it('replaces the output with the new site and deletes the old one', () => {
    const dir = temp();
    mkdirSync(join(dir, 'new'));
    writeFileSync(join(dir, 'new/index.html'), 'new');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/index.html'), 'old');
    swapIn(join(dir, 'new'), join(dir, 'dist'), '.old-1');
    expect(readFileSync(join(dir, 'dist/index.html'), 'utf8')).toBe('new');
    expect(existsSync(join(dir, 'dist.old-1'))).toBe(false);
  });

  it('finishes a swap stopped between its two renames', () => {
    const dir = temp();
    mkdirSync(join(dir, 'new'));
    writeFileSync(join(dir, 'new/index.html'), 'new');
    mkdirSync(join(dir, 'dist.old-1'));
    writeFileSync(join(dir, 'dist.old-1/index.html'), 'old');
    swapIn(join(dir, 'new'), join(dir, 'dist'), '.old-1');
    expect(readFileSync(join(dir, 'dist/index.html'), 'utf8')).toBe('new');
    expect(existsSync(join(dir, 'dist.old-1'))).toBe(false);
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });
});

describe('removeLeftovers', () => {
  it('removes staging, copies and old shards of dead builds, and keeps those of running ones and our own', () => {
    const root = temp();
    const outDir = join(root, 'dist');
    const dead = deadPid();
    const names = [
      `.dist.staging-${dead}`,
      `.dist.staging-${dead}-search`,
      `dist.incoming-${dead}`,
      `dist.old-${dead}`,
      `.dist.staging-${process.ppid}`,
      `.dist.staging-${process.pid}`,
      'dist.lock-not-ours',
    ];
    for (const name of names) mkdirSync(join(root, name));
    writeFileSync(join(root, `.dist.staging-${dead}.handoff.json`), '{}');
    mkdirSync(join(outDir, 'pagefind', `0-open.old-${dead}`), { recursive: true });
    mkdirSync(join(outDir, 'pagefind', '0-open'));
    const removed = removeLeftovers(root, outDir).map((p) => p.slice(root.length + 1));
    expect(removed.sort()).toEqual([...names.slice(0, 4), `.dist.staging-${dead}.handoff.json`, `dist/pagefind/0-open.old-${dead}`].sort());
    expect(isRunning(process.ppid)).toBe(true);
    for (const kept of [`.dist.staging-${process.ppid}`, `.dist.staging-${process.pid}`, 'dist.lock-not-ours', 'dist/pagefind/0-open']) {
      expect(existsSync(join(root, kept)), kept).toBe(true);
    }
  });
});
