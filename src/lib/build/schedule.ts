// Scheduled publishing: when the site next changes by the clock alone, with
// no commit (an embargo lifts, a comment's time comes, a reply form closes, a
// story leaves the news sitemap, the front page's edition date turns, a
// breaking banner appears or goes), and
// the small record each build leaves so `npm run due` can tell a scheduler,
// in well under a second, whether a build is needed now.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Archive } from '#lib/archive/archive.ts';
import { commentsCloseMs, replyFormState } from '#lib/archive/comments.ts';
import type { Content } from '#lib/content/content.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { NEWS_WINDOW_MS, newsSitemapArticles } from '#lib/outputs/sitemaps.ts';
import { editionDate } from '#lib/render/dates.ts';
import { manifestFile } from './manifest.ts';

/** A moment the site changes without a commit, and why. */
export interface ClockChange {
  atMs: number;
  why: string;
}

/**
 * The first moment after `nowMs` at which a build would write a different
 * site from the same content and code. `archive` is the archive at `nowMs`.
 */
export function nextClockChange(content: Content, archive: Archive, site: SiteConfig, nowMs: number): ClockChange {
  let next: ClockChange = nextEditionDay(site, nowMs);
  const consider = (atMs: number, why: string): void => {
    if (atMs > nowMs && atMs < next.atMs) next = { atMs, why };
  };
  for (const article of content.articles) {
    if (article.draft) continue;
    consider(article.publishedMs, `the embargo on ${article.slug} lifts`);
    // An article still under embargo gets its form's closing time considered once it is published.
    const closes = commentsCloseMs(article, site);
    if (closes !== undefined && replyFormState(article, site, Math.max(nowMs, article.publishedMs)) === 'open')
      consider(closes, `comments on ${article.slug} close`);
  }
  const published = new Set(archive.articles.map((a) => a.slug));
  // A banner appears at its from and goes at its until (current while from <= now < until).
  for (const alert of content.alerts) {
    consider(alert.fromMs, `the banner ${alert.slug} appears`);
    consider(alert.untilMs, `the banner ${alert.slug} goes`);
  }
  for (const comment of content.comments)
    if (published.has(comment.article)) consider(comment.publishedMs, `comment ${comment.id} appears`);
  // Live coverage: an update filed for later appears, and a story's liveUntil ends its coverage.
  for (const update of content.updates ?? [])
    if (published.has(update.article)) consider(update.publishedMs, `update ${update.id} on ${update.article} appears`);
  for (const article of archive.articles)
    if (article.live && article.liveUntilMs !== undefined) consider(article.liveUntilMs, `live coverage of ${article.slug} ends`);
  // A story is in the news sitemap while publishedMs >= now - window: it leaves one millisecond after.
  for (const article of newsSitemapArticles(archive.articles, nowMs))
    consider(article.publishedMs + NEWS_WINDOW_MS + 1, `${article.slug} leaves the news sitemap`);
  return next;
}

/** The next midnight in the site's time zone, when the front page's edition date turns. */
function nextEditionDay(site: SiteConfig, nowMs: number): ClockChange {
  const HOUR = 60 * 60 * 1000;
  const day = (ms: number): string => editionDate(ms, site.language, site.timeZone).iso;
  const today = day(nowMs);
  // Step by hours to the first hour in the next day (time zones differ by whole quarter hours at most), then bisect to the ms.
  let high = nowMs + HOUR;
  while (day(high) === today) high += HOUR;
  let low = high - HOUR;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (day(mid) === today) low = mid;
    else high = mid;
  }
  return { atMs: high, why: `the edition date turns to ${day(high)}` };
}

/** What a build leaves for `npm run due`: a digest of what it was built from, and its next clock change. */
export interface ScheduleRecord {
  version: 1;
  /** inputsDigest() of the build. */
  inputs: string;
  next: ClockChange;
}

/** Where the last build of `outDir` left its schedule record: beside its manifest. */
export function scheduleFile(cacheDir: string, outDir: string): string {
  return manifestFile(cacheDir, outDir).replace(/\.json$/, '.schedule.json');
}

/**
 * Digest of everything a build reads besides the clock: the code digest, the
 * site config as resolved (with DATELINE_COMMENTS_ENDPOINT), and every file's
 * path and bytes under the content folder. Bytes, not modification times, so
 * a fresh checkout of the same commit gives the same digest; a file git's
 * blob id stands for (`gitIds`, src/lib/content/content-index.ts) is not read.
 */
export function inputsDigest(code: string, site: SiteConfig, contentDir: string, gitIds: ReadonlyMap<string, string> = new Map()): string {
  const hash = createHash('sha1').update(code).update(JSON.stringify(site));
  const files = readdirSync(contentDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(`\0${relative(contentDir, file)}\0`);
    const id = gitIds.get(file);
    hash.update(id === undefined ? readFileSync(file) : `git:${id}`);
  }
  return hash.digest('hex');
}

export function readSchedule(file: string): ScheduleRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as ScheduleRecord;
    return record.version === 1 ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the record whole or not at all. */
export function writeSchedule(file: string, record: ScheduleRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(record)}\n`);
  renameSync(temp, file);
}

/** Whether a build is due at `nowMs`, and why, given the last build's record and the inputs' digest now. */
export function isBuildDue(record: ScheduleRecord | undefined, inputs: string, nowMs: number): { due: boolean; why: string } {
  if (!record) return { due: true, why: 'no finished build of this output is recorded' };
  if (record.inputs !== inputs) return { due: true, why: 'the content, site config or code changed since the last build' };
  const at = new Date(record.next.atMs).toISOString();
  if (nowMs >= record.next.atMs) return { due: true, why: `${record.next.why} (${at})` };
  const minutes = Math.ceil((record.next.atMs - nowMs) / 60_000);
  return { due: false, why: `nothing due; next: ${record.next.why} at ${at}, in ${minutes} min` };
}
