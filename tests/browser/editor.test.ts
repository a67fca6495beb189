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
import { parse } from 'node-html-parser';
import { parse as parseHtml, type DefaultTreeAdapterMap } from 'parse5';
import { fixtureCopy, ROOT, runBuild } from '../build/build-site.ts';
import { launchChromium, serveStatic } from './harness.ts';
import { parseMarkdownFile, isFrontmatterFailure } from '#lib/content/frontmatter.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { parseSiteConfig } from '#lib/content/site-config.ts';
import { editorMiddleware } from '#lib/editor/admin-files.ts';
import { schemaMessage } from '#lib/editor/cms-config.ts';
import { sourceSchema } from '#lib/content/schemas.ts';
import { smartenText } from '#lib/render/typography.ts';
import siteConfig from '../../site.config.ts';

const require = createRequire(import.meta.url);

/** Hostile text typed into the form: it must be saved as text and come out of the build inert. */
const HOSTILE_TITLE = 'Ferry pay deal <img src=x onerror=alert(1)> "agreed"';
const HOSTILE_BODY = '<img src=x onerror=alert(1)> <script>alert(2)</script> [a link](javascript:alert(3))';

type Element = DefaultTreeAdapterMap['element'];
/** Script, event handlers and script addresses on a built page (structured data aside), as a browser parses it. */
function inertProblems(html: string): string[] {
  const problems: string[] = [];
  const walk = (node: DefaultTreeAdapterMap['node']): void => {
    if ('tagName' in node) {
      const el = node as Element;
      const type = el.attrs.find((a) => a.name === 'type')?.value;
      if (el.tagName === 'script' && type !== 'application/ld+json') problems.push('script');
      for (const { name, value } of el.attrs) {
        if (/^on/i.test(name)) problems.push(`${el.tagName} ${name}`);
        if (/^\s*javascript:/i.test(value)) problems.push(`${el.tagName} ${name}=${value}`);
      }
    }
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  walk(parseHtml(html));
  return problems;
}
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
  it('writes a story with every field and a photo beside it, filed by the year of publishedAt, that a real build shows inert', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await newStory(page);
    await field(page, 'title').fill(HOSTILE_TITLE);
    await field(page, 'slug').fill('ferry-pay-deal');
    await choose(page, 'section', 'World');
    await choose(page, 'desk', 'HD News Desk');
    // A year that is not the year the story is started in: the folder must follow publishedAt.
    await field(page, 'publishedAt').fill('2024-11-25T09:15');
    await field(page, 'dek').fill('The vote ends a month of stoppages. <script>alert(1)</script>');
    await field(page, 'dateline').fill('CORK');
    await field(page, 'updatedAt').fill('2024-11-25T11:30');
    for (const tag of ['ferries', 'pay']) {
      await page.getByRole('button', { name: 'Add tag' }).click();
      await page.locator('[id^="tag-field"]').last().fill(tag);
    }
    // The lead photo: uploaded through Decap's media library, saved beside the story.
    await page.getByRole('button', { name: 'Choose an image' }).click();
    await page.locator('input[type="file"]').setInputFiles(join(ROOT, 'tests/fixtures/basic/articles/2026/quay-at-dusk.jpg'));
    await page.getByRole('button', { name: 'Choose selected' }).click();
    await field(page, 'alt').fill('Two ferries at the quay at dusk');
    await field(page, 'caption').fill('The Cork ferries tied up during the stoppage.');
    await field(page, 'credit').fill('Harbour Photo Agency');
    await page.getByRole('button', { name: 'Add quote' }).click();
    await page.locator('[id^="text-field"]').last().fill('We held out for a fair deal, and we got one.');
    await field(page, 'speaker').fill('Niamh Walsh');
    await field(page, 'role').fill('union organiser');
    await field(page, 'name').fill('Harbour Wire');
    await field(page, 'url').fill('https://wire.example/ferry-deal');
    await page.locator('[id^="featured-field"]').click();
    await field(page, 'commentsCloseAfterDays').fill('14');
    await page.getByRole('button', { name: 'Add correction' }).click();
    await page.locator('[id^="date-field"]').last().fill('2024-11-25T12:00');
    await page.locator('[id^="text-field"]').last().fill('An earlier version gave the wrong vote count.');
    const body = page.locator('[contenteditable="true"]').last();
    await body.click();
    await page.keyboard.type(`Crews voted by a wide margin to accept the offer.\n\n${HOSTILE_BODY}`);
    await page.screenshot({ path: join(SHOTS, 'admin-new-story-filled-1280.png') });
    await publish(page);

    const path = join(repo, 'content/articles/2024/ferry-pay-deal.md');
    await expect.poll(() => existsSync(path), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => existsSync(join(repo, 'content/articles/2024/quay-at-dusk.jpg')), { timeout: 15_000 }).toBe(true);
    const text = readFileSync(path, 'utf8');
    const parsed = parseMarkdownFile(text);
    if (isFrontmatterFailure(parsed)) throw new Error(`not frontmatter:\n${text}`);
    expect(parsed.data).toEqual({
      title: HOSTILE_TITLE,
      section: 'world',
      desk: 'news-desk',
      publishedAt: '2024-11-25T09:15:00+00:00',
      dek: 'The vote ends a month of stoppages. <script>alert(1)</script>',
      dateline: 'CORK',
      updatedAt: '2024-11-25T11:30:00+00:00',
      tags: ['ferries', 'pay'],
      image: {
        src: './quay-at-dusk.jpg',
        alt: 'Two ferries at the quay at dusk',
        caption: 'The Cork ferries tied up during the stoppage.',
        credit: 'Harbour Photo Agency',
      },
      quotes: [{ text: 'We held out for a fair deal, and we got one.', speaker: 'Niamh Walsh', role: 'union organiser' }],
      source: { name: 'Harbour Wire', url: 'https://wire.example/ferry-deal' },
      featured: true,
      commentsCloseAfterDays: 14,
      corrections: [{ date: '2024-11-25T12:00:00+00:00', text: 'An earlier version gave the wrong vote count.' }],
    });
    // npm run new's style: the form's order, free text quoted, slugs and dates plain; no form-only field.
    expect(text.split('\n').slice(0, 5)).toEqual([
      '---',
      `title: ${JSON.stringify(HOSTILE_TITLE)}`,
      'section: world',
      'desk: news-desk',
      'publishedAt: 2024-11-25T09:15:00+00:00',
    ]);
    expect(text).toContain('tags: [ferries, pay]');
    expect(text).not.toMatch(/^(slug|year):/m);
    expect(parsed.body).toContain('Crews voted by a wide margin to accept the offer.');
    expect(errors).toEqual([]);
    await page.close();

    // The checker's loader accepts the folder; a real build shows the story with its photo, inert.
    const content = loadContent(join(repo, 'content'), { language: 'en-GB' });
    expect(content.articles.map((a) => a.slug)).toContain('ferry-pay-deal');
    const built = runBuild(join(repo, 'content'), '2026-06-01T12:00:00+00:00');
    expect(built.status, built.output).toBe(0);
    const html = readFileSync(join(built.outDir, 'world/ferry-pay-deal/index.html'), 'utf8');
    const story = parse(html);
    expect(story.querySelector('h1')?.text).toBe(smartenText(HOSTILE_TITLE, 'en-GB'));
    const photo = story.querySelectorAll('img').find((img) => img.getAttribute('alt') === 'Two ferries at the quay at dusk');
    expect(photo?.getAttribute('src')).toMatch(/^\/_astro\/|^\/images\//);
    expect(story.textContent).toContain('Harbour Photo Agency');
    expect(story.textContent).toContain('Niamh Walsh');
    expect(story.querySelector('a[href="https://wire.example/ferry-deal"]')?.textContent).toContain('Harbour Wire');
    expect(story.textContent).toContain('An earlier version gave the wrong vote count.');
    expect(inertProblems(html)).toEqual([]);
    rmSync(dirname(built.outDir), { recursive: true, force: true });
  }, 240_000);

  it('changes only the headline’s and the quote’s lines when an existing story’s headline and a quote are edited', async () => {
    const file = join(repo, 'content/articles/2026/harbour-accord-signed.md');
    const before = readFileSync(file, 'utf8');
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${origin}/admin/#/collections/articles/entries/2026/harbour-accord-signed`);
    await field(page, 'title').waitFor();
    await expect(field(page, 'title').inputValue()).resolves.toBe('Harbour accord signed in Valletta');
    await field(page, 'title').fill('Harbour accord signed in Valletta at dawn');
    const quote = page.locator('textarea[id^="text-field"]').filter({ hasText: 'The work starts on Monday.' });
    await quote.fill('The work starts on Tuesday.');
    await publish(page);
    await expect.poll(() => readFileSync(file, 'utf8') !== before, { timeout: 15_000 }).toBe(true);
    const after = readFileSync(file, 'utf8');
    const a = before.split('\n');
    const b = after.split('\n');
    expect(b.length).toBe(a.length);
    expect(b.filter((line, i) => line !== a[i])).toEqual([
      'title: "Harbour accord signed in Valletta at dawn"',
      '  - text: "The work starts on Tuesday."',
    ]);
    await page.close();
  }, 90_000);

  it('refuses, before writing, a change of publishedAt into another year, which would need the file moved', async () => {
    const file = join(repo, 'content/articles/2026/port-strike-ends.md');
    const before = readFileSync(file, 'utf8');
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page);
    await page.goto(`${origin}/admin/#/collections/articles/entries/2026/port-strike-ends`);
    await field(page, 'publishedAt').waitFor();
    await field(page, 'publishedAt').fill('2027-01-02T09:00');
    await publish(page);
    await expect.poll(() => dialogs.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(dialogs[0]).toContain('filed under 2026/');
    expect(dialogs[0]).toContain('content/articles/2027/');
    await page.waitForTimeout(1000);
    expect(readFileSync(file, 'utf8')).toBe(before);
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

  it('starts from a built site under the /admin/* headers: its module scripts and YAML reader load, nothing is refused but the backend', async () => {
    const copy = fixtureCopy('basic');
    const built = runBuild(copy, '2026-06-01T12:00:00+00:00');
    expect(built.status, built.output).toBe(0);
    const site = await serveStatic(built.outDir, true);
    const page = await context.newPage();
    const refused: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => {
      if (/Refused to/.test(m.text())) refused.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(`${site.origin}/admin/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // Decap started (it waits for our module, which registers the format first): its sign-in page.
    await page.getByRole('button', { name: /login/i }).waitFor({ timeout: 20_000 });
    await expect(
      page.evaluate(
        () =>
          typeof (window as unknown as { CMS?: { getCustomFormats(): Record<string, unknown> } }).CMS?.getCustomFormats()[
            'dateline-frontmatter'
          ],
      ),
    ).resolves.toBe('object');
    // Only the local backend's address (this build names no Git host) may be refused, as connect-src says.
    expect(refused.filter((r) => !/Refused to connect/.test(r))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
    await site.stop();
    rmSync(dirname(built.outDir), { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  }, 120_000);

  it('shows the editor on a phone and a desktop screen', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [390, 1280]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 844 });
      await signIn(page);
      // Decap's English "New" is a full-width plus sign that common fonts lack; ours says New.
      await expect(page.getByRole('link', { name: /story/ }).first().innerText()).resolves.toBe('New story');
      await page.screenshot({ path: join(SHOTS, `admin-${width}.png`) });
      await page.goto(`${origin}/admin/#/collections/articles/new`);
      await field(page, 'title').waitFor();
      await page.screenshot({ path: join(SHOTS, `admin-new-story-${width}.png`) });
      await page.close();
    }
  }, 60_000);
});
