// Share cards for article pages (src/lib/render/share-card.ts): each card is
// made once into the cache (.cache/dateline/cards/, named by its digest) and
// linked into the build's /_astro/, where the build keeps it while a page
// names it and deletes it after (src/lib/build/photos.ts). Fonts ship in
// @fontsource packages; nothing is downloaded.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicDir } from 'astro:config/server';
import { context, outDir } from 'virtual:dateline/context';
import type { Article, Section } from '#lib/content/content.ts';
import { imageOrigin } from '#lib/render/images.ts';
import {
  archiveCard,
  cardFileName,
  cardTheme,
  cropPhoto,
  drawCard,
  hasOwnCard,
  type CardFont,
  type CardSpec,
} from '#lib/render/share-card.ts';
import { getArchive } from './site.ts';
import tokensCss from '../styles/tokens.css?raw';

const require = createRequire(import.meta.url);
const theme = cardTheme(tokensCss);
let fonts: CardFont[] | undefined;
const cacheDir = join(context.cacheDir, 'cards');
const photoStamps = new Map<string, string>();

function loadFonts(): CardFont[] {
  const file = (pkg: string, name: string): Buffer => readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), 'files', name));
  fonts ??= [
    { name: 'serif', weight: 700, data: file('@fontsource/charis-sil', 'charis-sil-latin-700-normal.woff') },
    { name: 'serif-ext', weight: 700, data: file('@fontsource/charis-sil', 'charis-sil-latin-ext-700-normal.woff') },
    { name: 'sans', weight: 700, data: file('@fontsource/noto-sans', 'noto-sans-latin-700-normal.woff') },
    { name: 'sans-ext', weight: 700, data: file('@fontsource/noto-sans', 'noto-sans-latin-ext-700-normal.woff') },
  ];
  return fonts;
}

/** The photo file a card crops: a photo beside the article or in public/; undefined for a web address (never fetched). */
function photoFile(article: Pick<Article, 'image' | 'imageFile'>): string | undefined {
  if (!article.image) return undefined;
  const origin = imageOrigin(article.image.src);
  if (origin === 'beside') return article.imageFile;
  // A drawing (SVG) is no photo to crop: it gets a drawn card.
  if (origin !== 'site' || !/\.(?:jpe?g|png|webp|avif|gif)$/i.test(article.image.src.split(/[?#]/)[0]!)) return undefined;
  const root = fileURLToPath(publicDir);
  const file = fileURLToPath(new URL(`.${decodeURI(article.image.src.split(/[?#]/)[0]!)}`, publicDir));
  return file.startsWith(root) && existsSync(file) ? file : undefined;
}

function stampOf(file: string): string {
  let stamp = photoStamps.get(file);
  if (!stamp) {
    stamp = createHash('sha1').update(readFileSync(file)).digest('hex');
    photoStamps.set(file, stamp);
  }
  return stamp;
}

/** What the article's card shows: its own (a recent story), or its section's archive card. */
export function cardSpec(
  article: Pick<Article, 'image' | 'imageFile' | 'title' | 'publishedMs' | 'updatedMs'>,
  section: Section,
): CardSpec {
  if (!hasOwnCard(article, getArchive().articles[0], context.site.shareCards.days))
    return archiveCard(section.name, context.site.name, theme);
  const photo = photoFile(article);
  return photo
    ? { kind: 'photo', file: photo, stamp: stampOf(photo) }
    : { kind: 'drawn', kicker: section.name, headline: article.title, siteName: context.site.name, theme };
}

/**
 * The site path of the article's share card ("/_astro/card-<digest>.png"),
 * made (or taken from the cache) and placed in the output by a build.
 */
export async function shareCard(
  article: Pick<Article, 'image' | 'imageFile' | 'title' | 'publishedMs' | 'updatedMs'>,
  section: Section,
): Promise<string> {
  const spec = cardSpec(article, section);
  const name = cardFileName(spec);
  if (context.mode === 'production') {
    const cached = join(cacheDir, name);
    if (!existsSync(cached)) {
      const bytes = spec.kind === 'photo' ? await cropPhoto(spec.file) : await drawCard(spec, loadFonts());
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${cached}.${process.pid}.part`;
      writeFileSync(partial, bytes);
      renameSync(partial, cached); // a build stopped mid-write leaves no half card under the real name
    }
    const target = join(outDir, '_astro', name);
    if (!existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true });
      try {
        linkSync(cached, target); // same disk: no copy at all
      } catch {
        copyFileSync(cached, target);
      }
    }
  }
  return `/_astro/${name}`;
}
