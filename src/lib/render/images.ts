// Lead images: where a picture comes from decides how it is served
// (docs/decisions/0005-lead-images.md). Photos beside an article go through
// Astro's image pipeline; site paths and web addresses are used as they are.
import { isBesideFilePath } from '#lib/content/url-safety.ts';

/** "beside": a photo next to the article file, resized and converted at build time; "site": a file in public/; "web": a full address. */
export type ImageOrigin = 'beside' | 'site' | 'web';

/** Where a lead image's src points (the schema has already checked it is one of the three). */
export function imageOrigin(src: string): ImageOrigin {
  if (isBesideFilePath(src)) return 'beside';
  return src.startsWith('/') ? 'site' : 'web';
}

/** Widths (px) a processed photo is offered at in srcset. 1600 covers the widest slot (about 52rem) on 2x screens. */
export const IMAGE_WIDTHS = [400, 800, 1200, 1600] as const;

/** The widths to offer for an original `originalWidth` px wide: never upscaled, always including the original when it is smaller than the largest. */
export function srcsetWidths(originalWidth: number, candidates: readonly number[] = IMAGE_WIDTHS): number[] {
  const largest = Math.min(originalWidth, candidates.at(-1) ?? originalWidth);
  return [...candidates.filter((w) => w < largest), largest];
}

/**
 * `sizes` for each place a lead image appears, matching the layout in CSS
 * (tokens.css --dl-wide, --dl-page; StoryCard's grid). Media queries are in
 * em, where 1em is the browser's default font size, as CSS sees it there.
 */
export const IMAGE_SIZES = {
  /** Article page: the wide column, 52rem at most, less the page padding below it. */
  article: '(min-width: 54em) 52rem, calc(100vw - 2rem)',
  /** Front and section lead: three fifths of the 76rem page beside the headline from 50em. */
  lead: '(min-width: 78em) 44rem, (min-width: 50em) 58vw, calc(100vw - 2rem)',
  /** Secondary stories: two or four to a row beside or under the lead, half the width on tablets, a 6.5rem square on phones. */
  card: '(min-width: 78em) 24rem, (min-width: 64em) 31vw, (min-width: 40em) 45vw, 6.5rem',
  /** A thumbnail beside a headline (StoryCard's thumbnail): 10rem at most. */
  thumbnail: '(min-width: 40em) 10rem, 6.5rem',
} as const;

export interface Size {
  width: number;
  height: number;
}

/**
 * The size an SVG declares: its width and height attributes when both are
 * plain numbers (or px), else its viewBox. Undefined when it declares neither.
 */
export function svgSize(svg: string): Size | undefined {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!root) return undefined;
  const attr = (name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  const px = (value: string | undefined): number | undefined => {
    const m = value ? /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/.exec(value) : null;
    return m ? Number(m[1]) : undefined;
  };
  const width = px(attr('width'));
  const height = px(attr('height'));
  if (width && height) return { width: Math.round(width), height: Math.round(height) };
  const box = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box?.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0) {
    return { width: Math.round(box[2]!), height: Math.round(box[3]!) };
  }
  return undefined;
}

/** Size assumed for a picture whose size cannot be read at build time (a web address): 16:9, shown cropped to that box. */
export const ASSUMED_SIZE: Size = { width: 1200, height: 675 };
