// Shared set-up for browser tests: a fixture site built once, served by
// `astro preview`, driven by playwright-core in Debian's Chromium.
import { preview } from 'astro';
import { fillerArticles, fixtureCopy, ROOT, runBuild } from '../build/build-site.ts';
import { fileHeaders } from '#lib/outputs/file-rules.ts';
import { headersFor, parseHeadersFile } from '#lib/outputs/security-headers.ts';

export { launchChromium } from '../../scripts/chromium.ts';

export interface ServedSite {
  origin: string;
  stop: () => Promise<void>;
}

/** Builds the basic fixture (plus pagination filler), with `env` added to the build's environment, and serves it with astro preview on a free port. */
export async function serveFixture(
  now = '2026-06-01T12:00:00+00:00',
  env: Record<string, string> = {},
  extra: Record<string, string> = {},
): Promise<ServedSite> {
  const built = runBuild(fixtureCopy('basic', { ...fillerArticles(45, 'business', 'markets-desk'), ...extra }), now, undefined, env);
  if (built.status !== 0) throw new Error(`fixture build failed:\n${built.output}`);
  const server = await preview({ root: ROOT, outDir: built.outDir, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
  // With port 0 the system picks a free port; server.port is the one it picked.
  return { origin: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
}

/**
 * Serves a built site as a static host would: folders as index.html, 404.html
 * for the rest, and, when `withHeaders`, the headers its `_headers` file names,
 * so tests see what the CDN will send (astro preview ignores `_headers`).
 */
export async function serveStatic(outDir: string, withHeaders: boolean): Promise<ServedSite> {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const { join, normalize } = await import('node:path');
  const rules = withHeaders ? parseHeadersFile(await readFile(join(outDir, '_headers'), 'utf8')) : [];
  const server = createServer((req, res) => {
    void (async () => {
      let path: string;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      } catch {
        res.writeHead(400).end(); // a malformed address is answered, never left hanging
        return;
      }
      const safe = normalize(path).replace(/^(\.\.[/\\])+/, '');
      let status = 200;
      let file = join(outDir, safe.endsWith('/') ? `${safe}index.html` : safe);
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        status = 404;
        file = join(outDir, '404.html');
        body = await readFile(file);
      }
      for (const [name, value] of headersFor(rules, path)) res.setHeader(name, value);
      res.setHeader('Content-Type', fileHeaders(file).contentType);
      res.writeHead(status).end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // Stopping drops the browser's idle keep-alive connections too, so it never waits on them.
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { origin: `http://127.0.0.1:${port}`, stop };
}
