import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BREAK_MARKER, createMarkdownRenderer, quoteMarker } from '#lib/render/markdown.ts';
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

describe('placePullQuotes: never next to its own words', () => {
  const render = createMarkdownRenderer({ embedHosts: [] });
  const said = (text: string): Quote => ({ text, speaker: 'Ana Díaz' });
  /** The layout with each block named by its first word, quotes as "Q:<first word>". */
  const blocks = (parts: BodyPart[]): string[] =>
    parts.flatMap((part) =>
      part.kind === 'quote'
        ? [`Q:${part.quote.text.split(' ')[0]}`]
        : [...part.html.matchAll(/<(p|h2|blockquote|ul)\b[^>]*>\s*(?:<p>)?([^\s<]+)/g)].map((m) => m[2]!.replace(/[^\p{L}\d]/gu, '')),
    );
  /** Asserts no quote sits beside a block that holds its first words. */
  const neverBeside = (order: string[]): void => {
    const quotes = order.filter((b) => b.startsWith('Q:'));
    expect(quotes.length).toBeGreaterThan(0);
    order.forEach((block, i) => {
      if (!block.startsWith('Q:')) return;
      expect([order[i - 1], order[i + 1]], order.join(' ')).not.toContain(block.slice(2));
    });
  };

  it('moves a quote away from the paragraph that says it, even with "said" words between', () => {
    const body = 'Alpha text.\n\nBravo "Tides turn slowly," said Ana Díaz, "and then all at once."\n\nCharlie text.\n\nDelta text.';
    const parts = placePullQuotes(render('article', body), [said('Tides turn slowly, and then all at once.')]);
    // The even share is after the second paragraph, which holds the words: the nearest free gap is after the third.
    expect(blocks(parts)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Q:Tides', 'Delta']);
  });

  it('does not put a quote just before the paragraph that says it', () => {
    const body = 'Alpha text.\n\nBravo text.\n\nCharlie: Tides turn slowly, and then all at once, she said.\n\nDelta text.\n\nEcho text.';
    const order = blocks(placePullQuotes(render('article', body), [said('Tides turn slowly, and then all at once.')]));
    neverBeside(order.map((b) => (b === 'Charlie' ? 'Tides' : b)));
    expect(order).toContain('Q:Tides');
  });

  it('keeps a quote clear of an inline blockquote of the same words and the paragraphs either side of it', () => {
    // As in the Lisbon sample: list, blockquote of the words, one paragraph, then the even share's gap.
    const body =
      'Alpha text.\n\nBravo text.\n\nCharlie:\n\n- a\n- b\n\n> "Tides turn slowly," she said.\n\nDelta text.\n\nEcho text.\n\nFoxtrot text.\n\nGolf text.';
    const order = blocks(placePullQuotes(render('article', body), [said('Tides turn slowly.'), said('Nothing of the kind was said.')]));
    // Its even share (after Bravo) comes just before the blockquote's run, and the gap after Delta just after it.
    expect(order).toEqual(['Alpha', 'Q:Tides', 'Bravo', 'Charlie', 'Tides', 'Delta', 'Echo', 'Q:Nothing', 'Foxtrot', 'Golf']);
  });

  it('leaves out a quote when every gap sits next to its words', () => {
    const parts = placePullQuotes(render('article', 'Tides turn slowly, and then all at once, she said.'), [
      said('Tides turn slowly, and then all at once.'),
    ]);
    expect(parts.filter((p) => p.kind === 'quote')).toHaveLength(0);
  });

  it('leaves out a quote from a body without paragraphs that holds its words, and keeps one that does not', () => {
    const html = render('article', '> Tides turn slowly, and then all at once.');
    const parts = placePullQuotes(html, [said('Tides turn slowly, and then all at once.'), said('Something else entirely said here.')]);
    expect(parts.flatMap((p) => (p.kind === 'quote' ? [p.quote.text] : []))).toEqual(['Something else entirely said here.']);
  });

  it('does not count a few shared words as the same quote', () => {
    const body = 'Alpha text.\n\nBravo: the port said it would reopen.\n\nCharlie text.';
    expect(blocks(placePullQuotes(render('article', body), [said('We will reopen the port when it is safe, not before.')]))).toEqual([
      'Alpha',
      'Bravo',
      'Q:We',
      'Charlie',
    ]);
  });

  it('never prints the same words in two neighbouring blocks in the sample articles', () => {
    const dir = 'content/articles/2026';
    const articles = [
      'maritime-museum-reopens-after-restoration',
      'north-sea-grid-pact-copenhagen',
      'lisbon-dockworkers-end-strike',
      'aegean-ferry-collision-inquiry',
      'sea-level-report-2026',
    ];
    for (const name of articles) {
      const source = readFileSync(`${dir}/${name}.md`, 'utf8');
      const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source)!;
      const quotes = [...front!.matchAll(/- text: "([^"]+)"/g)].map((m) => said(m[1]!));
      expect(quotes.length, name).toBeGreaterThan(0);
      const parts = placePullQuotes(render('article', body!), quotes);
      const texts = parts.flatMap((p) =>
        p.kind === 'quote' ? [`Q:${p.quote.text}`] : p.html.split(/\n(?=<(?:p|h\d|ul|ol|blockquote|pre|table)\b)/),
      );
      expect(parts.filter((p) => p.kind === 'quote').length, name).toBe(quotes.length);
      texts.forEach((block, i) => {
        if (!block.startsWith('Q:')) return;
        const words = block
          .slice(2)
          .toLowerCase()
          .match(/[\p{L}]+/gu)!
          .slice(0, 5)
          .join(' ');
        for (const next of [texts[i - 1], texts[i + 1]]) {
          const plain =
            (next ?? '')
              .replace(/<[^>]*>/g, ' ')
              .replace(/['’]/g, '')
              .toLowerCase()
              .match(/[\p{L}]+/gu)
              ?.join(' ') ?? '';
          expect(plain, `${name}: ${block}`).not.toContain(words.replace(/['’]/g, ''));
        }
      });
    }
  });
});

describe('placePullQuotes: writers place quotes with <!-- quote n -->', () => {
  const render = createMarkdownRenderer({ embedHosts: [] });

  it('puts a marked quote exactly where its marker is, and spreads the others', () => {
    const html = render('article', 'P1 text.\n\n<!-- quote 2 -->\n\nP2 text.\n\nP3 text.\n\nP4 text.');
    const kinds = placePullQuotes(html, quotes(2)).map((p) => (p.kind === 'quote' ? p.quote.text : p.html.match(/P\d/g)!.join('+')));
    expect(kinds).toEqual(['P1', 'Quote 2', 'P2', 'Quote 1', 'P3', 'P4']);
  });

  it('ignores a marker for a quote that does not exist, and a second marker for the same quote', () => {
    const html = `<p>P1</p>${BREAK_MARKER}\n${quoteMarker(7)}\n<p>P2</p>${BREAK_MARKER}\n${quoteMarker(1)}\n<p>P3</p>${BREAK_MARKER}\n${quoteMarker(1)}`;
    const parts = placePullQuotes(html, quotes(1));
    expect(layout(parts)).toEqual(['P1', 'P2', 'Q1', 'P3']);
    expect(parts.map((p) => (p.kind === 'html' ? p.html : '')).join('')).not.toContain('dl:');
  });
});
