// Every page template in Chromium, as readers see it: axe-core in light and
// dark, phone widths without sideways scrolling, visible focus, print,
// forced colours and reduced motion.
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveFixture, type ServedSite } from './harness.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** One page of each template; the accord has a lead image, pull quotes and corrections, the strike a processed photo. */
const PAGES = {
  front: '/',
  section: '/world/',
  desk: '/desk/news-desk/',
  tag: '/tag/ports/',
  article: '/world/harbour-accord-signed/',
  'article with a photo': '/world/port-strike-ends/',
  search: '/search/?q=harbour',
  'not found': '/404.html',
  corrections: '/corrections/',
};
/** A breaking banner current at the fixture's clock, so every template is audited with it above the masthead. */
const BANNER = {
  'alerts/storm.md':
    '---\ntext: "Gale closes the harbour & the ferries"\nlink: /world/harbour-accord-signed/\nfrom: 2026-06-01T10:00:00+00:00\nuntil: 2026-06-02T10:00:00+00:00\n---\n',
};

let site: ServedSite;
let browser: Browser;

beforeAll(async () => {
  // With a comment endpoint, so the article's reply form is audited too, and a breaking banner on every page.
  [site, browser] = await Promise.all([
    serveFixture(undefined, { DATELINE_COMMENTS_ENDPOINT: 'https://forms.example/f/a11y' }, BANNER),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** Opens a page and waits until it is what a reader sees: search results shown, lazy images in place. */
async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(site.origin + path, { waitUntil: 'networkidle' });
  if (path.startsWith('/search/')) {
    await expect.poll(() => page.locator('dl-search .results > li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('dl-search .results').getAttribute('aria-busy')).toBeNull();
  }
  return page;
}

/** axe-core's WCAG 2.x A and AA rules and its best practices; violations as readable lines. */
async function axeViolations(page: Page, disabledRules: string[] = []): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (disabled) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules: Object.fromEntries(disabled.map((id) => [id, { enabled: false }])),
      resultTypes: ['violations'],
    });
    return result.violations;
  }, disabledRules);
  return (violations as AxeViolation[]).flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}: ${n.failureSummary}`),
  );
}

describe.each(['light', 'dark'] as const)('axe-core in the %s theme', (colorScheme) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  });
  afterAll(() => context.close());

  it.each(Object.entries(PAGES))('finds no violation on the %s page', async (name, path) => {
    const page = await open(context, path);
    // The article is audited with its comment thread and reply form in place.
    if (name === 'article') expect(await page.locator('#comments .comment').count()).toBeGreaterThan(0);
    if (name === 'article') expect(await page.locator('form.reply-form').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('on a 320 px phone', () => {
  it.each(Object.entries(PAGES))('never scrolls the %s page sideways', async (_name, path) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await open(context, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await context.close();
  });
});

describe('keyboard focus', () => {
  it('is visible on every link and control a reader tabs to, in both themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await open(context, PAGES.article);
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return {
            tag: el.tagName,
            text: el.textContent?.trim().slice(0, 40),
            outline: style.outlineStyle,
            width: parseFloat(style.outlineWidth),
          };
        });
        expect(focus.outline, `${colorScheme}: ${focus.tag} "${focus.text}"`).not.toBe('none');
        expect(focus.width, `${colorScheme}: ${focus.tag} "${focus.text}"`).toBeGreaterThanOrEqual(2);
      }
      await context.close();
    }
  });
});

describe('printing an article', () => {
  it('prints the story with its source and address, without navigation, forms, desk box, related stories or footer', async () => {
    const context = await browser.newContext();
    const page = await open(context, PAGES.article);
    await page.emulateMedia({ media: 'print' });
    const shown = (selector: string) => page.locator(selector).first().isVisible();
    // isVisible() is false for an element that is not there at all: each must be on the page, and hidden.
    const hidden = ['.site-header', '.site-footer', '.skip-link', '.tags', '.desk-box', '.related', '.back-to-top', 'form'];
    for (const selector of hidden) {
      expect(await page.locator(selector).count(), `${selector} is on the page`).toBeGreaterThan(0);
      expect(await shown(selector), selector).toBe(false);
    }
    for (const visible of ['h1', '.dek', '.byline', '.lead-image', '.article-body', '.pull-quote', '.source', '.corrections']) {
      expect(await shown(visible), visible).toBe(true);
    }
    expect(await page.locator('.print-only').textContent()).toBe(
      'Printed from https://harbourdispatch.example/world/harbour-accord-signed/',
    );
    await context.close();
  });
});

describe('reader preferences', () => {
  it('drops smooth scrolling when the reader asks for reduced motion', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await open(context, PAGES.article);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
    await context.close();
  });

  it('keeps the current section marked and every control outlined in forced colours', async () => {
    const context = await browser.newContext({ forcedColors: 'active' });
    const page = await open(context, PAGES.section);
    const underline = await page.locator('.sections a[aria-current="page"]').evaluate((a) => getComputedStyle(a).borderBlockEndStyle);
    expect(underline).toBe('solid');
    const searchBox = await page.locator('#site-search').evaluate((i) => getComputedStyle(i).borderBlockEndStyle);
    expect(searchBox).toBe('solid');
    // The system palette sets every colour here; axe reads author colours behind it and reports contrast it cannot see.
    expect(await axeViolations(page, ['color-contrast'])).toEqual([]);
    await context.close();
  });
});
