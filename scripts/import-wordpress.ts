// `npm run import:wordpress -- export.xml [--dry-run] [--download-images]`: brings a WordPress
// site into Dateline from its export (WXR: Tools > Export > All content).
// Writes articles (bodies as sanitized Markdown, the old address kept as
// legacyUrl), sections from categories, desks from authors, and approved
// comments without emails into the content folder, then reports what it
// imported, what it skipped and why, and what an editor should check. It
// never overwrites a file: run it again and it picks up where it left off.
// With --download-images, each article's lead image is fetched from the old
// site and saved beside the article (content/articles/<yyyy>/<slug>.jpg, as
// `image.src: ./<slug>.jpg`); pictures in bodies stay web addresses, since
// the build serves only lead photos from beside an article. Either way the
// report ends with how many pictures are still loaded from the web.
//
// Settings: DATELINE_CONTENT_DIR (src/lib/build/context.ts).
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readContext } from '../src/bridge/environment.ts';
import { isFrontmatterFailure, parseMarkdownFile } from '#lib/content/frontmatter.ts';
import { articleFiles } from '#lib/content/new-article.ts';
import { downloadImage } from '#lib/import/image-download.ts';
import { planImport, withLeadImage, type PlannedFile } from '#lib/import/wordpress-import.ts';
import { parseWxr } from '#lib/import/wxr.ts';
import { createLogger } from './log.ts';

const log = createLogger('import');
const USAGE = 'usage: npm run import:wordpress -- export.xml [--dry-run] [--download-images]';
/** Lead images fetched at once. */
const DOWNLOADS_AT_ONCE = 4;

async function main(): Promise<void> {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, 'download-images': { type: 'boolean' } } });
    } catch {
      throw new Error(USAGE);
    }
  })();
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new Error(USAGE);
  const { site, contentDir, nowMs } = readContext(resolve(import.meta.dirname, '..'));
  const shown = (path: string): string => {
    const rel = relative(process.cwd(), path);
    return rel.startsWith('..') ? path : rel;
  };

  let xml: string;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const wxr = (() => {
    try {
      return parseWxr(xml);
    } catch (error) {
      throw new Error(`${file} ${(error as Error).message}`, { cause: error });
    }
  })();

  const existing = articleFiles(contentDir);
  const plan = planImport(wxr, {
    embedHosts: site.embedHosts,
    timeZone: site.timeZone,
    nowMs,
    exists: (path) => existsSync(join(contentDir, path)),
    existingArticle: (slug) => {
      const path = existing.get(slug);
      if (path === undefined) return undefined;
      const parsed = parseMarkdownFile(readFileSync(path, 'utf8'));
      const legacyUrl = isFrontmatterFailure(parsed) ? undefined : parsed.data['legacyUrl'];
      return { path: shown(path), ...(typeof legacyUrl === 'string' ? { legacyUrl } : {}) };
    },
  });

  // Lead images first, so each article is written once, already pointing at its photo.
  const photos = new Map<string, string>(); // article path (in the plan) -> photo written beside it
  if (values['download-images'] && !values['dry-run']) {
    await eachAtMost(
      plan.files.filter((f) => f.images?.lead !== undefined),
      DOWNLOADS_AT_ONCE,
      async (planned) => {
        const url = planned.images!.lead!;
        const result = await downloadImage(url);
        if (!result.ok) {
          plan.notes.push({
            path: planned.path,
            note: `its lead image (${url}) was not downloaded, so it is still loaded from there: ${result.why}`,
          });
          return;
        }
        const photo = writeBeside(join(contentDir, planned.path), result.extension, result.bytes);
        photos.set(planned.path, photo);
        plan.files[plan.files.indexOf(planned)] = withLeadImage(planned, `./${basename(photo)}`);
      },
    );
  }

  const written: PlannedFile[] = [];
  for (const planned of plan.files) {
    const path = join(contentDir, planned.path);
    if (values['dry-run']) {
      written.push(planned);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, planned.text, { flag: 'wx' }); // never overwrite, even if the file appeared meanwhile
      written.push(planned);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      plan.skipped.push({ what: planned.from, why: `${shown(path)} already exists` });
      const photo = photos.get(planned.path);
      if (photo) unlinkSync(photo); // written by this run for an article it did not write
    }
  }

  const verb = values['dry-run'] ? 'would import' : 'imported';
  for (const f of written.filter((w) => w.kind !== 'comment')) log.info(`${verb} ${shown(join(contentDir, f.path))} (${f.from})`);
  for (const s of plan.skipped) log.info(`skipped ${s.what}: ${s.why}`);
  for (const n of plan.notes) log.info(`check ${shown(join(contentDir, n.path))}: ${n.note}`);
  const made = (kind: PlannedFile['kind']): number => written.filter((w) => w.kind === kind).length;
  log.info(
    `${verb} ${made('article')} articles, ${made('section')} sections, ${made('desk')} desks and ${made('comment')} comments from "${wxr.title}" into ${shown(contentDir)}; skipped ${plan.skipped.length}; ${plan.notes.length} notes to check`,
  );
  const articles = written.filter((w) => w.kind === 'article');
  const downloaded = articles.filter((a) => photos.has(a.path)).length;
  if (downloaded > 0)
    log.info(`downloaded ${count(downloaded, 'lead image')} beside ${downloaded === 1 ? 'its article' : 'their articles'}`);
  const leadsLeft = articles.filter((a) => a.images?.lead !== undefined).length;
  const bodyLeft = articles.reduce((n, a) => n + (a.images?.body.length ?? 0), 0);
  if (leadsLeft + bodyLeft > 0) {
    const advice = [
      leadsLeft > 0 && !values['download-images']
        ? 'import with --download-images to keep lead images beside their articles (it leaves articles already imported as they are)'
        : '',
      leadsLeft > 0 && values['download-images'] && values['dry-run'] ? 'a dry run downloads nothing' : '',
      bodyLeft > 0 ? 'pictures in bodies must be copied to public/images/ and their addresses changed' : '',
    ].filter(Boolean);
    log.info(
      `${count(leadsLeft + bodyLeft, 'hotlinked image')} ${values['dry-run'] ? 'would remain' : 'remain'} ` +
        `(${count(leadsLeft, 'lead image')}, ${bodyLeft} in bodies), still loaded from their old addresses: ` +
        `they show as empty boxes once those are gone${advice.length > 0 ? `; ${advice.join('; ')}` : ''}`,
    );
  }
  if (!values['dry-run']) log.info('next: npm run check:content, then npm run dev to read the imported stories');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Saves a photo beside an article as <slug>.<ext> (<slug>-2.<ext>… when taken), never over a file; returns its path. */
function writeBeside(articlePath: string, extension: string, bytes: Uint8Array): string {
  mkdirSync(dirname(articlePath), { recursive: true });
  const stem = articlePath.slice(0, -'.md'.length);
  for (let n = 1; ; n++) {
    const path = `${stem}${n === 1 ? '' : `-${n}`}.${extension}`;
    try {
      writeFileSync(path, bytes, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Runs `fn` on every item, at most `limit` at a time. */
async function eachAtMost<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

try {
  await main();
} catch (error) {
  log.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
