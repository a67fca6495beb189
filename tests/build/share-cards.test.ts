// Share cards in a real build: every story page's og:image is a file of the
// output, 1200×630; a recent story has its own (its photo cropped, or its
// headline drawn), older ones their section's archive card (site config
// shareCards.days, 7 by default); a new headline gives a new card (and the old
// one goes), while an untouched story keeps its card file across an
// incremental build.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, page, runBuild } from './build-site.ts';

const NOW = '2026-06-01T12:00:00+00:00';
const ORIGIN = 'https://harbourdispatch.example';

let content: string;
let outDir: string;

/** Every story page's site path (pages with og:type article). */
function storyPages(dir: string): string[] {
  return readdirSync(join(dir, 'world'))
    .filter((name) => existsSync(join(dir, 'world', name, 'index.html')))
    .map((name) => `/world/${name}/`)
    .filter((path) => page(dir, path).querySelector('meta[property="og:type"]')?.getAttribute('content') === 'article');
}

const ogImage = (path: string): string => page(outDir, path).querySelector('meta[property="og:image"]')?.getAttribute('content') ?? '';
const fileOf = (url: string): string => join(outDir, url.slice(ORIGIN.length));

beforeAll(() => {
  content = fixtureCopy('basic');
  // Updated the day before the newest story: the port strike is recent again, and has its own card.
  const strike = join(content, 'articles/2026/port-strike-ends.md');
  writeFileSync(
    strike,
    readFileSync(strike, 'utf8').replace('publishedAt: 2026-05-10T07:00:00+00:00', '$&\nupdatedAt: 2026-05-30T07:00:00+00:00'),
  );
  const build = runBuild(content, NOW);
  if (build.status !== 0) throw new Error(build.output);
  outDir = build.outDir;
});

describe('share cards', () => {
  it('gives every story page an og:image and twitter:image that is a 1200×630 file of the output', async () => {
    const paths = storyPages(outDir);
    expect(paths.length).toBeGreaterThanOrEqual(4);
    for (const path of paths) {
      const url = ogImage(path);
      expect(url, path).toMatch(new RegExp(`^${ORIGIN}/_astro/card-[0-9a-f]{16}\\.(png|jpg)$`));
      expect(page(outDir, path).querySelector('meta[name="twitter:image"]')?.getAttribute('content')).toBe(url);
      expect(await sharp(fileOf(url)).metadata(), path).toMatchObject({ width: 1200, height: 630 });
    }
  });

  it('crops the lead photo of a recent story, draws the headline of one without, and gives older stories their section’s card', () => {
    expect(ogImage('/world/port-strike-ends/')).toMatch(/\.jpg$/);
    const own = ogImage('/world/fresh-story/');
    expect(own).toMatch(/\.png$/);
    expect(ogImage('/world/stale-story/')).not.toBe(own);
    // Published 11 and 60 days before the newest story: one archive card for the section, drawn once.
    const archive = ogImage('/world/harbour-accord-signed/');
    expect(ogImage('/world/hostile-copy/')).toBe(archive);
    expect([own, ogImage('/world/stale-story/')]).not.toContain(archive);
  });

  it('draws a hostile headline as text: the page keeps it as an attribute value only', () => {
    const alt = page(outDir, '/world/hostile-copy/').querySelector('meta[property="og:image:alt"]')?.getAttribute('content');
    expect(alt).toContain('</script><script>alert(1)</script>');
    const scripts = page(outDir, '/world/hostile-copy/').querySelectorAll('script');
    expect(scripts.map((s) => s.getAttribute('type'))).toEqual(scripts.map(() => 'application/ld+json'));
  });

  it('changes the card when the headline changes, removes the old one, and keeps the cards of untouched stories', async () => {
    const before = ogImage('/world/fresh-story/');
    const untouched = ogImage('/world/stale-story/');
    const file = join(content, 'articles/2026/fresh-story.md');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('title: "Fresh story inside the news window"', 'title: "Fresh story, now with a new headline"'),
    );
    const build = runBuild(content, NOW, outDir);
    expect(build.status, build.output).toBe(0);
    expect(build.output).toMatch(/incremental: /);
    const after = ogImage('/world/fresh-story/');
    expect(after).not.toBe(before);
    expect(await sharp(fileOf(after)).metadata()).toMatchObject({ width: 1200, height: 630 });
    expect(existsSync(fileOf(before))).toBe(false);
    expect(ogImage('/world/stale-story/')).toBe(untouched);
    expect(existsSync(fileOf(untouched))).toBe(true);
  });
});
