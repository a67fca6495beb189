// What a live story shows of its coverage, computed once for its page and its
// updates.json alike: the updates newest first with their times in the site's
// zone, the key events, "Updated HH:MM" and, while live, when the page was built.
import { isLiveAt, keyEvents, updateAnchor, updatesJsonUrl } from '#lib/archive/live.ts';
import type { Article, Update } from '#lib/content/content.ts';
import type { SiteConfig } from '#lib/content/site-config.ts';
import { formatDateTime } from './dates.ts';
import { decodeHtmlEntities } from './escape.ts';
import { BREAK_MARKER } from './markdown.ts';

/** One update as a reader sees it. */
export interface LiveUpdateView {
  id: string;
  /** The element id, "update-<id>", that the key events link to. */
  anchor: string;
  /** publishedAt as written, for <time datetime>. */
  iso: string;
  /** "14:05" in the site's zone; "3 Dec 14:05" when not on the day of the newest update. */
  time: string;
  /** The full date and time with the zone ("4 December 2026 at 14:05 GMT"), for the time's title. */
  when: string;
  headline?: string | undefined;
  /** The headline, or the update's opening words: the key events list's link text and the JSON-LD headline. */
  label: string;
  key: boolean;
  /** The update's Markdown through the one sanitizing pipeline. */
  html: string;
  /** The same as plain text, for JSON-LD. */
  text: string;
}

/** Longest label: Google shows at most 110 characters of a headline. */
const LABEL_MAX = 110;

/** Plain text of sanitized HTML: tags dropped, entities decoded, spaces collapsed. */
export function htmlText(html: string): string {
  return decodeHtmlEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text cut at a word to at most 110 characters, with an ellipsis when cut. */
export function openingWords(text: string): string {
  if (text.length <= LABEL_MAX) return text;
  const cut = text.slice(0, LABEL_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** A live story's coverage at the build's clock. */
export interface LiveView {
  /** Still being updated: the page polls updates.json and says when it was built. */
  live: boolean;
  /** The newest update's time, for "Updated HH:MM" at the top; undefined before the first update. */
  updated?: { iso: string; time: string } | undefined;
  /** When this page was built, shown while live for readers without JavaScript. */
  built: { iso: string; text: string };
  updates: LiveUpdateView[];
  keyEvents: LiveUpdateView[];
  /** Where updates.json is, for the page's script. */
  jsonUrl: string;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function parts(ms: number, site: Pick<SiteConfig, 'language' | 'timeZone'>): { day: string; time: string } {
  const key = `${site.language}|${site.timeZone}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(site.language, {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: site.timeZone,
    });
    timeFormats.set(key, f);
  }
  const p = f.formatToParts(new Date(ms));
  const get = (type: string): string => p.find((x) => x.type === type)?.value ?? '';
  return { day: `${get('day')} ${get('month')}`, time: `${get('hour')}:${get('minute')}` };
}

/** "14:05" in the site's zone, with the day ("3 Dec 14:05") when it differs from `dayOf`'s. */
export function updateTime(ms: number, dayOfMs: number, site: Pick<SiteConfig, 'language' | 'timeZone'>): string {
  const at = parts(ms, site);
  return at.day === parts(dayOfMs, site).day ? at.time : `${at.day} ${at.time}`;
}

/** When the page was built, as the status line says it (minutes only: the key of a live page changes once a minute at most). */
export function builtAt(nowMs: number, site: Pick<SiteConfig, 'language' | 'timeZone'>): { iso: string; text: string } {
  const minute = new Date(Math.floor(nowMs / 60_000) * 60_000).toISOString();
  return { iso: minute.replace(/:00\.000Z$/, 'Z'), text: formatDateTime(minute, site.language, site.timeZone) };
}

/** The coverage of `article` from its published updates (newest first), each rendered by `renderUpdate`. */
export function liveView(
  article: Article,
  newestFirst: readonly Update[],
  nowMs: number,
  site: Pick<SiteConfig, 'language' | 'timeZone'>,
  renderUpdate: (update: Update) => string,
): LiveView {
  const newest = newestFirst[0];
  const updates = newestFirst.map((u): LiveUpdateView => {
    // The body pipeline marks where pull quotes may go; an update has none.
    const html = renderUpdate(u).replaceAll(BREAK_MARKER, '');
    const text = htmlText(html);
    return {
      id: u.id,
      anchor: updateAnchor(u),
      iso: u.publishedAt,
      time: updateTime(u.publishedMs, newest!.publishedMs, site),
      when: formatDateTime(u.publishedAt, site.language, site.timeZone),
      ...(u.headline === undefined ? {} : { headline: u.headline }),
      label: u.headline ?? openingWords(text),
      key: u.key,
      html,
      text,
    };
  });
  const key = new Set(keyEvents(newestFirst).map((u) => u.id));
  return {
    live: isLiveAt(article, nowMs),
    updated: newest && { iso: newest.publishedAt, time: parts(newest.publishedMs, site).time },
    built: builtAt(nowMs, site),
    updates,
    keyEvents: updates.filter((u) => key.has(u.id)),
    jsonUrl: updatesJsonUrl(article),
  };
}

/** What a live page's key needs besides its updates: whether it is live and, while it is, the built-at line. */
export function liveStatusKey(article: Article, nowMs: number, site: Pick<SiteConfig, 'language' | 'timeZone'>): string {
  if (!article.live) return '';
  return isLiveAt(article, nowMs) ? `live:${builtAt(nowMs, site).iso}` : 'ended';
}

/** updates.json: what the page's script needs to show new updates without a reload. */
export function toUpdatesJson(view: LiveView): string {
  return JSON.stringify({
    live: view.live,
    updated: view.updated ?? null,
    updates: view.updates.map(({ id, anchor, iso, time, when, headline, label, key, html }) => ({
      id,
      anchor,
      iso,
      time,
      when,
      headline: headline ?? null,
      label,
      key,
      html,
    })),
  });
}
