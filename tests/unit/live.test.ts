// Live coverage: loading updates (content/updates/<story>/<id>.md), their
// order, the story's updatedAt moving on, the page's view, updates.json,
// LiveBlogPosting JSON-LD, the page key and the schedule's clock changes.
import { afterEach, describe, expect, it } from 'vitest';
import { updateSchema } from '#lib/content/schemas.ts';
import { buildArchive } from '#lib/archive/archive.ts';
import { isLiveAt, publishedUpdates } from '#lib/archive/live.ts';
import { planPages } from '#lib/build/page-plan.ts';
import { nextClockChange } from '#lib/build/schedule.ts';
import { liveBlogPosting } from '#lib/outputs/structured-data.ts';
import { liveView, openingWords, toUpdatesJson, updateTime } from '#lib/render/live-view.ts';
import {
  articleFile,
  HOUR,
  loadTree,
  loadTreeError,
  makeArticle,
  makeContent,
  makeDesk,
  makeSection,
  makeSite,
  makeUpdate,
  markdownFile,
  PUBLISHED_MS,
  removeTempDirs,
} from './factories.ts';

afterEach(removeTempDirs);

const site = makeSite();
const ON = 'updates/first-story';
const LIVE_STORY = { 'articles/2026/first-story.md': articleFile({ live: true }) };
const update = (fields: Record<string, unknown>, body = 'Ferries are cancelled.\n'): string =>
  markdownFile({ publishedAt: '2026-11-24T10:00:00+00:00', ...fields }, body);

describe('loading live updates', () => {
  it('loads a site without an updates folder, and a story without live as not live', () => {
    const content = loadTree({});
    expect(content.updates).toEqual([]);
    expect(content.articles[0]!.live).toBe(false);
  });

  it('keeps each update’s time, headline, key flag, id and story, with the headline in typographic quotes', () => {
    const { updates, articles } = loadTree({
      ...LIVE_STORY,
      [`${ON}/1000-ferries.md`]: update({ headline: '"Ferries" stop', key: true }),
      [`${ON}/1100-roads.md`]: update({ publishedAt: '2026-11-24T11:00:00+00:00' }),
    });
    expect(articles[0]!.live).toBe(true);
    expect(updates?.map(({ id, article, headline, key, publishedMs }) => ({ id, article, headline, key, publishedMs }))).toEqual([
      {
        id: '1000-ferries',
        article: 'first-story',
        headline: '“Ferries” stop',
        key: true,
        publishedMs: Date.parse('2026-11-24T10:00:00Z'),
      },
      { id: '1100-roads', article: 'first-story', headline: undefined, key: false, publishedMs: Date.parse('2026-11-24T11:00:00Z') },
    ]);
    expect(updates?.[0]).not.toHaveProperty('body');
  });

  it('refuses an update to a story that is not live, naming the fix', () => {
    const { problems } = loadTreeError({ 'articles/2026/first-story.md': articleFile(), [`${ON}/a.md`]: update({}) });
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('which is not live: add live: true to')]);
  });

  it('refuses an update in the folder of no story, an empty one, one too long and a story field naming another folder', () => {
    const { problems } = loadTreeError({
      ...LIVE_STORY,
      'updates/no-such-story/a.md': update({}),
      [`${ON}/empty.md`]: update({}, '\n'),
      [`${ON}/long.md`]: update({}, 'x'.repeat(10_001)),
      [`${ON}/elsewhere.md`]: update({ story: 'other-story' }),
    });
    expect(problems.map((p) => `${p.file.replace(/^.*updates\//, '')}: ${p.message}`).sort()).toEqual([
      expect.stringMatching(/^first-story\/elsewhere\.md: is "other-story" but the update is in content\/updates\/first-story\//),
      'first-story/empty.md: the update is empty: write it below the closing "---"',
      expect.stringMatching(/^first-story\/long\.md: the update is 10,001 characters long; the most an update may have is 10,000/),
      expect.stringMatching(/^no-such-story\/a\.md: is in content\/updates\/no-such-story\/, but there is no story "no-such-story"/),
    ]);
  });

  it('refuses liveUntil without live, and before publishedAt', () => {
    const { problems } = loadTreeError({
      'articles/2026/first-story.md': articleFile({ liveUntil: '2026-12-01T00:00:00Z' }),
      'articles/2026/second-story.md': articleFile({
        live: true,
        publishedAt: '2026-11-24T08:30:00+00:00',
        liveUntil: '2026-11-23T00:00:00Z',
      }),
    });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'liveUntil: is set but the story is not live: add live: true, or remove liveUntil',
      'liveUntil: (2026-11-23T00:00:00Z) is before publishedAt (2026-11-24T08:30:00+00:00): coverage cannot end before it starts',
    ]);
  });
});

