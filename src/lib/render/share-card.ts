// Share cards: the 1200×630 picture a story travels with on social networks
// (og:image, twitter:image). A story with a lead photo we hold (beside it, or
// in public/) shares that photo, cropped to the card by sharp's attention
// strategy; any other story gets a card drawn with the site's type and colours:
// kicker, headline and site name, laid out by satori (text as text, never
// markup) and rasterized by sharp. Each card is named by a digest of what it
// shows, so a build draws only cards it has not drawn before.
import { createHash } from 'node:crypto';
import satori from 'satori';
import sharp from 'sharp';
import type { Article } from '#lib/content/content.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Changes every card's digest when the drawing below changes. */
const CARD_VERSION = 2;

/** The colours a card is drawn in: the light theme's tokens (src/styles/tokens.css). */
export interface CardTheme {
  bg: string;
  text: string;
  muted: string;
  accent: string;
  rule: string;
}

const DEFAULT_THEME: CardTheme = { bg: '#fbfaf7', text: '#1a1917', muted: '#55514a', accent: '#a3201b', rule: '#d6d0c3' };

/** A font for the drawn card; satori reads TTF, OTF and WOFF (not WOFF2). */
export interface CardFont {
  name: 'serif' | 'serif-ext' | 'sans' | 'sans-ext';
  weight: 400 | 700;
  data: Buffer;
}

/** What a card shows: a photo file to crop, or the text to draw (plain text, every field). */
export type CardSpec =
  { kind: 'photo'; file: string; stamp: string } | { kind: 'drawn'; kicker: string; headline: string; siteName: string; theme: CardTheme };

/**
 * The theme from the first `:root { … }` block of tokens.css (the light
 * colours; a dark block sits inside a media query); a token that is missing
 * or not a hex colour keeps Dateline's default.
 */
export function cardTheme(tokensCss: string): CardTheme {
  const root = /(^|\n):root\s*\{([^}]*)\}/.exec(tokensCss)?.[2] ?? '';
  const token = (name: string): string | undefined => new RegExp(`--dl-${name}:\\s*(#[0-9a-fA-F]{3,8})\\s*;`).exec(root)?.[1];
  const theme = { ...DEFAULT_THEME };
  for (const key of Object.keys(theme) as (keyof CardTheme)[]) theme[key] = token(key) ?? theme[key];
  return theme;
}

const DAY_MS = 86_400_000;

/**
 * Whether a story has its own card: one published or updated within `days`
 * days before the newest published story (`newest`, the archive's first).
 * Measured from the archive, not the clock, so a story loses its own card in
 * the build that publishes a newer one, never by the clock alone.
 */
export function hasOwnCard(
  article: Pick<Article, 'publishedMs' | 'updatedMs'>,
  newest: Pick<Article, 'publishedMs'> | undefined,
  days: number | 'all',
): boolean {
  if (days === 'all' || !newest) return true;
  return Math.max(article.publishedMs, article.updatedMs ?? 0) >= newest.publishedMs - days * DAY_MS;
}

/** The card an older story shares with the rest of its section: the section's name under "From the archive". */
export function archiveCard(sectionName: string, siteName: string, theme: CardTheme): Extract<CardSpec, { kind: 'drawn' }> {
  return { kind: 'drawn', kicker: 'From the archive', headline: sectionName, siteName, theme };
}

/** The card's digest: a new headline, kicker, site name, colour or photo gives a new name. */
export function cardDigest(spec: CardSpec): string {
  const material = spec.kind === 'photo' ? [CARD_VERSION, 'photo', spec.stamp] : [CARD_VERSION, spec];
  return createHash('sha1').update(JSON.stringify(material)).digest('hex').slice(0, 16);
}

/** The card's file name under /_astro/ (immutable, like every file there): "card-<digest>.jpg" or ".png". */
export function cardFileName(spec: CardSpec): string {
  return `card-${cardDigest(spec)}.${spec.kind === 'photo' ? 'jpg' : 'png'}`;
}

/** The photo cropped to 1200×630 where sharp finds the most interest, as a JPEG. */
export async function cropPhoto(photo: Buffer | string): Promise<Buffer> {
  return sharp(photo)
    .rotate() // camera orientation, before cropping
    .resize(CARD_WIDTH, CARD_HEIGHT, { fit: 'cover', position: sharp.strategy.attention })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
}

type Node = { type: string; props: { style?: Record<string, unknown>; children?: Node[] | string } };
const el = (type: string, style: Record<string, unknown>, children?: Node[] | string): Node => ({
  type,
  props: { style, ...(children === undefined ? {} : { children }) },
});

/** Headline size by length: short headlines fill the card, long ones still fit in four lines. */
export function headlineSize(headline: string): number {
  const n = [...headline].length;
  return n <= 50 ? 76 : n <= 90 ? 64 : n <= 140 ? 54 : 46;
}

/** The drawn card as a PNG: a heavy rule, the kicker, the headline (at most five lines) and the site name. */
export async function drawCard(spec: Extract<CardSpec, { kind: 'drawn' }>, fonts: readonly CardFont[]): Promise<Buffer> {
  const { theme } = spec;
  const tree = el(
    'div',
    {
      // Satori sizes boxes without their padding (content-box).
      width: CARD_WIDTH - 160,
      height: CARD_HEIGHT - 120,
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      paddingTop: 64,
      paddingRight: 80,
      paddingBottom: 56,
      paddingLeft: 80,
      backgroundColor: theme.bg,
      color: theme.text,
      // The masthead's heavy rule, across the top.
      backgroundImage: `linear-gradient(${theme.text}, ${theme.text})`,
      backgroundSize: `${CARD_WIDTH}px 16px`,
      backgroundRepeat: 'no-repeat',
    },
    [
      el('div', { display: 'flex', flexDirection: 'column' }, [
        el(
          'div',
          {
            fontFamily: 'sans, sans-ext',
            fontWeight: 700,
            fontSize: 30,
            letterSpacing: '0.08em',
            textTransform: 'uppercase',
            color: theme.accent,
          },
          spec.kicker,
        ),
        el(
          'div',
          {
            marginTop: 24,
            fontFamily: 'serif, serif-ext',
            fontWeight: 700,
            fontSize: headlineSize(spec.headline),
            lineHeight: 1.15,
            letterSpacing: '-0.015em',
          },
          spec.headline,
        ),
      ]),
      el(
        'div',
        {
          display: 'flex',
          paddingTop: 24,
          borderTop: `2px solid ${theme.rule}`,
          fontFamily: 'serif, serif-ext',
          fontWeight: 700,
          fontSize: 36,
        },
        spec.siteName,
      ),
    ],
  );
  const svg = await satori(tree as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: fonts.map((f) => ({ name: f.name, weight: f.weight, style: 'normal' as const, data: f.data })),
  });
  // Satori writes every glyph as a path, so the rasterizer needs no fonts of its own.
  // A full-colour PNG: quantizing to a palette would halve the bytes but triple the time (docs/scale.md).
  return sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer();
}
