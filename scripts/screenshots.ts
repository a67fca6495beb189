// `npm run screenshots`: photographs the built site (dist/) in Chromium at
// phone and desktop widths, light and dark, into screenshots/ (git-ignored),
// so people can look at what readers see.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { preview } from 'astro';
import { launchChromium } from './chromium.ts';
import { createLogger } from './log.ts';

const log = createLogger('screenshots');
const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'screenshots');
const paths = process.argv.slice(2).filter((a) => a.startsWith('/'));
const pages =
  paths.length > 0
    ? paths
    : [
        '/',
        '/world/north-sea-grid-pact-copenhagen/',
        '/politics/plymouth-harbour-board-election-turnout/',
        '/world/',
        '/desk/news-desk/',
        '/tag/shipping/',
        '/search/?q=harbour',
        '/404.html',
      ];

mkdirSync(outDir, { recursive: true });
const server = await preview({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
const origin = `http://127.0.0.1:${server.port}`;
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(origin + path, { waitUntil: 'networkidle' });
        // Scroll through once so lazy images load, as they would for a reader.
        await page.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += 600) {
            window.scrollTo(0, y);
            await new Promise((resolve) => setTimeout(resolve, 30));
          }
          window.scrollTo(0, 0);
        });
        await page.waitForLoadState('networkidle');
        // Any lazy image the quick scroll skipped: load it now, so the picture shows the whole page.
        await page.evaluate(() =>
          Promise.all([...document.images].map((img) => ((img.loading = 'eager'), img.decode().catch(() => undefined)))),
        );
        const name = `${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'front'}-${width}-${scheme}.png`;
        await page.screenshot({ path: join(outDir, name), fullPage: true });
        log.info(`${name}`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
