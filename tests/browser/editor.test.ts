// The editor at /admin/ against the real local backend: decap-server on
// loopback saving into a temp copy of the basic fixture, the editor's files as
// the build writes them (src/lib/editor/admin-files.ts), Chromium driving the
// real Decap form. Every request off this machine is refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import yaml from 'js-yaml';
import { parse } from 'node-html-parser';
import { parse as parseHtml, type DefaultTreeAdapterMap } from 'parse5';
import { fixtureCopy, ROOT, runBuild } from '../build/build-site.ts';
import { searchFragments } from '../build/search-records.ts';
import { launchChromium, serveStatic } from './harness.ts';
import { printableUrl } from '#lib/archive/urls.ts';
import { parseMarkdownFile, isFrontmatterFailure } from '#lib/content/frontmatter.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { parseSiteConfig } from '#lib/content/site-config.ts';
import { editorMiddleware } from '#lib/editor/admin-files.ts';
import { ALT_REQUIRED, schemaMessage, type CmsField } from '#lib/editor/cms-config.ts';
import { deskSchema, sourceSchema } from '#lib/content/schemas.ts';
import { smartenText } from '#lib/render/typography.ts';
import siteConfig from '../../site.config.ts';

const require = createRequire(import.meta.url);

/**
 * What the story form is given, by each text field's path in the generated config (a list's fields under its
 * name): hostile text everywhere, and addresses that are valid but carry markup. A test holds the keys to the config.
 */
const STORY = {
  title: 'Ferry pay deal <img src=x onerror=alert(1)> "agreed"',
  slug: 'ferry-pay-deal',
  dek: 'The vote ends a month of stoppages. <script>alert(2)</script>',
  dateline: 'CORK <svg onload=alert(3)>',
  tags: ['ferries', '<b onmouseover=alert(4)>pay</b>'],
  'image.alt': 'Two ferries at the quay <img src=x onerror=alert(5)>',
  'image.caption': 'The ferries tied up </figcaption><script>alert(6)</script> during the stoppage.',
  'image.credit': 'Harbour Photo <a href="javascript:alert(7)">Agency</a>',
  'quotes.text': 'We held out for a fair deal <script>alert(8)</script>, and we got one.',
  'quotes.speaker': 'Niamh <iframe src=javascript:alert(9)></iframe> Walsh',
  'quotes.role': 'union organiser <style>body{display:none}</style>',
  'source.name': 'Harbour Wire <img src=x onerror=alert(10)>',
  'source.url': 'https://wire.example/ferry?q="><script>alert(11)</script>',
  canonical: 'https://partner.example/ferry?q="><svg/onload=alert(12)>',
  'corrections.text': 'An earlier version <a href="javascript:alert(13)">gave</a> the wrong vote count.',
  legacyUrl: 'https://old.example/2024/11/ferry"><svg/onload=alert(14)>',
  body: 'Crews voted by a wide margin to accept the offer.\n\n<img src=x onerror=alert(15)> <script>alert(16)</script> [a link](javascript:alert(17))',
} as const;

/** The same for the desk form. */
const DESK = {
  name: 'Night <script>alert(20)</script> Desk',
  'links.label': 'Email <img src=x onerror=alert(21)> the desk',
  'links.url': 'mailto:night@fixture.example',
  body: 'The night desk <img src=x onerror=alert(22)> takes [tips](javascript:alert(23)) <script>alert(24)</script>',
} as const;

/** Typed first into the fields that must refuse them: script addresses, and a slug with markup. */
const REFUSED = {
  slug: '<script>alert(30)</script>',
  'source.url': 'javascript:alert(31)',
  canonical: 'javascript:alert(32)',
  legacyUrl: 'javascript:alert(33)',
  'links.url': 'javascript:alert(34)',
} as const;

