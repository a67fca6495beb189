// `npm run bench -- --articles N` or `npm run bench -- --content DIR`: builds a
// large archive with the real build (scripts/build.ts, as a child process) and
// measures it: wall time, peak memory of the whole process tree, pages
// written, output and search-index size. `--publish-one` measures publishing:
// a cold build, then one new story at a time on top of it with the caches and
// the output kept, as a CI job would; with `--deploy` each of those builds is
// also deployed (scripts/deploy.ts) to a local S3-API server (s3rver), and the
// files, bytes and seconds uploaded are printed. `--shards N` builds the same
// archive as N parts (npm run build -- --shard i/n), one after another, each
// cold, then assembles them and checks the result is the single build's, byte
// for byte. See --help; DESIGN.md ("Scale") and
// bench/README.md for what we compare against.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { createLogger } from './log.ts';

const log = createLogger('bench');
const root = resolve(import.meta.dirname, '..');
const benchDir = join(root, 'bench-out'); // git-ignored
/** The build clock: after every generated article (the newest is 2025-12-31T18:00Z). */
const BUILD_NOW = '2026-01-01T00:00:00+00:00';
/** Deleted before each cold build: our render cache and Vite's and Astro's caches. */
const CACHES = ['.cache/dateline', 'node_modules/.vite', 'node_modules/.astro'];
const SAMPLE_MS = 100;
const TAIL_LINES = 60;

const USAGE = `usage: npm run bench -- (--articles N | --content DIR) [options]

  --articles N    generate N articles with scripts/gen-archive.ts into bench-out/corpus-N
                  (regenerated every time; deterministic), then build it
  --seed S        seed for the generated archive (default 1; other seeds use corpus-N-seedS)
  --content DIR   build an existing contract-shaped folder instead (articles/, sections/, desks/),
                  e.g. one made by bench/gen-corpus.mjs
  --runs K        build K times; print each run and the median (default 1)
  --keep-cache    warm builds: keep ${CACHES.join(', ')}
                  (default: cold, they are deleted before every build)
  --publish-one   the publishing scenario: copy the corpus to bench-out/publish-<name>, build it
                  cold (run 0), then for each of the K runs add one new article (in the newest
                  year, sharing a section, desk and tags with stories there) and build again with
                  the caches and the previous output kept; checks each new story reached its page,
                  the front page, its section, the sitemap and the search index
  --deploy        with --publish-one: start a local S3-API server (s3rver, on 127.0.0.1, its files in
                  bench-out/s3-<name>) and deploy each build to it with scripts/deploy.ts: the first
                  deploy after run 0, a deploy with nothing changed, then one per published story,
                  each timed with Node's start; and time \`npm run due\` after each published story
  --banner        with --publish-one: after the published stories, put a breaking banner up (a file
                  in alerts/, current at the build clock) and build, then take it down and build,
                  each with the output and caches kept; checks the banner is on (then off) the front
                  page and a story's page
  --shards N      after the cold build (with --publish-one: after the published stories), build
                  the N parts of it (--shard i/N) one after another, each cold with its own output
                  (bench-out/dist-<name>-part-i) and cache, then --assemble them into
                  bench-out/dist-<name>-assembled, each timed; fails if the assembled output differs
                  from the single build's in any byte; prints a table of the parts (with --keep-cache,
                  Vite's and Astro's caches are kept for the parts; their own render caches start empty)
  --verbose       pass all of the build's output through (default: only its [dateline] lines)
  --peer hugo     after each of our builds, build the same corpus with the minimal Hugo site in
                  bench/hugo-peer (needs \`apt-get install hugo\`), measured the same way,
                  and print the ratio of medians
  -h, --help      show this help

Each build runs as \`node scripts/build.ts\` with DATELINE_CONTENT_DIR=<corpus>,
DATELINE_OUT_DIR=bench-out/dist-<name> (deleted before each run, untimed) and
DATELINE_NOW=${BUILD_NOW}. Peak memory is the largest sum of VmRSS over the build
and all its descendants, sampled every ${SAMPLE_MS} ms from /proc (shared pages count once
per process); "child HWM" is the build process's own VmHWM. Sizes are disk usage
(allocated blocks, like du). Exits 1 if a build fails, showing the tail of its stderr.`;

interface Options {
  articles?: number;
  seed: number;
  content?: string;
  runs: number;
  keepCache: boolean;
  publishOne: boolean;
  deploy: boolean;
  banner: boolean;
  verbose: boolean;
  peer?: 'hugo';
  shards?: number;
}

interface RunResult {
  run: number;
  cache: string;
  wallS: number;
  peakTreeKiB: number;
  childHwmKiB: number | undefined;
  maxProcesses: number;
  biggestOther: { name: string; hwmKiB: number } | undefined;
  pages: number;
  outBytes: number;
  outApparentBytes: number;
  pagefindBytes: number;
  pagefindFiles: number;
}

// ---------------------------------------------------------------- command line

