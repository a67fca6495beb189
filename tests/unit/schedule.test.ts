import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import { inputsDigest, isBuildDue, nextClockChange, readSchedule, scheduleFile, writeSchedule } from '#lib/build/schedule.ts';
import { NEWS_WINDOW_MS } from '#lib/outputs/sitemaps.ts';
import { DAY, HOUR, makeAlert, makeArticle, makeComment, makeContent, makeSite } from './factories.ts';

// 10:00 in Dublin (summer time, UTC+1): the edition date turns at 23:00 UTC.
const NOW = Date.parse('2026-06-01T09:00:00Z');
const MIDNIGHT_DUBLIN = Date.parse('2026-06-01T23:00:00Z');
const site = makeSite();
const withForm = makeSite({ comments: { endpoint: 'https://forms.example/f/1', closeAfterDays: 2 } });

function next(articles: Parameters<typeof makeContent>[0], extra: Parameters<typeof makeContent>[1] = {}, config = site) {
  const content = makeContent(articles, extra);
  return nextClockChange(content, buildArchive(content, NOW), config, NOW);
}

describe('nextClockChange', () => {
  it('with nothing scheduled, is the next midnight in the site’s time zone, when the edition date turns', () => {
    expect(next([makeArticle({ publishedMs: NOW - 10 * DAY })])).toEqual({
      atMs: MIDNIGHT_DUBLIN,
      why: 'the edition date turns to 2026-06-02',
    });
  });

  it('finds midnight across a change of clocks (Dublin, last Sunday of October)', () => {
    const saturday = Date.parse('2026-10-24T12:00:00Z');
    const content = makeContent([]);
    expect(nextClockChange(content, buildArchive(content, saturday), site, saturday).atMs).toBe(Date.parse('2026-10-24T23:00:00Z'));
    const sunday = Date.parse('2026-10-25T12:00:00Z');
    expect(nextClockChange(content, buildArchive(content, sunday), site, sunday).atMs).toBe(Date.parse('2026-10-26T00:00:00Z'));
  });

  it('is the next embargo to lift, never a draft’s date nor one already past', () => {
    const articles = [
      makeArticle({ slug: 'later', publishedMs: NOW + 3 * HOUR }),
      makeArticle({ slug: 'sooner', publishedMs: NOW + 2 * HOUR }),
      makeArticle({ slug: 'draft', publishedMs: NOW + HOUR, draft: true }),
      makeArticle({ slug: 'out', publishedMs: NOW - 50 * HOUR }),
    ];
    expect(next(articles)).toEqual({ atMs: NOW + 2 * HOUR, why: 'the embargo on sooner lifts' });
  });

  it('is the moment an open reply form closes, when the site has a form', () => {
    const article = makeArticle({ slug: 'talk', publishedMs: NOW - 47 * HOUR - 30 * 60_000 });
    expect(next([article], {}, withForm)).toEqual({ atMs: article.publishedMs + 2 * DAY, why: 'comments on talk close' });
    // No form, nothing to close; the same story still leaves the news sitemap at 48 hours.
    expect(next([article]).why).toBe('talk leaves the news sitemap');
  });

  it('is the first millisecond a story is out of the news sitemap’s 48 hours', () => {
    const article = makeArticle({ slug: 'fresh', publishedMs: NOW - 40 * HOUR });
    expect(next([article])).toEqual({ atMs: article.publishedMs + NEWS_WINDOW_MS + 1, why: 'fresh leaves the news sitemap' });
  });

  it('is the time a comment dated ahead appears, on a published story only', () => {
    const story = makeArticle({ slug: 'harbour-story', publishedMs: NOW - 10 * DAY });
    const comment = makeComment({ id: 'soon', publishedMs: NOW + 30 * 60_000 });
    const onEmbargoed = makeComment({ id: 'hidden', article: 'embargoed', publishedMs: NOW + 10 * 60_000 });
    const embargoed = makeArticle({ slug: 'embargoed', publishedMs: NOW + 5 * HOUR });
    expect(next([story, embargoed], { comments: [comment, onEmbargoed] })).toEqual({
      atMs: comment.publishedMs,
      why: 'comment soon appears',
    });
  });

  it('is the moment a breaking banner appears, and the moment it goes', () => {
    const story = makeArticle({ slug: 'harbour-story', publishedMs: NOW - 10 * DAY });
    const coming = makeAlert({
      slug: 'storm',
      from: new Date(NOW + 2 * HOUR).toISOString(),
      until: new Date(NOW + 5 * HOUR).toISOString(),
    });
    expect(next([story], { alerts: [coming] })).toEqual({ atMs: NOW + 2 * HOUR, why: 'the banner storm appears' });
    const showing = makeAlert({ slug: 'storm', from: new Date(NOW - HOUR).toISOString(), until: new Date(NOW + 3 * HOUR).toISOString() });
    expect(next([story], { alerts: [showing] })).toEqual({ atMs: NOW + 3 * HOUR, why: 'the banner storm goes' });
    // One that has ended changes nothing any more.
    const ended = makeAlert({ slug: 'storm', from: new Date(NOW - 3 * HOUR).toISOString(), until: new Date(NOW - HOUR).toISOString() });
    expect(next([story], { alerts: [ended] }).why).toBe('the edition date turns to 2026-06-02');
  });
});