/** The text fields (string, text and Markdown widgets) of a form, by path: "image.alt", "quotes.text", "tags". */
function textFields(fields: readonly CmsField[], prefix = ''): string[] {
  return fields.flatMap((f) => {
    const path = `${prefix}${f.name}`;
    if (['string', 'text', 'markdown'].includes(f.widget)) return [path];
    if (f.fields) return textFields(f.fields, `${path}.`);
    if (f.field) return textFields([f.field], '').length > 0 ? [path] : [];
    return [];
  });
}

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

/** Every element under `node`. */
function elements(node: DefaultTreeAdapterMap['node'], out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node as Element);
  if ('childNodes' in node) for (const child of node.childNodes) elements(child, out);
  return out;
}

/** The text under `node`, as a browser shows it (entities decoded). */
function textOf(node: DefaultTreeAdapterMap['node']): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
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

/** Every file in the content folder, relative to it. */
const contentFiles = (): string[] =>
  readdirSync(join(repo, 'content'), { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => statSync(join(repo, 'content', f)).isFile())
    .sort();

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

/** Replaces what a field holds (a plain fill after a refused save adds to the old text in Decap's inputs). */
async function refill(page: Page, name: string, value: string): Promise<void> {
  await field(page, name).fill('');
  await field(page, name).fill(value);
}

async function choose(page: Page, name: string, option: string): Promise<void> {
  await field(page, name).fill(option);
  await page.keyboard.press('Enter');
}

/** Types `text` into the form's Markdown body (its raw mode). */
async function typeBody(page: Page, text: string): Promise<void> {
  await page.locator('[contenteditable="true"]').last().click();
  await page.keyboard.type(text);
}

async function publish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now').click();
}

