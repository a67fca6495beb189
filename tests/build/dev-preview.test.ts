// `npm run dev` (astro dev) over the basic fixture: drafts and embargoed
// stories have pages there, under a banner, and are flagged in listings. The
// production build never shows them (tests/build/site.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, ROOT } from './build-site.ts';

let server: ChildProcess | undefined;
let base = '';
let log = '';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** This process's environment less what vitest sets for itself (its import.meta.env, copied into process.env). */
function devEnvironment(): NodeJS.ProcessEnv {
  const vitest = new Set(['NODE_ENV', 'TEST', 'BASE_URL', 'DEV', 'MODE', 'PROD', 'SSR', 'FORCE_TTY']);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !vitest.has(key) && !key.startsWith('VITEST')));
}

async function get(path: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(60_000) });
  return { status: response.status, html: await response.text() };
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    // Without vitest's own variables (NODE_ENV=test, MODE=test, VITEST…): under them astro dev serves only 404s.
    env: { ...devEnvironment(), DATELINE_CONTENT_DIR: fixtureCopy('basic'), DATELINE_NOW: '2026-06-01T12:00:00+00:00' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  // Ready when it answers; give up after two minutes (a busy 2-core machine is slow to start Vite).
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`astro dev exited:\n${log}`);
    try {
      // A request made while Vite restarts (it re-optimizes dependencies on first start) can hang: time it out.
      if ((await fetch(`${base}/`, { signal: AbortSignal.timeout(15_000) })).ok) break;
    } catch {
      // not listening yet, or restarting
    }
    if (Date.now() > deadline) throw new Error(`astro dev did not answer within 2 minutes:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
});

describe('npm run dev', () => {
  it('shows a draft under a DRAFT banner', async () => {
    const { status, html } = await get('/world/draft-not-ready/');
    expect(status).toBe(200);
    const banner = parse(html).querySelector('.preview-banner');
    expect(banner?.querySelector('strong')?.text).toBe('DRAFT');
    expect(banner?.text).toContain('only your local preview (npm run dev) shows this story');
    // The byline must not claim a draft is out.
    const when = parse(html).querySelector('.byline .when')?.text ?? '';
    expect(when).toMatch(/Draft — not published, dated \d/);
    expect(when).not.toContain('Published');
  });

  it('shows an embargoed story under a banner saying when the embargo lifts', async () => {
    const { status, html } = await get('/business/embargoed-budget/');
    expect(status).toBe(200);
    expect(parse(html).querySelector('.preview-banner strong')?.text).toBe('EMBARGOED until 1 July 2026 at 07:00 IST');
    expect(parse(html).querySelector('.byline .when')?.text).toMatch(/Scheduled for 1 July 2026(,| at) 07:00 IST/);
  });

  it('flags drafts and embargoed stories in listings, and only them', async () => {
    const doc = parse((await get('/tag/ports/')).html);
    const flagged = doc.querySelectorAll('.story').filter((card) => card.querySelector('.preview-flag'));
    expect(flagged.map((card) => card.querySelector('.headline')?.text.trim()).sort()).toEqual([
      'Embargoline budget to be announced',
      'Zanzidraft story that is still a draft',
    ]);
    expect(parse((await get('/world/harbour-accord-signed/')).html).querySelector('.preview-banner')).toBeNull();
  });
});
