// `npm run deploy -- [--bucket NAME] [--endpoint URL] [--region R] [--dry-run] [--force]`:
// puts the built site (DATELINE_OUT_DIR, default dist/) into S3-compatible
// storage (AWS S3, Cloudflare R2, MinIO, Backblaze B2…). Only files whose MD5
// differs from the object's ETag are uploaded, with Content-Type and
// Cache-Control from src/lib/outputs/file-rules.ts; assets and search chunks
// first, then search entry files, pages, feeds and sitemaps; deletions last,
// and only when every upload succeeded, so an interrupted deploy leaves a
// working site and the next run finishes the job (src/lib/deploy/plan.ts).
//
// Where: --bucket, --endpoint and --region, or else `deploy: { bucket,
// endpoint, region }` in site.config.ts; the region last of all from
// AWS_REGION. Credentials: the standard AWS variables (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY), read by the AWS SDK itself.
// Exit codes: 0 deployed (or planned, with --dry-run), 1 failed or refused.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { readContext } from '../src/bridge/environment.ts';
import { listFiles } from '#lib/build/output.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import {
  byPhase,
  DEFAULT_MAX_DELETIONS,
  deletionGuard,
  formatPlan,
  invalidationPaths,
  PHASES,
  planDeploy,
  readState,
  rulesDigest,
  STATE_KEY,
  stateBody,
  summary,
  type DeployPlan,
  type LocalFile,
  type RemoteObject,
  type Upload,
} from '#lib/deploy/plan.ts';
import { explainStorageError } from '#lib/deploy/storage-errors.ts';
import { changedFeedUrls, PING_TIMEOUT_MS, pingBody } from '#lib/deploy/websub.ts';
import { createLogger } from './log.ts';

const USAGE =
  'usage: npm run deploy -- [--bucket NAME] [--endpoint URL] [--region REGION] [--dry-run] [--force] [--max-deletions N] ' +
  '[--concurrency N] [--cloudfront-distribution ID]';
const log = createLogger('deploy');
const root = resolve(import.meta.dirname, '..');

/** A mistake in how the command was run: printed without a stack trace. */
class UsageError extends Error {}

interface Options {
  bucket: string;
  endpoint: string | undefined;
  region: string | undefined;
  dryRun: boolean;
  force: boolean;
  maxDeletions: number;
  concurrency: number;
  distribution: string | undefined;
}

/** The command line, with the bucket, endpoint and region the flags leave out taken from `config` (site.config.ts's `deploy`). */
function options(config: SiteConfig['deploy']): Options {
  const { values } = parseArgs({
    options: {
      bucket: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      'max-deletions': { type: 'string', default: String(DEFAULT_MAX_DELETIONS) },
      concurrency: { type: 'string', default: '8' },
      'cloudfront-distribution': { type: 'string' },
    },
    strict: true,
  });
  const bucket = values.bucket || config?.bucket;
  if (!bucket) throw new UsageError(`no bucket: give --bucket NAME, or deploy: { bucket: 'NAME' } in site.config.ts\n${USAGE}`);
  const count = (name: string, value: string, min: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${value}"`);
    return n;
  };
  if (values.endpoint !== undefined && !/^https?:\/\//.test(values.endpoint))
    throw new UsageError(`--endpoint must be an http(s):// URL, not "${values.endpoint}"`);
  return {
    bucket,
    endpoint: values.endpoint || config?.endpoint,
    region: values.region || config?.region,
    dryRun: values['dry-run'],
    force: values.force,
    maxDeletions: count('max-deletions', values['max-deletions'], 0),
    concurrency: count('concurrency', values.concurrency, 1),
    distribution: values['cloudfront-distribution'] || undefined,
  };
}

/** Every file of the output folder with its size and MD5. */
function localFiles(dir: string): LocalFile[] {
  return listFiles(dir).map((key) => {
    const bytes = readFileSync(join(dir, key));
    return { key, size: bytes.length, md5: createHash('md5').update(bytes).digest('hex') };
  });
}

async function remoteObjects(s3: S3Client, bucket: string): Promise<RemoteObject[]> {
  const objects: RemoteObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ...(token ? { ContinuationToken: token } : {}) }));
    for (const o of page.Contents ?? []) if (o.Key !== undefined) objects.push({ key: o.Key, etag: o.ETag ?? '' });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

