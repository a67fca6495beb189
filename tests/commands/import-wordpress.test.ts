import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '#lib/render/markdown.ts';
import { ROOT, runScript, type ScriptResult } from './run-script.ts';

const EXPORT = join(ROOT, 'tests/fixtures/wordpress/export.xml');

/** Every file under `dir`, as relative paths. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .sort();
}

describe('npm run import:wordpress into an existing site', () => {
  let root: string;
  let first: ScriptResult;
  let second: ScriptResult;
  let before: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dateline-import-'));
    cpSync(join(ROOT, 'tests/fixtures/basic'), join(root, 'content'), { recursive: true });
    before = readFileSync(join(root, 'content/sections/world.md'), 'utf8');
    first = runScript('import-wordpress', [EXPORT], { cwd: root });
    second = runScript('import-wordpress', [EXPORT], { cwd: root });
  });

  it('writes articles, sections, desks and comments, and says what it imported', () => {
    expect(first.status, first.output).toBe(0);
    expect(first.stderr).toContain('[import] imported content/articles/2019/harbour-ferry-talks.md (post 10)');
    expect(first.stderr).toContain('[import] imported content/sections/business-finance.md (category business-finance)');
    expect(first.stderr).toContain('[import] imported content/desks/mark-obrien.md (author Mark_OBrien)');
    expect(first.stderr).toContain(
      '[import] imported 6 articles, 2 sections, 3 desks and 3 comments from "Old Harbour News" into content; skipped 8;',
    );
    expect(files(join(root, 'content/comments/harbour-ferry-talks'))).toEqual(['11.md', '12.md', '16.md']);
  });

  it('says what it skipped and why, and what an editor should check', () => {
    expect(first.stderr).toContain('[import] skipped category "World": sections/world.md already exists and was kept');
    expect(first.stderr).toContain('[import] skipped comment 13 on harbour-ferry-talks: it is marked as spam, not approved');
    expect(first.stderr).toContain('[import] skipped page "About us" (https://oldnews.example/about/): pages are not articles');
    expect(first.stderr).toContain('[import] check content/articles/2019/council-accounts.md: removed <script> and its content');
    expect(first.stderr).toContain(
      '[import] check content/articles/2030/port-strike-ends-2.md: the slug "port-strike-ends" is taken on the new site, so this story is port-strike-ends-2',
    );
  });

  it('never overwrites: the existing section and article are as they were', () => {
    expect(readFileSync(join(root, 'content/sections/world.md'), 'utf8')).toBe(before);
    expect(readFileSync(join(root, 'content/articles/2026/port-strike-ends.md'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'tests/fixtures/basic/articles/2026/port-strike-ends.md'), 'utf8'),
    );
  });

  it('imports a draft WordPress never dated, dated by its last edit', () => {
    expect(first.stderr).toContain('[import] imported content/articles/2019/harbour-lights-switch-on.md (post 35)');
    expect(readFileSync(join(root, 'content/articles/2019/harbour-lights-switch-on.md'), 'utf8')).toContain(
      '\npublishedAt: 2019-09-02T10:30:00+01:00\ndraft: true\n',
    );
  });

  it('says how many pictures are still loaded from the old site', () => {
    expect(first.stderr).toContain(
      '[import] 6 hotlinked images remain (2 lead images, 4 in bodies), still loaded from their old addresses: they show as empty boxes once those are gone; import with --download-images to keep lead images beside their articles',
    );
  });

  it('imports nothing twice when run again', () => {
    expect(second.status, second.output).toBe(0);
    expect(second.stderr).toContain('[import] imported 0 articles, 0 sections, 0 desks and 0 comments');
    expect(second.stderr).toContain(
      '[import] skipped post 10 "Harbour & ferry talks resume – “at last”": already imported as content/articles/2019/harbour-ferry-talks.md',
    );
  });

  it('leaves content that passes the checker', () => {
    const checked = runScript('check-content', [], { cwd: root });
    expect(checked.status, checked.output).toBe(0);
    expect(checked.stderr).toMatch(/\[check\] 13 articles, 5 sections, 5 desks, \d+ comments: no problems/);
  });

  it("writes no reader's email anywhere", () => {
    const all = files(join(root, 'content'))
      .map((f) => readFileSync(join(root, 'content', f), 'utf8'))
      .join('\n');
    expect(all).not.toMatch(/@mail\.example|@oldnews\.example|@spam\.example|192\.0\.2\./);
  });

  it('leaves nothing active in the hostile post once the site renders it', () => {
    const markdown = readFileSync(join(root, 'content/articles/2019/council-accounts.md'), 'utf8').split('\n---\n')[1]!;
    const html = createMarkdownRenderer({ embedHosts: ['www.youtube-nocookie.com', 'player.vimeo.com'] })('article', markdown);
    expect(html).not.toMatch(/<script|\son\w+=|javascript:|data:|<iframe|<object|<embed|<form|<style|<svg/i);
    expect(html).toContain('The accounts are out.');
  });
});

describe('npm run import:wordpress on bad input', () => {
  it('says so, and writes nothing, for a file that is not an export', () => {
    const root = mkdtempSync(join(tmpdir(), 'dateline-import-bad-'));
    writeFileSync(join(root, 'feed.xml'), '<html><body>not an export</body></html>');
    const result = runScript('import-wordpress', ['feed.xml'], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('[import] feed.xml is not a WordPress export: there is no <rss><channel>\n');
    expect(readdirSync(root)).toEqual(['feed.xml']);
  });

  it('shows how to run it when no file is given', () => {
    const result = runScript('import-wordpress', []);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('[import] usage: npm run import:wordpress -- export.xml [--dry-run] [--download-images]\n');
    expect(runScript('import-wordpress', [EXPORT, '--download-image']).stderr).toBe(
      '[import] usage: npm run import:wordpress -- export.xml [--dry-run] [--download-images]\n',
    );
  });

  it('writes nothing with --dry-run', () => {
    const root = mkdtempSync(join(tmpdir(), 'dateline-import-dry-'));
    const result = runScript('import-wordpress', [EXPORT, '--dry-run'], { cwd: root });
    expect(result.status, result.output).toBe(0);
    expect(result.stderr).toContain('[import] would import 6 articles, 3 sections, 3 desks and 3 comments');
    expect(readdirSync(root)).toEqual([]);
  });
});

/** Runs the import without blocking this process, so the test's own HTTP server can answer it. */
function runImport(args: readonly string[], cwd: string): Promise<ScriptResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/import-wordpress.ts'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr, output: `${stdout}${stderr}` }));
  });
}

