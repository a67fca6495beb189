import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  cardFileName,
  archiveCard,
  cardTheme,
  cropPhoto,
  drawCard,
  hasOwnCard,
  type CardFont,
  type CardSpec,
} from '#lib/render/share-card.ts';

const require = createRequire(import.meta.url);
const font = (pkg: string, file: string): Buffer => readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), 'files', file));
const FONTS: CardFont[] = [
  { name: 'serif', weight: 700, data: font('@fontsource/charis-sil', 'charis-sil-latin-700-normal.woff') },
  { name: 'sans', weight: 700, data: font('@fontsource/noto-sans', 'noto-sans-latin-700-normal.woff') },
];
const THEME = cardTheme(readFileSync(new URL('../../src/styles/tokens.css', import.meta.url), 'utf8'));
const drawn = (headline: string): Extract<CardSpec, { kind: 'drawn' }> => ({
  kind: 'drawn',
  kicker: 'World news',
  headline,
  siteName: 'The Harbour Dispatch',
  theme: THEME,
});

describe('share cards', () => {
  it("takes the light colours from tokens.css's first :root block, keeping defaults for what is missing", () => {
    expect(THEME).toEqual({ bg: '#fbfaf7', text: '#1a1917', muted: '#55514a', accent: '#a3201b', rule: '#d6d0c3' });
    const css = ':root {\n  --dl-bg: #000;\n  --dl-accent: red;\n}\n@media (prefers-color-scheme: dark) { :root { --dl-bg: #fff; } }';
    expect(cardTheme(css)).toMatchObject({ bg: '#000', accent: '#a3201b' });
  });

  it('names a card by what it shows: a new headline, kicker, site name, colour or photo gives a new file name', () => {
    const base = cardFileName(drawn('Harbour accord signed'));
    expect(base).toMatch(/^card-[0-9a-f]{16}\.png$/);
    expect(cardFileName(drawn('Harbour accord signed'))).toBe(base);
    expect(cardFileName(drawn('Harbour accord signed at last'))).not.toBe(base);
    expect(cardFileName({ ...drawn('Harbour accord signed'), kicker: 'Politics' })).not.toBe(base);
    expect(cardFileName({ ...drawn('Harbour accord signed'), siteName: 'Other' })).not.toBe(base);
    expect(cardFileName({ ...drawn('Harbour accord signed'), theme: { ...THEME, bg: '#000000' } })).not.toBe(base);
    const photo = cardFileName({ kind: 'photo', file: '/a/quay.jpg', stamp: 'v1' });
    expect(photo).toMatch(/^card-[0-9a-f]{16}\.jpg$/);
    expect(cardFileName({ kind: 'photo', file: '/b/quay.jpg', stamp: 'v1' })).toBe(photo);
    expect(cardFileName({ kind: 'photo', file: '/a/quay.jpg', stamp: 'v2' })).not.toBe(photo);
  });

  it('draws a 1200×630 PNG, a hostile headline as text, and different headlines as different pictures', async () => {
    const hostile = await drawCard(drawn('Tom & Jerry </script><script>alert(1)</script> <img src=x onerror=alert(1)>'), FONTS);
    const plain = await drawCard(drawn('Harbour accord signed'), FONTS);
    for (const png of [hostile, plain])
      expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: CARD_WIDTH, height: CARD_HEIGHT });
    expect(hostile.equals(plain)).toBe(false);
  });

  it('gives a story its own card within the days before the newest story, counting from the later of published and updated', () => {
    const newest = { publishedMs: Date.parse('2026-06-10T12:00:00Z') };
    const at = (iso: string): number => Date.parse(iso);
    expect(hasOwnCard({ publishedMs: at('2026-06-03T12:00:00Z') }, newest, 7)).toBe(true);
    expect(hasOwnCard({ publishedMs: at('2026-06-03T11:59:00Z') }, newest, 7)).toBe(false);
    expect(hasOwnCard({ publishedMs: at('2026-01-01T00:00:00Z'), updatedMs: at('2026-06-09T00:00:00Z') }, newest, 7)).toBe(true);
    expect(hasOwnCard({ publishedMs: at('2026-06-10T12:00:00Z') }, newest, 0)).toBe(true);
    expect(hasOwnCard({ publishedMs: at('2000-01-01T00:00:00Z') }, newest, 'all')).toBe(true);
    expect(hasOwnCard({ publishedMs: at('2000-01-01T00:00:00Z') }, undefined, 7)).toBe(true);
  });

  it('draws one archive card per section: the section’s name under “From the archive”, with the site’s name', () => {
    expect(archiveCard('World news', 'The Harbour Dispatch', THEME)).toEqual({ ...drawn('World news'), kicker: 'From the archive' });
    expect(cardFileName(archiveCard('World news', 'The Harbour Dispatch', THEME))).not.toBe(
      cardFileName(archiveCard('Business', 'The Harbour Dispatch', THEME)),
    );
  });

  it('crops a photo of any shape to 1200×630', async () => {
    const tall = await sharp({ create: { width: 800, height: 1600, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    expect(await sharp(await cropPhoto(tall)).metadata()).toMatchObject({ format: 'jpeg', width: CARD_WIDTH, height: CARD_HEIGHT });
  });
});
