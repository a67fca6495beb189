// The editor in a real build (scripts/build.ts): /admin/ is there with its
// config generated from the content's sections and desks, and nowhere else
// (no sitemap, feed, search record or link), and reader pages carry no script.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, page, runBuild, type BuildResult } from './build-site.ts';

let build: BuildResult;
let contentDir: string;
let files: string[];

beforeAll(() => {
  contentDir = fixtureCopy('basic');
  build = runBuild(contentDir, '2026-06-01T12:00:00+00:00');
  if (build.status !== 0) throw new Error(build.output);
  files = readdirSync(build.outDir, { recursive: true, encoding: 'utf8' }).map((f) => f.split('\\').join('/'));
});

afterAll(() => {
  if (build) rmSync(dirname(build.outDir), { recursive: true, force: true });
  if (contentDir) rmSync(contentDir, { recursive: true, force: true });
});

type Field = { name: string; options?: { label: string; value: string }[] };
type Collection = { name: string; folder: string; path?: string; format: string; fields: Field[] };
const text = (path: string): string => readFileSync(join(build.outDir, path), 'utf8');

describe('the editor in the built site', () => {
  it('is at /admin/: a page that is never indexed, Decap’s bundle, our scripts and the generated config', () => {
    for (const file of [
      'index.html',
      'config.yml',
      'manual-init.js',
      'decap-cms.js',
      'dateline-editor.js',
      'article-file.js',
      'js-yaml.js',
      'preview.css',
    ]) {
      expect(files, file).toContain(`admin/${file}`);
    }
    const admin = page(build.outDir, '/admin/');
    expect(admin.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex, nofollow');
    expect(admin.querySelectorAll('script').map((s) => s.getAttribute('src'))).toEqual([
      '/admin/manual-init.js',
      '/admin/decap-cms.js',
      '/admin/dateline-editor.js',
    ]);
    // The module's imports are files beside it.
    for (const [, name] of text('admin/dateline-editor.js').matchAll(/from '\.\/([\w.-]+)'/g)) expect(files).toContain(`admin/${name}`);
  });

  it('has a config made from the content’s sections and desks, saving into content/', () => {
    const config = yaml.load(text('admin/config.yml')) as { collections: Collection[]; backend: { name: string } };
    const [articles, sections, desks] = config.collections;
    const options = (name: string) => articles?.fields.find((f) => f.name === name)?.options;
    expect(options('section')).toEqual([
      { label: 'Business', value: 'business' },
      { label: 'Letters', value: 'letters' },
      { label: 'World News', value: 'world' },
    ]);
    expect(options('desk')).toEqual([
      { label: 'Markets Desk', value: 'markets-desk' },
      { label: 'HD News Desk', value: 'news-desk' },
    ]);
    expect(articles).toMatchObject({ folder: 'content/articles', path: '{{yearfolder}}/{{slug}}', format: 'dateline-frontmatter' });
    expect(sections?.folder).toBe('content/sections');
    expect(desks?.folder).toBe('content/desks');
  });

  it('is in no sitemap, feed or search record, and no reader page links to it', () => {
    const outside = files.filter((f) => !f.startsWith('admin/'));
    const xml = outside.filter((f) => f.endsWith('.xml'));
    expect(xml.some((f) => f.startsWith('sitemap-'))).toBe(true);
    expect(xml).toContain('rss.xml');
    for (const file of xml) expect(text(file), file).not.toContain('/admin');
    const json = outside.filter((f) => f.endsWith('.json') || f.endsWith('.txt'));
    for (const file of json) expect(text(file), file).not.toContain('/admin');
    const html = outside.filter((f) => f.endsWith('.html'));
    expect(html.length).toBeGreaterThan(10);
    for (const file of html) expect(text(file), file).not.toMatch(/href="[^"]*\/admin\b/);
  });

  it('leaves reader pages without script: an article page has structured data only', () => {
    const story = page(build.outDir, '/world/harbour-accord-signed/');
    expect(story.querySelector('h1')?.text).toContain('Harbour accord');
    const scripts = story.querySelectorAll('script');
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script.getAttribute('type')).toBe('application/ld+json');
  });
});
