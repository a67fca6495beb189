// The site works under the headers its `_headers` file sends: every page type,
// search included, with no Content-Security-Policy violation.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillerArticles, fixtureCopy, runBuild } from '../build/build-site.ts';
import { launchChromium, serveStatic, type ServedSite } from './harness.ts';

let site: ServedSite;
let browser: Browser;

beforeAll(async () => {
  // With a comment endpoint, so the reply form (and its script) is on article pages too.
  const built = runBuild(fixtureCopy('basic', fillerArticles(25, 'business', 'markets-desk')), '2026-06-01T12:00:00+00:00', undefined, {
    DATELINE_COMMENTS_ENDPOINT: 'https://forms.example/f/csp-test',
  });
  if (built.status !== 0) throw new Error(built.output);
  [site, browser] = await Promise.all([serveStatic(built.outDir, true), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('pages under the Content-Security-Policy', () => {
  it('are sent with the security headers', async () => {
    const response = await fetch(`${site.origin}/world/harbour-accord-signed/`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('permissions-policy')).toContain('camera=()');
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self' https://forms.example");
  });

  it('render every page type, and search works, with no policy violation', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await context.route('**/*', (route) => (route.request().url().startsWith(site.origin) ? route.continue() : route.abort()));
    const page = await context.newPage();
    const violations: string[] = [];
    const collect = async (path: string): Promise<void> => {
      const found = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
      violations.push(...found.map((v) => `${path}: ${v}`));
    };
    for (const path of [
      '/',
      '/world/',
      '/business/page/1/',
      '/desk/news-desk/',
      '/tag/ports/',
      '/world/harbour-accord-signed/',
      '/world/hostile-copy/',
      '/no/such/page/',
    ]) {
      await page.goto(site.origin + path, { waitUntil: 'load' });
      // Our stylesheets applied: the design tokens are defined on the page.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--dl-bg').trim()), path).not.toBe('');
      await collect(path);
    }
    // The reply form's script runs under the policy: Reply fills the reply-to field.
    await page.goto(`${site.origin}/world/harbour-accord-signed/`);
    await page
      .getByRole('link', { name: /^Reply to / })
      .first()
      .click();
    await expect.poll(() => page.locator('input[name="reply_to"]').inputValue()).not.toBe('');
    await collect('/world/harbour-accord-signed/ (reply)');
    await page.goto(`${site.origin}/search/?q=quokkafish`);
    await expect.poll(() => page.locator('dl-search .results > li').count(), { timeout: 15_000 }).toBe(1);
    await collect('/search/?q=quokkafish');
    expect(violations).toEqual([]);
    await context.close();
  });
});
