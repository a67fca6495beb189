// Live coverage in the built site (issue 17): the basic fixture plus a live
// story with updates (one of them hostile, one dated after the clock), a story
// whose coverage has ended, and the build's refusal of an update to a story
// that is not live.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, page, runBuild, type BuildResult } from './build-site.ts';

const NOW = '2026-06-01T12:00:00+00:00';
const story = (slug: string, extra: string): string =>
  `---\ntitle: "Live: ${slug}"\nsection: world\ndesk: news-desk\npublishedAt: 2026-06-01T06:00:00+00:00\ntags: [ports]\n${extra}---\n\nWhat we know so far.\n`;
const update = (time: string, fields: string, body: string): string =>
  `---\npublishedAt: 2026-06-01T${time}:00+00:00\n${fields}---\n\n${body}\n`;

const LIVE = {
  'articles/2026/harbour-storm.md': story('harbour-storm', 'live: true\nliveUntil: 2026-06-02T20:00:00+00:00\n'),
  'updates/harbour-storm/0700-warning.md': update('07:00', 'headline: "Warning issued"\nkey: true\n', 'The *warning* is in force.'),
  'updates/harbour-storm/0900-ferries.md': update('09:00', 'key: true\n', 'All ferries are cancelled until tomorrow.'),
  'updates/harbour-storm/1000-hostile.md': update(
    '10:00',
    'headline: "</script><script>alert(1)</script>"\n',
    'Text <script>alert(2)</script><img src=x onerror=alert(3)> kept.',
  ),
  'updates/harbour-storm/1130-roads.md': update('11:30', 'headline: "Roads shut"\n', 'The coast road is shut.'),
  'updates/harbour-storm/1300-later.md': update('13:00', 'headline: "Not yet"\n', 'Filed for later.'),
  'articles/2026/ended-storm.md': story('ended-storm', 'live: true\nliveUntil: 2026-06-01T10:00:00+00:00\n'),
  'updates/ended-storm/0800-only.md': update('08:00', 'key: true\n', 'The only update.'),
};

let build: BuildResult;
let doc: HTMLElement;

beforeAll(() => {
  build = runBuild(fixtureCopy('basic', LIVE), NOW);
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
  doc = page(build.outDir, '/world/harbour-storm/');
});

const scripts = (d: HTMLElement) => d.querySelectorAll('script').filter((s) => s.getAttribute('type') !== 'application/ld+json');
const jsonLd = (d: HTMLElement) =>
  JSON.parse(d.querySelectorAll('script[type="application/ld+json"]')[0]!.textContent) as Record<string, unknown>;

