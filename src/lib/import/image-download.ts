// Fetches a picture of the old site for import:wordpress --download-images,
// so an imported story keeps its lead photo when the old site goes. Only
// photos the build can serve from beside an article come back (JPEG, PNG,
// WebP, AVIF: LOCAL_IMAGE_EXTENSIONS), and only when the answer says so
// twice: its Content-Type and its first bytes. Bounded in time and size.
import { isSafeWebUrl, LOCAL_IMAGE_EXTENSIONS } from '#lib/content/url-safety.ts';

export type ImageExtension = Exclude<(typeof LOCAL_IMAGE_EXTENSIONS)[number], 'jpeg'>;

export interface DownloadLimits {
  /** Give up after this long, answer and body together (ms). */
  timeoutMs: number;
  /** Refuse a picture larger than this (bytes). */
  maxBytes: number;
}

/** Defaults: generous for a newsroom's full-size photos, short enough that a dead host does not hold up an import. */
export const DOWNLOAD_LIMITS: DownloadLimits = { timeoutMs: 20_000, maxBytes: 20 * 1024 * 1024 };

/** The picture and the extension its file should have, or why it was not taken, in an editor's words. */
export type Downloaded = { ok: true; bytes: Uint8Array; extension: ImageExtension } | { ok: false; why: string };

const TYPES: Record<string, ImageExtension> = {
  'image/jpeg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/** Downloads one picture; never throws for anything the network or the server does. */
export async function downloadImage(
  url: string,
  limits: DownloadLimits = DOWNLOAD_LIMITS,
  fetchImpl: typeof fetch = fetch,
): Promise<Downloaded> {
  if (!isSafeWebUrl(url)) return { ok: false, why: 'it is not an http(s) address' };
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetchImpl(url, { signal, redirect: 'follow', headers: { accept: Object.keys(TYPES).join(', ') } });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, why: `the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const extension = TYPES[type];
    if (!extension) {
      await response.body?.cancel();
      return { ok: false, why: `it is ${type ? `"${type}"` : 'of no stated type'}, not a JPEG, PNG, WebP or AVIF photo` };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      return { ok: false, why: `it is larger than ${megabytes(limits.maxBytes)}` };
    }
    const bytes = await readAtMost(response, limits.maxBytes);
    if (!bytes) return { ok: false, why: `it is larger than ${megabytes(limits.maxBytes)}` };
    if (sniff(bytes) !== extension) return { ok: false, why: `it says it is ${type} but its content is not` };
    return { ok: true, bytes, extension };
  } catch (error) {
    if (signal.aborted) return { ok: false, why: `no answer within ${limits.timeoutMs / 1000} seconds` };
    return { ok: false, why: `it could not be fetched (${describe(error)})` };
  }
}

/** The body, or undefined as soon as it passes `max` bytes (the rest is not read). */
async function readAtMost(response: Response, max: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) {
      await response.body.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The format a file's first bytes announce (its "magic number"). */
function sniff(bytes: Uint8Array): ImageExtension | undefined {
  const ascii = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(8, 12))) return 'avif';
  return undefined;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown })?.code;
  return typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
}
