// A live story in Chromium, served with the site's own headers (its CSP
// allows no inline script): the script adds a new update without a reload when
// updates.json changes, announces it politely, backs off while nothing
// changes and stops polling while the tab is hidden; with JavaScript off the
// page is complete and says when it was built. Timers run on Playwright's
// clock, so minutes pass in milliseconds.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, runBuild } from '../build/build-site.ts';
import { launchChromium, serveStatic, type ServedSite } from './harness.ts';

const NOW = '2026-06-01T12:00:00+00:00';
const ARTICLE = '/world/harbour-storm/';
const update = (time: string, fields: string, body: string): string =>
  `---\npublishedAt: 2026-06-01T${time}:00+00:00\n${fields}---\n\n${body}\n`;
const LIVE = {
  'articles/2026/harbour-storm.md':
    '---\ntitle: "Live: storm over the harbour"\nsection: world\ndesk: news-desk\npublishedAt: 2026-06-01T06:00:00+00:00\nlive: true\n---\n\nWhat we know so far.\n',
  'updates/harbour-storm/0700-warning.md': update('07:00', 'headline: "Warning issued"\nkey: true\n', 'The warning is in force.'),
  'updates/harbour-storm/0900-ferries.md': update('09:00', '', 'All ferries are cancelled until tomorrow.'),
};

interface LiveJson {
  live: boolean;
  updated: { iso: string; time: string };
  updates: Record<string, unknown>[];
}

let outDir: string;
let site: ServedSite;
let browser: Browser;
let original: string;
const jsonFile = (): string => join(outDir, 'world/harbour-storm/updates.json');

beforeAll(async () => {
  const built = runBuild(fixtureCopy('basic', LIVE), NOW);
  if (built.status !== 0) throw new Error(`fixture build failed:\n${built.output}`);
  outDir = built.outDir;
  original = readFileSync(jsonFile(), 'utf8');
  [site, browser] = await Promise.all([serveStatic(outDir, true), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

/** Opens the live page on Playwright's clock, counting polls and recording console errors. */
async function open(javaScriptEnabled = true): Promise<{ page: Page; polls: () => number; errors: string[] }> {
  writeFileSync(jsonFile(), original);
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const errors: string[] = [];
  let polls = 0;
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => void (r.url().endsWith('/updates.json') && polls++));
  if (javaScriptEnabled) await page.clock.install();
  await page.goto(site.origin + ARTICLE);
  return { page, polls: () => polls, errors };
}

/** The build's updates.json with one more update, as the next build would write it. */
function publishNewUpdate(): void {
  const json = JSON.parse(original) as LiveJson;
  json.updated = { iso: '2026-06-01T11:45:00+00:00', time: '12:45' };
  json.updates.unshift({
    id: '1145-reopened',
    anchor: 'update-1145-reopened',
    iso: '2026-06-01T11:45:00+00:00',
    time: '12:45',
    when: '1 June 2026 at 12:45 IST',
    headline: 'Coast road reopened',
    label: 'Coast road reopened',
    key: true,
    html: '<p>The coast road has <strong>reopened</strong>.</p>',
  });
  writeFileSync(jsonFile(), JSON.stringify(json));
}

const ids = (page: Page): Promise<(string | null)[]> => page.locator('ol.updates > li').evaluateAll((items) => items.map((li) => li.id));

describe('a live story with JavaScript', () => {
  it('shows a new update without a reload when updates.json changes, and tells screen readers politely', async () => {
    const { page, errors } = await open();
    await expect.poll(() => page.locator('#live-built').textContent()).toBe('New updates appear here as they are published.');
    expect(await ids(page)).toEqual(['update-0900-ferries', 'update-0700-warning']);
    publishNewUpdate();
    await page.clock.runFor(31_000);
    await page.locator('#update-1145-reopened').waitFor();
    expect(await ids(page)).toEqual(['update-1145-reopened', 'update-0900-ferries', 'update-0700-warning']);
    expect(await page.locator('#update-1145-reopened h3').textContent()).toBe('Coast road reopened');
    expect(await page.locator('#update-1145-reopened .update-body strong').textContent()).toBe('reopened');
    expect(await page.locator('#update-1145-reopened .key-label').textContent()).toBe('Key event');
    expect(await page.locator('nav.key-events a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '#update-1145-reopened',
      '#update-0700-warning',
    ]);
    expect(await page.locator('#live-updated-time').textContent()).toBe('12:45');
    const announcer = page.locator('[aria-live="polite"]');
    expect(await announcer.textContent()).toBe('New update: Coast road reopened');
    // The same update is not added twice on the next poll.
    await page.clock.runFor(31_000);
    expect(await page.locator('#update-1145-reopened').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('backs off while nothing changes: fewer polls in five minutes than one every 30 seconds', async () => {
    const { page, polls, errors } = await open();
    for (let i = 0; i < 30; i++) await page.clock.runFor(10_000);
    expect(polls()).toBeGreaterThanOrEqual(3);
    expect(polls()).toBeLessThanOrEqual(5);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('does not poll while the tab is hidden, and polls at once when it is shown again', async () => {
    const { page, polls } = await open();
    const setHidden = (hidden: boolean): Promise<void> =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    for (let i = 0; i < 60; i++) await page.clock.runFor(10_000);
    expect(polls()).toBe(0);
    publishNewUpdate();
    await setHidden(false);
    await page.clock.runFor(100);
    await page.locator('#update-1145-reopened').waitFor();
    expect(polls()).toBe(1);
    await page.context().close();
  });
});

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('accessibility', () => {
  it.each(['light', 'dark'] as const)('finds no axe violation in the %s theme, with an update the script added', async (colorScheme) => {
    writeFileSync(jsonFile(), original);
    // axe is injected as an inline script, which the site's CSP (rightly) refuses: bypass it for the audit only.
    const context = await browser.newContext({ colorScheme, bypassCSP: true, viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(site.origin + ARTICLE);
    publishNewUpdate();
    await page.clock.runFor(31_000);
    await page.locator('#update-1145-reopened').waitFor();
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        resultTypes: ['violations'],
      });
      return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
    });
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe('a live story without JavaScript', () => {
  it('is complete: every update, working key-event links, and when the page was built', async () => {
    const { page, errors } = await open(false);
    expect(await ids(page)).toEqual(['update-0900-ferries', 'update-0700-warning']);
    expect(await page.locator('#live-built').textContent()).toMatch(
      /published by 1 June 2026 at 13:00 IST, when it was built\. Reload it for newer\s+ones\./,
    );
    await page.locator('nav.key-events a').first().click();
    expect(new URL(page.url()).hash).toBe('#update-0700-warning');
    expect(await page.locator('#update-0700-warning').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
