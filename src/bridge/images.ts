// Lead images for rendering: photos beside an article come from the lead
// images module (src/bridge/integration.ts) as ImageMetadata for Astro's pipeline;
// site paths are measured once from public/ so every <img> has its real
// width and height; web addresses are never fetched at build time.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';
import { publicDir } from 'astro:config/server';
import sharp from 'sharp';
import leadImages from 'virtual:dateline/lead-images';
import type { Article } from '#lib/content/content.ts';
import { FEED_SIZE } from '#lib/outputs/feeds.ts';
import { ASSUMED_SIZE, imageOrigin, svgSize, type Size } from '#lib/render/images.ts';

/** A lead image ready to render: processed by Astro, or used as it is with a known (or assumed and cropped) size. */
export type ResolvedImage =
  | { kind: 'processed'; meta: ImageMetadata; width: number; height: number }
  | { kind: 'as-is'; src: string; width: number; height: number; cropped: boolean };

type WithImage = Pick<Article, 'image' | 'imageFile' | 'file'>;

const measured = new Map<string, Promise<Size | undefined>>();

/** The article's lead image ready to render, or undefined when it has none. */
export async function resolveLeadImage(article: WithImage): Promise<ResolvedImage | undefined> {
  const { image } = article;
  if (!image) return undefined;
  const origin = imageOrigin(image.src);
  if (origin === 'beside') {
    const meta = besideImage(article);
    return { kind: 'processed', meta, ...originalSize(meta) };
  }
  const size = origin === 'site' ? await sitePathSize(image.src) : undefined;
  return size
    ? { kind: 'as-is', src: image.src, ...size, cropped: false }
    : { kind: 'as-is', src: image.src, ...ASSUMED_SIZE, cropped: true };
}

/**
 * The article with its lead image's src as a site path a reader can fetch
 * (a 1200 px JPEG for a processed photo), for feeds, social cards and
 * JSON-LD, which need one plain picture address.
 */
export async function withShareableImage<T extends WithImage>(article: T): Promise<T> {
  if (!article.image || imageOrigin(article.image.src) !== 'beside') return article;
  const meta = besideImage(article);
  const shared = await getImage({ src: meta, width: Math.min(1200, originalSize(meta).width), format: 'jpg' });
  return { ...article, image: { ...article.image, src: shared.src } };
}

/** A feed's stories (the newest FEED_SIZE), each with a shareable lead image address. */
export function feedArticles(articles: readonly Article[]): Promise<Article[]> {
  return Promise.all(articles.slice(0, FEED_SIZE).map((a) => withShareableImage(a)));
}

function besideImage(article: WithImage): ImageMetadata {
  const meta = article.imageFile ? leadImages.get(article.imageFile) : undefined;
  // The loader checked the file exists, and the module lists every published article's photo.
  if (!meta) throw new Error(`${article.file} image.src: ${article.image?.src} was not found by the build; is the article published?`);
  return meta;
}

/**
 * The original's size, read from a copy: Astro counts any read of an imported
 * image's own fields as a use of the original file and then ships it, camera
 * metadata and all, beside the resized copies. Only the copies should ship.
 */
function originalSize(meta: ImageMetadata): Size {
  const { width, height } = (meta as ImageMetadata & { clone?: ImageMetadata }).clone ?? meta;
  return { width, height };
}

/** Width and height of a file in public/, read once per build; undefined when it is missing or unreadable. */
function sitePathSize(src: string): Promise<Size | undefined> {
  const path = decodeURI(src.split(/[?#]/)[0]!);
  let size = measured.get(path);
  if (!size) {
    const root = fileURLToPath(publicDir);
    const file = fileURLToPath(new URL(`.${path}`, publicDir));
    size = (async () => {
      if (!file.startsWith(root)) return undefined; // "/../" climbed out of public/: not a file the site serves
      try {
        if (extname(path).toLowerCase() === '.svg') return svgSize(await readFile(file, 'utf8'));
        const { width, height } = await sharp(file).metadata();
        return width && height ? { width, height } : undefined;
      } catch {
        return undefined;
      }
    })();
    measured.set(path, size);
  }
  return size;
}