describe('a live story’s page', () => {
  it('shows its updates newest first, each addressable, with times in the site’s zone (Dublin, summer: UTC+1)', () => {
    const items = doc.querySelectorAll('ol.updates > li');
    expect(items.map((li) => li.getAttribute('id'))).toEqual([
      'update-1130-roads',
      'update-1000-hostile',
      'update-0900-ferries',
      'update-0700-warning',
    ]);
    expect(items.map((li) => li.querySelector('time')?.text)).toEqual(['12:30', '11:00', '10:00', '08:00']);
    expect(items[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-06-01T11:30:00+00:00');
    expect(items[3]!.querySelector('h3')?.text).toBe('Warning issued');
    expect(items[3]!.querySelector('.update-body em')?.text).toBe('warning');
    // An update dated after the build's clock waits.
    expect(doc.toString()).not.toContain('Filed for later');
  });

  it('lists the key events newest first, each linking to its update', () => {
    const links = doc.querySelectorAll('nav.key-events a');
    expect(links.map((a) => [a.getAttribute('href'), a.text.replace(/\s+/g, ' ').trim()])).toEqual([
      ['#update-0900-ferries', '10:00 All ferries are cancelled until tomorrow.'],
      ['#update-0700-warning', '08:00 Warning issued'],
    ]);
    for (const a of links) expect(doc.querySelector(a.getAttribute('href')!)).not.toBeNull();
  });

  it('says it is live, "Updated HH:MM" at the top and, for readers without JavaScript, when it was built', () => {
    const status = doc.querySelector('header .live-status')!;
    expect(status.querySelector('.badge')?.text).toBe('Live');
    expect(status.text.replace(/\s+/g, ' ')).toContain('Updated 12:30');
    expect(doc.querySelector('#live-built')?.text.replace(/\s+/g, ' ')).toContain(
      'published by 1 June 2026 at 13:00 IST, when it was built',
    );
    expect(doc.querySelector('[aria-live="polite"][role="status"]')).not.toBeNull();
  });

  it('runs an update through the one sanitizer: no script, no handler, the words kept', () => {
    const hostile = doc.querySelector('#update-1000-hostile')!;
    expect(hostile.querySelector('h3')?.text).toBe('</script><script>alert(1)</script>');
    expect(hostile.querySelectorAll('.update-body script')).toHaveLength(0);
    expect(hostile.toString()).not.toMatch(/onerror|<script>alert/);
    expect(hostile.querySelector('.update-body')?.text).toContain('kept.');
  });

  it('loads its one script as a file, and gives the JSON file’s address', () => {
    const [script] = scripts(doc);
    expect(scripts(doc)).toHaveLength(1);
    expect(script!.getAttribute('src')).toMatch(/^\/_astro\/LiveScript\..+\.js$/);
    expect(script!.text.trim()).toBe('');
    expect(doc.querySelector('dl-live')?.getAttribute('data-src')).toBe('/world/harbour-storm/updates.json');
  });

  it('describes itself as a LiveBlogPosting with its coverage times and updates', () => {
    const ld = jsonLd(doc);
    expect(ld).toMatchObject({
      '@type': 'LiveBlogPosting',
      coverageStartTime: '2026-06-01T06:00:00+00:00',
      coverageEndTime: '2026-06-02T20:00:00+00:00',
      dateModified: '2026-06-01T11:30:00+00:00',
    });
    const updates = ld['liveBlogUpdate'] as { headline: string; url: string; datePublished: string }[];
    expect(updates.map((u) => u.url)).toEqual(
      ['1130-roads', '1000-hostile', '0900-ferries', '0700-warning'].map(
        (id) => `https://harbourdispatch.example/world/harbour-storm/#update-${id}`,
      ),
    );
    expect(updates[2]!.headline).toBe('All ferries are cancelled until tomorrow.');
  });
});

describe('updates.json', () => {
  it('is written beside a live story with the page’s updates, newest first, and sanitized HTML', () => {
    const json = JSON.parse(readFileSync(join(build.outDir, 'world/harbour-storm/updates.json'), 'utf8')) as {
      live: boolean;
      updated: { time: string };
      updates: { id: string; html: string; key: boolean }[];
    };
    expect(json.live).toBe(true);
    expect(json.updated.time).toBe('12:30');
    expect(json.updates.map((u) => u.id)).toEqual(['1130-roads', '1000-hostile', '0900-ferries', '0700-warning']);
    expect(json.updates[1]!.html).not.toMatch(/<script|onerror/);
    expect(json.updates[0]!.html).toBe(doc.querySelector('#update-1130-roads .update-body')!.innerHTML);
  });

  it('is not written for a story whose coverage has ended, nor for a story that is not live', () => {
    expect(existsSync(join(build.outDir, 'world/ended-storm/updates.json'))).toBe(false);
    expect(existsSync(join(build.outDir, 'world/port-strike-ends/updates.json'))).toBe(false);
  });
});

describe('a story whose coverage has ended', () => {
  it('keeps its updates, says coverage ended, and ships no script', () => {
    const ended = page(build.outDir, '/world/ended-storm/');
    expect(ended.querySelector('.live-status')?.text).toContain('Live coverage has ended');
    expect(ended.querySelector('#live-built')).toBeNull();
    expect(ended.querySelectorAll('ol.updates > li')).toHaveLength(1);
    expect(ended.querySelector('dl-live')).toBeNull();
    expect(scripts(ended)).toEqual([]);
    expect(jsonLd(ended)['coverageEndTime']).toBe('2026-06-01T10:00:00+00:00');
  });

  it('ships no live script on any other article page', () => {
    for (const path of ['/world/port-strike-ends/', '/world/fresh-story/']) expect(scripts(page(build.outDir, path)), path).toEqual([]);
  });
});

describe('feeds and sitemaps', () => {
  it('give the live story’s updatedAt as its newest update, and keep it in the news sitemap', () => {
    const sitemap = readFileSync(join(build.outDir, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toMatch(/world\/harbour-storm\/<\/loc><lastmod>2026-06-01T11:30:00\.000Z<\/lastmod>/);
    expect(readFileSync(join(build.outDir, 'news-sitemap.xml'), 'utf8')).toContain('/world/harbour-storm/');
    expect(readFileSync(join(build.outDir, 'rss.xml'), 'utf8')).toContain('<lastBuildDate>Mon, 01 Jun 2026 11:30:00 GMT</lastBuildDate>');
  });
});

describe('a bad update', () => {
  it('stops the build, naming the file and the fix, when its story is not live', () => {
    const bad = runBuild(fixtureCopy('basic', { 'updates/port-strike-ends/0900-x.md': update('09:00', '', 'Text.') }), NOW);
    expect(bad.status).not.toBe(0);
    expect(bad.output).toMatch(
      /updates\/port-strike-ends\/0900-x\.md:? is an update to "port-strike-ends", which is not live: add live: true/,
    );
  });
});
