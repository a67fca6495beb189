import { describe, expect, it } from 'vitest';
import {
  editionDate,
  formatDate,
  formatDateTime,
  parseBuildClock,
  toZonedIso,
  zoneAbbreviation,
  zoneOffsetMinutes,
} from '#lib/render/dates.ts';

describe('formatDate', () => {
  it('writes a long date in the site language', () => {
    expect(formatDate('2026-11-24T08:30:00+00:00', 'en-GB', 'Europe/Dublin')).toBe('24 November 2026');
    expect(formatDate('2026-11-24T08:30:00+00:00', 'en-US', 'America/New_York')).toBe('November 24, 2026');
  });

  it("shows the day as it was in the site time zone, not in the writer's offset", () => {
    // 23:30 in New York is already the next morning in Dublin.
    const iso = '2026-11-24T23:30:00-05:00';
    expect(formatDate(iso, 'en-GB', 'America/New_York')).toBe('24 November 2026');
    expect(formatDate(iso, 'en-GB', 'Europe/Dublin')).toBe('25 November 2026');
    expect(formatDate('2026-11-24T01:00:00+00:00', 'en-GB', 'Pacific/Honolulu')).toBe('23 November 2026');
  });
});

describe('formatDateTime', () => {
  it('adds the time and the zone name for bylines', () => {
    expect(formatDateTime('2026-11-24T08:30:00+00:00', 'en-GB', 'Europe/Dublin')).toMatch(/^24 November 2026(,| at) 08:30 GMT$/);
  });

  it('converts the time into the site zone', () => {
    expect(formatDateTime('2026-11-24T08:30:00+00:00', 'en-GB', 'Asia/Tokyo')).toMatch(/^24 November 2026(,| at) 17:30 JST$/);
  });

  it('says IST for a Dublin summer, not GMT+1', () => {
    expect(formatDateTime('2026-07-01T06:00:00+00:00', 'en-GB', 'Europe/Dublin')).toMatch(/^1 July 2026(,| at) 07:00 IST$/);
  });
});

describe('zoneAbbreviation', () => {
  const WINTER = Date.parse('2026-01-15T12:00:00Z');
  const SUMMER = Date.parse('2026-07-15T12:00:00Z');

  it.each([
    ['Europe/Dublin', 'GMT', 'IST'],
    ['Europe/London', 'GMT', 'BST'],
    ['Europe/Lisbon', 'WET', 'WEST'],
    ['Europe/Paris', 'CET', 'CEST'],
    ['Europe/Berlin', 'CET', 'CEST'],
    ['Europe/Athens', 'EET', 'EEST'],
    ['America/New_York', 'EST', 'EDT'],
    ['America/Los_Angeles', 'PST', 'PDT'],
    ['Australia/Sydney', 'AEDT', 'AEST'],
    ['Asia/Kolkata', 'IST', 'IST'],
    ['Asia/Tokyo', 'JST', 'JST'],
    ['UTC', 'UTC', 'UTC'],
  ])('names %s as %s in January and %s in July for an English-language site', (zone, winter, summer) => {
    expect(zoneAbbreviation(WINTER, 'en-GB', zone)).toBe(winter);
    expect(zoneAbbreviation(SUMMER, 'en-GB', zone)).toBe(summer);
    expect(zoneAbbreviation(SUMMER, 'en-US', zone)).toBe(summer);
  });

  it('changes at the moment the clocks go forward in Dublin', () => {
    const change = Date.parse('2026-03-29T01:00:00Z');
    expect(zoneAbbreviation(change - 1000, 'en-IE', 'Europe/Dublin')).toBe('GMT');
    expect(zoneAbbreviation(change, 'en-IE', 'Europe/Dublin')).toBe('IST');
  });

  it('falls back to an offset for a zone with no common abbreviation', () => {
    expect(zoneAbbreviation(SUMMER, 'en-GB', 'Asia/Kathmandu')).toBe('GMT+5:45');
  });

  it("uses Intl's name in the site's language for other languages", () => {
    expect(zoneAbbreviation(SUMMER, 'de-DE', 'Europe/Berlin')).toBe('MESZ');
  });
});

