// Measures what /search/?q=<word> costs a reader with an empty cache: bytes
// transferred, requests, and the time until the first results are drawn, on a
// built site served from 127.0.0.1 with the headers a CDN would send (its
// _headers file, gzip for text), with and without the throttling of a
// mid-range phone on 4G (4x slower CPU, 9 Mbit/s down, 150 ms latency).
//
//   node scripts/search-bench.ts <dist> [word ...] [--runs 3] [--json] [--overlay <dir>] [--h2]
//
// Requests are listed by kind (page, script, pagefind.js, wasm, pf_meta, index,
// filter, fragment) and, under /pagefind/<shard>/, by shard.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { fileHeaders } from '#lib/outputs/file-rules.ts';
import { headersFor, parseHeadersFile } from '#lib/outputs/security-headers.ts';

const out = (...parts: unknown[]): void => void process.stdout.write(`${parts.join(' ')}\n`);

/** What a CDN compresses: text. Pagefind's own files (.pf_*, .pagefind) are gzipped already. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;

/** A throwaway self-signed certificate for 127.0.0.1, for HTTP/2 (browsers speak it only over TLS). */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'search-bench-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'].concat([
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Served {
  origin: string;
  stop: () => void;
}

/**
 * Serves `dir` (with files in `overlay`, when given, in place of its own: for
 * trying a change without a build), over HTTP/1.1, or with `http2` over
 * HTTP/2 and TLS, as a CDN would (one connection, no limit of six requests at a time).
 */
export async function serveDist(dir: string, overlay?: string, http2 = false): Promise<Served> {
  const rules = parseHeadersFile(await readFile(join(dir, '_headers'), 'utf8').catch(() => ''));
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse): void => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const safe = normalize(path).replace(/^(\.\.[/\\])+/, '');
      let status = 200;
      let file = join(dir, safe.endsWith('/') ? `${safe}index.html` : safe);
      let body = overlay
        ? await readFile(join(overlay, safe.endsWith('/') ? `${safe}index.html` : safe)).catch(() => undefined)
        : undefined;
      body ??= await readFile(file).catch(() => undefined);
      if (!body) {
        status = 404;
        file = join(dir, '404.html');
        body = await readFile(file);
      }
      for (const [name, value] of headersFor(rules, path)) res.setHeader(name, value);
      const type = fileHeaders(file).contentType;
      res.setHeader('Content-Type', type);
      if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        body = gzipSync(body, { level: 6 });
        res.setHeader('Content-Encoding', 'gzip');
      }
      res.statusCode = status;
      res.end(body);
    })();
  };
  const server = http2 ? createSecureServer({ ...selfSigned(), allowHTTP1: true }, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `${http2 ? 'https' : 'http'}://127.0.0.1:${port}`,
    stop: () => {
      server.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
    },
  };
}

/** The kind of a request, for the breakdown. */
export function requestKind(path: string): string {
  if (path.endsWith('/pagefind.js')) return 'pagefind.js';
  if (path.endsWith('/pagefind-worker.js')) return 'pagefind-worker.js';
  if (path.endsWith('pagefind-entry.json')) return 'entry.json';
  if (/\/wasm\.[^/]+\.pagefind$/.test(path)) return 'wasm';
  if (path.endsWith('.pf_meta')) return 'pf_meta';
  if (path.endsWith('.pf_index')) return 'index';
  if (path.endsWith('.pf_filter')) return 'filter';
  if (path.endsWith('.pf_fragment')) return 'fragment';
  if (path.startsWith('/pagefind/')) return 'pagefind other';
  if (path.endsWith('/')) return 'page';
  return extname(path).slice(1) || 'other';
}

interface Request {
  path: string;
  bytes: number;
  /** When it started (epoch milliseconds): requests started before the results were drawn are counted for them. */
  at: number;
  /** How long it took from start to response end. */
  ms: number;
}

export interface Measurement {
  word: string;
  throttled: boolean;
  /** Until the first results (or "no results") were drawn. */
  firstResults: { ms: number; bytes: number; requests: number };
  /** Everything the page loaded once the network was quiet. */
  settled: { bytes: number; requests: number };
  summary: string;
  byKind: Record<string, { requests: number; bytes: number }>;
  byShard: Record<string, { requests: number; bytes: number }>;
}

const THROTTLE = { cpu: 4, latency: 150, down: (9_000_000 / 8) | 0, up: (1_500_000 / 8) | 0 };

async function throttle(cdp: CDPSession): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpu });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: THROTTLE.latency,
    downloadThroughput: THROTTLE.down,
    uploadThroughput: THROTTLE.up,
  });
}

