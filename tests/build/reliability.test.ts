// Builds that survive anything (docs/reliability.md). A fixture is built, its
// content changed, and the next build is killed with SIGKILL at many moments
// spread over its whole run and at each step of its apply phase. After every
// kill the output is the old site or the new one (or, killed inside the apply,
// is finished by the next build), and one more build makes exactly what a full
// build makes, leaving nothing behind. Also: two builds at once, a full disk
// and a read-only output folder, on small tmpfs file systems the test mounts.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalFile } from '#lib/build/apply.ts';
import { manifestFile } from '#lib/build/manifest.ts';
import { pauseFile } from '#lib/build/pause.ts';
import { fixtureCopy, ROOT, runBuild } from './build-site.ts';
import { differences, snapshot, type FileState } from './output-state.ts';

const NOW = '2026-06-01T12:00:00+00:00';
const NEW_STORY = `---\ntitle: "Lock keepers vote to strike"\nsection: world\ndesk: news-desk\npublishedAt: 2026-05-31T08:00:00+00:00\ntags: [ports]\n---\n\nThe lock keepers voted to strike.\n`;

/** A spawned build that can be killed, with what it printed. */
function startBuild(content: string, outDir: string, cacheDir: string, env: Record<string, string> = {}) {
  const { DATELINE_COMMENTS_ENDPOINT: _, ...inherited } = process.env;
  const child = spawn(process.execPath, [join(ROOT, 'scripts/build.ts')], {
    cwd: ROOT,
    env: { ...inherited, DATELINE_CONTENT_DIR: content, DATELINE_OUT_DIR: outDir, DATELINE_CACHE_DIR: cacheDir, DATELINE_NOW: NOW, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return { child, exited, output: () => output };
}

/** Anything a build of `outDir` leaves behind when it stops: staging, copies, old outputs, old shards, the lock. */
function leftovers(outDir: string): string[] {
  const beside = readdirSync(dirname(outDir)).filter(
    (name) => name.startsWith(`${basename(outDir)}.`) || name.startsWith(`.${basename(outDir)}.`),
  );
  const staged = existsSync(join(ROOT, '.cache/dateline'))
    ? readdirSync(join(ROOT, '.cache/dateline')).filter((name) => /^staging-\d+/.test(name) && !isRunning(Number(/\d+/.exec(name)![0])))
    : [];
  const oldShards = existsSync(join(outDir, 'pagefind'))
    ? readdirSync(join(outDir, 'pagefind')).filter((name) => /\.old-\d+$/.test(name))
    : [];
  return [...beside, ...staged, ...oldShards];
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(file: string, build: { exited: Promise<number | null>; output: () => string }): Promise<void> {
  let done = false;
  void build.exited.then(() => (done = true));
  while (!existsSync(file)) {
    if (done) throw new Error(`the build ended before reaching ${basename(file)}:\n${build.output()}`);
    await sleep(20);
  }
}

describe('a build killed at any moment', () => {
  let content: string;
  let outDir: string;
  let cacheDir: string;
  let saved: string;
  let oldSite: Map<string, FileState>;
  let newSite: Map<string, FileState>;
  const outcomes: string[] = [];

  /** Puts the old output and its manifest back, as before the change. */
  function restoreOld(): void {
    rmSync(outDir, { recursive: true, force: true });
    cpSync(join(saved, 'dist'), outDir, { recursive: true });
    rmSync(join(cacheDir, 'builds'), { recursive: true, force: true });
    cpSync(join(saved, 'builds'), join(cacheDir, 'builds'), { recursive: true });
  }

  /** After a kill: the output is the old or the new site, or the build was inside its apply and left a journal. */
  function judgeAfterKill(label: string): void {
    const now = existsSync(outDir) ? snapshot(outDir) : new Map<string, FileState>();
    const isOld = differences(now, oldSite).length === 0;
    const isNew = differences(now, newSite).length === 0;
    const midApply = existsSync(journalFile(manifestFile(cacheDir, outDir)));
    expect(isOld || isNew || midApply, `${label}: the output is neither the old site nor the new one, and no apply was under way`).toBe(
      true,
    );
    const next = runBuild(content, NOW, outDir, { DATELINE_CACHE_DIR: cacheDir });
    expect(next.status, next.output).toBe(0);
    // A build stopped inside its apply is finished from its journal before anything else.
    if (midApply) expect(next.output, label).toMatch(/finished updating \S+, which a build stopped part-way through/);
    expect(differences(snapshot(outDir), newSite), `${label}: the next build does not make the new site`).toEqual([]);
    expect(leftovers(outDir), label).toEqual([]);
    outcomes.push(`${label}: ${isOld ? 'old site' : isNew ? 'new site' : 'mid-apply, finished by the next build'}`);
  }

  beforeAll(() => {
    content = fixtureCopy('basic');
    const work = mkdtempSync(join(tmpdir(), 'dateline-kill-'));
    outDir = join(work, 'dist');
    cacheDir = join(work, 'cache');
    saved = join(work, 'saved');
    const first = runBuild(content, NOW, outDir, { DATELINE_CACHE_DIR: cacheDir });
    if (first.status !== 0) throw new Error(first.output);
    oldSite = snapshot(outDir);
    mkdirSync(saved);
    cpSync(outDir, join(saved, 'dist'), { recursive: true });
    cpSync(join(cacheDir, 'builds'), join(saved, 'builds'), { recursive: true });
    // The change: a new story, and a corrected headline.
    writeFileSync(join(content, 'articles/2026/lock-keepers-strike.md'), NEW_STORY);
    const accord = join(content, 'articles/2026/harbour-accord-signed.md');
    writeFileSync(accord, execFileSync('sed', ['s/^title: .*/title: "Harbour accord signed at last"/', accord], { encoding: 'utf8' }));
    const full = runBuild(content, NOW, join(work, 'full'), { DATELINE_CACHE_DIR: join(work, 'full-cache'), DATELINE_FULL_BUILD: '1' });
    if (full.status !== 0) throw new Error(full.output);
    newSite = snapshot(join(work, 'full'));
  }, 300_000);

  afterAll(() => {
    // The figures docs/reliability.md reports.
    console.log(`kill points tried: ${outcomes.length}\n${outcomes.join('\n')}`);
  });

  it('the old and the new site differ (so the checks below can tell them apart)', () => {
    expect(differences(oldSite, newSite).length).toBeGreaterThan(5);
  });

  it('survives SIGKILL at ten moments spread over the whole build', async () => {
    // How long the same build takes uninterrupted, now, to spread the kills over it.
    restoreOld();
    const started = performance.now();
    const timed = runBuild(content, NOW, outDir, { DATELINE_CACHE_DIR: cacheDir });
    const wholeMs = performance.now() - started;
    expect(timed.status, timed.output).toBe(0);
    expect(differences(snapshot(outDir), newSite)).toEqual([]);
    for (let k = 1; k <= 10; k++) {
      restoreOld();
      const at = Math.round((wholeMs * k) / 11);
      const build = startBuild(content, outDir, cacheDir);
      await sleep(at);
      build.child.kill('SIGKILL');
      await build.exited;
      judgeAfterKill(`killed ${at} ms into an incremental build`);
    }
  }, 600_000);

  it('survives SIGKILL at every step of the apply phase, incremental and full', async () => {
    const steps: [string, Record<string, string>][] = [
      ['before-apply', {}],
      ['overlay-after-shards', {}],
      ['before-manifest', {}],
      ['before-apply', { DATELINE_FULL_BUILD: '1' }],
      ['swap-between-renames', { DATELINE_FULL_BUILD: '1' }],
      ['before-manifest', { DATELINE_FULL_BUILD: '1' }],
    ];
    for (const [step, env] of steps) {
      restoreOld();
      const build = startBuild(content, outDir, cacheDir, { DATELINE_TEST_PAUSE: step, ...env });
      await waitFor(pauseFile(cacheDir, step), build);
      build.child.kill('SIGKILL');
      await build.exited;
      rmSync(pauseFile(cacheDir, step));
      judgeAfterKill(`killed at ${step}${env['DATELINE_FULL_BUILD'] ? ' of a full build' : ''}`);
    }
    expect(outcomes.filter((o) => o.includes('mid-apply')).length).toBeGreaterThan(0);
  }, 600_000);

  it('lets one of two builds started together wait for the other; the output is the full build', async () => {
    restoreOld();
    const [a, b] = [startBuild(content, outDir, cacheDir), startBuild(content, outDir, cacheDir)];
    expect(await a.exited, a.output()).toBe(0);
    expect(await b.exited, b.output()).toBe(0);
    expect([a.output(), b.output()].filter((o) => o.includes('waiting for another build'))).toHaveLength(1);
    expect(differences(snapshot(outDir), newSite)).toEqual([]);
    expect(leftovers(outDir)).toEqual([]);
  }, 300_000);

  it('fails at once, naming the other build, when told not to wait', async () => {
    restoreOld();
    const holder = startBuild(content, outDir, cacheDir, { DATELINE_TEST_PAUSE: 'before-apply' });
    await waitFor(pauseFile(cacheDir, 'before-apply'), holder);
    const second = runBuild(content, NOW, outDir, { DATELINE_CACHE_DIR: cacheDir, DATELINE_LOCK_WAIT: '0' });
    expect(second.status).toBe(1);
    expect(second.output).toMatch(new RegExp(`another build \\(process ${holder.child.pid} on .+, started .+\\) is writing this output`));
    rmSync(pauseFile(cacheDir, 'before-apply'));
    expect(await holder.exited).toBe(0);
    expect(differences(snapshot(outDir), newSite)).toEqual([]);
  }, 300_000);

  it('removes what dead builds left behind, and never what a running process owns', async () => {
    restoreOld();
    const dead = spawnSync(process.execPath, ['-e', 'process.pid'], { encoding: 'utf8' }).pid!;
    const alive = spawn('sleep', ['60']);
    const plant = (path: string): string => (mkdirSync(path, { recursive: true }), path);
    const deadOnes = [
      plant(`${outDir}.incoming-${dead}`),
      plant(`${outDir}.old-${dead}`),
      plant(join(ROOT, '.cache/dateline', `staging-${dead}`)),
      plant(join(ROOT, '.cache/dateline', `staging-${dead}-search`)),
      plant(join(outDir, 'pagefind', `0-open.old-${dead}`)),
    ];
    const liveOne = plant(join(ROOT, '.cache/dateline', `staging-${alive.pid}`));
    const result = runBuild(content, NOW, outDir, { DATELINE_CACHE_DIR: cacheDir });
    alive.kill();
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/removed 5 folders left by builds that were stopped/);
    expect(deadOnes.filter((path) => existsSync(path))).toEqual([]);
    expect(existsSync(liveOne)).toBe(true);
    rmSync(liveOne, { recursive: true });
  }, 300_000);
});

describe('a full disk and a read-only output folder', () => {
  let mount: string;
  let content: string;
  let cacheDir: string;
  let outDir: string;

  const sh = (...args: string[]): void => void execFileSync(args[0]!, args.slice(1), { stdio: 'pipe' });

  beforeAll(() => {
    mount = mkdtempSync(join(tmpdir(), 'dateline-disk-'));
    try {
      sh('mount', '-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mount);
    } catch (error) {
      throw new Error(`this test mounts small tmpfs file systems, which needs root (CI runs as root): ${(error as Error).message}`, {
        cause: error,
      });
    }
    content = fixtureCopy('basic');
    cacheDir = mkdtempSync(join(tmpdir(), 'dateline-disk-cache-'));
    outDir = join(mount, 'dist');
  }, 60_000);

  afterAll(() => {
    if (mount) spawnSync('umount', [mount]);
  });

  it('refuses a full disk with the folder and the room needed, leaves the output as it was, and builds once there is room', () => {
    const first = runBuild(content, NOW, outDir, { DATELINE_CACHE_DIR: cacheDir });
    expect(first.status, first.output).toBe(0);
    const before = snapshot(outDir);
    // Room for the site, not for a second copy of it beside it.
    const disk = statfsSync(mount);
    const usedKb = Math.ceil(((disk.blocks - disk.bfree) * disk.bsize) / 1024);
    expect(usedKb).toBeGreaterThan(100);
    sh('mount', '-o', `remount,size=${Math.ceil(usedKb * 1.5)}k`, mount);
    writeFileSync(join(content, 'articles/2026/lock-keepers-strike.md'), NEW_STORY);
    const full = runBuild(content, NOW, outDir, { DATELINE_CACHE_DIR: cacheDir, DATELINE_FULL_BUILD: '1' });
    expect(full.status).toBe(1);
    expect(full.output).toMatch(
      new RegExp(
        `no space left on the disk that holds \\S*${basename(mount)}\\S* \\(the new site takes about \\d+ MB\\): free some space and build again`,
      ),
    );
    expect(full.output).toMatch(/was left as it was/);
    expect(differences(snapshot(outDir), before)).toEqual([]);
    expect(leftovers(outDir)).toEqual([]);
    sh('mount', '-o', 'remount,size=64m', mount);
    const again = runBuild(content, NOW, outDir, { DATELINE_CACHE_DIR: cacheDir });
    expect(again.status, again.output).toBe(0);
    expect(existsSync(join(outDir, 'world/lock-keepers-strike/index.html'))).toBe(true);
  }, 300_000);

  it('names an output folder it cannot write to, changes nothing, and builds once it can', () => {
    const before = snapshot(outDir);
    writeFileSync(
      join(content, 'articles/2026/lock-keepers-vote-again.md'),
      NEW_STORY.replace('Lock keepers vote to strike', 'Lock keepers vote again'),
    );
    sh('mount', '-o', 'remount,ro', mount);
    const refused = runBuild(content, NOW, outDir, { DATELINE_CACHE_DIR: cacheDir });
    sh('mount', '-o', 'remount,rw', mount);
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(new RegExp(`cannot write to \\S*${basename(mount)}\\S* \\(EROFS\\)`));
    expect(differences(snapshot(outDir), before)).toEqual([]);
    const again = runBuild(content, NOW, outDir, { DATELINE_CACHE_DIR: cacheDir });
    expect(again.status, again.output).toBe(0);
    expect(existsSync(join(outDir, 'world/lock-keepers-vote-again/index.html'))).toBe(true);
  }, 300_000);
});
