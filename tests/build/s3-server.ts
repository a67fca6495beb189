// A real S3-API server on loopback for deploy tests (s3rver from npm, in this
// process), and `npm run deploy` run against it as a child process. The child
// must be spawned asynchronously: the server answers from this event loop.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { listFiles } from '#lib/build/output.ts';
import { ROOT } from './build-site.ts';

export interface S3Server {
  endpoint: string;
  /** s3rver itself: emits 'event' for every object put or deleted. */
  server: S3rver;
  client: S3Client;
  /** Variables a deploy needs: s3rver's fixed credentials and a region. */
  env: Record<string, string>;
  close: () => Promise<void>;
}

/** Starts s3rver on 127.0.0.1 with the buckets named, in a fresh folder. */
export async function startS3(buckets: string[]): Promise<S3Server> {
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: mkdtempSync(join(tmpdir(), 'dateline-s3-')),
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
  const client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  });
  return {
    endpoint,
    server,
    client,
    env,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

/** Every object in the bucket with its ETag's MD5. */
export async function bucketContents(s3: S3Server, bucket: string): Promise<Map<string, string>> {
  const objects = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket, ...(token ? { ContinuationToken: token } : {}) }));
    for (const o of page.Contents ?? []) objects.set(o.Key!, (o.ETag ?? '').replaceAll('"', ''));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** What a complete deploy of `outDir` leaves in a bucket: every file but the hosts' _headers and _redirects, by MD5. */
export function expectedContents(outDir: string): Map<string, string> {
  return new Map(
    listFiles(outDir)
      .filter((key) => key !== '_headers' && key !== '_redirects')
      .map((key) => [
        key,
        createHash('md5')
          .update(readFileSync(join(outDir, key)))
          .digest('hex'),
      ]),
  );
}

export interface DeployRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  output: string;
}

/** Runs scripts/deploy.ts with `args`, deploying `outDir`; `onStart` gets the child (to kill it mid-way). */
export function runDeploy(
  outDir: string,
  args: readonly string[],
  env: Record<string, string>,
  onStart?: (kill: () => void) => void,
): Promise<DeployRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/deploy.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATELINE_OUT_DIR: outDir, ...env },
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, output });
    });
    onStart?.(() => child.kill('SIGKILL'));
  });
}

/** The keys a --dry-run plan would upload and delete. */
export function plannedKeys(stdout: string): { uploads: string[]; deletions: string[] } {
  const keys = (verb: string): string[] => [...stdout.matchAll(new RegExp(`^  ${verb} (\\S+)`, 'gm'))].map((m) => m[1]!);
  return { uploads: keys('upload').sort(), deletions: keys('delete').sort() };
}

/** The number of uploads a deploy reports ("deployed to …: 12 uploads (…)"). */
export function uploadCount(stdout: string): number {
  const match = /: (\d+) uploads? \(/.exec(stdout);
  if (!match) throw new Error(`no deploy summary in:\n${stdout}`);
  return Number(match[1]);
}
