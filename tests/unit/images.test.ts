import { describe, expect, it } from 'vitest';
import { IMAGE_WIDTHS, imageOrigin, srcsetWidths, svgSize } from '#lib/render/images.ts';

describe('imageOrigin', () => {
  it('tells photos beside the article from site paths and web addresses', () => {
    expect(imageOrigin('./quay.jpg')).toBe('beside');
    expect(imageOrigin('/images/quay.svg')).toBe('site');
    expect(imageOrigin('https://cdn.example/quay.jpg')).toBe('web');
  });
});

describe('srcsetWidths', () => {
  it('offers every standard width for a large original, capped at the largest', () => {
    expect(srcsetWidths(4000)).toEqual([...IMAGE_WIDTHS]);
  });

  it('never upscales: a small original is offered at the smaller widths and its own', () => {
    expect(srcsetWidths(1000)).toEqual([400, 800, 1000]);
    expect(srcsetWidths(300)).toEqual([300]);
  });

  it('does not repeat a width the original matches', () => {
    expect(srcsetWidths(800)).toEqual([400, 800]);
  });
});

describe('svgSize', () => {
  it('reads plain width and height attributes', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"></svg>')).toEqual({ width: 1200, height: 675 });
    expect(svgSize("<svg width='64px' height='64px' viewBox='0 0 32 32'/>")).toEqual({ width: 64, height: 64 });
  });

  it('falls back to the viewBox when the size is relative or missing', () => {
    expect(svgSize('<?xml version="1.0"?>\n<svg viewBox="0 0 1600 900" width="100%">')).toEqual({ width: 1600, height: 900 });
    expect(svgSize('<svg viewBox="0,0,3.5,2"></svg>')).toEqual({ width: 4, height: 2 });
  });

  it('gives undefined when the SVG declares no usable size', () => {
    expect(svgSize('<svg></svg>')).toBeUndefined();
    expect(svgSize('<svg viewBox="0 0 0 10"></svg>')).toBeUndefined();
    expect(svgSize('not an svg')).toBeUndefined();
  });
});
