import { describe, expect, it } from 'vitest';
import { BREAK_MARKER, createMarkdownRenderer } from '#lib/render/markdown.ts';
import { placePullQuotes, type BodyPart } from '#lib/render/pull-quotes.ts';
import type { Quote } from '#lib/content/schemas.ts';

const quotes = (n: number): Quote[] => Array.from({ length: n }, (_, i) => ({ text: `Quote ${i + 1}`, speaker: `Speaker ${i + 1}` }));

/** Rendered-looking HTML with `n` marked paragraphs "P1" … "Pn". */
const paragraphs = (n: number): string => Array.from({ length: n }, (_, i) => `<p>P${i + 1}</p>${BREAK_MARKER}`).join('\n');

/** The layout as a list: "P3" for a paragraph chunk, "Q2" for a quote. */
function layout(parts: BodyPart[]): string[] {
  return parts.flatMap((part) =>
    part.kind === 'quote'
      ? [`Q${part.quote.text.split(' ')[1]}`]
      : [...part.html.matchAll(/<p>(P\d+)<\/p>/g)].map((m) => m[1]!).concat(part.html.includes('<ul>') ? ['list'] : []),
  );
}

describe('placePullQuotes', () => {
  it('places one quote in the middle of the body', () => {
    expect(layout(placePullQuotes(paragraphs(4), quotes(1)))).toEqual(['P1', 'P2', 'Q1', 'P3', 'P4']);
  });

  it('spreads several quotes evenly between paragraphs', () => {
    expect(layout(placePullQuotes(paragraphs(6), quotes(2)))).toEqual(['P1', 'P2', 'Q1', 'P3', 'P4', 'Q2', 'P5', 'P6']);
    expect(layout(placePullQuotes(paragraphs(9), quotes(2)))).toEqual(['P1', 'P2', 'P3', 'Q1', 'P4', 'P5', 'P6', 'Q2', 'P7', 'P8', 'P9']);
  });

  it('never places a quote before the first paragraph', () => {
    for (let p = 1; p <= 5; p++) {
      for (let q = 1; q <= 6; q++) {
        const order = layout(placePullQuotes(paragraphs(p), quotes(q)));
        expect(order[0], `${p} paragraphs, ${q} quotes`).toBe('P1');
      }
    }
  });

  it('keeps every quote, in the order written, however many there are', () => {
    for (let p = 0; p <= 5; p++) {
      for (let q = 0; q <= 6; q++) {
        const placed = placePullQuotes(paragraphs(p), quotes(q)).filter((part) => part.kind === 'quote');
        expect(placed.map((part) => part.quote)).toEqual(quotes(q));
      }
    }
  });

  it('keeps every paragraph, in order', () => {
    const order = layout(placePullQuotes(paragraphs(7), quotes(3))).filter((x) => x.startsWith('P'));
    expect(order).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
  });

  it('stacks quotes after the only paragraph when there is just one', () => {
    expect(layout(placePullQuotes(paragraphs(1), quotes(3)))).toEqual(['P1', 'Q1', 'Q2', 'Q3']);
  });

  it('puts the quotes at the end when the body has no marked paragraphs', () => {
    const parts = placePullQuotes('<ul>\n<li>only a list</li>\n</ul>', quotes(2));
    expect(parts.map((p) => p.kind)).toEqual(['html', 'quote', 'quote']);
    expect(layout(parts)).toEqual(['list', 'Q1', 'Q2']);
  });

  it('returns only the quotes for an empty body', () => {
    expect(placePullQuotes('', quotes(2)).map((p) => p.kind)).toEqual(['quote', 'quote']);
  });

  it('returns the body unchanged, without markers, when there are no quotes', () => {
    const html = paragraphs(3);
    const parts = placePullQuotes(html, []);
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.every((p) => p.kind === 'html')).toBe(true);
    expect(parts.map((p) => (p.kind === 'html' ? p.html : '')).join('')).toBe(html.split(BREAK_MARKER).join(''));
  });

  it('places quotes between paragraphs of real rendered Markdown, not before a list', () => {
    const render = createMarkdownRenderer({ embedHosts: [] });
    const html = render('article', 'P1 text.\n\nThe points:\n\n- a\n- b\n\nP3 text.\n\nP4 text.');
    const parts = placePullQuotes(html, quotes(1));
    // Marked paragraphs: "P1 text." (1), "P3 text." (2), "P4 text." (3); one quote follows the second.
    // "The points:" is not marked, so it stays with its list.
    const kinds = parts.map((p) => (p.kind === 'quote' ? 'Q' : p.html.includes('<ul>') ? 'list' : 'html'));
    expect(kinds).toEqual(['html', 'list', 'Q', 'html']);
    expect(parts[1]!.kind === 'html' && parts[1]!.html).toMatch(/The points:<\/p>\s*<ul>[\s\S]*<p>P3 text\.<\/p>$/);
  });
});