describe('npm run import:wordpress --download-images, from an old site on 127.0.0.1', () => {
  const JPEG = readFileSync(join(ROOT, 'tests/fixtures/wordpress/ferry.jpg'));
  let server: Server;
  let base: string;
  let root: string;
  let first: ScriptResult;
  let second: ScriptResult;
  const asked: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      asked.push(request.url ?? '');
      if (request.url === '/uploads/2019/05/ferry.jpg') {
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        response.end(JPEG);
      } else {
        response.writeHead(404, { 'content-type': 'text/html' });
        response.end('<h1>Not found</h1>');
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    root = mkdtempSync(join(tmpdir(), 'dateline-import-images-'));
    writeFileSync(
      join(root, 'export.xml'),
      readFileSync(EXPORT, 'utf8').replaceAll('https://oldnews.example/wp-content/uploads/', `${base}/uploads/`),
    );
    first = await runImport(['export.xml', '--download-images'], root);
    second = await runImport(['export.xml', '--download-images'], root);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('fetches only lead images, never the pictures in bodies', () => {
    expect(first.status, first.output).toBe(0);
    expect(asked.sort()).toEqual(['/uploads/2019/05/ferry.jpg', '/uploads/2019/08/cafes.jpg']);
  });

  it('saves a lead image beside its article and points image.src at it', () => {
    expect(readFileSync(join(root, 'content/articles/2019/harbour-ferry-talks.jpg'))).toEqual(JPEG);
    const article = readFileSync(join(root, 'content/articles/2019/harbour-ferry-talks.md'), 'utf8');
    expect(article).toContain('\nimage:\n  src: ./harbour-ferry-talks.jpg\n  alt: The morning ferry leaving the harbour\n');
    expect(first.stderr).toContain('[import] downloaded 1 lead image beside its article');
  });

  it('keeps the web address of a lead image the old site no longer has, and says why', () => {
    expect(readFileSync(join(root, 'content/articles/2019/cafe-owners-welcome-quay.md'), 'utf8')).toContain(
      `  src: ${base}/uploads/2019/08/cafes.jpg\n`,
    );
    expect(first.stderr).toContain(
      `[import] check content/articles/2019/cafe-owners-welcome-quay.md: its lead image (${base}/uploads/2019/08/cafes.jpg) was not downloaded, so it is still loaded from there: the server answered 404 Not Found`,
    );
    expect(first.stderr).toContain('[import] 5 hotlinked images remain (1 lead image, 4 in bodies)');
  });

  it('leaves content that passes the checker, photo included', () => {
    const checked = runScript('check-content', [], { cwd: root });
    expect(checked.status, checked.output).toBe(0);
  });

  it('downloads nothing and overwrites nothing when run again', () => {
    expect(second.status, second.output).toBe(0);
    expect(asked).toHaveLength(2);
    expect(readdirSync(join(root, 'content/articles/2019')).filter((f) => !f.endsWith('.md'))).toEqual(['harbour-ferry-talks.jpg']);
    expect(second.stderr).not.toContain('downloaded');
  });

  it('downloads nothing in a dry run', async () => {
    const dry = mkdtempSync(join(tmpdir(), 'dateline-import-images-dry-'));
    writeFileSync(join(dry, 'export.xml'), readFileSync(join(root, 'export.xml')));
    const result = await runImport(['export.xml', '--download-images', '--dry-run'], dry);
    expect(result.status, result.output).toBe(0);
    expect(asked).toHaveLength(2);
    expect(existsSync(join(dry, 'content'))).toBe(false);
    expect(result.stderr).toContain(
      '[import] 6 hotlinked images would remain (2 lead images, 4 in bodies), still loaded from their old addresses: they show as empty boxes once those are gone; a dry run downloads nothing;',
    );
  });
});
