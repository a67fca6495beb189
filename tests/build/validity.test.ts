// Valid HTML on every kind of page, by the W3C Nu Html Checker: the basic
// fixture (hostile copy, comments, a photo) with enough stories for archive
// pages, a comment endpoint for reply forms and a breaking banner on every
// page, all its pages checked in one run of the checker. html-validate's rules run in reader.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillerArticles, fixtureCopy, htmlFile, runBuild, type BuildResult } from './build-site.ts';
import { sitePages } from './dist-walk.ts';
import { nuCheck, type NuMessage } from './nu-checker.ts';

const NOW = '2026-06-01T12:00:00+00:00';
/** One page of each kind; every other page is checked too. */
const KINDS = {
  front: '/',
  article: '/world/harbour-accord-signed/',
  'article with a photo': '/world/port-strike-ends/',
  'hostile article': '/world/hostile-copy/',
  section: '/business/',
  'section archive page': '/business/page/2/',
  desk: '/desk/news-desk/',
  tag: '/tag/ports/',
  search: '/search/',
  'not found': '/404.html',
  'comment thanks': '/comments/thanks/',
  corrections: '/corrections/',
};
/** A breaking banner current at NOW, so every page is checked with it. */
const BANNER = {
  'alerts/storm.md':
    '---\ntext: "Gale closes the harbour & the ferries"\nlink: /world/harbour-accord-signed/\nfrom: 2026-06-01T10:00:00+00:00\nuntil: 2026-06-02T10:00:00+00:00\n---\n',
};
/** A page the checker must fault, so a checker that reports nothing cannot pass: a script after </html>, as /search/ once had. */
const STRAY_SCRIPT =
  '<!doctype html><html lang="en"><head><title>x</title></head><body><p>x</p></body></html><script type="module" src="/x.js"></script>';

let build: BuildResult;
let pages: string[];
let messages: NuMessage[];
let canary: string;

beforeAll(() => {
  build = runBuild(fixtureCopy('basic', { ...fillerArticles(45, 'business', 'markets-desk'), ...BANNER }), NOW, undefined, {
    DATELINE_COMMENTS_ENDPOINT: 'https://forms.example/f/validity',
  });
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
  pages = sitePages(build.outDir);
  canary = join(mkdtempSync(join(tmpdir(), 'dateline-nu-')), 'stray-script.html');
  writeFileSync(canary, STRAY_SCRIPT);
  messages = nuCheck([canary, ...pages.map((p) => htmlFile(build.outDir, p))]);
});

const isError = (m: NuMessage) => m.type.startsWith('error') || m.type === 'non-document-error';

describe('the Nu Html Checker', () => {
  it('runs, and faults a script after </html>', () => {
    expect(messages.filter((m) => m.file === canary && isError(m)).map((m) => m.message)).toContain('Stray start tag “script”.');
  });

  it('fails, saying how to install Java, when there is no Java', () => {
    expect(() => nuCheck([canary], join(tmpdir(), 'no-such-java'))).toThrow(/apt-get install -y default-jre-headless/);
  });
});

describe('every page', () => {
  it.each(Object.entries(KINDS))('includes the %s page', (_kind, path) => {
    expect(pages).toContain(path);
  });

  it('shows the breaking banner', () => {
    expect(readFileSync(htmlFile(build.outDir, '/'), 'utf8')).toContain('aria-labelledby="breaking-label"');
  });

  it('is valid HTML by the Nu Html Checker', () => {
    expect(pages.length).toBeGreaterThan(Object.keys(KINDS).length);
    const problems = messages
      .filter((m) => m.file !== canary && isError(m))
      .map((m) => `${m.file.slice(build.outDir.length)}:${m.line}: ${m.message}`);
    expect(problems).toEqual([]);
  });
});
