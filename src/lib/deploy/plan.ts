// What `npm run deploy` does to a bucket: which files to upload, in which
// order, and which objects to delete. Pure: the output folder's files and the
// bucket's listing are passed in (scripts/deploy.ts reads them).
//
// What the bucket holds is read from its listing, not from a record we keep:
// an object's ETag is the MD5 of its bytes when it was put in one piece, which
// is how every file is uploaded, so comparing it with the local file's MD5
// finds exactly the files that differ, whatever happened to the bucket since
// (an interrupted deploy, a hand edit). The headers are not in the listing, so
// a small state object records the digest of the rules that set them; when the
// rules change, every file is uploaded again once.
import { createHash } from 'node:crypto';
import { CONTENT_TYPES, FILE_RULES, fileHeaders, type FileKind } from '#lib/outputs/file-rules.ts';

/** The object that records the rules the bucket's headers were set by; never deleted, never a page. */
export const STATE_KEY = '.dateline/deploy-state.json';

/** More deletions than this refuse without --force: an empty content folder must not wipe the site. */
export const DEFAULT_MAX_DELETIONS = 200;

/** Upload phases in order: nothing a reader fetches ever names a file not yet uploaded. */
export const PHASES = ['assets and search chunks', 'search entry files', 'pages', 'feeds and sitemaps'] as const;

/** The phase each kind uploads in; host files (`_headers`, `_redirects`) are not uploaded. */
const PHASE_OF: Record<FileKind, number | undefined> = {
  asset: 0,
  'search-chunk': 0,
  static: 0,
  'search-entry': 1,
  page: 2,
  'search-page': 2,
  editor: 2,
  feed: 3,
  sitemap: 3,
  'host-config': undefined,
};

/** A file of the output folder. */
export interface LocalFile {
  /** Its path in the output folder and its key in the bucket ("world/harbour/index.html"). */
  key: string;
  size: number;
  /** MD5 of its bytes, hex. */
  md5: string;
}

/** An object in the bucket, from its listing. */
export interface RemoteObject {
  key: string;
  /** As listed, quotes and all. */
  etag: string;
}

export interface Upload {
  key: string;
  size: number;
  md5: string;
  contentType: string;
  cacheControl: string;
  phase: number;
  why: 'new' | 'changed' | 'headers';
}

export interface DeployPlan {
  /** In upload order: by phase, then by key. */
  uploads: Upload[];
  /** Keys the build no longer writes, deleted after every upload succeeded. */
  deletions: string[];
  /** Files the bucket already holds as they are. */
  unchanged: number;
  bytes: number;
  /** Keys sent as application/octet-stream because their extension is not in the table. */
  unknownTypes: string[];
  /** Whether the state object must be written (the rules changed since the last deploy, or it is missing). */
  writeState: boolean;
  /**
   * Whether it may be written before the uploads: when no object is kept only
   * for its old headers, every object left after this deploy gets the current
   * rules, so a first deploy that is interrupted is finished, not redone.
   */
  stateFirst: boolean;
}

/** Digest of the table that sets every object's headers: a change re-uploads every file once. */
export function rulesDigest(): string {
  const rules = FILE_RULES.map((r) => [r.kind, r.test.source, r.cacheControl, r.contentType ?? '']);
  return createHash('sha1')
    .update(JSON.stringify([rules, CONTENT_TYPES, PHASES]))
    .digest('hex');
}

/** The state object's body. */
export function stateBody(rules: string): string {
  return `${JSON.stringify({ rules })}\n`;
}

/** The rules digest a state object holds; undefined when it is missing or unreadable. */
export function readState(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  try {
    const parsed = JSON.parse(body) as { rules?: unknown };
    return typeof parsed.rules === 'string' ? parsed.rules : undefined;
  } catch {
    return undefined;
  }
}

