// Breaking banners: what loads from content/alerts/, the message for each
// way an alert file breaks the contract, and which banner is current.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentAlert, isCurrentAlert } from '#lib/archive/alerts.ts';
import { buildArchive } from '#lib/archive/archive.ts';
import { alertFile, DAY, HOUR, loadTree, loadTreeError, makeAlert, makeContent, PUBLISHED_MS, removeTempDirs } from './factories.ts';

afterEach(removeTempDirs);

const FILE = join('alerts', 'storm.md');

describe('loading alerts', () => {
  it('loads a site without an alerts folder, with no alerts', () => {
    expect(loadTree({}).alerts).toEqual([]);
  });

  it('keeps the text (with typographic quotes), link, from and until, with both moments as milliseconds', () => {
    const { alerts } = loadTree({
      'alerts/storm.md': alertFile({ text: 'Harbour "closed" by storm', link: '/world/first-story/', from: '2026-11-24T09:00:00+01:00' }),
    });
    expect(alerts).toEqual([
      {
        text: 'Harbour “closed” by storm',
        link: '/world/first-story/',
        from: '2026-11-24T09:00:00+01:00',
        until: '2026-11-25T08:00:00+00:00',
        slug: 'storm',
        file: FILE,
        fromMs: Date.UTC(2026, 10, 24, 8),
        untilMs: Date.UTC(2026, 10, 25, 8),
      },
    ]);
  });

  it('accepts a full https:// link', () => {
    expect(loadTree({ 'alerts/storm.md': alertFile({ link: 'https://weather.example/warnings' }) }).alerts[0]!.link).toBe(
      'https://weather.example/warnings',
    );
  });
});

describe('alert problems', () => {
  const problems = (fields: Record<string, unknown>, body = '') => loadTreeError({ 'alerts/storm.md': alertFile(fields, body) }).problems;

  it('names a missing text and a missing until at the closing line', () => {
    // Only from is left: the closing "---" is line 3.
    expect(problems({ text: undefined, until: undefined })).toEqual([
      { file: FILE, line: 3, field: 'text', message: 'is required but missing: add a line "text: …"' },
      { file: FILE, line: 3, field: 'until', message: 'is required but missing: add a line "until: …"' },
    ]);
  });

  it('refuses text over 200 characters, naming the line and the limit', () => {
    const [problem] = problems({ text: 'x'.repeat(201) });
    expect(problem).toMatchObject({ file: FILE, line: 2, field: 'text' });
    expect(problem!.message).toContain('is 201 characters long; the most it may have is 200');
  });

  it('refuses a link that is neither a site path nor a web address', () => {
    const [problem] = problems({ link: 'javascript:alert(1)' });
    expect(problem).toMatchObject({ file: FILE, field: 'link' });
    expect(problem!.message).toContain('must be a site path like /world/harbour-ferry-talks/ or a full https:// address');
  });

  it('refuses a date without its offset', () => {
    expect(problems({ from: '2026-11-24T08:00' })).toEqual([expect.objectContaining({ file: FILE, line: 3, field: 'from' })]);
  });

  it('refuses an until that is not after from, on the until line', () => {
    expect(problems({ until: '2026-11-24T08:00:00+00:00' })).toEqual([
      {
        file: FILE,
        line: 4,
        field: 'until',
        message:
          '(2026-11-24T08:00:00+00:00) is not after from (2026-11-24T08:00:00+00:00): the banner would never show; set until to the moment it should go',
      },
    ]);
  });

  it('refuses a body, on its line', () => {
    expect(problems({}, 'More about the storm.\n')).toEqual([
      {
        file: FILE,
        line: 6,
        message: 'a banner has no body: put its words in text (one short line) and link to the story for the rest',
      },
    ]);
  });

  it('refuses an unknown field', () => {
    expect(problems({ untill: '2026-11-26T08:00:00+00:00' })).toEqual([expect.objectContaining({ file: FILE, field: 'untill' })]);
  });
});

describe('the current banner', () => {
  const alert = makeAlert({ from: '2026-11-24T08:00:00Z', until: '2026-11-25T08:00:00Z' });

  it('shows from its from (included) until its until (excluded)', () => {
    expect(isCurrentAlert(alert, alert.fromMs - 1)).toBe(false);
    expect(isCurrentAlert(alert, alert.fromMs)).toBe(true);
    expect(isCurrentAlert(alert, alert.untilMs - 1)).toBe(true);
    expect(isCurrentAlert(alert, alert.untilMs)).toBe(false);
  });

  it('is none when no banner is current', () => {
    expect(currentAlert([alert], alert.untilMs)).toBeUndefined();
    expect(currentAlert([], PUBLISHED_MS)).toBeUndefined();
  });

  it('of several current banners, is the one that started last; on a tie, the first by file name', () => {
    const older = makeAlert({ slug: 'older', from: '2026-11-24T06:00:00Z', until: '2026-11-26T00:00:00Z' });
    const newer = makeAlert({ slug: 'newer', from: '2026-11-24T07:00:00Z', until: '2026-11-24T09:00:00Z' });
    const twin = makeAlert({ slug: 'a-twin', from: '2026-11-24T07:00:00Z', until: '2026-11-24T09:00:00Z' });
    expect(currentAlert([older, newer], Date.parse('2026-11-24T08:00:00Z'))?.slug).toBe('newer');
    expect(currentAlert([older, newer, twin], Date.parse('2026-11-24T08:00:00Z'))?.slug).toBe('a-twin');
    // When the newer one ends first, the older one shows again.
    expect(currentAlert([older, newer], Date.parse('2026-11-24T10:00:00Z'))?.slug).toBe('older');
  });

  it('is the archive’s banner at the build’s clock', () => {
    const content = makeContent([], { alerts: [alert] });
    expect(buildArchive(content, alert.fromMs + HOUR).alert).toBe(alert);
    expect(buildArchive(content, alert.fromMs + 2 * DAY).alert).toBeUndefined();
  });
});
