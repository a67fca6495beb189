// The notes at the end of a story, the source line and the corrections, said
// once for the article page, the feeds and the search record.
import type { Correction, Source } from '#lib/content/schemas.ts';
import { printableUrl } from '#lib/archive/urls.ts';
import { formatDate } from './dates.ts';
import { escapeXml } from './escape.ts';

/** The words before a syndicated story's source. */
export const SOURCE_LABEL = 'Source:';

/** "Source: RTE" as plain text, for the search index. */
export function sourceText(source: Source): string {
  return `${SOURCE_LABEL} ${source.name}`;
}

/** "Source: RTE" as HTML, the name linked to the printable source URL when one is given; the text is escaped. */
export function sourceLineHtml(source: Source): string {
  const name = escapeXml(source.name);
  return `${SOURCE_LABEL} ${source.url ? `<a href="${escapeXml(printableUrl(source.url))}">${name}</a>` : name}`;
}

/** One correction as shown: the writer's date-time for machines, the day in the site's time zone for readers. */
export interface ShownCorrection {
  iso: string;
  day: string;
  text: string;
}

/** The heading over the corrections: "Correction" for one, "Corrections" for more. */
export function correctionsHeading(count: number): string {
  return count === 1 ? 'Correction' : 'Corrections';
}

/**
 * The corrections newest first by instant (not by how the date is written),
 * each dated in the site's language and time zone; the input is not reordered.
 */
export function shownCorrections(corrections: readonly Correction[], site: { language: string; timeZone: string }): ShownCorrection[] {
  return [...corrections].sort((a, b) => Date.parse(b.date) - Date.parse(a.date)).map((c) => shownCorrection(c, site));
}

/** One correction dated for readers in the site's language and time zone (the story's notes and the corrections archive). */
export function shownCorrection(correction: Correction, site: { language: string; timeZone: string }): ShownCorrection {
  return { iso: correction.date, day: formatDate(correction.date, site.language, site.timeZone), text: correction.text };
}