/** The ETag's MD5 in lower case; undefined for a multipart or encrypted object's ETag, which is not one. */
export function etagMd5(etag: string): string | undefined {
  const bare = etag.replace(/^W\//, '').replace(/^"|"$/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(bare) ? bare : undefined;
}

/**
 * Plans a deploy of `local` over a bucket holding `remote`. `stateRules` is the
 * rules digest the bucket's state object holds (undefined: none), `rules` the
 * current one.
 */
export function planDeploy(
  local: readonly LocalFile[],
  remote: readonly RemoteObject[],
  stateRules: string | undefined,
  rules: string,
): DeployPlan {
  const held = new Map(remote.map((o) => [o.key, etagMd5(o.etag)]));
  const rulesChanged = stateRules !== rules;
  const uploads: Upload[] = [];
  const unknownTypes: string[] = [];
  const keep = new Set<string>([STATE_KEY]);
  let unchanged = 0;
  for (const file of local) {
    const headers = fileHeaders(file.key);
    const phase = PHASE_OF[headers.kind];
    if (phase === undefined) continue;
    keep.add(file.key);
    if (!headers.knownType) unknownTypes.push(file.key);
    const why = !held.has(file.key) ? 'new' : held.get(file.key) !== file.md5 ? 'changed' : rulesChanged ? 'headers' : undefined;
    if (!why) {
      unchanged++;
      continue;
    }
    uploads.push({
      key: file.key,
      size: file.size,
      md5: file.md5,
      contentType: headers.contentType,
      cacheControl: headers.cacheControl,
      phase,
      why,
    });
  }
  uploads.sort((a, b) => a.phase - b.phase || compare(a.key, b.key));
  const deletions = remote
    .map((o) => o.key)
    .filter((key) => !keep.has(key))
    .sort(compare);
  return {
    uploads,
    deletions,
    unchanged,
    bytes: uploads.reduce((n, u) => n + u.size, 0),
    unknownTypes: unknownTypes.sort(compare),
    writeState: rulesChanged,
    stateFirst: rulesChanged && uploads.every((u) => u.why !== 'headers'),
  };
}

/** Why the plan may not run: more deletions than `max` without `force`; undefined when it may. */
export function deletionGuard(plan: DeployPlan, max: number, force: boolean): string | undefined {
  if (force || plan.deletions.length <= max) return undefined;
  return (
    `refusing to delete ${plan.deletions.length} objects (more than ${max}): is the output folder the whole site? ` +
    `Nothing was uploaded or deleted. If the deletions are meant, run again with --force (or raise --max-deletions).`
  );
}

/** The uploads of each phase, in phase order (empty phases included). */
export function byPhase(uploads: readonly Upload[]): Upload[][] {
  return PHASES.map((_, phase) => uploads.filter((u) => u.phase === phase));
}

/** Above this many paths, a CDN invalidation asks for everything ("/*"), which CloudFront counts as one path. */
export const MAX_INVALIDATION_PATHS = 50;

/**
 * The site paths a CDN must forget after this deploy: every uploaded or
 * deleted file that is not immutable (fingerprinted files get new names
 * instead), a page also by its folder URL ("/world/harbour/").
 */
export function invalidationPaths(plan: Pick<DeployPlan, 'uploads' | 'deletions'>): string[] {
  const paths = new Set<string>();
  const keys = [...plan.uploads.map((u) => u.key), ...plan.deletions].filter((key) => key !== STATE_KEY);
  for (const key of keys) {
    const kind = fileHeaders(key).kind;
    if (kind === 'asset' || kind === 'search-chunk') continue;
    paths.add(`/${encodeURI(key)}`);
    if (key === 'index.html' || key.endsWith('/index.html')) paths.add(`/${encodeURI(key.slice(0, -'index.html'.length))}`);
  }
  const sorted = [...paths].sort(compare);
  return sorted.length > MAX_INVALIDATION_PATHS ? ['/*'] : sorted;
}

/** A plan as a person reads it: one line per upload and deletion, then the totals. */
export function formatPlan(plan: DeployPlan): string {
  const lines = byPhase(plan.uploads).flatMap((uploads, phase) =>
    uploads.length === 0 ? [] : [`${PHASES[phase]}:`, ...uploads.map((u) => `  upload ${u.key} (${formatBytes(u.size)}, ${u.why})`)],
  );
  if (plan.deletions.length > 0) lines.push('deletions, last:', ...plan.deletions.map((key) => `  delete ${key}`));
  lines.push(summary(plan));
  return lines.join('\n');
}

/** "12 uploads (1.2 MB), 1 deletion, 150 unchanged". */
export function summary(plan: Pick<DeployPlan, 'uploads' | 'deletions' | 'unchanged' | 'bytes'>): string {
  return `${plural(plan.uploads.length, 'upload')} (${formatBytes(plan.bytes)}), ${plural(plan.deletions.length, 'deletion')}, ${plan.unchanged} unchanged`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