describe('zoneOffsetMinutes', () => {
  it('gives the offset in force at the moment', () => {
    expect(zoneOffsetMinutes(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Dublin')).toBe(60);
    expect(zoneOffsetMinutes(Date.parse('2026-01-01T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(Date.parse('2026-01-01T12:00:00Z'), 'Asia/Kathmandu')).toBe(345);
  });
});

describe('editionDate', () => {
  it('writes the day as a British newspaper does, with its date for <time>', () => {
    expect(editionDate(Date.parse('2026-12-04T15:00:00Z'), 'en-GB', 'Europe/Dublin')).toEqual({
      iso: '2026-12-04',
      text: 'Friday 4 December 2026',
    });
  });

  it("keeps other languages' own punctuation", () => {
    expect(editionDate(Date.parse('2026-12-04T15:00:00Z'), 'en-US', 'America/New_York').text).toBe('Friday, December 4, 2026');
    expect(editionDate(Date.parse('2026-12-04T15:00:00Z'), 'de-DE', 'Europe/Berlin').text).toBe('Freitag, 4. Dezember 2026');
  });

  it('takes the day in the site zone, not in UTC', () => {
    // 23:30 UTC on Thursday is already Friday in Athens, and still Thursday in New York.
    const ms = Date.parse('2026-12-03T23:30:00Z');
    expect(editionDate(ms, 'en-GB', 'Europe/Athens')).toEqual({ iso: '2026-12-04', text: 'Friday 4 December 2026' });
    expect(editionDate(ms, 'en-GB', 'America/New_York')).toEqual({ iso: '2026-12-03', text: 'Thursday 3 December 2026' });
  });
});

describe('parseBuildClock', () => {
  const FALLBACK = 1_234_567;

  it('uses the fallback when DATELINE_NOW is unset or empty', () => {
    expect(parseBuildClock(undefined, FALLBACK)).toBe(FALLBACK);
    expect(parseBuildClock('', FALLBACK)).toBe(FALLBACK);
  });

  it('accepts a time in UTC written with Z', () => {
    expect(parseBuildClock('2026-12-15T06:00:00Z', FALLBACK)).toBe(Date.UTC(2026, 11, 15, 6));
  });

  it('accepts a time with an offset, and honours it', () => {
    expect(parseBuildClock('2026-12-15T06:00:00+01:00', FALLBACK)).toBe(Date.UTC(2026, 11, 15, 5));
    expect(parseBuildClock('2026-12-15T06:00:00.500-03:30', FALLBACK)).toBe(Date.UTC(2026, 11, 15, 9, 30, 0, 500));
  });

  it('rejects a time without an offset, naming DATELINE_NOW and showing the right form', () => {
    expect(() => parseBuildClock('2026-12-15T06:00:00', FALLBACK)).toThrow(
      'DATELINE_NOW="2026-12-15T06:00:00" is not a date-time with an offset; use e.g. DATELINE_NOW=2026-12-15T06:00:00+00:00',
    );
  });

  it.each(['tomorrow', '2026-12-15', 'nonsense+00:00', '1765778400000'])('rejects "%s", naming DATELINE_NOW', (value) => {
    expect(() => parseBuildClock(value, FALLBACK)).toThrow(/^DATELINE_NOW=".*" is not a date-time with an offset/);
  });
});

describe('toZonedIso', () => {
  it('writes the moment in the zone with the offset in force then, to the second', () => {
    const at = (iso: string, zone: string): string => toZonedIso(Date.parse(iso), zone);
    expect(at('2026-07-01T09:05:07.900Z', 'Europe/Dublin')).toBe('2026-07-01T10:05:07+01:00');
    expect(at('2026-01-01T09:05:00Z', 'Europe/Dublin')).toBe('2026-01-01T09:05:00+00:00');
    expect(at('2026-01-01T00:30:00Z', 'America/New_York')).toBe('2025-12-31T19:30:00-05:00');
    expect(at('2026-01-01T00:30:00Z', 'Asia/Kathmandu')).toBe('2026-01-01T06:15:00+05:45');
    expect(at('2026-01-01T00:30:00Z', 'America/St_Johns')).toBe('2025-12-31T21:00:00-03:30');
  });

  it('names the same instant, whatever the zone', () => {
    const ms = Date.parse('2026-03-29T00:59:59Z'); // one second before Dublin's clocks go forward
    for (const zone of ['UTC', 'Europe/Dublin', 'Pacific/Chatham', 'America/Los_Angeles']) {
      expect(Date.parse(toZonedIso(ms, zone)), zone).toBe(ms);
    }
  });
});
