// The publish workflow (.github/workflows/publish.yml), run as GitHub would run
// it with DATELINE_TARGET=s3 (tests/build/workflow-runner.ts), each time in a
// clean clone of the repository (with the working tree's uncommitted changes
// committed on top, so what is tested is what is here) at the same path, as a runner's checkout is,
// against a real S3-API server on loopback (s3rver). The GitHub cache is a
// folder kept between runs, so from the second run on the build starts from
// the caches and output the first one saved. The result is read back from the
// bucket and over HTTP. The runs, in order:
//   1. first publish (push): cold build, every file uploaded;
//   2. a push adding a story and an embargoed one: an incremental build, a
//      handful of uploads, the story on its page, the embargoed one nowhere;
//   3. the 5-minute schedule before the embargo lifts: nothing due, nothing built or deployed;
//   4. the schedule after it lifts: due, built, deployed, the story live;
//   5. a push of a broken article: the check fails and nothing is deployed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './build-site.ts';
import { bucketContents, expectedContents, startS3, uploadCount, type S3Server } from './s3-server.ts';
import { runWorkflow, type WorkflowRun } from './workflow-runner.ts';

const WORKFLOW = '.github/workflows/publish.yml';
const BUCKET = 'site';
const PUSHED = 'articles/2026/harbour-pilots-vote-to-strike.md';
const EMBARGOED = 'articles/2026/port-authority-annual-results.md';
const PUSHED_PATH = 'politics/harbour-pilots-vote-to-strike/index.html';
const EMBARGOED_PATH = 'business/port-authority-annual-results/index.html';

const story = (title: string, section: string, publishedAt: string): string =>
  `---\ntitle: "${title}"\nsection: ${section}\ndesk: news-desk\npublishedAt: ${publishedAt}\ntags: [shipping]\n---\n\n${title}, the story.\n`;

/** The names of the steps that ran, in order. */
const ran = (run: WorkflowRun): string[] => run.steps.filter((s) => s.outcome !== 'skipped').map((s) => s.name);
const stepOutput = (run: WorkflowRun, name: string): string => {
  const step = run.steps.find((s) => s.name === name);
  if (!step) throw new Error(`no step "${name}" in: ${run.steps.map((s) => s.name).join(', ')}`);
  return step.output;
};
const everything = (run: WorkflowRun): string => run.steps.map((s) => `--- ${s.name} (${s.outcome})\n${s.output}`).join('\n');