describe('isBuildDue and the schedule record', () => {
  const record = { version: 1 as const, inputs: 'abc', next: { atMs: NOW + HOUR, why: 'the embargo on x lifts' } };

  it('is due with no record, or when the inputs changed', () => {
    expect(isBuildDue(undefined, 'abc', NOW)).toEqual({ due: true, why: 'no finished build of this output is recorded' });
    expect(isBuildDue(record, 'def', NOW)).toEqual({ due: true, why: 'the content, site config or code changed since the last build' });
  });

  it('is not due a minute before the next change, and due from that moment on', () => {
    expect(isBuildDue(record, 'abc', NOW + HOUR - 60_000)).toEqual({
      due: false,
      why: 'nothing due; next: the embargo on x lifts at 2026-06-01T10:00:00.000Z, in 1 min',
    });
    expect(isBuildDue(record, 'abc', NOW + HOUR)).toEqual({ due: true, why: 'the embargo on x lifts (2026-06-01T10:00:00.000Z)' });
  });

  it('keeps the record beside the output’s manifest and reads back what it wrote', () => {
    const cache = mkdtempSync(join(tmpdir(), 'dateline-schedule-'));
    const file = scheduleFile(cache, '/srv/site/dist');
    expect(file).toMatch(/builds\/[0-9a-f]{16}\.schedule\.json$/);
    expect(readSchedule(file)).toBeUndefined();
    writeSchedule(file, record);
    expect(readSchedule(file)).toEqual(record);
  });

  it('digests the content’s bytes and paths, not their times', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-inputs-'));
    mkdirSync(join(dir, 'articles'));
    writeFileSync(join(dir, 'articles', 'a.md'), 'one');
    const first = inputsDigest('code', site, dir);
    writeFileSync(join(dir, 'articles', 'a.md'), 'one');
    expect(inputsDigest('code', site, dir)).toBe(first);
    writeFileSync(join(dir, 'articles', 'a.md'), 'two');
    expect(inputsDigest('code', site, dir)).not.toBe(first);
    expect(inputsDigest('other code', site, dir)).not.toBe(inputsDigest('code', site, dir));
    expect(inputsDigest('code', withForm, dir)).not.toBe(inputsDigest('code', site, dir));
  });

  it("takes git's blob id for a file git knows unchanged, without reading it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-inputs-'));
    mkdirSync(join(dir, 'articles'));
    const file = join(dir, 'articles', 'a.md');
    writeFileSync(file, 'one');
    const byId = inputsDigest('code', site, dir, new Map([[file, 'blob-1']]));
    expect(byId).not.toBe(inputsDigest('code', site, dir));
    // The bytes are not read: the id stands for them (git says when they change, and gives another id).
    writeFileSync(file, 'two');
    expect(inputsDigest('code', site, dir, new Map([[file, 'blob-1']]))).toBe(byId);
    expect(inputsDigest('code', site, dir, new Map([[file, 'blob-2']]))).not.toBe(byId);
  });
});