function readArgs() {
  try {
    return parseArgs({
      options: {
        articles: { type: 'string' },
        seed: { type: 'string', default: '1' },
        content: { type: 'string' },
        runs: { type: 'string', default: '1' },
        'keep-cache': { type: 'boolean', default: false },
        'publish-one': { type: 'boolean', default: false },
        deploy: { type: 'boolean', default: false },
        banner: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        peer: { type: 'string' },
        shards: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
}

function parseOptions(): Options {
  const values = readArgs();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (!Number.isInteger(runs) || runs < 1) return usageError('--runs must be a whole number of 1 or more');
  if (!Number.isInteger(seed) || seed < 0) return usageError('--seed must be a whole number');
  if ((values.articles === undefined) === (values.content === undefined)) {
    return usageError('give exactly one of --articles N and --content DIR');
  }
  if (values.deploy && !values['publish-one']) return usageError('--deploy goes with --publish-one');
  if (values.banner && !values['publish-one']) return usageError('--banner goes with --publish-one');
  const options: Options = {
    seed,
    runs,
    keepCache: values['keep-cache'],
    publishOne: values['publish-one'],
    deploy: values.deploy,
    banner: values.banner,
    verbose: values.verbose,
  };
  if (values.articles !== undefined) {
    const articles = Number(values.articles);
    if (!Number.isInteger(articles) || articles < 1) return usageError('--articles must be a whole number of 1 or more');
    options.articles = articles;
  }
  if (values.content !== undefined) options.content = resolve(values.content);
  if (values.shards !== undefined) {
    const shards = Number(values.shards);
    if (!Number.isInteger(shards) || shards < 2) return usageError('--shards must be a whole number of 2 or more');
    options.shards = shards;
  }
  if (values.peer !== undefined) {
    if (values.peer !== 'hugo') return usageError(`--peer takes "hugo", not "${values.peer}"`);
    options.peer = 'hugo';
  }
  return options;
}

function usageError(message: string): never {
  log.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

// ---------------------------------------------------------------- /proc sampling

/** Pids of `pid` and all its descendants, from the ppid field of /proc/<pid>/stat. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid);
    if (list) list.push(Number(name));
    else children.set(ppid, [Number(name)]);
  }
  const out: number[] = [];
  const queue = [pid];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}

interface ProcStatus {
  name: string;
  rssKiB: number;
  hwmKiB: number | undefined;
}

function readStatus(pid: number): ProcStatus | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (key: string): number | undefined => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const rss = field('VmRSS');
  if (rss === undefined) return undefined; // a zombie or kernel thread
  return { name: /^Name:\s+(.*)$/m.exec(text)?.[1] ?? '?', rssKiB: rss, hwmKiB: field('VmHWM') };
}

/** Samples the tree under `pid` until stop() is called. */
function startSampler(pid: number) {
  let peakTreeKiB = 0;
  let childHwmKiB: number | undefined;
  let maxProcesses = 0;
  const othersHwm = new Map<number, { name: string; hwmKiB: number }>();
  const sample = (): void => {
    let sum = 0;
    let count = 0;
    for (const p of processTree(pid)) {
      const s = readStatus(p);
      if (!s) continue;
      sum += s.rssKiB;
      count++;
      if (p === pid) {
        if (s.hwmKiB !== undefined) childHwmKiB = Math.max(childHwmKiB ?? 0, s.hwmKiB);
      } else {
        const hwm = Math.max(s.hwmKiB ?? 0, s.rssKiB);
        if (hwm > (othersHwm.get(p)?.hwmKiB ?? 0)) othersHwm.set(p, { name: s.name, hwmKiB: hwm });
      }
    }
    peakTreeKiB = Math.max(peakTreeKiB, sum);
    maxProcesses = Math.max(maxProcesses, count);
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      const biggestOther = [...othersHwm.values()].sort((a, b) => b.hwmKiB - a.hwmKiB)[0];
      return { peakTreeKiB, childHwmKiB, maxProcesses, biggestOther };
    },
  };
}

// ---------------------------------------------------------------- files

/** Disk usage (allocated blocks, like du) and apparent size of a folder, and its .html count. */
function measureDir(dir: string): { bytes: number; apparent: number; html: number; files: number } {
  const out = { bytes: 0, apparent: 0, html: 0, files: 0 };
  if (!existsSync(dir)) return out;
  const top = lstatSync(dir);
  out.bytes += top.blocks * 512;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const st = lstatSync(join(entry.parentPath, entry.name));
    out.bytes += st.blocks * 512;
    if (!entry.isFile()) continue;
    out.apparent += st.size;
    out.files++;
    if (entry.name.endsWith('.html')) out.html++;
  }
  return out;
}

function countArticles(contentDir: string): number {
  const dir = join(contentDir, 'articles');
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const year of readdirSync(dir)) {
    const yearDir = join(dir, year);
    if (statSync(yearDir).isDirectory()) n += readdirSync(yearDir).filter((f) => f.endsWith('.md')).length;
  }
  return n;
}

// ---------------------------------------------------------------- formatting

const MiB = 1024 * 1024;
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;
const kibAsMib = (kib: number | undefined): string => (kib === undefined ? 'n/a' : `${Math.round(kib / 1024)} MiB`);
const secs = (s: number): string => `${s.toFixed(1)} s`;
const rel = (p: string): string => {
  const r = relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') ? p : r;
};

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c < 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function machine(): string {
  let cpu = 'unknown CPU';
  try {
    cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  const version = (pkg: string): string => {
    try {
      return (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  return (
    `machine: ${availableParallelism()} CPUs (nproc), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ` +
    `node ${process.version}, ${cpu}; astro ${version('astro')}, pagefind ${version('pagefind')}`
  );
}

// ---------------------------------------------------------------- one build

/** A build other than the plain one: its arguments, extra variables, and the caches deleted before it (a cold part). */
interface BuildVariant {
  label: string;
  args: string[];
  env: Record<string, string>;
  cold: string[];
}

async function runBuild(
  run: number,
  corpus: string,
  outDir: string,
  options: Options,
  publishing = false,
  variant?: BuildVariant,
): Promise<RunResult> {
  // Publishing keeps the previous output and every cache, as a CI job keeping them would.
  if (!publishing) rmSync(outDir, { recursive: true, force: true });
  if (variant) for (const c of variant.cold) rmSync(resolve(root, c), { recursive: true, force: true });
  else if (!options.keepCache && !publishing) for (const c of CACHES) rmSync(join(root, c), { recursive: true, force: true });
  const cache = variant
    ? variant.label
    : publishing
      ? 'publish'
      : options.keepCache
        ? existsSync(join(root, CACHES[0] as string))
          ? 'warm'
          : 'warm*'
        : 'cold';

  log.info(`run ${run}/${options.runs} (${cache}): node scripts/build.ts${variant?.args.length ? ` ${variant.args.join(' ')}` : ''}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/build.ts', ...(variant?.args ?? [])], {
    cwd: root,
    env: { ...process.env, DATELINE_CONTENT_DIR: corpus, DATELINE_OUT_DIR: outDir, DATELINE_NOW: BUILD_NOW, ...variant?.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward).on('SIGTERM', forward);
  if (child.pid === undefined) throw new Error('could not start the build');
  const sampler = startSampler(child.pid);

  const stderrTail: string[] = [];
  const stdoutTail: string[] = [];
  let otherLines = 0;
  const lines = (stream: NodeJS.ReadableStream, tail: string[]): void => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) take(line, tail);
    });
    stream.on('end', () => {
      if (rest) take(rest, tail);
    });
  };
  const take = (line: string, tail: string[]): void => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    if (options.verbose || line.startsWith('[dateline]')) process.stderr.write(`  | ${line}\n`);
    else if (line.trim()) otherLines++;
  };
  lines(child.stdout, stdoutTail);
  lines(child.stderr, stderrTail);

  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
    child.on('error', fail);
    child.on('close', (c, s) => done([c, s]));
  });
  const wallS = (performance.now() - started) / 1000;
  const mem = sampler.stop();
  process.off('SIGINT', forward).off('SIGTERM', forward);

  if (code !== 0) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = stderrTail.length > 0 ? stderrTail : stdoutTail;
    process.stderr.write(
      `\n--- last ${tail.length} lines of the build's ${stderrTail.length > 0 ? 'stderr' : 'stdout'} ---\n${tail.join('\n')}\n---\n`,
    );
    log.error(
      `run ${run}: the build ${how} after ${secs(wallS)}; peak tree RSS ${kibAsMib(mem.peakTreeKiB)}, ` +
        `child HWM ${kibAsMib(mem.childHwmKiB)} (corpus ${rel(corpus)})`,
    );
    process.exit(1);
  }

  const out = measureDir(outDir);
  const pf = measureDir(join(outDir, 'pagefind'));
  const result: RunResult = {
    run,
    cache,
    wallS,
    peakTreeKiB: mem.peakTreeKiB,
    childHwmKiB: mem.childHwmKiB,
    maxProcesses: mem.maxProcesses,
    biggestOther: mem.biggestOther,
    pages: out.html,
    outBytes: out.bytes,
    outApparentBytes: out.apparent,
    pagefindBytes: pf.bytes,
    pagefindFiles: pf.files,
  };
  const other = result.biggestOther ? `; biggest other process: ${result.biggestOther.name} ${kibAsMib(result.biggestOther.hwmKiB)}` : '';
  process.stdout.write(
    `run ${run} (${cache}): ${secs(wallS)} wall, peak tree RSS ${kibAsMib(result.peakTreeKiB)} ` +
      `(up to ${result.maxProcesses} processes; child VmHWM ${kibAsMib(result.childHwmKiB)}${other}), ` +
      `${result.pages} pages, output ${mib(out.bytes)} on disk (${mib(out.apparent)} apparent, ${out.files} files), ` +
      `pagefind ${mib(pf.bytes)} (${pf.files} files)` +
      `${otherLines > 0 ? `; ${otherLines} other build output lines (--verbose shows them)` : ''}\n`,
  );
  return result;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const options = parseOptions();
  let corpus: string;
  let name: string;
  if (options.articles !== undefined) {
    name = options.seed === 1 ? `${options.articles}` : `${options.articles}-seed${options.seed}`;
    corpus = join(benchDir, `corpus-${name}`);
    const started = performance.now();
    const gen = spawnSync(
      process.execPath,
      ['scripts/gen-archive.ts', '--articles', String(options.articles), '--out', corpus, '--seed', String(options.seed)],
      { cwd: root, stdio: 'inherit' },
    );
    if (gen.status !== 0) {
      log.error(`generating the archive failed (${gen.signal ? `signal ${gen.signal}` : `exit code ${gen.status}`})`);
      process.exit(1);
    }
    log.info(`generated ${rel(corpus)} in ${secs((performance.now() - started) / 1000)} (not part of the build time)`);
  } else {
    corpus = options.content as string;
    if (!existsSync(join(corpus, 'articles'))) usageError(`${corpus} has no articles/ folder: not a content folder`);
    name = basename(corpus);
  }
  const outDir = join(benchDir, `dist-${name}`);
  if (options.publishOne) {
    await publishOne(corpus, name, outDir, options);
    return;
  }
  const articles = countArticles(corpus);
  const info = machine();
  process.stdout.write(
    `bench: ${articles} article files in ${rel(corpus)} -> ${rel(outDir)}, DATELINE_NOW=${BUILD_NOW}, ` +
      `${options.keepCache ? 'warm (caches kept)' : 'cold (caches deleted before each build)'}, ${options.runs} run(s)\n${info}\n`,
  );

  const results: RunResult[] = [];
  const peers: PeerResult[] = [];
  for (let run = 1; run <= options.runs; run++) {
    results.push(await runBuild(run, corpus, outDir, options));
    // Interleaved with ours, so both see the same machine.
    if (options.peer) peers.push(await runHugo(run, corpus));
  }

  const row = (r: RunResult): string[] => [
    String(r.run),
    r.cache,
    r.wallS.toFixed(1),
    kibAsMib(r.peakTreeKiB),
    kibAsMib(r.childHwmKiB),
    String(r.pages),
    mib(r.outBytes),
    mib(r.pagefindBytes),
  ];
  const rows = [['run', 'cache', 'wall s', 'peak tree RSS', 'child HWM', 'pages', 'output', 'pagefind'], ...results.map(row)];
  if (results.length > 1) {
    const hwms = results.map((r) => r.childHwmKiB).filter((x): x is number => x !== undefined);
    rows.push([
      'median',
      '',
      median(results.map((r) => r.wallS)).toFixed(1),
      kibAsMib(median(results.map((r) => r.peakTreeKiB))),
      hwms.length > 0 ? kibAsMib(median(hwms)) : 'n/a',
      String(median(results.map((r) => r.pages))),
      mib(median(results.map((r) => r.outBytes))),
      mib(median(results.map((r) => r.pagefindBytes))),
    ]);
  }
  process.stdout.write(
    `\n${articles} articles (${rel(corpus)}), ${options.keepCache ? 'warm' : 'cold'}:\n${table(rows)}\n` +
      `${results.some((r) => r.cache === 'warm*') ? 'warm* = --keep-cache, but there was no render cache yet\n' : ''}${info}\n`,
  );
  if (options.shards !== undefined) await shardRuns(corpus, name, outDir, options, options.shards, results[0]!);
  if (peers.length > 0) {
    const ours = median(results.map((r) => r.wallS));
    const theirs = median(peers.map((r) => r.wallS));
    process.stdout.write(
      `hugo peer (${peers.length} run(s)): median ${theirs.toFixed(1)} s wall, peak ${kibAsMib(median(peers.map((r) => r.peakTreeKiB)))}, ` +
        `${median(peers.map((r) => r.pages))} pages\nratio Dateline / Hugo: ${(ours / theirs).toFixed(2)}x wall time\n`,
    );
  }
}

// ---------------------------------------------------------------- parts

/**
 * `--shards N`: the N parts of the build (scripts/build.ts --shard i/N), one
 * after another, each cold with its own output and cache folders, then the
 * assembly, each timed; the assembled output must be the single build's
 * (`singleOut`, built last) byte for byte.
 */
async function shardRuns(corpus: string, name: string, singleOut: string, options: Options, n: number, single: RunResult): Promise<void> {
  const parts: RunResult[] = [];
  const partDirs: string[] = [];
  for (let i = 1; i <= n; i++) {
    const out = join(benchDir, `dist-${name}-part-${i}`);
    const cache = join(benchDir, `cache-${name}-part-${i}`);
    partDirs.push(out);
    // Its own render cache always starts empty; Vite's and Astro's too, unless --keep-cache.
    const cold = [cache, ...(options.keepCache ? [] : CACHES.filter((c) => c !== '.cache/dateline'))];
    const variant = { label: `part ${i}/${n}`, args: ['--shard', `${i}/${n}`], env: { DATELINE_CACHE_DIR: cache }, cold };
    parts.push(await runBuild(i, corpus, out, options, false, variant));
  }
  const assembled = join(benchDir, `dist-${name}-assembled`);
  const assemblyCache = join(benchDir, `cache-${name}-assembled`);
  const assembly = await runBuild(n + 1, corpus, assembled, options, false, {
    label: 'assemble',
    args: ['--assemble', ...partDirs],
    env: { DATELINE_CACHE_DIR: assemblyCache },
    cold: [assemblyCache],
  });
  const differing = differentFiles(singleOut, assembled);
  const row = (r: RunResult): string[] => [
    r.cache,
    r.wallS.toFixed(1),
    kibAsMib(r.peakTreeKiB),
    String(r.pages),
    mib(r.outBytes),
    mib(r.pagefindBytes),
  ];
  const slowest = Math.max(...parts.map((p) => p.wallS));
  const header = ['build', 'wall s', 'peak tree RSS', 'pages', 'output', 'pagefind'];
  const lines = [header, header.map(() => '---'), [`single (${single.cache})`, ...row(single).slice(1)], ...parts.map(row), row(assembly)];
  process.stdout.write(
    `\n${n} parts of ${rel(corpus)}, one after another, each with its own output and an empty render cache:\n\n` +
      `${lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n')}\n\n` +
      `on ${n} machines at once: slowest part ${secs(slowest)} + assembly ${secs(assembly.wallS)} = ${secs(slowest + assembly.wallS)} ` +
      `against ${secs(single.wallS)} for the single build; assembled output ${differing.length === 0 ? 'byte-identical to the single build' : 'DIFFERS'}\n`,
  );
  if (differing.length > 0) {
    log.error(`the assembled output differs from the single build in ${differing.length} files: ${differing.slice(0, 20).join(', ')}`);
    process.exit(1);
  }
}

/** Files (relative paths) whose bytes differ between two folders, or that only one has. */
function differentFiles(a: string, b: string): string[] {
  const list = (dir: string): Map<string, string> =>
    new Map(
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
          const path = join(entry.parentPath, entry.name);
          return [relative(dir, path), path] as const;
        }),
    );
  const left = list(a);
  const right = list(b);
  const differing: string[] = [];
  for (const file of new Set([...left.keys(), ...right.keys()])) {
    const x = left.get(file);
    const y = right.get(file);
    if (!x || !y || !readFileSync(x).equals(readFileSync(y))) differing.push(file);
  }
  return differing.sort();
}

// ---------------------------------------------------------------- publishing

/**
 * The publishing scenario: a cold build of a copy of the corpus, then K times
 * one new story and a build with caches and output kept. With --peer hugo,
 * Hugo builds the same corpus cold after each of our builds.
 */
async function publishOne(source: string, name: string, outDir: string, options: Options): Promise<void> {
  const corpus = join(benchDir, `publish-${name}`);
  rmSync(corpus, { recursive: true, force: true });
  cpSync(source, corpus, { recursive: true });
  commitContent(corpus, 'the archive');
  const info = machine();
  process.stdout.write(
    `bench --publish-one: ${countArticles(corpus)} article files copied to ${rel(corpus)} -> ${rel(outDir)}, DATELINE_NOW=${BUILD_NOW}; ` +
      `run 0 cold, then ${options.runs} run(s) each adding one story\n${info}\n`,
  );
  const target = options.deploy ? await startDeployTarget(name) : undefined;
  const deploys: DeployResult[] = [];
  const dues: number[] = [];
  try {
    const results: RunResult[] = [await runBuild(0, corpus, outDir, { ...options, keepCache: false })];
    const peers: PeerResult[] = options.peer ? [await runHugo(0, corpus)] : [];
    if (target) {
      deploys.push(await deploy(target, outDir, 'first deploy (run 0)'));
      deploys.push(await deploy(target, outDir, 'nothing changed'));
    }
    for (let run = 1; run <= options.runs; run++) {
      const story = addStory(corpus, run);
      commitContent(corpus, `publish ${story.file}`);
      log.info(`run ${run}: published ${story.file}`);
      results.push(await runBuild(run, corpus, outDir, options, true));
      checkPublished(outDir, story);
      if (target) {
        deploys.push(await deploy(target, outDir, `one story (run ${run})`));
        await checkDeployed(target, story);
        dues.push(await timeDue(corpus, outDir));
      }
      if (options.peer) peers.push(await runHugo(run, corpus));
    }
    report(source, corpus, results, peers, info);
    if (target) reportDeploys(deploys, dues, results);
    if (options.banner) await bannerRuns(corpus, outDir, options);
    // The parts are compared with the output as the publishes left it: incremental builds are whole builds' bytes.
    if (options.shards !== undefined) await shardRuns(corpus, name, outDir, options, options.shards, results[0]!);
  } finally {
    await target?.close();
  }
}

/**
 * Commits everything in the content folder, as a writer does before CI builds
 * (a repository of its own, made on first use): the build then knows unchanged
 * files by git's blob ids (src/lib/content/content-index.ts). Not timed.
 */
function commitContent(corpus: string, message: string): void {
  const git = (...args: string[]): void => {
    const result = spawnSync(
      'git',
      ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', ...args],
      {
        cwd: corpus,
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} in ${rel(corpus)} failed: ${result.stderr}`);
  };
  if (!existsSync(join(corpus, '.git'))) git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', message);
}

function report(source: string, corpus: string, results: RunResult[], peers: PeerResult[], info: string): void {
  const rows = [
    ['run', 'build', 'wall s', 'peak tree RSS', 'child HWM', 'pages'],
    ...results.map((r) => [String(r.run), r.cache, r.wallS.toFixed(1), kibAsMib(r.peakTreeKiB), kibAsMib(r.childHwmKiB), String(r.pages)]),
  ];
  const published = results.slice(1);
  const publishS = median(published.map((r) => r.wallS));
  const coldS = results[0]!.wallS;
  let summary =
    `cold: ${coldS.toFixed(1)} s, peak ${kibAsMib(results[0]!.peakTreeKiB)}; publish one story: median ${publishS.toFixed(1)} s of ${published.length}, ` +
    `peak ${kibAsMib(Math.max(...published.map((r) => r.peakTreeKiB)))}\n`;
  if (peers.length > 0) {
    const hugoS = median(peers.map((r) => r.wallS));
    summary +=
      `hugo peer, cold, ${peers.length} run(s): median ${hugoS.toFixed(1)} s, peak ${kibAsMib(median(peers.map((r) => r.peakTreeKiB)))}\n` +
      `ratio to Hugo's cold build: Dateline cold ${(coldS / hugoS).toFixed(2)}x, Dateline publish-one ${(publishS / hugoS).toFixed(2)}x\n`;
  }
  // One row for the table in docs/scale.md.
  const hugo = peers.length > 0 ? median(peers.map((r) => r.wallS)) : undefined;
  const row = [
    countArticles(source).toLocaleString('en'),
    `${coldS.toFixed(1)} s`,
    kibAsMib(results[0]!.peakTreeKiB),
    `${publishS.toFixed(1)} s`,
    kibAsMib(Math.max(...published.map((r) => r.peakTreeKiB))),
    hugo === undefined ? 'not run' : `${hugo.toFixed(1)} s`,
    hugo === undefined ? '' : `${(coldS / hugo).toFixed(1)}x`,
    hugo === undefined ? '' : `${(publishS / hugo).toFixed(2)}x`,
  ];
  process.stdout.write(
    `\n${countArticles(corpus)} articles at the end (${rel(corpus)}):\n${table(rows)}\n${summary}${info}\n` +
      `markdown row (articles | cold | cold peak | publish-one, median | publish peak | Hugo cold, median | cold / Hugo | publish / Hugo):\n| ${row.join(' | ')} |\n`,
  );
}

/**
 * The breaking banner put up and taken down on the built archive: two builds
 * with the output and caches kept, each checked on the front page and on a
 * story's page that nothing else changed.
 */
async function bannerRuns(corpus: string, outDir: string, options: Options): Promise<void> {
  const alert = join(corpus, 'alerts', 'bench-banner.md');
  const story = aStoryPage(outDir);
  const shows = (file: string): boolean => readFileSync(file, 'utf8').includes('Bench banner: the harbour is closed');
  const rows: string[][] = [['banner', 'wall s', 'peak tree RSS']];
  mkdirSync(dirname(alert), { recursive: true });
  writeFileSync(
    alert,
    `---\ntext: "Bench banner: the harbour is closed"\nfrom: ${new Date(Date.parse(BUILD_NOW) - 3_600_000).toISOString()}\n` +
      `until: ${new Date(Date.parse(BUILD_NOW) + 3_600_000).toISOString()}\n---\n`,
  );
  const up = await runBuild(options.runs + 1, corpus, outDir, options, true);
  if (!shows(join(outDir, 'index.html')) || !shows(story)) throw new Error(`the banner is not on ${rel(story)} or the front page`);
  rows.push(['put up', up.wallS.toFixed(1), kibAsMib(up.peakTreeKiB)]);
  rmSync(alert);
  const down = await runBuild(options.runs + 2, corpus, outDir, options, true);
  if (shows(join(outDir, 'index.html')) || shows(story)) throw new Error(`the banner is still on ${rel(story)} or the front page`);
  rows.push(['taken down', down.wallS.toFixed(1), kibAsMib(down.peakTreeKiB)]);
  process.stdout.write(`\nbreaking banner on ${countArticles(corpus)} articles (${up.pages} pages):\n${table(rows)}\n`);
}

/** A story page of the output (the first by path): one a publish does not render again. */
function aStoryPage(outDir: string): string {
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'index.html' || entry.parentPath === outDir) continue;
    const file = join(entry.parentPath, entry.name);
    if (readFileSync(file, 'utf8').includes('<meta property="og:type" content="article"')) return file;
  }
  throw new Error(`no story page in ${rel(outDir)}`);
}

interface NewStory {
  file: string;
  url: string;
  section: string;
}

/**
 * Writes run `run`'s new story: published in the hour before the build clock
 * (later runs later), in the section and desk and with the tags of a story from
 * the newest year, so its listings and related rails change as a real one's would.
 */
function addStory(corpus: string, run: number): NewStory {
  const articles = join(corpus, 'articles');
  const newestYear = readdirSync(articles)
    .filter((y) => /^\d{4}$/.test(y))
    .sort()
    .at(-1);
  const sampleName =
    newestYear &&
    readdirSync(join(articles, newestYear))
      .filter((f) => f.endsWith('.md'))
      .sort()[0];
  if (!newestYear || !sampleName) throw new Error(`${corpus} has no articles to take a section and tags from`);
  const sample = readFileSync(join(articles, newestYear, sampleName), 'utf8');
  const field = (key: string): string => {
    const value = new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(sample)?.[1]?.trim();
    if (!value) throw new Error(`${sampleName} has no ${key}: to copy`);
    return value;
  };
  const section = field('section');
  const publishedAt = new Date(Date.parse(BUILD_NOW) - (60 - Math.min(run, 59)) * 60_000).toISOString();
  const year = publishedAt.slice(0, 4);
  const slug = `bench-breaking-story-${run}`;
  const file = join(articles, year, `${slug}.md`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    [
      '---',
      `title: "Breaking: overnight talks end with a deal, story ${run}"`,
      'dek: "Negotiators agreed terms shortly before midnight."',
      `section: ${section}`,
      `desk: ${field('desk')}`,
      `publishedAt: ${publishedAt}`,
      `tags: ${field('tags')}`,
      '---',
      '',
      `Negotiators agreed terms shortly before midnight after a day of talks, the ${run === 1 ? 'first' : 'latest'} of several stories filed tonight.`,
      '',
      'Officials said the details would be published in the morning, and that both sides had given ground on the timetable.',
      '',
    ].join('\n'),
  );
  return { file: rel(file), url: `/${section}/${slug}/`, section };
}

/** Fails the bench unless the new story reached its page, the front page, its section, the sitemap and the search index. */
function checkPublished(outDir: string, story: NewStory): void {
  const read = (...parts: string[]): string => readFileSync(join(outDir, ...parts), 'utf8');
  const problems: string[] = [];
  if (!existsSync(join(outDir, story.url, 'index.html'))) problems.push(`no page at ${story.url}`);
  if (!read('index.html').includes(`href="${story.url}"`)) problems.push('the front page does not link it');
  if (!read(story.section, 'index.html').includes(`href="${story.url}"`)) problems.push(`/${story.section}/ does not link it`);
  if (!read('rss.xml').includes(story.url)) problems.push('the site feed does not carry it');
  const sitemaps = readdirSync(outDir).filter((f) => /^sitemap-\d+\.xml$/.test(f));
  if (!sitemaps.some((f) => read(f).includes(story.url))) problems.push('no sitemap lists it');
  // The newest story is in the newest shard: the one that starts latest ("<first>-<count>").
  const newest = readdirSync(join(outDir, 'pagefind')).sort((a, b) => parseInt(b, 10) - parseInt(a, 10))[0] ?? '';
  const fragments = join(outDir, 'pagefind', newest, 'fragment');
  if (!existsSync(fragments) || !readdirSync(fragments).some((f) => gunzipSync(readFileSync(join(fragments, f))).includes(story.url))) {
    problems.push('the newest search shard does not hold it');
  }
  if (problems.length > 0) {
    log.error(`the new story ${story.file} was not published: ${problems.join('; ')}`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------- deploying (--deploy)

interface DeployTarget {
  endpoint: string;
  bucket: string;
  env: Record<string, string>;
  close: () => Promise<void>;
}

interface DeployResult {
  label: string;
  uploads: number;
  bytes: string;
  deletions: number;
  unchanged: number;
  /** From starting Node to its exit. */
  wallS: number;
  /** What deploy.ts reports: from its start to the last request. */
  ownS: number;
}

/**
 * s3rver on 127.0.0.1 with an empty bucket, its files under bench-out/s3-<name>,
 * in a Node process of its own started with --openssl-legacy-provider: s3rver
 * makes ListObjectsV2's continuation tokens with DES, which OpenSSL 3 leaves
 * out, so without it any listing past 1,000 objects fails with InternalError.
 */
async function startDeployTarget(name: string): Promise<DeployTarget> {
  const directory = join(benchDir, `s3-${name}`);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const bucket = 'bench';
  const server = [
    "import S3rver from 's3rver';",
    `const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: ${JSON.stringify(directory)}, configureBuckets: [{ name: '${bucket}' }] });`,
    'const { port } = await server.run();',
    'process.stdout.write(`${port}\\n`);',
    "process.stdin.on('end', () => server.close().then(() => process.exit(0))).resume();",
  ].join('\n');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '--input-type=module', '--eval', server], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done, fail) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) done(Number(text.trim()));
    });
    child.on('error', fail);
    child.on('close', (code) => fail(new Error(`s3rver exited with code ${code}`)));
  });
  log.info(`s3rver on 127.0.0.1:${port}, bucket ${bucket}, files in ${rel(directory)}`);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    env: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' },
    close: () =>
      new Promise<void>((done) => {
        child.removeAllListeners('close');
        child.on('close', () => done());
        child.stdin.end();
      }),
  };
}

