import { BREAK_MARKER } from './markdown.ts';
import type { Quote } from '#lib/content/schemas.ts';

/** A piece of the article body: rendered HTML, or a pull quote to lay out. */
export type BodyPart = { kind: 'html'; html: string } | { kind: 'quote'; quote: Quote };

/**
 * Spreads pull quotes evenly between the body's top-level paragraphs: with q
 * quotes and p paragraphs, quote k follows paragraph round(k·p/(q+1)), never
 * before the first paragraph. A body without paragraphs gets them at the end.
 */
export function placePullQuotes(html: string, quotes: readonly Quote[]): BodyPart[] {
  const chunks = html.split(BREAK_MARKER);
  const paragraphs = chunks.length - 1;
  const after = new Map<number, Quote[]>();
  quotes.forEach((quote, i) => {
    const slot = paragraphs === 0 ? 0 : Math.max(1, Math.round(((i + 1) * paragraphs) / (quotes.length + 1)));
    after.set(slot, [...(after.get(slot) ?? []), quote]);
  });
  const parts: BodyPart[] = [];
  chunks.forEach((chunk, i) => {
    if (chunk.trim() !== '') parts.push({ kind: 'html', html: chunk });
    // Chunk i ends with paragraph i + 1 (the last chunk ends with no paragraph).
    const slot = paragraphs === 0 ? (i === chunks.length - 1 ? 0 : -1) : i + 1;
    for (const quote of after.get(slot) ?? []) parts.push({ kind: 'quote', quote });
  });
  return parts;
}
