// One build split across machines (README "Going live", "Beyond one machine").
// `npm run build -- --shard i/n` renders the i-th of n parts of the keyed pages
// and of the search shards; every part also writes the files every build
// writes (feeds, sitemaps, search page, assets). `npm run build -- --assemble
// DIR…` joins the parts into one output, byte for byte what one build makes.
//
// A page belongs to a part by a stable hash of its URL (a search shard by its
// id) modulo n, so it stays in the same part as the archive grows and each
// part's output folder keeps building incrementally from its own manifest.
// Each part leaves a part file at the top of its output, left out of the
// assembled site, so the assembly can refuse parts that do not belong together.
import { createHash } from 'node:crypto';
import type { Manifest } from './manifest.ts';
import type { PagePlan } from './page-plan.ts';
import type { ScheduleRecord } from './schedule.ts';

/** The i-th (1-based) of `count` parts. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Where a part's output names itself; never part of the assembled site. */
export const PART_FILE = 'dateline-part.json';

/** What a part leaves in its output for the assembly. */
export interface PartRecord {
  version: 1;
  index: number;
  count: number;
  /** codeDigest() of the build. */
  code: string;
  /** The plan's shared key (site config, sections, desks). */
  shared: string;
  /** The build clock. */
  nowMs: number;
  /**
   * Digest of the whole plan (the code, every page's key, every search shard's
   * key, the news window), as a single build's manifest records it: equal
   * parts were built from equal content.
   */
  plan: string;
  /** For `npm run due` after the assembly: what the site was built from and its next clock change. */
  schedule: ScheduleRecord;
  /** The part's manifest: the assembly joins them into the manifest of the assembled output. */
  manifest: Manifest;
}

/** Parts that do not belong together: the message says which and what to do (no stack trace needed). */
export class PartsError extends Error {}

const USAGE = 'give the part as --shard i/n, 1 ≤ i ≤ n (e.g. --shard 1/4 builds the first of four parts)';

/** What `npm run build` was asked to do by its arguments. */
export type BuildRequest = { kind: 'whole' } | { kind: 'part'; shard: ShardSpec } | { kind: 'assemble'; parts: string[] };

/** Reads the build's arguments; throws a message naming the flag and the fix. */
export function parseBuildArgs(args: readonly string[]): BuildRequest {
  let shard: ShardSpec | undefined;
  let parts: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--shard' || arg.startsWith('--shard=')) {
      const value = arg === '--shard' ? args[++i] : arg.slice('--shard='.length);
      if (shard) throw new Error(`--shard is given twice: ${USAGE}`);
      shard = parseShard(value);
    } else if (arg === '--assemble') {
      parts = [];
      while (i + 1 < args.length && !args[i + 1]!.startsWith('--')) parts.push(args[++i]!);
      if (parts.length === 0) throw new Error('--assemble needs the parts’ output folders: npm run build -- --assemble part-1 part-2 …');
    } else {
      throw new Error(`unknown argument "${arg}": npm run build takes --shard i/n or --assemble DIR…`);
    }
  }
  if (shard && parts) throw new Error('--shard and --assemble do not go together: build each part with --shard i/n, then --assemble them');
  if (shard) return { kind: 'part', shard };
  if (parts) return { kind: 'assemble', parts };
  return { kind: 'whole' };
}

/** "2/4" as a part; throws naming --shard and the fix. */
export function parseShard(value: string | undefined): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(value ?? '');
  if (!match) throw new Error(`--shard ${value === undefined ? 'has no value' : `"${value}" is not i/n`}: ${USAGE}`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) throw new Error(`--shard ${value} is out of range: ${USAGE}`);
  return { index, count };
}

/** Whether the page or search shard named `key` belongs to part `shard` (a stable hash of the name, modulo n). */
export function inPart(key: string, shard: ShardSpec): boolean {
  return createHash('sha1').update(key).digest().readUInt32BE(0) % shard.count === shard.index - 1;
}

/** The part of `plan` that `shard` renders. */
export function partOfPlan(plan: PagePlan, shard: ShardSpec): PagePlan {
  return {
    ...plan,
    pages: new Map([...plan.pages].filter(([url]) => inPart(url, shard))),
    withPhotos: new Set([...plan.withPhotos].filter((url) => inPart(url, shard))),
  };
}