/** Runs scripts/deploy.ts on `outDir` (asynchronously: the server answers from this process) and reads its summary line. */
async function deploy(target: DeployTarget, outDir: string, label: string): Promise<DeployResult> {
  log.info(`deploy: ${label}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/deploy.ts', '--bucket', target.bucket, '--endpoint', target.endpoint], {
    cwd: root,
    env: { ...process.env, ...target.env, DATELINE_OUT_DIR: outDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  const wallS = (performance.now() - started) / 1000;
  const match = /: (\d+) uploads? \(([^)]+)\), (\d+) deletions?, (\d+) unchanged in ([\d.]+) s/.exec(output);
  if (code !== 0 || !match) {
    log.error(`deploy (${label}) failed with exit code ${code}:\n${output}`);
    process.exit(1);
  }
  const result = {
    label,
    uploads: Number(match[1]),
    bytes: match[2]!,
    deletions: Number(match[3]),
    unchanged: Number(match[4]),
    wallS,
    ownS: Number(match[5]),
  };
  process.stdout.write(
    `deploy ${label}: ${result.uploads} uploads (${result.bytes}), ${result.deletions} deletions, ${result.unchanged} unchanged; ` +
      `${secs(result.ownS)} (${secs(wallS)} with Node's start)\n`,
  );
  return result;
}

/** Fails the bench unless the new story's page and the front page linking it are served from the bucket. */
async function checkDeployed(target: DeployTarget, story: NewStory): Promise<void> {
  const get = async (path: string): Promise<string> => {
    const response = await fetch(`${target.endpoint}/${target.bucket}/${path}`);
    return response.ok ? response.text() : '';
  };
  const problems: string[] = [];
  if (!(await get(`${story.url.slice(1)}index.html`)).includes('<html')) problems.push(`the bucket serves no page at ${story.url}`);
  if (!(await get('index.html')).includes(`href="${story.url}"`)) problems.push('the front page in the bucket does not link it');
  if (problems.length > 0) {
    log.error(`the new story ${story.file} was not deployed: ${problems.join('; ')}`);
    process.exit(1);
  }
}

/** Seconds `npm run due` takes (Node's start included) right after a build, when it must answer "no build due". */
async function timeDue(corpus: string, outDir: string): Promise<number> {
  const started = performance.now();
  const due = spawnSync(process.execPath, ['scripts/due.ts'], {
    cwd: root,
    env: { ...process.env, DATELINE_CONTENT_DIR: corpus, DATELINE_OUT_DIR: outDir, DATELINE_NOW: BUILD_NOW },
    encoding: 'utf8',
  });
  const wallS = (performance.now() - started) / 1000;
  if (due.status !== 1) {
    log.error(`npm run due right after a build should say "no build due" (exit 1), but exited ${due.status}: ${due.stdout}${due.stderr}`);
    process.exit(1);
  }
  process.stdout.write(`due: ${due.stdout.trim()}; ${secs(wallS)} with Node's start\n`);
  return wallS;
}

function reportDeploys(deploys: DeployResult[], dues: number[], results: RunResult[]): void {
  const rows = [
    ['deploy', '', 'uploads', 'bytes', 'deletions', 'unchanged', 'deploy s', 'with Node s'],
    ...deploys.map((d) => [
      d.label,
      '',
      String(d.uploads),
      d.bytes,
      String(d.deletions),
      String(d.unchanged),
      d.ownS.toFixed(1),
      d.wallS.toFixed(1),
    ]),
  ];
  const published = deploys.filter((d) => d.label.startsWith('one story'));
  const buildS = median(results.slice(1).map((r) => r.wallS));
  const deployS = median(published.map((d) => d.wallS));
  const dueS = median(dues);
  process.stdout.write(
    `\n${table(rows)}\n` +
      `publish one story: build ${buildS.toFixed(1)} s + deploy ${deployS.toFixed(1)} s (medians, Node's start included); ` +
      `npm run due ${dueS.toFixed(2)} s\n` +
      `worst-case lateness of an embargoed story on the 5-minute schedule: 300 s + due ${dueS.toFixed(1)} s + build ${buildS.toFixed(1)} s ` +
      `+ deploy ${deployS.toFixed(1)} s = ${(300 + dueS + buildS + deployS).toFixed(0)} s, plus the CI runner's own start and cache restore\n`,
  );
}

interface PeerResult {
  wallS: number;
  peakTreeKiB: number;
  pages: number;
}

/** Builds `corpus` with the minimal Hugo site of bench/hugo-peer, measured like ours. */
async function runHugo(run: number, corpus: string): Promise<PeerResult> {
  const source = resolve(root, 'bench/hugo-peer');
  const site = join(benchDir, 'hugo-peer');
  if (spawnSync('hugo', ['version']).status !== 0) usageError('--peer hugo needs Hugo: apt-get install -y hugo');
  if (!existsSync(source)) usageError(`--peer hugo needs ${source} (kept in the repository)`);
  rmSync(site, { recursive: true, force: true });
  cpSync(source, site, { recursive: true });
  log.info(`run ${run}: hugo peer`);
  const started = performance.now();
  const child = spawn('sh', [join(site, 'build.sh'), corpus], { cwd: site, stdio: ['ignore', 'ignore', 'inherit'] });
  if (child.pid === undefined) throw new Error('could not start hugo');
  const sampler = startSampler(child.pid);
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  const wallS = (performance.now() - started) / 1000;
  const mem = sampler.stop();
  if (code !== 0) {
    log.error(`hugo peer exited with code ${code}`);
    process.exit(1);
  }
  const pages = measureDir(join(site, 'public')).html;
  process.stdout.write(`hugo ${run}: ${secs(wallS)} wall, peak tree RSS ${kibAsMib(mem.peakTreeKiB)}, ${pages} pages\n`);
  return { wallS, peakTreeKiB: mem.peakTreeKiB, pages };
}

main().catch((error: unknown) => {
  log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
