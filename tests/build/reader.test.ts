// The reader's promises, checked on the sample site (content/) as `npm run
// build` makes it: page weight budgets, no script where none is needed, valid
// HTML, a sound heading outline and landmarks, and nothing that fails to load.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import siteConfig from '../../site.config.ts';
import { parseSiteConfig } from '#lib/content/site-config.ts';
import { ROOT, runBuild, type BuildResult } from './build-site.ts';
import { brokenReferences, pageWeight, readPage, sitePages } from './dist-walk.ts';

const NOW = '2026-12-01T06:00:00+00:00';
const SITE = parseSiteConfig(siteConfig);
/** The budgets (issue 7), in bytes, gzipped. */
const KB = 1024;
const ARTICLE_HTML_CSS = 20 * KB;
const BEFORE_INTERACTION = 50 * KB;
/** The live story's script (issue 17): it alone may ship on an article page, only while the story is live. */
const LIVE_SCRIPT = 3 * KB;
/** The sample's live story, live at NOW. */
const LIVE_PAGE = '/world/storm-brannoc-south-west-coast/';

let build: BuildResult;
let pages: string[];
let articles: string[];

beforeAll(() => {
  build = runBuild(join(ROOT, 'content'), NOW);
  if (build.status !== 0) throw new Error(`sample site build failed:\n${build.output}`);
  // The editor at /admin/ is Decap's own page for writers (tests/unit/cms-config.test.ts), not a reader's page.
  pages = sitePages(build.outDir).filter((p) => !p.startsWith('/admin/'));
  // Article pages: the ones with a story-page article.
  articles = pages.filter((p) => readPage(build.outDir, p).html.includes('class="wrap story-page"'));
});

