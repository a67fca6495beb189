// The reply form in Chromium, posting to a stand-in form service on loopback:
// with JavaScript (Reply fills the reply-to field and focuses the form) and
// without (the Reply link still lands on the form; the post still goes), the
// browser's own validation, and the redirect to the thank-you page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFormEndpoint, type FormEndpoint } from './form-endpoint.ts';
import { launchChromium, serveFixture, type ServedSite } from './harness.ts';

const NOW = '2026-06-01T12:00:00+00:00';
const ARTICLE = '/world/harbour-accord-signed/';
let endpoint: FormEndpoint;
let site: ServedSite;
let browser: Browser;

beforeAll(async () => {
  endpoint = await startFormEndpoint();
  [site, browser] = await Promise.all([serveFixture(NOW, { DATELINE_COMMENTS_ENDPOINT: endpoint.url }), launchChromium()]);
  endpoint.redirectOrigin = site.origin;
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await endpoint?.stop();
});

/** Opens the article, recording console errors. */
async function openArticle(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.origin + ARTICLE);
  return { page, errors };
}

async function fillIn(page: Page, comment: string): Promise<void> {
  await page.getByLabel('Comment *').fill(comment);
  await page.getByLabel('Name *').fill('Ann Reader');
  await page.getByLabel('Email *').fill('ann@reader.example');
}

/** The last submission the endpoint received, as an object (each field must come once). */
function lastSubmission(): Record<string, string> {
  const fields = endpoint.received.at(-1) ?? [];
  expect(new Set(fields.map(([name]) => name)).size).toBe(fields.length);
  return Object.fromEntries(fields);
}

describe('replying with JavaScript on', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 375, height: 700 } });
  });
  afterAll(() => context.close());

  it('fills the reply-to field from a Reply link, says whom, and moves focus to the comment box', async () => {
    const { page, errors } = await openArticle(context);
    await page.getByRole('link', { name: 'Reply to Joseph Borg' }).first().click();
    expect(await page.locator('input[name="reply_to"]').inputValue()).toBe('budget-question');
    expect(await page.locator('#replying').textContent()).toMatch(/^\s*Replying to Joseph Borg\.\s+Cancel reply\s*$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply-comment');
    expect(new URL(page.url()).hash).toBe('#reply-to-budget-question');
    await page.getByRole('button', { name: 'Cancel reply' }).click();
    expect(await page.locator('input[name="reply_to"]').inputValue()).toBe('');
    expect(await page.locator('#replying').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fills the reply-to field when the page is opened at a Reply link’s address', async () => {
    const page = await context.newPage();
    await page.goto(`${site.origin}${ARTICLE}#reply-to-first-thoughts`, { waitUntil: 'load' });
    await expect.poll(() => page.locator('input[name="reply_to"]').inputValue()).toBe('first-thoughts');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reply-comment');
    await page.close();
  });

  it('lets the browser stop an incomplete form: nothing is posted', async () => {
    const { page } = await openArticle(context);
    const before = endpoint.received.length;
    await page.getByLabel('Comment *').fill('No name, no email.');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    expect(await page.locator('#reply-name').evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true);
    await page.getByLabel('Name *').fill('Ann Reader');
    await page.getByLabel('Email *').fill('not an email');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    expect(await page.locator('#reply-email').evaluate((el: HTMLInputElement) => el.validity.typeMismatch)).toBe(true);
    expect(page.url()).toBe(`${site.origin}${ARTICLE}`);
    expect(endpoint.received.length).toBe(before);
    await page.close();
  });

  it('posts every field to the endpoint, the honeypot empty, and lands on the thank-you page', async () => {
    const { page, errors } = await openArticle(context);
    const opened = Date.now();
    await page.getByRole('link', { name: 'Reply to Ana Farrugia' }).click();
    await fillIn(page, 'Replying with *JavaScript* on.');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(`${site.origin}/comments/thanks/`);
    expect(await page.locator('h1').textContent()).toBe('Thank you for your comment');
    expect(await page.locator('main').textContent()).toContain('waiting for moderation');

    const { shown_at: shownAt, ...fields } = lastSubmission();
    expect(fields).toEqual({
      comment: 'Replying with *JavaScript* on.',
      name: 'Ann Reader',
      email: 'ann@reader.example',
      _gotcha: '',
      slug: 'harbour-accord-signed',
      article_url: 'https://harbourdispatch.example/world/harbour-accord-signed/',
      reply_to: 're-budget-question',
      _redirect: 'https://harbourdispatch.example/comments/thanks/',
    });
    // The script stamped the time the page was opened, not the build's.
    expect(Math.abs(Date.parse(shownAt!) - opened)).toBeLessThan(30_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('hides the honeypot from people, the keyboard and screen readers', async () => {
    const { page } = await openArticle(context);
    expect(await page.locator('input[name="_gotcha"]').count()).toBe(1); // there, and hidden
    expect(await page.locator('input[name="_gotcha"]').isVisible()).toBe(false);
    await page.getByLabel('Email *').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Post Comment');
    const snapshot = await page.locator('#respond').ariaSnapshot();
    expect(snapshot).not.toMatch(/Leave this field empty/);
    expect(snapshot).toMatch(/textbox "Comment"/);
    await page.close();
  });
});

describe('replying with JavaScript off', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 700 } });
  });
  afterAll(() => context.close());

  it('follows a Reply link to the form, with the comment’s id in the address', async () => {
    const { page } = await openArticle(context);
    await page.getByRole('link', { name: 'Reply to Mira Camilleri' }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#reply-to-first-thoughts');
    // The form's heading is on screen: the link landed inside the form.
    await expect
      .poll(() =>
        page.locator('#reply-heading').evaluate((h) => {
          const { top, bottom } = h.getBoundingClientRect();
          return top >= 0 && bottom <= window.innerHeight;
        }),
      )
      .toBe(true);
    await page.close();
  });

  it('still posts the form (a new comment, with the publication time as the timestamp) and lands on the thank-you page', async () => {
    const { page } = await openArticle(context);
    await fillIn(page, 'Replying with JavaScript off.');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(`${site.origin}/comments/thanks/`);
    expect(lastSubmission()).toMatchObject({
      comment: 'Replying with JavaScript off.',
      reply_to: '',
      _gotcha: '',
      shown_at: '2026-05-20T07:00:00.000Z',
    });
    await page.close();
  });
});