async function readStateObject(s3: S3Client, bucket: string): Promise<string | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: STATE_KEY }));
    return await object.Body?.transformToString();
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** Runs `job` over `items`, `limit` at a time; the first failure stops new jobs and is thrown once the running ones end. */
async function inPool<T>(items: readonly T[], limit: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await job(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

async function upload(s3: S3Client, bucket: string, dir: string, u: Upload): Promise<void> {
  const body = readFileSync(join(dir, u.key));
  // Checked against what we planned: a file rewritten since (a build running beside us) must not go up with the wrong MD5.
  const md5 = createHash('md5').update(body).digest();
  if (md5.toString('hex') !== u.md5) throw new Error(`${u.key} changed while deploying; build first, then deploy`);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: u.key,
      Body: body,
      ContentType: u.contentType,
      CacheControl: u.cacheControl,
      ContentMD5: md5.toString('base64'),
    }),
  );
}

async function deleteAll(s3: S3Client, bucket: string, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000);
    const result = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
    );
    const failed = result.Errors ?? [];
    if (failed.length > 0)
      throw new Error(`could not delete ${failed.length} objects, e.g. ${failed[0]?.Key}: ${failed[0]?.Code} ${failed[0]?.Message}`);
  }
}

async function invalidate(distribution: string, plan: DeployPlan): Promise<void> {
  const paths = invalidationPaths(plan);
  if (paths.length === 0) return;
  const { CloudFrontClient, CreateInvalidationCommand } = await import('@aws-sdk/client-cloudfront');
  const cloudfront = new CloudFrontClient({});
  await cloudfront.send(
    new CreateInvalidationCommand({
      DistributionId: distribution,
      InvalidationBatch: { CallerReference: `dateline-${Date.now()}`, Paths: { Quantity: paths.length, Items: paths } },
    }),
  );
  log.info(`CloudFront: invalidating ${paths.length === 1 && paths[0] === '/*' ? 'everything' : `${paths.length} paths`}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const { outDir, site } = readContext(root);
  const opts = options(site.deploy);
  const hub = site.websub?.hub;
  const target = { bucket: opts.bucket, endpoint: opts.endpoint };
  let files: LocalFile[];
  try {
    files = localFiles(outDir);
  } catch (error) {
    throw new UsageError(`cannot read the output folder ${outDir} (${(error as Error).message}): run npm run build first`);
  }
  if (!files.some((f) => f.key === 'index.html')) throw new UsageError(`${outDir} has no index.html: run npm run build first`);

  const config: S3ClientConfig = {
    maxAttempts: 3,
    // Checksums only where S3 requires them: several S3-compatible stores reject the newer default ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint, forcePathStyle: true } : {}),
  };
  const s3 = new S3Client(config);
  const where = `s3://${opts.bucket}${opts.endpoint ? ` at ${opts.endpoint}` : ''}`;
  let stage = 'reading the bucket';
  try {
    const [remote, state] = await Promise.all([remoteObjects(s3, opts.bucket), readStateObject(s3, opts.bucket)]);
    const rules = rulesDigest();
    const plan = planDeploy(files, remote, readState(state), rules);
    for (const key of plan.unknownTypes.slice(0, 5)) log.info(`${key}: unknown extension, sent as application/octet-stream`);
    const refusal = deletionGuard(plan, opts.maxDeletions, opts.force);
    if (opts.dryRun) {
      process.stdout.write(`${formatPlan(plan)}\n`);
      if (opts.distribution) process.stdout.write(`CloudFront invalidation: ${invalidationPaths(plan).join(' ') || 'none'}\n`);
      if (hub) process.stdout.write(`WebSub: would ping ${hub} for ${changedFeedUrls(plan, site.url).join(' ') || 'no feed'}\n`);
      if (refusal) log.info(refusal.replace('Nothing was uploaded or deleted. ', ''));
      log.info(`dry run: nothing was uploaded or deleted (${where})`);
      return;
    }
    if (refusal) throw new UsageError(refusal);

    const writeState = async (): Promise<void> => {
      stage = 'recording the headers rules';
      await s3.send(
        new PutObjectCommand({
          Bucket: opts.bucket,
          Key: STATE_KEY,
          Body: stateBody(rules),
          ContentType: 'application/json',
          CacheControl: 'no-store',
        }),
      );
    };
    if (plan.writeState && plan.stateFirst) await writeState();
    for (const [phase, uploads] of byPhase(plan.uploads).entries()) {
      if (uploads.length === 0) continue;
      stage = `uploading ${PHASES[phase]}`;
      const at = performance.now();
      await inPool(uploads, opts.concurrency, (u) => upload(s3, opts.bucket, outDir, u));
      log.info(`${PHASES[phase]}: ${uploads.length} uploaded in ${seconds(at)} s`);
    }
    if (plan.deletions.length > 0) {
      stage = 'deleting';
      await deleteAll(s3, opts.bucket, plan.deletions);
      log.info(`deleted ${plan.deletions.length}: ${plan.deletions.slice(0, 5).join(', ')}${plan.deletions.length > 5 ? ', …' : ''}`);
    }
    if (plan.writeState && !plan.stateFirst) await writeState();
    if (opts.distribution) {
      stage = 'invalidating CloudFront';
      await invalidate(opts.distribution, plan);
    }
    process.stdout.write(`deployed to ${where}: ${summary(plan)} in ${seconds(started)} s\n`);
    if (hub) await pingHub(hub, changedFeedUrls(plan, site.url), opts.concurrency);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const after =
      stage === 'reading the bucket'
        ? 'Nothing was uploaded or deleted.'
        : stage.startsWith('uploading')
          ? 'Nothing was deleted; run the deploy again to finish.'
          : 'Every file was uploaded; run the deploy again to finish.';
    throw new UsageError(`deploy failed while ${stage}: ${explainStorageError(error, target)}. ${after}`);
  } finally {
    s3.destroy();
  }
}

/**
 * Tells the WebSub hub about each feed that changed. The site is live already,
 * so a hub that is down or refuses only gets a warning: subscribers then learn
 * of the change at their next poll.
 */
async function pingHub(hub: string, feeds: readonly string[], concurrency: number): Promise<void> {
  if (feeds.length === 0) return;
  const failed: string[] = [];
  await inPool(feeds, Math.min(concurrency, 4), async (feed) => {
    try {
      const response = await fetch(hub, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: pingBody(feed),
        signal: AbortSignal.timeout(PING_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (!response.ok) failed.push(`${feed} (HTTP ${response.status})`);
    } catch (error) {
      const { cause } = error as { cause?: { code?: string; message?: string } };
      failed.push(`${feed} (${cause?.code ?? cause?.message ?? (error as Error).message})`);
      return;
    }
  });
  const pinged = feeds.length - failed.length;
  if (pinged > 0) process.stdout.write(`WebSub: pinged ${hub} for ${pinged} changed feed${pinged === 1 ? '' : 's'}\n`);
  if (failed.length > 0)
    log.info(
      `warning: the WebSub hub ${hub} did not take ${failed.length} ping${failed.length === 1 ? '' : 's'}: ${failed.join(', ')}; ` +
        'the site is deployed, and subscribers will see the change at their next poll',
    );
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

try {
  await main();
} catch (error) {
  log.error(error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
}