describe('the publish workflow, run in order from a clean clone, deploying to S3', () => {
  let s3: S3Server;
  let base: string;
  let upstream: string;
  let workdir: string;
  const git = (cwd: string, ...args: string[]): string => {
    const result = spawnSync('git', ['-c', 'user.name=Test Desk', '-c', 'user.email=desk@example.test', ...args], {
      cwd,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  /** Commits `files` (content path -> text) to the repository the runs clone. */
  const push = (files: Record<string, string>, message: string): void => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(upstream, 'content', path)), { recursive: true });
      writeFileSync(join(upstream, 'content', path), text);
    }
    git(upstream, 'add', 'content');
    git(upstream, 'commit', '-q', '-m', message);
  };
  /** One run of the workflow: a fresh clone at the runner's one checkout path, the build's clock at `now`. */
  const publish = async (event: 'push' | 'schedule', now: string): Promise<WorkflowRun> => {
    rmSync(workdir, { recursive: true, force: true });
    git(base, 'clone', '-q', upstream, workdir);
    return runWorkflow(join(workdir, WORKFLOW), {
      workdir,
      event,
      vars: { DATELINE_TARGET: 's3', S3_BUCKET: BUCKET, S3_ENDPOINT: s3.endpoint, AWS_REGION: s3.env.AWS_REGION! },
      secrets: { AWS_ACCESS_KEY_ID: s3.env.AWS_ACCESS_KEY_ID!, AWS_SECRET_ACCESS_KEY: s3.env.AWS_SECRET_ACCESS_KEY! },
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? base, LANG: 'C.UTF-8', DATELINE_NOW: now },
      cacheStore: join(base, 'github-cache'),
      nodeModules: join(ROOT, 'node_modules'),
    });
  };
  const held = async (): Promise<Map<string, string>> => {
    const objects = await bucketContents(s3, BUCKET);
    objects.delete('.dateline/deploy-state.json');
    return objects;
  };

  beforeAll(async () => {
    s3 = await startS3([BUCKET]);
    base = mkdtempSync(join(tmpdir(), 'dateline-publish-'));
    upstream = join(base, 'upstream');
    workdir = join(base, 'runner', 'work');
    // The repository as it is now, uncommitted changes too, committed in a clone: what GitHub would check out.
    git(base, 'clone', '-q', '--no-hardlinks', ROOT, upstream);
    const changed = [
      ...git(ROOT, 'diff', 'HEAD', '--name-only', '-z').split('\0'),
      ...git(ROOT, 'ls-files', '--others', '--exclude-standard', '-z').split('\0'),
    ].filter(Boolean);
    for (const path of changed) {
      rmSync(join(upstream, path), { force: true });
      if (!existsSync(join(ROOT, path))) continue;
      mkdirSync(dirname(join(upstream, path)), { recursive: true });
      cpSync(join(ROOT, path), join(upstream, path));
    }
    if (changed.length > 0) {
      git(upstream, 'add', '-A');
      git(upstream, 'commit', '-q', '-m', 'The working tree under test');
    }
  });
  afterAll(async () => {
    await s3.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('1. the first publish checks, builds cold, saves the caches and uploads the whole site', async () => {
    const run = await publish('push', '2026-12-01T10:00:00+00:00');
    expect(run.failed, everything(run)).toBeUndefined();
    expect(ran(run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci --no-audit --no-fund',
      'Restore the build cache and the last output',
      'Is a build due?',
      'Check the content',
      'Build',
      'Save the build cache and the output',
      'Deploy to S3-compatible storage',
    ]);
    expect(run.jobs['github-pages']?.outcome).toBe('skipped');
    expect(stepOutput(run, 'Restore the build cache and the last output')).toMatch(/cache not found/);
    expect(stepOutput(run, 'Build')).toMatch(/full build/);
    expect(readdirSync(join(base, 'github-cache'))).toHaveLength(1);
    const expected = expectedContents(join(workdir, 'dist'));
    expect(uploadCount(stepOutput(run, 'Deploy to S3-compatible storage'))).toBe(expected.size);
    expect(await held()).toEqual(expected);
  });

  it('2. a pushed story: the build starts from the restored cache, a few files go up, the story is live and the embargoed one nowhere', async () => {
    push(
      {
        [PUSHED]: story('Harbour pilots vote to strike over night shifts', 'politics', '2026-12-01T11:30:00+00:00'),
        [EMBARGOED]: story('Port authority reports record annual results', 'business', '2026-12-01T12:30:00+00:00'),
      },
      'Two stories, one embargoed until 12:30',
    );
    const run = await publish('push', '2026-12-01T12:00:00+00:00');
    expect(run.failed, everything(run)).toBeUndefined();
    expect(stepOutput(run, 'Restore the build cache and the last output')).toMatch(/cache restored from key: dateline-/);
    expect(stepOutput(run, 'Build')).toMatch(/incremental: \d+ of \d+ pages to render/);
    const uploads = uploadCount(stepOutput(run, 'Deploy to S3-compatible storage'));
    expect(uploads).toBeGreaterThan(0);
    expect(uploads).toBeLessThan(60);
    expect(await held()).toEqual(expectedContents(join(workdir, 'dist')));

    const page = await fetch(`${s3.endpoint}/${BUCKET}/${PUSHED_PATH}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, must-revalidate');
    expect(await page.text()).toContain('Harbour pilots vote to strike over night shifts');
    const front = await (await fetch(`${s3.endpoint}/${BUCKET}/index.html`)).text();
    expect(front).toContain('/politics/harbour-pilots-vote-to-strike/');
    expect(front).not.toContain('port-authority-annual-results');
    expect((await fetch(`${s3.endpoint}/${BUCKET}/${EMBARGOED_PATH}`)).status).toBe(404);
  });

  it('3. the schedule before the embargo lifts: nothing due, so nothing is checked, built or deployed', async () => {
    const before = await held();
    const run = await publish('schedule', '2026-12-01T12:10:00+00:00');
    expect(run.failed, everything(run)).toBeUndefined();
    expect(stepOutput(run, 'Is a build due?')).toMatch(/^no build due/m);
    expect(ran(run)).not.toContain('Build');
    expect(ran(run)).not.toContain('Deploy to S3-compatible storage');
    expect(await held()).toEqual(before);
  });

  it('4. the schedule after the embargo lifts: due, built and deployed, the story on its page and the front page', async () => {
    const run = await publish('schedule', '2026-12-01T12:31:00+00:00');
    expect(run.failed, everything(run)).toBeUndefined();
    expect(stepOutput(run, 'Is a build due?')).toMatch(/^build due: the embargo on port-authority-annual-results lifts/m);
    expect(ran(run)).toContain('Deploy to S3-compatible storage');
    expect(await held()).toEqual(expectedContents(join(workdir, 'dist')));
    const page = await fetch(`${s3.endpoint}/${BUCKET}/${EMBARGOED_PATH}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Port authority reports record annual results');
    expect(await (await fetch(`${s3.endpoint}/${BUCKET}/index.html`)).text()).toContain('/business/port-authority-annual-results/');
  });

  it('5. a push of a broken article: the check fails, and nothing is built or deployed', async () => {
    const before = await held();
    push(
      { 'articles/2026/no-title.md': '---\nsection: world\ndesk: news-desk\npublishedAt: 2026-12-01T12:40:00+00:00\n---\n\nNo title.\n' },
      'A story without a title',
    );
    const run = await publish('push', '2026-12-01T12:45:00+00:00');
    expect(run.failed?.name).toBe('Check the content');
    expect(run.failed?.output).toMatch(/::error file=.*no-title\.md/);
    expect(ran(run)).not.toContain('Build');
    expect(ran(run)).not.toContain('Deploy to S3-compatible storage');
    expect(await held()).toEqual(before);
  });
});

describe('the workflow runner refuses what it does not emulate, so the workflow cannot grow a step the test skips', () => {
  const attempt = (steps: string): Promise<WorkflowRun> => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-runner-'));
    mkdirSync(join(dir, '.git'));
    const file = join(dir, 'workflow.yml');
    writeFileSync(file, `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`);
    return runWorkflow(file, {
      workdir: dir,
      event: 'push',
      vars: {},
      secrets: {},
      env: {},
      cacheStore: join(dir, 'cache'),
      nodeModules: dir,
    });
  };

  it('an action it has no emulation for', async () => {
    await expect(attempt('      - uses: actions/upload-artifact@v4\n')).rejects.toThrow(/does not emulate actions\/upload-artifact@v4/);
  });

  it('a step key it does not honour', async () => {
    await expect(attempt('      - run: echo hi\n        working-directory: sub\n')).rejects.toThrow(/"working-directory" is not emulated/);
  });

  it('an expression function it does not implement', async () => {
    await expect(attempt('      - if: always()\n        run: echo hi\n')).rejects.toThrow(/always/i);
  });

  it('and runs what it does emulate, with expressions and step outputs as GitHub evaluates them', async () => {
    const run = await attempt(
      [
        '      - id: first',
        '        run: echo "greeting=hello ${{ vars.NAME || \'world\' }}" >> "$GITHUB_OUTPUT"',
        "      - if: steps.first.outputs.greeting == 'hello world'",
        '        run: echo "$GREETING"',
        '        env:',
        '          GREETING: ${{ steps.first.outputs.greeting }}',
        "      - if: steps.first.outputs.greeting != 'hello world'",
        '        run: exit 3',
        '',
      ].join('\n'),
    );
    expect(run.failed).toBeUndefined();
    expect(run.steps.map((s) => s.outcome)).toEqual(['success', 'success', 'skipped']);
    expect(run.steps[1]?.output).toBe('hello world\n');
  });
});
