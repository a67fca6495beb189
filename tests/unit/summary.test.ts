import { describe, expect, it } from 'vitest';
import { firstParagraphText } from '#lib/render/summary.ts';

describe('firstParagraphText', () => {
  it('returns the first paragraph as plain text', () => {
    expect(firstParagraphText('The ferry sank at dawn.\n\nSecond paragraph.')).toBe('The ferry sank at dawn.');
  });

  it('skips headings, lists, quotes, tables, code, raw HTML and rules to find an ordinary paragraph', () => {
    const markdown = [
      '# Heading',
      '- a list item',
      '1. a numbered item',
      '> a quotation',
      '| a | table |',
      '```\ncode\n```',
      '<div>raw html</div>',
      '---',
      'The real opening.',
    ].join('\n\n');
    expect(firstParagraphText(markdown)).toBe('The real opening.');
  });

  it('strips links, images, emphasis, code and inline HTML, keeping their text', () => {
    expect(firstParagraphText('**Bold**, _light_, `code`, ~~gone~~, [a link](https://x.example) and <abbr title="x">EU</abbr>.')).toBe(
      'Bold, light, code, gone, a link and EU.',
    );
  });

  it('joins a paragraph written over several lines into one line', () => {
    expect(firstParagraphText('The ferry\nsank   at\ndawn.')).toBe('The ferry sank at dawn.');
  });

  it('turns escaped Markdown characters back into the characters', () => {
    expect(firstParagraphText('Prices rose 5\\* in the \\[draft\\] plan, up \\#3.')).toBe('Prices rose 5* in the [draft] plan, up #3.');
    expect(firstParagraphText('The file is called snake\\_case\\_name.')).toBe('The file is called snake_case_name.');
  });

  it('returns an empty string when the body has no ordinary paragraph', () => {
    expect(firstParagraphText('## Only a heading\n\n- and a list')).toBe('');
    expect(firstParagraphText('')).toBe('');
  });

  it('keeps a paragraph of up to 280 characters whole', () => {
    const text = `${'word '.repeat(55)}ends`; // 279 characters
    expect(firstParagraphText(text)).toBe(text);
  });

  it('cuts a long paragraph at a word boundary before 280 characters and adds an ellipsis', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`);
    const summary = firstParagraphText(words.join(' '));
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(281);
    expect(summary.length).toBeGreaterThan(240);
    // Whole words only: every word kept is one of the originals, in order.
    const kept = summary.slice(0, -1).split(' ');
    expect(kept).toEqual(words.slice(0, kept.length));
  });

  it('drops trailing punctuation before the ellipsis', () => {
    const text = `${'aaaa, '.repeat(60)}`;
    const summary = firstParagraphText(text);
    expect(summary).toMatch(/aaaa…$/);
  });
});

describe('firstParagraphText keeps plain punctuation', () => {
  it('keeps comparison signs and underscores inside words', () => {
    expect(firstParagraphText('If a < b and c > d, use snake_case and _this_.')).toBe('If a < b and c > d, use snake_case and this.');
  });
});
