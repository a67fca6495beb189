import { describe, expect, it } from 'vitest';
import { isSlug, slugify } from '#lib/content/slugs.ts';

describe('isSlug', () => {
  it.each(['harbour', 'sea-level-2026', '2026', 'a-b-c'])('accepts "%s"', (value) => {
    expect(isSlug(value)).toBe(true);
  });

  it.each(['', 'Harbour', 'harbour_story', 'harbour story', '-harbour', 'harbour-', 'sea--level', 'café', 'harbour.md', '../etc'])(
    'rejects "%s"',
    (value) => {
      expect(isSlug(value)).toBe(false);
    },
  );
});

describe('slugify', () => {
  it('lower-cases and joins words with single hyphens', () => {
    expect(slugify('  Sea Level   Rise ')).toBe('sea-level-rise');
  });

  it('removes accents', () => {
    expect(slugify('Café Société Zürich')).toBe('cafe-societe-zurich');
  });

  it('spells out an ampersand', () => {
    expect(slugify('Crime & Courts')).toBe('crime-and-courts');
  });

  it('turns any run of punctuation into one hyphen and trims hyphens at the ends', () => {
    expect(slugify('--Harbour_Story!!! (update)--')).toBe('harbour-story-update');
  });

  it('returns an empty string when nothing usable is left', () => {
    expect(slugify('!!!')).toBe('');
    expect(slugify('—')).toBe('');
  });

  it('always returns a valid slug or an empty string', () => {
    for (const text of ['Ports', 'COVID-19', 'Ünïcödé & Co.', '2026: the year', '  ', 'a__b', 'Trade/Brexit']) {
      const slug = slugify(text);
      expect(slug === '' || isSlug(slug), `${text} -> ${slug}`).toBe(true);
    }
  });
});