describe('live rules', () => {
  it('is live from publication until liveUntil, and never without live: true', () => {
    const until = PUBLISHED_MS + 5 * HOUR;
    expect(isLiveAt(makeArticle({ live: true }), PUBLISHED_MS + 1000 * HOUR)).toBe(true);
    expect(isLiveAt(makeArticle({ live: true, liveUntilMs: until }), until - 1)).toBe(true);
    expect(isLiveAt(makeArticle({ live: true, liveUntilMs: until }), until)).toBe(false);
    expect(isLiveAt(makeArticle({ live: false }), PUBLISHED_MS)).toBe(false);
  });

  it('orders published updates newest first (id breaks ties) and holds back those dated after the clock', () => {
    const at = (h: number): number => PUBLISHED_MS + h * HOUR;
    const updates = [
      makeUpdate({ id: 'b', publishedMs: at(1) }),
      makeUpdate({ id: 'c', publishedMs: at(3) }),
      makeUpdate({ id: 'a', publishedMs: at(1) }),
      makeUpdate({ id: 'later', publishedMs: at(9) }),
    ];
    expect(
      publishedUpdates(updates, at(5))
        .get('harbour-story')
        ?.map((u) => u.id),
    ).toEqual(['c', 'b', 'a']);
  });

  it('moves a live story’s updatedAt on to its newest published update, in the archive every feed and sitemap reads', () => {
    const story = makeArticle({ live: true, updatedAt: new Date(PUBLISHED_MS + HOUR).toISOString(), updatedMs: PUBLISHED_MS + HOUR });
    const newest = makeUpdate({ id: 'u2', publishedAt: '2026-11-24T12:00:00+00:00' });
    const content = makeContent([story], {
      updates: [makeUpdate({ id: 'u1' }), newest, makeUpdate({ id: 'u3', publishedMs: PUBLISHED_MS + 20 * HOUR })],
    });
    const archive = buildArchive(content, PUBLISHED_MS + 10 * HOUR);
    expect(archive.articles[0]).toMatchObject({ updatedAt: '2026-11-24T12:00:00+00:00', updatedMs: newest.publishedMs });
    expect(archive.updatesOn(archive.articles[0]!).map((u) => u.id)).toEqual(['u2', 'u1']);
    // No updates: updatedAt as written.
    expect(buildArchive(makeContent([story]), PUBLISHED_MS + 10 * HOUR).articles[0]!.updatedAt).toBe(story.updatedAt);
  });
});

describe('the live view and updates.json', () => {
  const story = makeArticle({ live: true, slug: 'storm', section: 'world' });
  const updates = [
    makeUpdate({ id: 'late', article: 'storm', publishedAt: '2026-06-02T13:15:00+00:00', headline: 'Trains stop', key: true }),
    makeUpdate({ id: 'early', article: 'storm', publishedAt: '2026-06-01T22:30:00+00:00' }),
  ];
  const view = liveView(
    story,
    updates,
    Date.parse('2026-06-02T14:00:30Z'),
    site,
    (u) => `<p>Text of ${u.id} &amp; more</p><!--dl:break-->`,
  );

  it('gives times in the site’s zone (Dublin summer, UTC+1), with the day when it is not the newest update’s', () => {
    expect(view.updates.map((u) => [u.anchor, u.time, u.when])).toEqual([
      ['update-late', '14:15', '2 June 2026 at 14:15 IST'],
      ['update-early', '1 Jun 23:30', '1 June 2026 at 23:30 IST'],
    ]);
    expect(view.updated).toEqual({ iso: '2026-06-02T13:15:00+00:00', time: '14:15' });
    expect(updateTime(Date.parse('2026-06-01T23:30:00Z'), Date.parse('2026-06-01T23:30:00Z'), site)).toBe('00:30');
  });

  it('lists key events, labels an update without headline by its opening words, and says when the page was built, to the minute', () => {
    expect(view.keyEvents.map((u) => u.id)).toEqual(['late']);
    expect(view.updates.map((u) => [u.label, u.text, u.html])).toEqual([
      ['Trains stop', 'Text of late & more', '<p>Text of late &amp; more</p>'],
      ['Text of early & more', 'Text of early & more', '<p>Text of early &amp; more</p>'],
    ]);
    expect(view.built).toEqual({ iso: '2026-06-02T14:00Z', text: '2 June 2026 at 15:00 IST' });
    expect(view.live).toBe(true);
    expect(view.jsonUrl).toBe('/world/storm/updates.json');
  });

  it('cuts a long label at a word, under 110 characters', () => {
    const label = openingWords('word '.repeat(40).trim());
    expect(label.length).toBeLessThanOrEqual(110);
    expect(label).toMatch(/word…$/);
  });

  it('writes updates.json with what the script shows, newest first', () => {
    const json = JSON.parse(toUpdatesJson(view)) as {
      live: boolean;
      updated: unknown;
      updates: { id: string; headline: string | null; key: boolean }[];
    };
    expect(json.live).toBe(true);
    expect(json.updated).toEqual({ iso: '2026-06-02T13:15:00+00:00', time: '14:15' });
    expect(json.updates.map((u) => [u.id, u.headline, u.key])).toEqual([
      ['late', 'Trains stop', true],
      ['early', null, false],
    ]);
  });
});

