// Dates as readers see them, in the site's time zone and language. The
// machine-readable form is always the string the writer gave, offset kept.

// Building an Intl.DateTimeFormat costs far more than using one, and a large
// archive formats hundreds of thousands of dates (the same story's date on its
// page, in listings and in related rails): keep one formatter per settings, and
// the text of each date already formatted (cleared when it grows large).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(language, options)));
  return f;
}

const formatted = new Map<string, string>();
function remember(key: string, make: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= 50_000) formatted.clear();
    formatted.set(key, (text = make()));
  }
  return text;
}

/** "24 November 2026" in the site's language and time zone. */
export function formatDate(iso: string, language: string, timeZone: string): string {
  return remember(`d|${language}|${timeZone}|${iso}`, () =>
    formatter(`d|${language}|${timeZone}`, language, { dateStyle: 'long', timeZone }).format(new Date(iso)),
  );
}

/** "24 November 2026 at 08:30 GMT" (IST in a Dublin summer): day, time and zone, for bylines. */
export function formatDateTime(iso: string, language: string, timeZone: string): string {
  return remember(`t|${language}|${timeZone}|${iso}`, () => {
    const when = formatter(`t|${language}|${timeZone}`, language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(
      new Date(iso),
    );
    return `${when} ${zoneAbbreviation(Date.parse(iso), language, timeZone)}`;
  });
}

/**
 * Abbreviations readers of English-language news expect, by zone and by the
 * zone's offset from UTC in minutes. Intl's own short names depend on the
 * locale: en-GB says "GMT+1" for a Dublin summer and en-US "GMT+9" for Tokyo.
 */
const ZONE_ABBREVIATIONS: Record<string, Record<number, string>> = {
  'Europe/Dublin': { 0: 'GMT', 60: 'IST' },
  'Europe/London': { 0: 'GMT', 60: 'BST' },
  ...zones(['Europe/Lisbon', 'Atlantic/Canary', 'Atlantic/Madeira', 'Atlantic/Faroe'], { 0: 'WET', 60: 'WEST' }),
  ...zones(
    [
      'Europe/Amsterdam',
      'Europe/Berlin',
      'Europe/Brussels',
      'Europe/Budapest',
      'Europe/Copenhagen',
      'Europe/Luxembourg',
      'Europe/Madrid',
      'Europe/Oslo',
      'Europe/Paris',
      'Europe/Prague',
      'Europe/Rome',
      'Europe/Stockholm',
      'Europe/Vienna',
      'Europe/Warsaw',
      'Europe/Zurich',
      'Europe/Belgrade',
      'Europe/Zagreb',
      'Europe/Ljubljana',
      'Europe/Malta',
    ],
    { 60: 'CET', 120: 'CEST' },
  ),
  ...zones(
    [
      'Europe/Athens',
      'Europe/Bucharest',
      'Europe/Helsinki',
      'Europe/Kyiv',
      'Europe/Kiev',
      'Europe/Riga',
      'Europe/Sofia',
      'Europe/Tallinn',
      'Europe/Vilnius',
      'Asia/Nicosia',
    ],
    { 120: 'EET', 180: 'EEST' },
  ),
  'Europe/Moscow': { 180: 'MSK' },
  'Africa/Johannesburg': { 120: 'SAST' },
  ...zones(['Africa/Nairobi', 'Africa/Addis_Ababa', 'Africa/Kampala', 'Africa/Dar_es_Salaam'], { 180: 'EAT' }),
  ...zones(['Africa/Lagos', 'Africa/Kinshasa'], { 60: 'WAT' }),
  'Asia/Kolkata': { 330: 'IST' },
  'Asia/Calcutta': { 330: 'IST' },
  'Asia/Tokyo': { 540: 'JST' },
  'Asia/Seoul': { 540: 'KST' },
  'Asia/Hong_Kong': { 480: 'HKT' },
  'Asia/Singapore': { 480: 'SGT' },
  ...zones(['Australia/Sydney', 'Australia/Melbourne', 'Australia/Hobart', 'Australia/Canberra'], { 600: 'AEST', 660: 'AEDT' }),
  'Australia/Brisbane': { 600: 'AEST' },
  'Australia/Adelaide': { 570: 'ACST', 630: 'ACDT' },
  'Australia/Perth': { 480: 'AWST' },
  'Pacific/Auckland': { 720: 'NZST', 780: 'NZDT' },
};

function zones(names: string[], byOffset: Record<number, string>): Record<string, Record<number, string>> {
  return Object.fromEntries(names.map((n) => [n, byOffset]));
}

/**
 * The zone's abbreviation at that moment: "IST" for a Dublin summer, "EST"
 * for a New York winter. For English-language sites the table above, then
 * Intl's en-US names (the Americas); otherwise, or failing both, Intl's
 * short name in the site's language ("GMT+5:45").
 */
export function zoneAbbreviation(ms: number, language: string, timeZone: string): string {
  if (/^en\b/i.test(language)) {
    const known = ZONE_ABBREVIATIONS[timeZone]?.[zoneOffsetMinutes(ms, timeZone)];
    if (known) return known;
    const american = intlZoneName(ms, 'en-US', timeZone);
    if (!/^(GMT|UTC)[+-]/.test(american)) return american;
  }
  return intlZoneName(ms, language, timeZone);
}

function intlZoneName(ms: number, language: string, timeZone: string): string {
  const part = formatter(`z|${language}|${timeZone}`, language, { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/**
 * The edition date a front page shows for the moment `ms`, as a newspaper
 * writes it: "Friday 4 December 2026" (en-GB), with `iso` "2026-12-04" for
 * <time datetime>, both as the day is in the site's zone.
 */
export function editionDate(ms: number, language: string, timeZone: string): { iso: string; text: string } {
  const parts = formatter(`full|${language}|${timeZone}`, language, { dateStyle: 'full', timeZone }).formatToParts(new Date(ms));
  // en-GB puts a comma after the weekday ("Friday, 4 December"); British papers do not.
  const english = /^en\b/i.test(language);
  const text = parts
    .map((p, i) => (english && i === 1 && p.type === 'literal' && parts[0]?.type === 'weekday' && parts[2]?.type === 'day' ? ' ' : p.value))
    .join('');
  return { iso: toZonedIso(ms, timeZone).slice(0, 10), text };
}

/**
 * Reads the build clock: DATELINE_NOW when set (an ISO date-time with offset),
 * else `fallbackMs`. Throws a message naming the variable when it is unusable.
 */
export function parseBuildClock(value: string | undefined, fallbackMs: number): number {
  if (value === undefined || value === '') return fallbackMs;
  const ms = /(?:Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new Error(`DATELINE_NOW="${value}" is not a date-time with an offset; use e.g. DATELINE_NOW=2026-12-15T06:00:00+00:00`);
  }
  return ms;
}

/**
 * `ms` as an ISO 8601 date-time in `timeZone` with that zone's offset at that
 * moment, to the second: "2026-07-01T10:05:00+01:00" for Europe/Dublin.
 */
export function toZonedIso(ms: number, timeZone: string): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const { local, offsetMinutes } = zonedParts(whole, timeZone);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The zone's offset from UTC at `ms`, in minutes: 60 for Dublin in summer, -300 for New York in winter. */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  return zonedParts(Math.floor(ms / 1000) * 1000, timeZone).offsetMinutes;
}

function zonedParts(whole: number, timeZone: string): { local: string; offsetMinutes: number } {
  const parts = Object.fromEntries(
    formatter(`iso|${timeZone}`, 'en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(whole))
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
  const local = `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  return { local, offsetMinutes: Math.round((Date.parse(`${local}Z`) - whole) / 60_000) };
}
