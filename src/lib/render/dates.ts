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

/** "24 November 2026 at 08:30 GMT": day, time and zone, for bylines. */
export function formatDateTime(iso: string, language: string, timeZone: string): string {
  return remember(`t|${language}|${timeZone}|${iso}`, () => {
    const when = formatter(`t|${language}|${timeZone}`, language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
    return `${when} ${zoneName(iso, language, timeZone)}`;
  });
}

function zoneName(iso: string, language: string, timeZone: string): string {
  const part = formatter(`z|${language}|${timeZone}`, language, { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
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
  const parts = Object.fromEntries(
    formatter(`iso|${timeZone}`, 'en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(whole))
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
  const local = `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - whole) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
