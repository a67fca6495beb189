// `npm run deploy` takes its bucket, endpoint and region from site.config.ts's
// `deploy` when no flag gives them, and a flag wins over the config. The
// command runs in a copy of the project whose site.config.ts names a bucket on
// a real S3-API server on loopback (s3rver), deploying a one-page site.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketContents, startS3, type S3Server } from '../build/s3-server.ts';
import { ROOT } from './run-script.ts';

describe('npm run deploy with deploy: { bucket, endpoint, region } in site.config.ts', () => {
  let s3: S3Server;
  let project: string;
  let outDir: string;
  /** Runs the copy's scripts/deploy.ts (asynchronously: s3rver answers from this process). */
  const deploy = (args: string[]): Promise<{ status: number | null; output: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(project, 'scripts/deploy.ts'), ...args], {
        cwd: project,
        env: { ...process.env, ...s3.env, AWS_REGION: '', DATELINE_OUT_DIR: outDir },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, output }));
    });
  /** Gives the copy's site.config.ts the `deploy` entry `entry` (source text), or none. */
  const configure = (entry: string | undefined): void => {
    const original = readFileSync(join(ROOT, 'site.config.ts'), 'utf8');
    const text = entry === undefined ? original : original.replace(/\n\}\);\s*$/, `\n  deploy: ${entry},\n});\n`);
    if (entry !== undefined && text === original) throw new Error('site.config.ts does not end with "});"');
    writeFileSync(join(project, 'site.config.ts'), text);
  };

  beforeAll(async () => {
    s3 = await startS3(['from-config', 'from-flag']);
    project = mkdtempSync(join(tmpdir(), 'dateline-deploy-config-'));
    for (const path of ['scripts', 'src', 'package.json', 'tsconfig.json'])
      cpSync(join(ROOT, path), join(project, path), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
    outDir = join(project, 'dist');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'index.html'), '<!doctype html><title>Front page</title>\n');
  });
  afterAll(async () => {
    await s3.close();
    rmSync(project, { recursive: true, force: true });
  });

  it('deploys to the bucket, endpoint and region the config names when no flag does', async () => {
    configure(`{ bucket: 'from-config', endpoint: '${s3.endpoint}', region: 'us-east-1' }`);
    const run = await deploy([]);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain(`deployed to s3://from-config at ${s3.endpoint}: 1 upload`);
    expect([...(await bucketContents(s3, 'from-config')).keys()]).toContain('index.html');
  });

  it('a flag wins over the config', async () => {
    configure(`{ bucket: 'from-config', endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }`);
    const run = await deploy(['--bucket', 'from-flag', '--endpoint', s3.endpoint]);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain(`deployed to s3://from-flag at ${s3.endpoint}: 1 upload`);
    expect([...(await bucketContents(s3, 'from-flag')).keys()]).toContain('index.html');
  });

  it('with no bucket in flags or config, says where to give one and exits 1', async () => {
    configure(undefined);
    const run = await deploy(['--endpoint', s3.endpoint]);
    expect(run.status).toBe(1);
    expect(run.output).toContain("no bucket: give --bucket NAME, or deploy: { bucket: 'NAME' } in site.config.ts");
  });
});