describe('budgets on every sample article', () => {
  it('finds the sample articles', () => {
    expect(articles.length).toBeGreaterThanOrEqual(20);
    expect(pages.length).toBeGreaterThan(articles.length);
  });

  it('ships no JavaScript but on a live story: no script but JSON-LD data, nothing preloaded as script', () => {
    for (const path of articles) {
      if (path === LIVE_PAGE) continue;
      const { doc } = readPage(build.outDir, path);
      const scripts = doc.querySelectorAll('script').filter((s) => s.getAttribute('type') !== 'application/ld+json');
      expect(
        scripts.map((s) => s.outerHTML.slice(0, 120)),
        path,
      ).toEqual([]);
      expect(pageWeight(build.outDir, path).scripts, path).toEqual([]);
    }
  });

  it(`ships one script on the live story, a file (no inline script) of at most ${LIVE_SCRIPT / KB} KB gzipped`, () => {
    expect(articles).toContain(LIVE_PAGE);
    const { doc } = readPage(build.outDir, LIVE_PAGE);
    const scripts = doc.querySelectorAll('script').filter((s) => s.getAttribute('type') !== 'application/ld+json');
    expect(scripts.map((s) => [s.getAttribute('type'), s.textContent.trim()])).toEqual([['module', '']]);
    const weight = pageWeight(build.outDir, LIVE_PAGE);
    expect(weight.scripts).toEqual([expect.stringMatching(/^\/_astro\/LiveScript\..+\.js$/)]);
    expect(weight.js).toBeGreaterThan(0);
    expect(weight.js).toBeLessThanOrEqual(LIVE_SCRIPT);
  });

  it(`keeps HTML plus CSS within ${ARTICLE_HTML_CSS / KB} KB gzipped, and all that loads before interaction within ${BEFORE_INTERACTION / KB} KB`, () => {
    for (const path of articles) {
      const w = pageWeight(build.outDir, path);
      expect(w.html + w.css, `${path}: HTML ${w.html} + CSS ${w.css} bytes`).toBeLessThanOrEqual(ARTICLE_HTML_CSS);
      expect(w.html + w.css + w.js + w.fonts, path).toBeLessThanOrEqual(BEFORE_INTERACTION);
    }
  });

  it('downloads no web font: no @font-face, no font preload, no font file in the site', () => {
    for (const path of pages) expect(pageWeight(build.outDir, path).fontFiles, path).toEqual([]);
    const fonts = readdirSync(build.outDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(woff2?|ttf|otf|eot)$/i.test(f));
    expect(fonts).toEqual([]);
  });

  it('gives every picture its width and height; only the lead image loads eagerly, at high priority', () => {
    let checked = 0;
    for (const path of pages) {
      const { doc } = readPage(build.outDir, path);
      // Pictures a story hotlinks in its body (imported archives) come with no size we could know; ours all have one.
      const images = doc
        .querySelectorAll('main img')
        .filter((img) => !(img.closest('.article-body') && /^https?:/.test(img.getAttribute('src') ?? '')));
      checked += images.length;
      for (const img of images) {
        expect(Number(img.getAttribute('width')), `${path} ${img.getAttribute('src')}`).toBeGreaterThan(0);
        expect(Number(img.getAttribute('height')), `${path} ${img.getAttribute('src')}`).toBeGreaterThan(0);
      }
      const eager = images.filter((img) => img.getAttribute('loading') !== 'lazy');
      expect(eager.length, path).toBeLessThanOrEqual(1);
      if (eager[0]) {
        expect(eager[0].closest('.lead-image, .story.lead'), `${path}: ${eager[0].getAttribute('src')} is eager`).not.toBeNull();
        expect(eager[0].getAttribute('fetchpriority'), path).toBe('high');
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('the search page', () => {
  it('loads nothing but its own script, which imports only Pagefind', () => {
    const w = pageWeight(build.outDir, '/search/');
    // Its own script, and Pagefind's from the newest shard, asked for early (modulepreload) so the first search waits less.
    const [own, ...others] = w.scripts.filter((src) => !src.startsWith('/pagefind/'));
    expect(others).toEqual([]);
    expect(w.scripts.filter((src) => src.startsWith('/pagefind/'))).toEqual([expect.stringMatching(/^\/pagefind\/[^/]+\/pagefind\.js$/)]);
    const code = readFileSync(join(build.outDir, own!), 'utf8');
    // No static imports of other bundles; one dynamic import, of Pagefind's script in the newest shard's bundle.
    expect(code).not.toMatch(/\bimport\s*[\w{*][^;]*?\bfrom\s*["'`]|\bimport\s*["'`]/);
    expect(code.match(/\bimport\s*\(/g)).toHaveLength(1);
    expect(code).toContain('/pagefind/');
    expect(code).toContain('/pagefind.js');
    // Imported as it is, without Vite's preload helper around it.
    expect(code).not.toContain('modulepreload');
    expect(w.fontFiles).toEqual([]);
  });
});

describe('markup on every page', () => {
  it('is valid HTML by html-validate’s recommended rules', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      // A search-result rule, not validity: headlines may run to 200 characters (docs/content.md).
      rules: { 'long-title': 'off' },
    });
    const problems: string[] = [];
    for (const path of pages) {
      const report = await validator.validateString(readPage(build.outDir, path).html, path);
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has exactly one h1 and never skips a heading level', () => {
    for (const path of pages) {
      const { doc } = readPage(build.outDir, path);
      const levels = doc.querySelectorAll('h1, h2, h3, h4, h5, h6').map((h) => Number(h.tagName[1]));
      expect(
        levels.filter((l) => l === 1),
        path,
      ).toHaveLength(1);
      expect(levels[0], path).toBe(1);
      levels.forEach((level, i) => {
        if (i > 0) expect(level, `${path}: h${levels[i - 1]} then h${level}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
      });
    }
  });

  it('starts with a skip link to main, and has banner, navigation, main and contentinfo landmarks', () => {
    for (const path of pages) {
      const { doc } = readPage(build.outDir, path);
      const firstLink = doc.querySelector('body a');
      expect(firstLink?.getAttribute('href'), path).toBe('#main');
      expect(doc.querySelectorAll('main#main'), path).toHaveLength(1);
      expect(doc.querySelectorAll('body > header'), path).toHaveLength(1);
      expect(doc.querySelectorAll('body > footer'), path).toHaveLength(1);
      expect(doc.querySelector('header nav[aria-label="Sections"]'), path).not.toBeNull();
      expect(doc.querySelector('html')?.getAttribute('lang'), path).toBe(SITE.language);
    }
  });

  it('gives every link text that stands alone: never empty or vague, and one text never leads to two places', () => {
    const vague = /^(click here|here|read more|more|link|this)$/i;
    for (const path of pages) {
      const { doc } = readPage(build.outDir, path);
      const targets = new Map<string, string>();
      for (const a of doc.querySelectorAll('a[href]')) {
        // The accessible name: aria-label, else the text with any picture's alt text.
        const alts = a.querySelectorAll('img').map((img) => img.getAttribute('alt') ?? '');
        const text = (a.getAttribute('aria-label') ?? [a.text, ...alts].join(' ')).replace(/\s+/g, ' ').trim();
        expect(text, `${path}: ${a.outerHTML}`).not.toBe('');
        expect(text, path).not.toMatch(vague);
        const href = a.getAttribute('href')!;
        if (href.startsWith('#')) continue;
        const seen = targets.get(text.toLowerCase());
        expect(seen ?? href, `${path}: "${text}" leads to ${seen} and ${href}`).toBe(href);
        targets.set(text.toLowerCase(), href);
      }
    }
  });
});

describe('links and assets', () => {
  it('resolves every internal link, stylesheet, script, picture, srcset candidate, form and social image', () => {
    expect(brokenReferences(build.outDir, SITE.url)).toEqual([]);
  });

  it('serves the sample photo beside its article as AVIF, WebP and JPEG at several widths, and never the original', () => {
    const { doc } = readPage(build.outDir, '/politics/plymouth-harbour-board-election-turnout/');
    const picture = doc.querySelector('.lead-image picture');
    expect(picture?.querySelectorAll('source').map((s) => s.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    const img = picture?.querySelector('img');
    expect(img?.getAttribute('src')).toMatch(/^\/_astro\/plymouth-harbour-dusk\.[\w-]+_[\w-]+\.jpg$/);
    expect(
      img
        ?.getAttribute('srcset')
        ?.split(', ')
        .map((c) => c.split(' ')[1]),
    ).toEqual(['400w', '800w', '1200w', '1600w']);
    expect(img?.getAttribute('sizes')).toBeTruthy();
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['1200', '750']);
    const digest = (data: Buffer) => createHash('sha1').update(data).digest('hex');
    const original = digest(readFileSync(join(ROOT, 'content/articles/2026/plymouth-harbour-dusk.jpg')));
    const shipped = readdirSync(join(build.outDir, '_astro')).filter(
      (f) => digest(readFileSync(join(build.outDir, '_astro', f))) === original,
    );
    expect(shipped).toEqual([]);
  });
});
