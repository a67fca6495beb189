import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillerArticles, fixtureCopy, htmlFile, page, runBuild, type BuildResult } from './build-site.ts';
import { brokenReferences, readerFiles } from './dist-walk.ts';

const NOW = '2026-06-01T12:00:00+00:00';
let build: BuildResult;
let allHtml: { path: string; html: string }[];

function listHtml(dir: string): string[] {
  return readerFiles(dir, /\.html$/);
}

beforeAll(() => {
  // 45 business stories by the markets desk exercise pagination (page size 20).
  build = runBuild(fixtureCopy('basic', fillerArticles(45, 'business', 'markets-desk')), NOW);
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.output}`);
  allHtml = listHtml(build.outDir).map((f) => ({ path: f, html: readFileSync(join(build.outDir, f), 'utf8') }));
});

describe('pages', () => {
  it('writes each published article at /<section>/<slug>/', () => {
    for (const path of ['/world/harbour-accord-signed/', '/world/port-strike-ends/', '/world/hostile-copy/', '/business/filler-1/']) {
      expect(existsSync(htmlFile(build.outDir, path)), path).toBe(true);
    }
  });

  it('writes the front page, section, desk, tag and 404 pages', () => {
    for (const path of [
      '/',
      '/world/',
      '/business/',
      '/letters/',
      '/desk/news-desk/',
      '/desk/markets-desk/',
      '/tag/ports/',
      '/tag/eu/',
      '/404.html',
    ]) {
      expect(existsSync(htmlFile(build.outDir, path)), path).toBe(true);
    }
  });

  it('publishes drafts and embargoed articles nowhere: no page, no listing, no link', () => {
    expect(allHtml.length).toBeGreaterThan(50);
    expect(existsSync(htmlFile(build.outDir, '/world/draft-not-ready/'))).toBe(false);
    expect(existsSync(htmlFile(build.outDir, '/business/embargoed-budget/'))).toBe(false);
    for (const { path, html } of allHtml) {
      expect(html, path).not.toMatch(/zanzidraft|embargoline|draft-not-ready|embargoed-budget/i);
    }
    // Not even the draft's photo, kept beside it, is copied into the site.
    const files = readdirSync(build.outDir, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => /zanzidraft/i.test(f))).toEqual([]);
  });

  it('never shows the preview banner or flags that npm run dev shows', () => {
    expect(allHtml.length).toBeGreaterThan(50);
    for (const { path, html } of allHtml) {
      // Their CSS may be inlined with the card's styles; no element or text may be.
      const markup = html.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
      expect(markup, path).not.toMatch(/preview-banner|preview-flag|EMBARGOED|DRAFT|npm run dev/);
    }
  });

  it('leaves drafts out even of a build run with NODE_ENV=development (where import.meta.env.DEV is true)', () => {
    const devEnv = runBuild(fixtureCopy('basic'), NOW, undefined, { NODE_ENV: 'development' });
    expect(devEnv.status, devEnv.output).toBe(0);
    expect(existsSync(htmlFile(devEnv.outDir, '/world/draft-not-ready/'))).toBe(false);
    expect(existsSync(htmlFile(devEnv.outDir, '/business/embargoed-budget/'))).toBe(false);
    expect(existsSync(htmlFile(devEnv.outDir, '/world/harbour-accord-signed/'))).toBe(true);
  });

  it('publishes an embargoed article once the build clock passes its time', () => {
    const later = runBuild(fixtureCopy('basic'), '2026-07-01T06:00:00+00:00');
    expect(later.status, later.output).toBe(0);
    expect(page(later.outDir, '/business/embargoed-budget/').querySelector('h1')?.text).toBe('Embargoline budget to be announced');
    expect(page(later.outDir, '/tag/ports/').text).toContain('Embargoline budget');
  });
});

describe('_redirects', () => {
  it("redirects each published article's old path (legacyUrl) to its permalink, in the Netlify / Cloudflare Pages format", () => {
    expect(readFileSync(join(build.outDir, '_redirects'), 'utf8')).toBe(
      [
        '# Old addresses of imported articles (legacyUrl), written by the Dateline build.',
        '/2026/05/20/harbour-accord-signed/ /world/harbour-accord-signed/ 301',
        '',
      ].join('\n'),
    );
  });

  it('has no rule for a draft, nor for an old path that is already the new one', () => {
    const text = readFileSync(join(build.outDir, '_redirects'), 'utf8');
    expect(text).not.toContain('zanzidraft');
    expect(text).not.toContain('port-strike-ends');
  });
});

describe('the article page', () => {
  let doc: ReturnType<typeof page>;
  beforeAll(() => {
    doc = page(build.outDir, '/world/harbour-accord-signed/');
  });

  it('has a section kicker linking to the section and exactly one h1, the headline', () => {
    expect(doc.querySelector('.kicker a')?.getAttribute('href')).toBe('/world/');
    expect(doc.querySelector('.kicker a')?.text).toBe('World News');
    expect(doc.querySelectorAll('h1').map((h) => h.text)).toEqual(['Harbour accord signed in Valletta']);
  });

  it('shows the dek, dateline, a byline linking to the desk, and machine-readable times', () => {
    expect(doc.querySelector('.dek')?.text).toBe('Ministers agreed a shared plan for the port after a night of talks.');
    expect(doc.querySelector('.dateline')?.text).toBe('VALLETTA');
    expect(doc.querySelector('.byline a')?.getAttribute('href')).toBe('/desk/news-desk/');
    const times = doc.querySelectorAll('.byline time').map((t) => t.getAttribute('datetime'));
    expect(times).toEqual(['2026-05-20T09:00:00+02:00', '2026-05-20T15:30:00+02:00']);
  });

  it('shows the lead image with alt text, caption and credit', () => {
    const figure = doc.querySelector('.lead-image');
    expect(figure?.querySelector('img')?.getAttribute('alt')).toBe('A red square with a white letter D');
    expect(figure?.querySelector('figcaption')?.text).toContain('The fixture image.');
    expect(figure?.querySelector('figcaption')?.text).toContain('Fixture Photo Agency');
  });

  it('places pull quotes inside the body as figure > blockquote + figcaption with speaker and role', () => {
    const quotes = doc.querySelectorAll('.article-body > figure.pull-quote');
    expect(quotes).toHaveLength(2);
    expect(quotes[0]?.querySelector('blockquote')?.text).toContain('We leave with a plan and a budget.');
    expect(quotes[0]?.querySelector('figcaption')?.text).toBe('Carmen Vella, minister for ports');
    expect(quotes[1]?.querySelector('figcaption')?.text).toBe('Luca Borg');
    // In the flow: body paragraphs come both before and after the first quote.
    const children = doc.querySelector('.article-body')!.childNodes.filter((n) => 'tagName' in n);
    const first = children.indexOf(quotes[0]!);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(children.length - 1);
  });

  it('credits the source with a link, and lists corrections newest first', () => {
    const source = doc.querySelector('.source');
    expect(source?.text.trim()).toBe('Source: Northwire');
    expect(source?.querySelector('a')?.getAttribute('href')).toBe('https://northwire.example/harbour-accord');
    const corrections = doc.querySelectorAll('.corrections li').map((li) => li.text);
    expect(corrections[0]).toContain('misspelt');
    expect(corrections[1]).toContain('wrong budget');
  });

  it('ends with the desk box and bio, related articles (never itself) and a working Back to top link', () => {
    expect(doc.querySelector('.desk-box h2')?.text).toBe('HD News Desk');
    expect(doc.querySelector('.desk-box .bio')?.text).toContain('covers everything that moves');
    const related = doc.querySelectorAll('.related a').map((a) => a.getAttribute('href'));
    expect(related).toContain('/world/port-strike-ends/');
    expect(related).not.toContain('/world/harbour-accord-signed/');
    // Each related story names its section and its date.
    const items = doc.querySelectorAll('.related li');
    expect(items.length).toBe(related.length);
    for (const li of items) {
      expect(li.querySelector('.kicker')?.text.trim(), li.text).toMatch(/\S/);
      expect(li.querySelector('time')?.getAttribute('datetime'), li.text).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    expect(doc.querySelector('.back-to-top a')?.getAttribute('href')).toBe('#top');
    expect(doc.querySelector('#top')).not.toBeNull();
  });

  it('links its topics to their tag pages and names its own URL as canonical', () => {
    expect(doc.querySelectorAll('.tags a').map((a) => a.getAttribute('href'))).toEqual(['/tag/ports/', '/tag/eu/']);
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
      'https://harbourdispatch.example/world/harbour-accord-signed/',
    );
  });

  it('names the original as canonical for syndicated copy', () => {
    const syndicated = page(build.outDir, '/world/port-strike-ends/');
    expect(syndicated.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe('https://northwire.example/port-strike');
  });

  it('shows approved comments, no reply form and no script, and says why, when the site names no comments endpoint', () => {
    expect(doc.querySelector('#comments-heading')?.text).toBe('4 Comments');
    expect(doc.querySelector('#comments .not-taken')?.text).toBe('New comments are not taken on this site.');
    expect(doc.querySelector('#respond')).toBeNull();
    expect(doc.querySelector('form[method="post"]')).toBeNull();
    expect(doc.querySelectorAll('a.reply-link')).toHaveLength(0);
    expect(doc.querySelector('#comments .closed')).toBeNull();
    expect(doc.querySelectorAll('script').map((s) => s.getAttribute('type'))).toEqual(['application/ld+json', 'application/ld+json']);
  });
});

describe('a lead image beside the article', () => {
  let doc: ReturnType<typeof page>;
  beforeAll(() => {
    doc = page(build.outDir, '/world/port-strike-ends/');
  });

  it('is served as AVIF and WebP with a JPEG fallback, at widths up to its own 800 px, with its size', () => {
    const picture = doc.querySelector('.lead-image picture');
    expect(picture?.querySelectorAll('source').map((s) => s.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    for (const source of picture!.querySelectorAll('source')) {
      expect(
        source
          .getAttribute('srcset')
          ?.split(', ')
          .map((c) => c.split(' ')[1]),
      ).toEqual(['400w', '800w']);
      expect(source.getAttribute('sizes')).toBe(picture?.querySelector('img')?.getAttribute('sizes'));
    }
    const img = picture?.querySelector('img');
    expect(img?.getAttribute('src')).toMatch(/^\/_astro\/quay-at-dusk\..+\.jpg$/);
    expect(img?.getAttribute('alt')).toBe('A lighthouse and two boats in silhouette at dusk');
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['800', '500']);
  });

  it('loads at once and first, as the lead image, while pictures in listings wait until they are near', () => {
    const img = doc.querySelector('.lead-image img');
    expect(img?.getAttribute('loading')).toBe('eager');
    expect(img?.getAttribute('fetchpriority')).toBe('high');
    const tag = page(build.outDir, '/tag/labour/');
    expect(tag.querySelector('.story.lead img')?.getAttribute('fetchpriority')).toBe('high');
    const front = page(build.outDir, '/');
    const cards = front.querySelectorAll('.story:not(.lead) img');
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card.getAttribute('loading')).toBe('lazy');
  });

  it('gives social cards and JSON-LD addresses that exist in the site, JSON-LD a JPEG of the photo', () => {
    const og = doc.querySelector('meta[property="og:image"]')?.getAttribute('content') ?? '';
    // Three weeks older than the newest story, it shares its section's archive card (a recent one's photo crop:
    // tests/build/share-cards.test.ts); JSON-LD names a JPEG of the photo itself.
    expect(og).toMatch(/^https:\/\/harbourdispatch\.example\/_astro\/card-[0-9a-f]+\.png$/);
    expect(existsSync(join(build.outDir, new URL(og).pathname))).toBe(true);
    const ld = JSON.parse(doc.querySelectorAll('script[type="application/ld+json"]')[0]!.textContent) as { image: string[] };
    expect(ld.image).toHaveLength(1);
    expect(ld.image[0]).toMatch(/^https:\/\/harbourdispatch\.example\/_astro\/.+\.jpg$/);
    expect(existsSync(join(build.outDir, new URL(ld.image[0]!).pathname))).toBe(true);
  });
});

describe('hostile copy', () => {
  it('escapes frontmatter text and sanitizes the body', () => {
    const html = readFileSync(htmlFile(build.outDir, '/world/hostile-copy/'), 'utf8');
    const doc = page(build.outDir, '/world/hostile-copy/');
    expect(doc.querySelector('h1')?.text).toBe('Tom & Jerry </script><script>alert(1)</script> “quoted” ]]>');
    // Outside attribute values (where "<" is plain text) no tag was injected.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<script>alert|<img src=x/);
    // The only scripts are JSON-LD data blocks, and the title's "</script>" did not end one.
    const scripts = doc.querySelectorAll('script');
    expect(scripts.map((s) => s.getAttribute('type'))).toEqual(['application/ld+json', 'application/ld+json']);
    expect(JSON.parse(scripts[0]!.textContent).headline).toBe('Tom & Jerry </script><script>alert(1)</script> “quoted” ]]>');
    for (const el of doc.querySelectorAll('*')) {
      for (const [name, value] of Object.entries(el.attributes)) {
        expect(name, el.outerHTML).not.toMatch(/^on/i);
        if (/^(href|src|action|style)$/i.test(name)) expect(value, el.outerHTML).not.toMatch(/script:/i);
      }
    }
    const iframes = doc.querySelectorAll('iframe');
    expect(iframes.map((f) => f.getAttribute('src'))).toEqual(['https://www.youtube-nocookie.com/embed/abc']);
    expect(iframes[0]?.getAttribute('sandbox')).toContain('allow-scripts');
    expect(iframes[0]?.getAttribute('loading')).toBe('lazy');
  });
});

describe('listings', () => {
  it('shows the newest stories first on a section front, with a link to older ones', () => {
    const doc = page(build.outDir, '/business/');
    const heads = doc.querySelectorAll('.story .headline a').map((a) => a.text);
    expect(heads).toHaveLength(20);
    expect(heads[0]).toBe('Filler story 45');
    expect(heads[19]).toBe('Filler story 26');
    // 45 stories, 20 a page: the front holds 45…26, and story 25 lives on page 2 (21…40).
    expect(doc.querySelector('link[rel="next"]')?.getAttribute('href')).toBe('/business/page/2/');
  });

  it('numbers archive pages from the oldest story, so page 1 never changes', () => {
    const doc = page(build.outDir, '/business/page/1/');
    const heads = doc.querySelectorAll('.story .headline a').map((a) => a.text);
    expect(heads[0]).toBe('Filler story 20');
    expect(heads.at(-1)).toBe('Filler story 1');
    expect(doc.querySelector('link[rel="prev"]')?.getAttribute('href')).toBe('/business/page/2/');
    expect(existsSync(htmlFile(build.outDir, '/business/page/3/'))).toBe(false);
  });

  it('lists a desk’s stories under its bio, and a tag’s stories across sections', () => {
    expect(page(build.outDir, '/desk/news-desk/').querySelector('.bio')?.text).toContain('covers everything');
    const tag = page(build.outDir, '/tag/ports/')
      .querySelectorAll('.story .headline a')
      .map((a) => a.getAttribute('href'));
    expect(tag).toEqual(['/world/harbour-accord-signed/', '/world/port-strike-ends/']);
  });

  it('leads the front page with the newest story once the featured one is stale, shows no story twice, and has section blocks', () => {
    const doc = page(build.outDir, '/');
    // The featured accord (20 May) is eleven days older than the newest story: past its 72 hours, it leads no more.
    expect(doc.querySelector('.story.lead .headline a')?.text).toBe('Fresh story inside the news window');
    expect(doc.querySelectorAll('main .story .headline a').map((a) => a.text)).toContain('Harbour accord signed in Valletta');
    const links = doc.querySelectorAll('main .story .headline a').map((a) => a.getAttribute('href'));
    expect(new Set(links).size).toBe(links.length);
    // Every World story is already above the blocks, so only Business (with 45 more) gets one.
    expect(doc.querySelectorAll('.section-blocks h2').map((h) => h.text)).toEqual(['Business']);
  });

  it('dates the front page as a newspaper does, by the build clock in the site zone', () => {
    const edition = page(build.outDir, '/').querySelector('main .edition time');
    expect(edition?.text).toBe('Monday 1 June 2026');
    expect(edition?.getAttribute('datetime')).toBe('2026-06-01');
  });

  it('never puts a story with a picture beside one without under the lead', () => {
    const slots = page(build.outDir, '/').querySelectorAll('.secondary > .slot');
    expect(slots.length).toBeGreaterThan(0);
    // Rows of two: a story alone in its row is marked wide; the two stories of a row are both pictured or both not.
    const paired = slots.filter((slot) => !slot.classList.contains('wide')).map((slot) => slot.querySelector('img') !== null);
    expect(paired.length % 2).toBe(0);
    for (let i = 0; i < paired.length; i += 2) expect(paired[i], `row ${i / 2 + 1}`).toBe(paired[i + 1]);
  });

  it('writes the security headers file for the CDN', () => {
    const headers = readFileSync(join(build.outDir, '_headers'), 'utf8');
    expect(headers.split('\n')[0]).toBe('/*');
    expect(headers).toMatch(/^ {2}Content-Security-Policy: default-src 'self'; script-src 'self'/m);
    expect(headers).toContain('frame-src https://www.youtube-nocookie.com');
  });

  it('resolves every internal link, stylesheet, script, picture, srcset candidate, form and social image', () => {
    // The hostile fixture's <img src=x onerror=…> keeps its (harmless, broken) src once sanitized.
    const broken = brokenReferences(build.outDir, 'https://harbourdispatch.example').filter(
      (b) => b !== '/world/hostile-copy/ -> x (<img src>)',
    );
    expect(broken).toEqual([]);
    // The search page's script is checked by the browser tests; here, that every shard it names has Pagefind's script.
    const shards = page(build.outDir, '/search/').querySelector('dl-search')?.getAttribute('data-shards')?.split(' ') ?? [];
    expect(shards.length).toBeGreaterThan(0);
    for (const id of shards) expect(existsSync(join(build.outDir, 'pagefind', id, 'pagefind.js')), id).toBe(true);
  });
});
