// What went wrong talking to the bucket, in words a newsroom's technical person
// can act on, from the error the S3 client threw.

export interface StorageTarget {
  bucket: string;
  /** The endpoint URL, or undefined for AWS itself. */
  endpoint: string | undefined;
}

/** The fields of an S3 client error we read (name, message, an HTTP status, a network code). */
interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
}

const CREDENTIALS = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'InvalidToken',
  'ExpiredToken',
  'CredentialsProviderError',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'TimeoutError', 'EHOSTUNREACH']);

/** One line saying what failed and how to fix it. */
export function explainStorageError(error: unknown, target: StorageTarget): string {
  const where = `bucket "${target.bucket}"${target.endpoint ? ` at ${target.endpoint}` : ''}`;
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const name = String(e.name ?? e.Code ?? '');
  const code = String(e.code ?? (e.cause as ErrorLike | undefined)?.code ?? '');
  const message = String(e.message ?? error);
  const status = e.$metadata?.httpStatusCode;
  if (name === 'NoSuchBucket') return `the ${where} does not exist: create it, or name the right one with --bucket`;
  if (CREDENTIALS.has(name) || status === 403)
    return `the storage refused the credentials for the ${where} (${name || status}): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to a key that may list, put and delete objects in it`;
  if (/region is missing/i.test(message))
    return `no region for the ${where}: set AWS_REGION, or pass --region (Cloudflare R2 takes "auto")`;
  if (/credential/i.test(message)) return `no credentials for the ${where}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (${message})`;
  if (NETWORK.has(code) || NETWORK.has(name)) return `could not reach the ${where} (${code || name}): check --endpoint and the network`;
  return `the storage failed for the ${where}: ${name ? `${name}: ` : ''}${message}`;
}
