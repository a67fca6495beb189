import { PLACEMENT_MARKER } from './markdown.ts';
import type { Quote } from '#lib/content/schemas.ts';

/** A piece of the article body: rendered HTML, or a pull quote to lay out. */
export type BodyPart = { kind: 'html'; html: string } | { kind: 'quote'; quote: Quote };

/**
 * Lays the frontmatter's pull quotes into the rendered body (docs/content.md,
 * "Pull quotes"):
 * - A quote whose marker the writer put on a line of its own (`<!-- quote 2 -->`,
 *   counting from 1) goes exactly there.
 * - The others are spread evenly between the body's top-level paragraphs, in
 *   the order written, never before the first: with q quotes and p paragraphs,
 *   quote k aims for the gap after paragraph round(k·p/(q+1)).
 * - A quote never sits next to its own words, as when the story quotes the
 *   same sentence: not after the paragraph that holds them, nor anywhere in the
 *   run of blocks between two gaps around it (a blockquote of the same words a
 *   paragraph earlier counts). It moves to the nearest gap that is clear, and
 *   is left out when there is none. A body without paragraphs gets its quotes
 *   at the end, unless it holds their words.
 */
export function placePullQuotes(html: string, quotes: readonly Quote[]): BodyPart[] {
  // Split into HTML chunks with a marker between each two: chunk i, marker i, chunk i + 1 …
  const chunks: string[] = [];
  const markers: (number | 'break')[] = [];
  let last = 0;
  for (const m of html.matchAll(PLACEMENT_MARKER)) {
    chunks.push(html.slice(last, m.index));
    markers.push(m[1] === undefined ? 'break' : Number(m[1]));
    last = m.index + m[0].length;
  }
  chunks.push(html.slice(last));

  // What goes after each marker; the end of the body is marker index markers.length.
  const after = new Map<number, Quote[]>();
  const put = (at: number, quote: Quote): void => void after.set(at, [...(after.get(at) ?? []), quote]);
  const placed = new Set<number>();
  markers.forEach((marker, at) => {
    if (marker === 'break' || marker < 1 || marker > quotes.length || placed.has(marker)) return;
    placed.add(marker);
    put(at, quotes[marker - 1]!);
  });

  const rest = quotes.filter((_, i) => !placed.has(i + 1));
  const gaps = markers.flatMap((marker, at) => (marker === 'break' ? [at] : []));
  if (gaps.length === 0) {
    const whole = textWords(html);
    for (const quote of rest) if (!holdsWords(whole, quote)) put(markers.length, quote);
  } else {
    spread(rest, gaps, chunks, put);
  }

  const parts: BodyPart[] = [];
  chunks.forEach((chunk, i) => {
    if (chunk.trim() !== '') parts.push({ kind: 'html', html: chunk });
    for (const quote of after.get(i) ?? []) parts.push({ kind: 'quote', quote });
  });
  return parts;
}

/** Places each quote at the allowed gap nearest its even share of the body, keeping the written order. */
function spread(
  quotes: readonly Quote[],
  gaps: readonly number[],
  chunks: readonly string[],
  put: (at: number, quote: Quote) => void,
): void {
  // Around gap g (marker index at): the blocks since the marker before it, and those up to the marker after it.
  const around = gaps.map((at) => [textWords(chunks[at]!), textWords(chunks[at + 1]!)] as const);
  const used = new Set<number>();
  let from = 0;
  quotes.forEach((quote, k) => {
    const aim = Math.max(0, Math.round(((k + 1) * gaps.length) / (quotes.length + 1)) - 1);
    const allowed = (g: number): boolean => !around[g]!.some((words) => holdsWords(words, quote));
    // Nearest first, later before earlier at the same distance, an empty gap before a shared one.
    let best: number | undefined;
    let bestScore = Infinity;
    for (let g = from; g < gaps.length; g++) {
      if (!allowed(g)) continue;
      const score = Math.abs(g - aim) * 4 + (g < aim ? 1 : 0) + (used.has(g) ? 2 : 0);
      if (score < bestScore) [best, bestScore] = [g, score];
    }
    if (best === undefined) return; // every gap left sits next to the quote's own words
    used.add(best);
    from = best;
    put(gaps[best]!, quote);
  });
}

/** The words of some HTML, lower case, without tags, punctuation or apostrophes. */
function textWords(html: string): string[] {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x27;|&#39;|['’]/g, '')
    .replace(/&[a-z\d#]+;/gi, ' ')
    .toLowerCase();
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * True when the words hold the quote: most of its three-word runs appear in
 * them ("For a century," said the director, "this building …" holds "For a
 * century this building …"). A quote of three words or fewer must appear whole.
 */
function holdsWords(words: readonly string[], quote: Quote): boolean {
  const said = textWords(quote.text);
  if (said.length === 0 || words.length === 0) return false;
  if (said.length <= 3) return ` ${words.join(' ')} `.includes(` ${said.join(' ')} `);
  const runs = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) runs.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  let found = 0;
  for (let i = 0; i + 2 < said.length; i++) if (runs.has(`${said[i]} ${said[i + 1]} ${said[i + 2]}`)) found++;
  return found * 2 >= said.length - 2;
}
