import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveFixture, type ServedSite } from './harness.ts';

let site: ServedSite;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([serveFixture(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

/** Opens a page, collecting console errors and requests that leave the site. */
async function open(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[]; offsite: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const offsite: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(site.origin)) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  await page.goto(site.origin + path);
  return { page, errors, offsite };
}

describe('reading an article with JavaScript off', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 700 } });
  });
  afterAll(() => context.close());

  it('shows the headline, body, pull quotes and desk box, with no console errors', async () => {
    const { page, errors } = await open(context, '/world/harbour-accord-signed/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Harbour accord signed in Valletta');
    expect(await page.locator('.article-body figure.pull-quote').count()).toBe(2);
    expect(await page.locator('.desk-box').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('brings the reader back to the top with the Back to top link', async () => {
    const { page } = await open(context, '/world/harbour-accord-signed/');
    await page.locator('.back-to-top a').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.locator('.back-to-top a').click();
    // Scrolling may be smooth; poll from outside, as page scripts are off.
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    expect(page.url()).toMatch(/#top$/);
  });

  it('moves along a listing with its older/newer links', async () => {
    const { page } = await open(context, '/business/');
    await page.getByRole('link', { name: 'Older stories →' }).click();
    await page.waitForURL('**/business/page/2/');
    await page.getByRole('link', { name: 'Older stories →' }).click();
    await page.waitForURL('**/business/page/1/');
    expect(await page.locator('.story .headline a').last().textContent()).toBe('Filler story 1');
  });
});

describe('keyboard', () => {
  it('reaches the skip link first, and it moves focus to the main content', async () => {
    const context = await browser.newContext();
    const { page } = await open(context, '/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });
});

describe('any page', () => {
  it('makes no request off the site and logs no errors, with JavaScript on', async () => {
    const context = await browser.newContext();
    for (const path of ['/', '/world/harbour-accord-signed/', '/world/', '/desk/news-desk/', '/tag/ports/']) {
      const { errors, offsite } = await open(context, path);
      expect(errors, path).toEqual([]);
      expect(offsite, path).toEqual([]);
    }
    await context.close();
  });

  it('answers an unknown address with the 404 page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${site.origin}/no/such/story/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('We can’t find that page');
    await context.close();
  });
});