/** Opens /search/?q=word in a fresh context (empty cache) and measures it. */
export async function measure(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  origin: string,
  word: string,
  throttled: boolean,
): Promise<Measurement> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  // Marks the moment the results list is filled, or the summary says there are none: aria-busy removed with a summary.
  await page.addInitScript(() => {
    const w = window as unknown as { __firstResults?: number };
    const check = (): void => {
      const list = document.querySelector('dl-search .results');
      const summary = document.querySelector('dl-search .summary');
      if (w.__firstResults === undefined && list && !list.hasAttribute('aria-busy') && summary?.textContent?.trim())
        w.__firstResults = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) await throttle(cdp);
  const done: Request[] = [];
  const failed: string[] = [];
  // Playwright's own events see the requests of Pagefind's web worker too, which the page's CDP session does not.
  context.on('requestfinished', (request) => {
    if (request.url().startsWith('data:')) return;
    const timing = request.timing();
    void request.sizes().then((sizes) =>
      done.push({
        path: new URL(request.url()).pathname,
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
        at: timing.startTime,
        ms: timing.responseEnd,
      }),
    );
  });
  context.on('requestfailed', (request) => failed.push(request.url()));
  await page.goto(`${origin}/search/?q=${encodeURIComponent(word)}`);
  await page.waitForFunction(() => (window as unknown as { __firstResults?: number }).__firstResults !== undefined, undefined, {
    timeout: 60_000,
    polling: 50,
  });
  const [ms, drawnAt] = await page.evaluate(() => {
    const w = window as unknown as { __firstResults: number };
    return [w.__firstResults, performance.timeOrigin + w.__firstResults];
  });
  const summary = (await page.locator('dl-search .summary').textContent()) ?? '';
  // Let later loads (filter counts, the next page's data) finish: quiet for a second.
  let count = -1;
  while (count !== done.length) {
    count = done.length;
    await page.waitForTimeout(throttled ? 2500 : 1000);
  }
  await context.close();
  if (failed.length > 0) process.stderr.write(`failed: ${failed.join(', ')}\n`);
  const before = done.filter((r) => r.at <= drawnAt);
  const add = (into: Record<string, { requests: number; bytes: number }>, key: string, r: Request): void => {
    const entry = (into[key] ??= { requests: 0, bytes: 0 });
    entry.requests++;
    entry.bytes += r.bytes;
  };
  const byKind: Measurement['byKind'] = {};
  const byShard: Measurement['byShard'] = {};
  for (const r of before) {
    add(byKind, requestKind(r.path), r);
    const shard = /^\/pagefind\/([^/]+)\//.exec(r.path)?.[1];
    if (shard) add(byShard, shard, r);
  }
  if (process.env['SEARCH_BENCH_DEBUG'])
    for (const r of done.sort((a, b) => a.at - b.at))
      out(`  at ${String(Math.round(r.at - drawnAt + ms)).padStart(5)} ms, ${r.ms.toFixed(0).padStart(5)} ms, ${r.bytes} B ${r.path}`);
  const sum = (rs: Request[]): number => rs.reduce((n, r) => n + r.bytes, 0);
  return {
    word,
    throttled,
    firstResults: { ms: Math.round(ms), bytes: sum(before), requests: before.length },
    settled: { bytes: sum(done), requests: done.length },
    summary: summary.trim(),
    byKind,
    byShard,
  };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const runs = Number(flag('--runs') ?? 3);
  const overlay = flag('--overlay');
  const http2 = args.includes('--h2');
  const json = args.includes('--json');
  const [dist, ...words] = args.filter((a) => a !== '--json' && a !== '--h2');
  if (!dist) throw new Error('usage: node scripts/search-bench.ts <dist> [word ...] [--runs 3] [--json]');
  const list = words.length > 0 ? words : ['zqxjvw', 'harbour', 'the'];
  const { origin, stop } = await serveDist(dist, overlay, http2);
  const browser = await launchChromium();
  const all: Measurement[] = [];
  try {
    for (const throttled of [false, true]) {
      for (const word of list) {
        const tries: Measurement[] = [];
        for (let i = 0; i < runs; i++) tries.push(await measure(browser, origin, word, throttled));
        // The median run by time; bytes and requests barely vary.
        tries.sort((a, b) => a.firstResults.ms - b.firstResults.ms);
        const m = tries[Math.floor(tries.length / 2)]!;
        all.push(m);
        if (json) continue;
        const f = m.firstResults;
        out(
          `${throttled ? 'throttled' : 'loopback '}  ${JSON.stringify(word).padEnd(10)} first results ${String(f.ms).padStart(5)} ms ` +
            `(runs ${tries.map((t) => t.firstResults.ms).join(', ')})  ${kb(f.bytes).padStart(7)} in ${String(f.requests).padStart(3)} requests; ` +
            `settled ${kb(m.settled.bytes)} in ${m.settled.requests}  «${m.summary}»`,
        );
        const kinds = Object.entries(m.byKind)
          .sort((a, b) => b[1].bytes - a[1].bytes)
          .map(([k, v]) => `${k} ${v.requests}×/${kb(v.bytes)}`);
        out(`    by kind: ${kinds.join(', ')}`);
        const shards = Object.entries(m.byShard).map(([k, v]) => `${k} ${v.requests}×/${kb(v.bytes)}`);
        out(`    by shard: ${shards.join(', ') || '(none)'}`);
      }
    }
  } finally {
    await browser.close();
    stop();
  }
  if (json) out(JSON.stringify(all, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
