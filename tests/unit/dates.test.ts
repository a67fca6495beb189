import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, parseBuildClock, toZonedIso } from '#lib/render/dates.ts';

describe('formatDate', () => {
  it('writes a long date in the site language', () => {
    expect(formatDate('2026-11-24T08:30:00+00:00', 'en-GB', 'Europe/Dublin')).toBe('24 November 2026');
    expect(formatDate('2026-11-24T08:30:00+00:00', 'en-US', 'America/New_York')).toBe('November 24, 2026');
  });

  it('shows the day as it was in the site time zone, not in the writer\'s offset', () => {
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
    expect(formatDateTime('2026-11-24T08:30:00+00:00', 'en-GB', 'Asia/Tokyo')).toMatch(/^24 November 2026(,| at) 17:30 GMT\+9$/);
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
