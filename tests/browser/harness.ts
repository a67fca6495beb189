// Shared set-up for browser tests: a fixture site built once, served by
// `astro preview`, driven by playwright-core in Debian's Chromium.
import { existsSync } from 'node:fs';
import { preview } from 'astro';
import { chromium, type Browser } from 'playwright-core';
import { fillerArticles, fixtureCopy, ROOT, runBuild } from '../build/build-site.ts';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// Flags for a sandbox-less, offline machine (see README, "Tests").
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts Chromium, or fails with how to install it: a missing browser is never a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with "apt-get install -y chromium" (Debian), or set CHROMIUM_PATH to a Chromium binary.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

export interface ServedSite {
  origin: string;
  stop: () => Promise<void>;
}

/** Builds the basic fixture (plus pagination filler), with `env` added to the build's environment, and serves it with astro preview on a free port. */
export async function serveFixture(now = '2026-06-01T12:00:00+00:00', env: Record<string, string> = {}): Promise<ServedSite> {
  const built = runBuild(fixtureCopy('basic', fillerArticles(45, 'business', 'markets-desk')), now, undefined, env);
  if (built.status !== 0) throw new Error(`fixture build failed:\n${built.output}`);
  const server = await preview({ root: ROOT, outDir: built.outDir, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
  // With port 0 the system picks a free port; server.port is the one it picked.
  return { origin: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
}