describe('LiveBlogPosting', () => {
  it('is the NewsArticle with coverage times and the updates as BlogPosting items addressable on the page', () => {
    const story = makeArticle({ live: true, slug: 'storm', liveUntil: '2026-11-25T20:00:00+00:00' });
    const ld = liveBlogPosting(story, makeSection({ slug: 'world' }), makeDesk({ slug: 'news-desk' }), site, [
      { id: 'u2', publishedAt: '2026-11-24T12:00:00+00:00', headline: 'Trains stop', text: 'Trains stop at Dawlish.' },
    ]);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'LiveBlogPosting',
      headline: story.title,
      coverageStartTime: story.publishedAt,
      coverageEndTime: '2026-11-25T20:00:00+00:00',
      liveBlogUpdate: [
        {
          '@type': 'BlogPosting',
          headline: 'Trains stop',
          datePublished: '2026-11-24T12:00:00+00:00',
          articleBody: 'Trains stop at Dawlish.',
          url: 'https://news.example/world/storm/#update-u2',
        },
      ],
    });
  });

  it('has no coverageEndTime while no end is set', () => {
    const ld = liveBlogPosting(makeArticle({ live: true }), makeSection(), makeDesk(), site, []);
    expect(ld).not.toHaveProperty('coverageEndTime');
    expect(ld['liveBlogUpdate']).toEqual([]);
  });
});

describe('live stories in the page plan and the schedule', () => {
  const until = PUBLISHED_MS + 30 * HOUR;
  const story = makeArticle({ live: true, liveUntil: new Date(until).toISOString(), liveUntilMs: until });
  const key = (updates: ReturnType<typeof makeUpdate>[], nowMs: number): string | undefined =>
    planPages(buildArchive(makeContent([story], { updates }), nowMs), site, nowMs, () => '').pages.get('/world/harbour-story/');

  it('changes the story’s key with a new or edited update, and with the built-at minute only while live', () => {
    const now = PUBLISHED_MS + 2 * HOUR;
    const base = key([makeUpdate()], now);
    expect(key([makeUpdate(), makeUpdate({ id: 'u2' })], now)).not.toBe(base);
    expect(key([makeUpdate({ digest: 'edited' })], now)).not.toBe(base);
    expect(key([makeUpdate()], now + 59_000 - (now % 60_000))).toBe(base);
    expect(key([makeUpdate()], now + 60_000)).not.toBe(base);
    // After the end, the clock no longer changes the page.
    expect(key([makeUpdate()], until + HOUR)).toBe(key([makeUpdate()], until + 2 * HOUR));
  });

  it('knows when liveUntil passes and when an update dated ahead appears', () => {
    const now = PUBLISHED_MS + HOUR + 1;
    const content = makeContent([story], { updates: [makeUpdate({ id: 'ahead', publishedMs: PUBLISHED_MS + 3 * HOUR })] });
    // Midnight in Dublin comes first; look from just after it.
    const after = Date.parse('2026-11-25T00:00:01Z');
    expect(nextClockChange(content, buildArchive(content, now), site, now)).toEqual({
      atMs: PUBLISHED_MS + 3 * HOUR,
      why: 'update ahead on harbour-story appears',
    });
    const ended = makeContent([story]);
    expect(nextClockChange(ended, buildArchive(ended, after), site, after)).toEqual({
      atMs: until,
      why: 'live coverage of harbour-story ends',
    });
  });
});

describe('an update headline', () => {
  it('may have 200 characters and no more', () => {
    const update = (headline: string) => updateSchema.safeParse({ publishedAt: '2026-12-01T09:00:00+00:00', headline });
    expect(update('h'.repeat(200)).success).toBe(true);
    expect(update('h'.repeat(201)).success).toBe(false);
  });
});
