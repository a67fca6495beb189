// Loads every hostile page in Chromium with alert(), confirm(), prompt() and
// print() hooked and every request off the site watched. Served without the
// Content-Security-Policy, so this tests the sanitizer itself, not the CSP.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../build/build-site.ts';
import { hostileSlug, makeHostileSite } from '../fixtures/hostile/make-site.ts';
import { PAYLOADS } from '../fixtures/hostile/payloads.ts';
import { launchChromium, serveStatic, type ServedSite } from './harness.ts';

let site: ServedSite;
let browser: Browser;

beforeAll(async () => {
  const built = runBuild(makeHostileSite(), '2026-06-01T12:00:00+00:00');
  if (built.status !== 0) throw new Error(built.output);
  [site, browser] = await Promise.all([serveStatic(built.outDir, false), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('hostile pages in a real browser', () => {
  it('run no payload and request nothing from elsewhere, even when hovered and focused', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const w = window as unknown as { __fired: string[] };
      w.__fired = [];
      for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
        (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
          w.__fired.push(`${name}(${args.join(',')})`);
        };
      }
    });
    const fired: string[] = [];
    const offsite: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(site.origin)) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    const paths = [
      '/',
      '/world/',
      '/tag/shared/',
      ...PAYLOADS.map((_, i) => `/world/${hostileSlug(i)}/`),
      ...PAYLOADS.slice(0, 10).map((_, i) => `/desk/desk-${i}/`),
    ];
    const page = await context.newPage();
    page.on('dialog', (d) => {
      fired.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    for (const path of paths) {
      await page.goto(site.origin + path, { waitUntil: 'load' });
      // Give handlers their chance: hover and focus everything in the story, then wait a moment.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('main *')) {
          for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart']) el.dispatchEvent(new Event(type));
        }
      });
      await page.waitForTimeout(20);
      const inPage = await page.evaluate(() => (window as unknown as { __fired: string[] }).__fired);
      fired.push(...inPage.map((f) => `${path}: ${f}`));
    }
    expect(fired).toEqual([]);
    expect(offsite).toEqual([]);
    await context.close();
  });
});
