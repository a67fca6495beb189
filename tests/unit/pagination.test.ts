import { describe, expect, it } from 'vitest';
import { listingPages, neighbourUrls, paginate } from '#lib/archive/pagination.ts';

const stories = (n: number): number[] => Array.from({ length: n }, (_, i) => n - i); // newest first: n … 1

describe('paginate', () => {
  it('shows the newest stories on the front and numbers archive pages from the oldest', () => {
    const { front, pages } = paginate(stories(45), 20);
    expect(front.items).toEqual(stories(45).slice(0, 20));
    expect(pages.map((p) => p.number)).toEqual([1, 2]);
    expect(pages[0]!.items).toEqual(stories(20));
    expect(pages[1]!.items.at(0)).toBe(40);
    expect(pages[1]!.items.at(-1)).toBe(21);
  });

  it('keeps every old page unchanged when a story is published', () => {
    const before = paginate(stories(45), 20).pages;
    const after = paginate(stories(46), 20).pages;
    expect(after.slice(0, before.length).map((p) => p.items)).toEqual(before.map((p) => p.items));
  });

  it('adds exactly one new archive page when the newest page fills up', () => {
    expect(paginate(stories(59), 20).pages).toHaveLength(2);
    expect(paginate(stories(60), 20).pages).toHaveLength(3);
  });

  it('links the front to the page holding the next older story', () => {
    const { front, pages } = paginate(stories(45), 20);
    // The front shows 45…26; 25 is on page 2 (stories 21…40).
    expect(front.older).toBe(2);
    expect(pages[1]!.items).toContain(25);
    expect(pages[1]!.newer).toBe('front');
    expect(pages[0]!.newer).toBe(2);
    expect(pages[1]!.older).toBe(1);
    expect(pages[0]!.older).toBeUndefined();
  });

  it('has no archive pages and no older link when everything fits on the front', () => {
    const { front, pages } = paginate(stories(7), 20);
    expect(pages).toEqual([]);
    expect(front.older).toBeUndefined();
  });

  it('refuses a page size that is not a positive whole number', () => {
    expect(() => paginate([], 0)).toThrow(/positive whole number/);
  });
});

describe('listingPages and neighbourUrls', () => {
  it('gives the front no page parameter and numbered pages "page/N"', () => {
    expect(listingPages(stories(41), 20).map((p) => p.page)).toEqual([undefined, 'page/1', 'page/2']);
  });

  it('turns neighbours into URLs, with "front" as the page-less URL', () => {
    const href = (n?: number): string => (n ? `/world/page/${n}/` : '/world/');
    const { pages } = paginate(stories(45), 20);
    expect(neighbourUrls(pages[1]!, href)).toEqual({ newer: '/world/', older: '/world/page/1/' });
  });
});