/** The part of a map keyed by search shard id (or URL) that `shard` holds. */
export function partOfMap<T>(map: ReadonlyMap<string, T>, shard: ShardSpec): Map<string, T> {
  return new Map([...map].filter(([key]) => inPart(key, shard)));
}

/** "part 2/4" */
export function partName(shard: ShardSpec): string {
  return `part ${shard.index}/${shard.count}`;
}

/**
 * Checks that `parts` (folder and record) are the n parts of one build: the
 * same code, shared inputs, clock and plan, each part once, none missing.
 * Throws a message naming the part at fault and what to do.
 */
export function checkParts(parts: readonly { dir: string; record: PartRecord }[]): void {
  const [first, ...rest] = parts;
  if (!first) throw new Error('--assemble needs the parts’ output folders');
  const fields: [keyof PartRecord, string, string][] = [
    ['count', 'numbers of parts', 'build every part with the same n in --shard i/n'],
    ['code', 'code (commits, config or packages)', 'build every part from the same commit'],
    ['shared', 'shared inputs (site config, sections, desks)', 'build every part from the same commit'],
    ['nowMs', 'build clocks', 'give every part the same DATELINE_NOW'],
    ['plan', 'content', 'build every part from the same commit'],
    ['schedule', 'content', 'build every part from the same commit'],
  ];
  const shownValue = (record: PartRecord, field: keyof PartRecord): string =>
    field === 'nowMs' ? ` (${new Date(record.nowMs).toISOString()})` : field === 'count' ? ` (of ${record.count})` : '';
  for (const part of rest) {
    for (const [field, what, fix] of fields) {
      if (JSON.stringify(part.record[field]) === JSON.stringify(first.record[field])) continue;
      throw new PartsError(
        `cannot assemble: ${first.dir} (${partName(first.record)})${shownValue(first.record, field)} and ` +
          `${part.dir} (${partName(part.record)})${shownValue(part.record, field)} were built from different ${what}; ${fix}, then assemble again`,
      );
    }
  }
  const byIndex = new Map<number, string>();
  for (const part of parts) {
    const seen = byIndex.get(part.record.index);
    if (seen !== undefined) throw new PartsError(`cannot assemble: ${partName(part.record)} is given twice (${seen} and ${part.dir})`);
    byIndex.set(part.record.index, part.dir);
  }
  const missing = Array.from({ length: first.record.count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const names = missing.map((i) => `${i}/${first.record.count}`).join(', ');
    throw new PartsError(
      `cannot assemble: part ${names} ${missing.length === 1 ? 'is' : 'are'} missing; build it with --shard ${names.split(', ')[0]}`,
    );
  }
}

/**
 * The manifest of the assembled output: every part's pages, shards and photo
 * copies, the files every part writes, so the next build of the assembled
 * folder (a single `npm run build`) can start from it incrementally.
 */
export function joinManifests(parts: readonly PartRecord[]): Manifest {
  const [first] = parts;
  if (!first) throw new Error('no parts to join');
  const pages = parts.flatMap((p) => p.manifest.pages);
  const keyed = new Set(pages.map(([url]) => url));
  const pageUrl = (file: string): string => (file === 'index.html' ? '/' : file.endsWith('/index.html') ? `/${file.slice(0, -10)}` : '');
  const photoDigests = new Map(parts.flatMap((p) => p.manifest.photoDigests.map((d) => [d[0], d] as const)));
  return {
    version: 5,
    code: first.code,
    shared: first.shared,
    banner: first.manifest.banner,
    outputs: first.plan, // what a single build of the same content records: its next build may find nothing to do
    pages,
    shards: parts.flatMap((p) => p.manifest.shards),
    photos: parts.flatMap((p) => p.manifest.photos),
    unkeyed: [...new Set(parts.flatMap((p) => p.manifest.unkeyed))].filter((file) => file !== PART_FILE && !keyed.has(pageUrl(file))),
    photoDigests: [...photoDigests.values()],
  };
}
