// A WordPress export imported into the basic fixture, then built: the
// imported stories render (figures, embeds, comments aside) and the old
// addresses redirect.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, page, ROOT, runBuild, type BuildResult } from './build-site.ts';

let build: BuildResult;

beforeAll(() => {
  const content = fixtureCopy('basic');
  const imported = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts/import-wordpress.ts'), join(ROOT, 'tests/fixtures/wordpress/export.xml')],
    {
      cwd: ROOT,
      env: { ...process.env, DATELINE_CONTENT_DIR: content },
      encoding: 'utf8',
    },
  );
  if (imported.status !== 0) throw new Error(`import failed:\n${imported.stderr}`);
  build = runBuild(content, '2026-06-01T12:00:00+00:00');
  if (build.status !== 0) throw new Error(`build of the imported site failed:\n${build.output}`);
});

describe('a site built from a WordPress import', () => {
  it('renders an imported story with its caption as a figure and its embeds sandboxed', () => {
    const doc = page(build.outDir, '/world/harbour-ferry-talks/');
    expect(doc.querySelector('h1')?.text).toBe('Harbour & ferry talks resume – “at last”');
    const figure = doc.querySelector('.article-body figure');
    expect(figure?.querySelector('img')?.getAttribute('alt')).toBe('The morning ferry leaving the harbour');
    expect(figure?.querySelector('figcaption')?.text).toBe('The morning ferry, Saoirse, leaves on time.');
    const frames = doc.querySelectorAll('.article-body iframe');
    expect(frames.map((f) => f.getAttribute('src'))).toEqual([
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      'https://player.vimeo.com/video/76979871',
      'https://www.youtube-nocookie.com/embed/abc123XYZ',
    ]);
    for (const frame of frames) expect(frame.getAttribute('sandbox')).toBeTruthy();
    expect(doc.querySelectorAll('.article-body li li').map((li) => li.text)).toEqual(['Hourly on weekdays', 'Every two hours at weekends']);
  });

  it("shows the imported approved comments, the reply under its parent, and no reader's email", () => {
    const html = readFileSync(join(build.outDir, 'world/harbour-ferry-talks/index.html'), 'utf8');
    expect(html).toContain('Sam Reader');
    expect(html).toContain('Thanks, Sam');
    expect(html).not.toMatch(/Cheap Pills|Still in moderation|linked to this|@mail\.example|@oldnews\.example/);
  });

  it('renders the hostile story with nothing active in its body', () => {
    const body = page(build.outDir, '/business-finance/council-accounts/').querySelector('.article-body')!.innerHTML;
    expect(body).toContain('The accounts are out.');
    expect(body).not.toMatch(/<script|\son\w+=|javascript:|<iframe|<object|<embed|<form|<svg|<style/i);
  });

  it('redirects the old addresses of published imported stories, not of drafts or embargoed ones', () => {
    const lines = readFileSync(join(build.outDir, '_redirects'), 'utf8').trim().split('\n').slice(1).sort();
    expect(lines).toEqual([
      '/2019/05/03/harbour-ferry-talks/ /world/harbour-ferry-talks/ 301',
      '/2019/06/01/council-accounts/ /business-finance/council-accounts/ 301',
      '/2019/08/10/caf%c3%a9-owners-welcome-quay/ /business-finance/cafe-owners-welcome-quay/ 301',
      '/2026/05/20/harbour-accord-signed/ /world/harbour-accord-signed/ 301',
    ]);
  });
});
