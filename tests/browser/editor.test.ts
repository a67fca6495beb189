// The editor at /admin/ against the real local backend: decap-server on
// loopback saving into a temp copy of the basic fixture, the editor's files as
// the build writes them (src/lib/editor/admin-files.ts), Chromium driving the
// real Decap form. Every request off this machine is refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../build/build-site.ts';
import { launchChromium } from './harness.ts';
import { parseMarkdownFile, isFrontmatterFailure } from '#lib/content/frontmatter.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { parseSiteConfig } from '#lib/content/site-config.ts';
import { editorMiddleware } from '#lib/editor/admin-files.ts';
import { schemaMessage } from '#lib/editor/cms-config.ts';
import { sourceSchema } from '#lib/content/schemas.ts';
import siteConfig from '../../site.config.ts';

const require = createRequire(import.meta.url);
const SHOTS = join(ROOT, 'screenshots');

let repo: string;
let backend: ChildProcess;
let server: Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;

/** A free port on loopback. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Starts decap-server on 127.0.0.1 and waits until it answers. */
async function startBackend(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [require.resolve('decap-server/dist/index.js')], {
    env: { ...process.env, BIND_HOST: '127.0.0.1', PORT: String(port), GIT_REPO_DIRECTORY: repo, MODE: 'fs', LOG_LEVEL: 'warn' },
    stdio: 'pipe',
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'info' }),
      });
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('decap-server did not start on loopback within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const articleFiles = (): string[] =>
  readdirSync(join(repo, 'content/articles'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .sort();

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'dateline-desk-'));
  cpSync(join(ROOT, 'tests/fixtures/basic'), join(repo, 'content'), { recursive: true });
  const port = await freePort();
  backend = await startBackend(port);
  const admin = editorMiddleware(() => ({
    site: parseSiteConfig(siteConfig),
    root: ROOT,
    contentDir: join(repo, 'content'),
    cmsDist: dirname(require.resolve('decap-cms')),
    local: true,
    localBackendUrl: `http://127.0.0.1:${port}/api/v1`,
  }));
  server = createServer((req, res) => admin(req, res, () => res.writeHead(404).end('not found')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
  // The site's time zone, so the date-time picker's times are the site's.
  context = await browser.newContext({ timezoneId: 'Europe/Dublin', viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  backend?.kill();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

/** Opens the editor, signed in to the local backend (the first time, with its Login button). */
async function signIn(page: Page): Promise<void> {
  await page.goto(`${origin}/admin/`);
  const login = page.getByRole('button', { name: /login/i });
  const stories = page.getByText('Stories').first();
  await login.or(stories).first().waitFor();
  if (await login.isVisible()) await login.click();
  await stories.waitFor();
}

/** Opens the editor signed in to the local backend, on a new story's form. */
async function newStory(page: Page): Promise<void> {
  await signIn(page);
  await page.goto(`${origin}/admin/#/collections/articles/new`);
  await page.locator('[id^="title-field"]').waitFor();
}

const field = (page: Page, name: string) => page.locator(`[id^="${name}-field"]`).first();

async function choose(page: Page, name: string, option: string): Promise<void> {
  await field(page, name).fill(option);
  await page.keyboard.press('Enter');
}

async function publish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now').click();
}

describe('the editor at /admin/ with the local backend', () => {
  it('writes a new story through the real form that passes the content checker, with the contract’s frontmatter', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await newStory(page);
    await field(page, 'title').fill('Ferry crews vote to accept harbour pay deal');
    await choose(page, 'section', 'World');
    await choose(page, 'desk', 'HD News Desk');
    await field(page, 'publishedAt').fill('2026-11-25T09:15');
    await field(page, 'dek').fill('The vote ends a month of stoppages.');
    await field(page, 'dateline').fill('CORK');
    await field(page, 'name').fill('Harbour Wire');
    await field(page, 'url').fill('https://wire.example/ferry-deal');
    const body = page.locator('[contenteditable="true"]').last();
    await body.click();
    await page.keyboard.type('Crews voted by a wide margin to accept the offer.');
    await page.screenshot({ path: join(SHOTS, 'admin-new-story-1280.png') });
    await publish(page);

    // The year folder is the year the story was started (UTC): docs/decisions/0012-editor.md.
    const path = join(repo, `content/articles/${new Date().getUTCFullYear()}/ferry-crews-vote-to-accept-harbour-pay-deal.md`);
    await expect.poll(() => existsSync(path), { timeout: 15_000 }).toBe(true);
    const text = readFileSync(path, 'utf8');
    const parsed = parseMarkdownFile(text);
    if (isFrontmatterFailure(parsed)) throw new Error(`not frontmatter:\n${text}`);
    expect(parsed.data).toMatchObject({
      title: 'Ferry crews vote to accept harbour pay deal',
      section: 'world',
      desk: 'news-desk',
      publishedAt: '2026-11-25T09:15:00+00:00',
      dek: 'The vote ends a month of stoppages.',
      dateline: 'CORK',
      source: { name: 'Harbour Wire', url: 'https://wire.example/ferry-deal' },
    });
    // The fields in npm run new's order.
    const keys = Object.keys(parsed.data);
    expect(keys.slice(0, 4)).toEqual(['title', 'section', 'desk', 'publishedAt']);
    expect(parsed.body).toContain('Crews voted by a wide margin to accept the offer.');
    // The checker's own loader accepts the whole folder with the new story in it.
    const content = loadContent(join(repo, 'content'), { language: 'en-GB' });
    expect(content.articles.map((a) => a.slug)).toContain('ferry-crews-vote-to-accept-harbour-pay-deal');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('refuses a story with no headline and a source address that is not http(s), in the contract’s words, and writes nothing', async () => {
    const before = articleFiles();
    expect(before.length).toBeGreaterThan(0);
    const page = await context.newPage();
    await newStory(page);
    await choose(page, 'section', 'World');
    await choose(page, 'desk', 'HD News Desk');
    await field(page, 'publishedAt').fill('2026-11-26T10:00');
    await field(page, 'name').fill('Harbour Wire');
    await field(page, 'url').fill('javascript:alert(1)');
    await publish(page);
    await expect.poll(() => page.getByText('Headline is required').count()).toBeGreaterThan(0);
    await expect(page.getByText(schemaMessage(sourceSchema.shape.url, 'ftp://x')).count()).resolves.toBeGreaterThan(0);
    await page.waitForTimeout(1000);
    expect(articleFiles()).toEqual(before);
    await page.close();
  }, 60_000);

  it('shows the editor on a phone and a desktop screen', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [390, 1280]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 844 });
      await signIn(page);
      await page.screenshot({ path: join(SHOTS, `admin-${width}.png`) });
      await page.close();
    }
  }, 60_000);
});
