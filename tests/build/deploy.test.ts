// `npm run deploy` against a real S3-API server on loopback (s3rver), with the
// outputs of real builds: first deploy, no-op deploy, one story changed, a
// story taken down, the deletion guard, headers read back over HTTP, storage
// errors, and a deploy killed half-way then run again.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, runBuild } from './build-site.ts';
import { bucketContents, expectedContents, plannedKeys, runDeploy, startS3, uploadCount, type S3Server } from './s3-server.ts';

const NOW = '2026-06-01T12:00:00+00:00';
const STORY = 'articles/2026/harbour-accord-signed.md';
/** A published story with no comments, so taking it down leaves no comment without its article. */
const TAKEN_DOWN = 'articles/2026/stale-story.md';

describe('npm run deploy to S3-compatible storage', () => {
  let s3: S3Server;
  let content: string;
  let outDir: string;
  const deploy = (args: string[] = [], dir = outDir, bucket = 'site') =>
    runDeploy(dir, ['--bucket', bucket, '--endpoint', s3.endpoint, ...args], s3.env);

  beforeAll(async () => {
    s3 = await startS3(['site', 'fresh']);
    content = fixtureCopy('basic');
    const build = runBuild(content, NOW);
    expect(build.status, build.output).toBe(0);
    outDir = build.outDir;
  });
  afterAll(async () => {
    await s3.close();
  });

  it('first deploy uploads every file, and the bucket then holds the output exactly', async () => {
    const run = await deploy();
    expect(run.status, run.output).toBe(0);
    const expected = expectedContents(outDir);
    expect(expected.size).toBeGreaterThan(40);
    expect(uploadCount(run.stdout)).toBe(expected.size);
    const held = await bucketContents(s3, 'site');
    held.delete('.dateline/deploy-state.json');
    expect(held).toEqual(expected);
  });

  it('a deploy with nothing changed uploads nothing', async () => {
    const run = await deploy();
    expect(run.status, run.output).toBe(0);
    expect(run.stdout).toMatch(/: 0 uploads \(0 B\), 0 deletions, \d+ unchanged/);
  });

  it('serves each object with the Content-Type and Cache-Control of its kind', async () => {
    const files = [...expectedContents(outDir).keys()];
    const first = (test: RegExp): string => {
      const found = files.find((f) => test.test(f));
      if (!found) throw new Error(`no file like ${test}`);
      return found;
    };
    const cases: [string, string, string][] = [
      ['index.html', 'text/html; charset=utf-8', 'public, max-age=0, s-maxage=60, must-revalidate'],
      ['search/index.html', 'text/html; charset=utf-8', 'no-cache'],
      ['rss.xml', 'application/rss+xml; charset=utf-8', 'public, max-age=0, s-maxage=60, must-revalidate'],
      ['sitemap-index.xml', 'application/xml; charset=utf-8', 'public, max-age=0, s-maxage=60, must-revalidate'],
      ['robots.txt', 'text/plain; charset=utf-8', 'public, max-age=0, s-maxage=60, must-revalidate'],
      [first(/^_astro\/.*\.css$/), 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
      [first(/^pagefind\/[^/]+\/fragment\//), 'application/octet-stream', 'public, max-age=31536000, immutable'],
      [
        first(/^pagefind\/[^/]+\/pagefind-entry\.json$/),
        'application/json; charset=utf-8',
        'public, max-age=0, s-maxage=60, must-revalidate',
      ],
    ];
    for (const [key, type, cache] of cases) {
      const response = await fetch(`${s3.endpoint}/site/${key}`);
      expect(response.status, key).toBe(200);
      expect([key, response.headers.get('content-type'), response.headers.get('cache-control')]).toEqual([key, type, cache]);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(readFileSync(join(outDir, key)));
    }
  });

  it('after one story changes, uploads exactly the files the build changed, its page among them', async () => {
    const before = expectedContents(outDir);
    const file = join(content, STORY);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n---\n/, '\n---\n\nA paragraph added after publication.\n'));
    const build = runBuild(content, NOW, outDir);
    expect(build.status, build.output).toBe(0);
    const after = expectedContents(outDir);
    const changed = [...after].filter(([key, md5]) => before.get(key) !== md5).map(([key]) => key);
    expect(changed).toContain('world/harbour-accord-signed/index.html');

    const plan = await deploy(['--dry-run']);
    expect(plan.status, plan.output).toBe(0);
    // The search shard's chunks are named after their content: the old ones go, last.
    const gone = [...before.keys()].filter((key) => !after.has(key)).sort();
    expect(plannedKeys(plan.stdout)).toEqual({ uploads: changed.sort(), deletions: gone });
    const run = await deploy();
    expect(run.status, run.output).toBe(0);
    expect(uploadCount(run.stdout)).toBe(changed.length);
    expect(changed.length).toBeLessThan(after.size / 2);
  });

  it('deletes a story taken down, last, and leaves the bucket holding the output exactly', async () => {
    rmSync(join(content, TAKEN_DOWN));
    const build = runBuild(content, NOW, outDir);
    expect(build.status, build.output).toBe(0);
    const run = await deploy();
    expect(run.status, run.output).toBe(0);
    expect(run.stdout).toMatch(/[1-9]\d* deletions?/);
    expect((await fetch(`${s3.endpoint}/site/world/stale-story/index.html`)).status).toBe(404);
    const held = await bucketContents(s3, 'site');
    held.delete('.dateline/deploy-state.json');
    expect(held).toEqual(expectedContents(outDir));
  });

  it('refuses more deletions than the limit without --force, touching nothing; --dry-run shows the plan', async () => {
    const nearlyEmpty = join(mkdtempSync(join(tmpdir(), 'dateline-empty-')), 'dist');
    cpSync(join(outDir, 'index.html'), join(nearlyEmpty, 'index.html'), { recursive: true });
    const before = await bucketContents(s3, 'site');

    const refused = await deploy(['--max-deletions', '10'], nearlyEmpty);
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/refusing to delete \d+ objects \(more than 10\).*Nothing was uploaded or deleted.*--force/);
    expect(await bucketContents(s3, 'site')).toEqual(before);

    const dry = await deploy(['--dry-run', '--max-deletions', '10'], nearlyEmpty);
    expect(dry.status).toBe(0);
    expect(plannedKeys(dry.stdout).deletions.length).toBe(before.size - 2); // all but index.html and the state object
    expect(dry.output).toMatch(/refusing to delete/);
    expect(await bucketContents(s3, 'site')).toEqual(before);
  });

  it('a missing bucket, refused credentials or no server: a clear error, exit 1', async () => {
    const missing = await deploy([], outDir, 'no-such-bucket');
    expect(missing.status).toBe(1);
    expect(missing.output).toContain('the bucket "no-such-bucket" at http://127.0.0.1:');
    expect(missing.output).toContain('does not exist: create it, or name the right one with --bucket. Nothing was uploaded or deleted.');

    const refused = await runDeploy(outDir, ['--bucket', 'site', '--endpoint', s3.endpoint], { ...s3.env, AWS_ACCESS_KEY_ID: 'WRONG' });
    expect(refused.status).toBe(1);
    expect(refused.output).toMatch(/refused the credentials .*InvalidAccessKeyId.*AWS_ACCESS_KEY_ID/);

    const unreachable = await runDeploy(outDir, ['--bucket', 'site', '--endpoint', 'http://127.0.0.1:9'], s3.env);
    expect(unreachable.status).toBe(1);
    expect(unreachable.output).toMatch(/could not reach the bucket "site" at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });

  it('a deploy killed half-way deleted nothing, and the next run completes it', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: 'fresh', Key: 'old-story/index.html', Body: 'stale' }));
    const expected = expectedContents(outDir);
    let puts = 0;
    const killed = await runDeploy(outDir, ['--bucket', 'fresh', '--endpoint', s3.endpoint, '--concurrency', '1'], s3.env, (kill) => {
      s3.server.on('event', (event) => {
        if (event.Records[0]?.eventName.startsWith('ObjectCreated') && ++puts === 20) kill();
      });
    });
    expect(killed.signal).toBe('SIGKILL');
    const partial = await bucketContents(s3, 'fresh');
    expect(partial.has('old-story/index.html')).toBe(true);
    expect(partial.size).toBeLessThan(expected.size);

    const missing = [...expected].filter(([key, md5]) => partial.get(key) !== md5);
    expect(missing.length).toBeGreaterThan(0);

    const rerun = await runDeploy(outDir, ['--bucket', 'fresh', '--endpoint', s3.endpoint], s3.env);
    expect(rerun.status, rerun.output).toBe(0);
    expect(uploadCount(rerun.stdout)).toBe(missing.length);
    expect(rerun.stdout).toMatch(/, 1 deletion,/);
    const held = await bucketContents(s3, 'fresh');
    held.delete('.dateline/deploy-state.json');
    expect(held).toEqual(expected);
  });
});