describe('the editor at /admin/ with the local backend', () => {
  it('writes a story and a desk with hostile text in every text field, refusing script addresses, that a real build shows inert', async () => {
    // Every text field of the generated config gets hostile text: a field added to the form without a value here fails.
    const config = yaml.load(await (await fetch(`${origin}/admin/config.yml`)).text()) as {
      collections: { name: string; fields: CmsField[] }[];
    };
    const formFields = (name: string): CmsField[] => config.collections.find((c) => c.name === name)?.fields ?? [];
    expect(textFields(formFields('articles')).sort()).toEqual(Object.keys(STORY).sort());
    expect(textFields(formFields('desks')).sort()).toEqual(Object.keys(DESK).sort());
    const message = (collection: string, path: string): string => {
      const [group, name] = path.includes('.') ? path.split('.') : [path, undefined];
      const top = formFields(collection).find((f) => f.name === group);
      const found = name ? (top?.fields ?? []).find((f) => f.name === name) : top;
      return found?.pattern?.[1] ?? '';
    };
    // The form's words for a script address are the checker's (docs/content.md).
    expect(message('articles', 'source.url')).toBe(schemaMessage(sourceSchema.shape.url, 'javascript:alert(1)'));
    expect(message('desks', 'links.url')).toBe(schemaMessage(deskSchema.shape.links.unwrap().element.shape.url, 'javascript:alert(1)'));

    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e.stack ?? e)));
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    // A desk: its name, a link and the bio; a script address in the link is refused before anything is written.
    const desksBefore = contentFiles();
    await signIn(page);
    await page.goto(`${origin}/admin/#/collections/desks/new`);
    await field(page, 'name').waitFor();
    await field(page, 'name').fill(DESK.name);
    await page.getByRole('button', { name: 'Add link' }).click();
    await field(page, 'label').fill(DESK['links.label']);
    await field(page, 'url').fill(REFUSED['links.url']);
    await typeBody(page, DESK.body);
    await publish(page);
    await expect.poll(() => page.getByText(message('desks', 'links.url')).count()).toBe(1);
    await page.waitForTimeout(500);
    expect(contentFiles()).toEqual(desksBefore);
    // Decap ends a refused save with an unhandled rejection of its own ("[undefined]"); only later errors count.
    errors.splice(0);
    await refill(page, 'url', DESK['links.url']);
    await publish(page);
    await expect.poll(() => contentFiles().length, { timeout: 15_000 }).toBe(desksBefore.length + 1);
    const deskFile = contentFiles().find((f) => !desksBefore.includes(f)) ?? '';
    expect(deskFile).toMatch(/^desks\/[a-z0-9]+(-[a-z0-9]+)*\.md$/);
    const deskSlug = deskFile.slice('desks/'.length, -'.md'.length);
    const deskText = readFileSync(join(repo, 'content', deskFile), 'utf8');
    const deskParsed = parseMarkdownFile(deskText);
    if (isFrontmatterFailure(deskParsed)) throw new Error(`not frontmatter:\n${deskText}`);
    expect(deskParsed.data).toEqual({ name: DESK.name, links: [{ label: DESK['links.label'], url: DESK['links.url'] }] });
    expect(deskParsed.body.trim()).toBe(DESK.body);

    // A story on that desk (the editor, started again, reloads its config, so the new desk is a choice).
    // Once Decap has moved to the saved desk's address (leaving before then aborts the navigation).
    await page.waitForURL(/#\/collections\/desks\/entries\//);
    await page.getByText('Changes saved').waitFor();
    await page.goto('about:blank');
    await newStory(page);
    await field(page, 'title').fill(STORY.title);
    await field(page, 'slug').fill(REFUSED.slug);
    await choose(page, 'section', 'World');
    await choose(page, 'desk', 'Night');
    // A year that is not the year the story is started in: the folder must follow publishedAt.
    await field(page, 'publishedAt').fill('2024-11-25T09:15');
    await field(page, 'dek').fill(STORY.dek);
    await field(page, 'dateline').fill(STORY.dateline);
    await field(page, 'updatedAt').fill('2024-11-25T11:30');
    for (const tag of STORY.tags) {
      await page.getByRole('button', { name: 'Add tag' }).click();
      await page.locator('[id^="tag-field"]').last().fill(tag);
    }
    // The lead photo: uploaded through Decap's media library, saved beside the story.
    await page.getByRole('button', { name: 'Choose an image' }).click();
    await page.locator('input[type="file"]').setInputFiles(join(ROOT, 'tests/fixtures/basic/articles/2026/quay-at-dusk.jpg'));
    await page.getByRole('button', { name: 'Choose selected' }).click();
    await field(page, 'alt').fill(STORY['image.alt']);
    await field(page, 'caption').fill(STORY['image.caption']);
    await field(page, 'credit').fill(STORY['image.credit']);
    await page.getByRole('button', { name: 'Add quote' }).click();
    await page.locator('[id^="text-field"]').last().fill(STORY['quotes.text']);
    await field(page, 'speaker').fill(STORY['quotes.speaker']);
    await field(page, 'role').fill(STORY['quotes.role']);
    // Before any refused address: Decap's toggles ignore a click while a field above shows its error.
    await page.locator('[id^="featured-field"]').click();
    await expect.poll(() => page.locator('[id^="featured-field"]').getAttribute('aria-checked')).toBe('true');
    await field(page, 'name').fill(STORY['source.name']);
    await field(page, 'url').fill(REFUSED['source.url']);
    await field(page, 'canonical').fill(REFUSED.canonical);
    await field(page, 'commentsCloseAfterDays').fill('14');
    await page.getByRole('button', { name: 'Add correction' }).click();
    await page.locator('[id^="date-field"]').last().fill('2024-11-25T12:00');
    await page.locator('[id^="text-field"]').last().fill(STORY['corrections.text']);
    await field(page, 'legacyUrl').fill(REFUSED.legacyUrl);
    await typeBody(page, STORY.body);
    // Script addresses and a slug with markup are refused in the form's (the checker's) words, and nothing is written.
    const before = contentFiles();
    await publish(page);
    await expect.poll(() => page.getByText(message('articles', 'source.url')).count()).toBe(3);
    await expect(page.getByText(message('articles', 'slug')).count()).resolves.toBe(1);
    await page.waitForTimeout(500);
    expect(contentFiles()).toEqual(before);
    errors.splice(0);
    await refill(page, 'slug', STORY.slug);
    await refill(page, 'url', STORY['source.url']);
    await refill(page, 'canonical', STORY.canonical);
    await refill(page, 'legacyUrl', STORY.legacyUrl);
    await page.screenshot({ path: join(SHOTS, 'admin-new-story-filled-1280.png') });
    await publish(page);

    const path = join(repo, 'content/articles/2024/ferry-pay-deal.md');
    await expect.poll(() => existsSync(path), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => existsSync(join(repo, 'content/articles/2024/quay-at-dusk.jpg')), { timeout: 15_000 }).toBe(true);
    const text = readFileSync(path, 'utf8');
    const parsed = parseMarkdownFile(text);
    if (isFrontmatterFailure(parsed)) throw new Error(`not frontmatter:\n${text}`);
    expect(parsed.data).toEqual({
      title: STORY.title,
      section: 'world',
      desk: deskSlug,
      publishedAt: '2024-11-25T09:15:00+00:00',
      dek: STORY.dek,
      dateline: STORY.dateline,
      updatedAt: '2024-11-25T11:30:00+00:00',
      tags: STORY.tags,
      image: { src: './quay-at-dusk.jpg', alt: STORY['image.alt'], caption: STORY['image.caption'], credit: STORY['image.credit'] },
      quotes: [{ text: STORY['quotes.text'], speaker: STORY['quotes.speaker'], role: STORY['quotes.role'] }],
      source: { name: STORY['source.name'], url: STORY['source.url'] },
      canonical: STORY.canonical,
      featured: true,
      commentsCloseAfterDays: 14,
      corrections: [{ date: '2024-11-25T12:00:00+00:00', text: STORY['corrections.text'] }],
      legacyUrl: STORY.legacyUrl,
    });
    expect(parsed.body.trim()).toBe(STORY.body);
    // npm run new's style: the form's order, free text quoted, slugs and dates plain; no form-only field.
    expect(text.split('\n').slice(0, 5)).toEqual([
      '---',
      `title: ${JSON.stringify(STORY.title)}`,
      'section: world',
      `desk: ${deskSlug}`,
      'publishedAt: 2024-11-25T09:15:00+00:00',
    ]);
    expect(text).toContain(`tags: [ferries, ${JSON.stringify(STORY.tags[1])}]`);
    expect(text).not.toMatch(/^(slug|year|yearfolder):/m);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();

    // The checker's loader accepts the folder; a real build shows the story with its photo, every text inert.
    const content = loadContent(join(repo, 'content'), { language: 'en-GB' });
    expect(content.articles.map((a) => a.slug)).toContain('ferry-pay-deal');
    const built = runBuild(join(repo, 'content'), '2026-06-01T12:00:00+00:00');
    expect(built.status, built.output).toBe(0);
    const shown = (value: string): string => smartenText(value, 'en-GB');
    const html = readFileSync(join(built.outDir, 'world/ferry-pay-deal/index.html'), 'utf8');
    expect(inertProblems(html)).toEqual([]);
    const doc = parseHtml(html);
    const story = parse(html);
    expect(story.querySelector('h1')?.text).toBe(shown(STORY.title));
    const photo = story.querySelectorAll('img').find((img) => img.getAttribute('alt') === shown(STORY['image.alt']));
    expect(photo?.getAttribute('src')).toMatch(/^\/_astro\/|^\/images\//);
    expect(story.querySelector(`a[href="${printableUrl(STORY['source.url'])}"]`)?.text).toBe(shown(STORY['source.name']));
    // Plain-text fields are shown as the text the writer typed, markup and all.
    const pageText = textOf(doc);
    for (const key of [
      'dek',
      'dateline',
      'image.caption',
      'image.credit',
      'quotes.text',
      'quotes.speaker',
      'quotes.role',
      'corrections.text',
    ] as const) {
      expect(pageText, key).toContain(shown(STORY[key]));
    }
    expect(pageText).toContain(shown(STORY.tags[1] ?? ''));
    expect(pageText).toContain(shown(DESK.name));
    expect(pageText).toContain('Crews voted by a wide margin to accept the offer.');
    // Structured data: parseable, the exact headline, nothing that could end its script element.
    const blocks = elements(doc).filter((e) => e.attrs.some((a) => a.name === 'type' && a.value === 'application/ld+json'));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(textOf(block)).not.toMatch(/<\/?script|<!--/i);
    const ld = blocks.map((b) => JSON.parse(textOf(b)) as Record<string, unknown>);
    expect(ld.find((d) => d['@type'] === 'NewsArticle')?.['headline']).toBe(shown(STORY.title));
    // The feed item: well-formed, its title the text, its description and content inert when read as HTML.
    const rss = readFileSync(join(built.outDir, 'rss.xml'), 'utf8');
    expect(XMLValidator.validate(rss)).toBe(true);
    const items = new XMLParser({ isArray: (name) => name === 'item' }).parse(rss).rss.channel.item as Record<string, unknown>[];
    const item = items.find((i) => String(i['link']).endsWith('/world/ferry-pay-deal/'));
    expect(item?.['title']).toBe(shown(STORY.title));
    expect(inertProblems(String(item?.['description']))).toEqual([]);
    expect(inertProblems(String(item?.['content:encoded']))).toEqual([]);
    expect(textOf(parseHtml(String(item?.['description'])))).toBe(shown(STORY.dek));
    const feedText = textOf(parseHtml(String(item?.['content:encoded'])));
    for (const key of ['source.name', 'corrections.text'] as const) expect(feedText, key).toContain(shown(STORY[key]));
    // The search record: the headline and the text as the writer typed them.
    const record = searchFragments(built.outDir).find((f) => f.url.endsWith('/world/ferry-pay-deal/'));
    expect(record?.meta['title']).toBe(shown(STORY.title));
    expect(record?.content).toContain(shown(STORY.dek));
    // Plain text, which the search page shows as text nodes (tests/browser/search.test.ts), and no script address in it.
    for (const value of [record?.url, ...Object.values(record?.meta ?? {})]) expect(value).not.toMatch(/^\s*javascript:/i);
    // The desk's page shows the name and bio as text and runs nothing.
    const deskHtml = readFileSync(join(built.outDir, `desk/${deskSlug}/index.html`), 'utf8');
    expect(inertProblems(deskHtml)).toEqual([]);
    expect(textOf(parseHtml(deskHtml))).toContain(shown(DESK.name));
    expect(textOf(parseHtml(deskHtml))).toContain(shown(DESK['links.label']));
    rmSync(dirname(built.outDir), { recursive: true, force: true });
  }, 300_000);

  it('refuses a lead image without alt text in the contract’s words, and writes neither the story nor its photo', async () => {
    const before = contentFiles();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await newStory(page);
    await field(page, 'title').fill('Quay photo with no description');
    await choose(page, 'section', 'World');
    await choose(page, 'desk', 'HD News Desk');
    await field(page, 'publishedAt').fill('2026-11-26T10:00');
    await page.getByRole('button', { name: 'Choose an image' }).click();
    await page.locator('input[type="file"]').setInputFiles(join(ROOT, 'tests/fixtures/basic/articles/2026/quay-at-dusk.jpg'));
    await page.getByRole('button', { name: 'Choose selected' }).click();
    await field(page, 'caption').fill('The quay at dusk.');
    await typeBody(page, 'A story with a photo and no words for it.');
    await publish(page);
    await expect.poll(() => dialogs.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(dialogs[0]).toContain('Not saved:');
    expect(dialogs[0]).toContain(`Lead image: Alt text ${ALT_REQUIRED}`);
    await page.waitForTimeout(1000);
    expect(contentFiles()).toEqual(before);
    await page.close();
  }, 60_000);

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
