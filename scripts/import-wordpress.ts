// `npm run import:wordpress -- export.xml [--dry-run]`: brings a WordPress
// site into Dateline from its export (WXR: Tools > Export > All content).
// Writes articles (bodies as sanitized Markdown, the old address kept as
// legacyUrl), sections from categories, desks from authors, and approved
// comments without emails into the content folder, then reports what it
// imported, what it skipped and why, and what an editor should check. It
// never overwrites a file: run it again and it picks up where it left off.
//
// Environment: DATELINE_CONTENT_DIR (content folder, default content/).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import siteConfig from '../site.config.ts';
import { isFrontmatterFailure, parseMarkdownFile } from '#lib/content/frontmatter.ts';
import { articleFiles } from '#lib/content/new-article.ts';
import { parseSiteConfig } from '#lib/content/site-config.ts';
import { planImport, type PlannedFile } from '#lib/import/wordpress-import.ts';
import { parseWxr } from '#lib/import/wxr.ts';
import { createLogger } from './log.ts';

const log = createLogger('import');
const USAGE = 'usage: npm run import:wordpress -- export.xml [--dry-run]';

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean' } } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new Error(USAGE);
  const site = parseSiteConfig(siteConfig);
  const contentDir = resolve(process.env['DATELINE_CONTENT_DIR'] || 'content');
  const shown = (path: string): string => {
    const rel = relative(process.cwd(), path);
    return rel.startsWith('..') ? path : rel;
  };

  let xml: string;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file} cannot be read: ${(error as Error).message}`);
  }
  const wxr = (() => {
    try {
      return parseWxr(xml);
    } catch (error) {
      throw new Error(`${file} ${(error as Error).message}`);
    }
  })();

  const existing = articleFiles(contentDir);
  const plan = planImport(wxr, {
    embedHosts: site.embedHosts,
    timeZone: site.timeZone,
    exists: (path) => existsSync(join(contentDir, path)),
    existingArticle: (slug) => {
      const path = existing.get(slug);
      if (path === undefined) return undefined;
      const parsed = parseMarkdownFile(readFileSync(path, 'utf8'));
      const legacyUrl = isFrontmatterFailure(parsed) ? undefined : parsed.data['legacyUrl'];
      return { path: shown(path), ...(typeof legacyUrl === 'string' ? { legacyUrl } : {}) };
    },
  });

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
    }
  }

  const verb = values['dry-run'] ? 'would import' : 'imported';
  for (const f of written.filter((w) => w.kind !== 'comment')) log.info(`${verb} ${shown(join(contentDir, f.path))} (${f.from})`);
  for (const s of plan.skipped) log.info(`skipped ${s.what}: ${s.why}`);
  for (const n of plan.notes) log.info(`check ${shown(join(contentDir, n.path))}: ${n.note}`);
  const count = (kind: PlannedFile['kind']): number => written.filter((w) => w.kind === kind).length;
  log.info(
    `${verb} ${count('article')} articles, ${count('section')} sections, ${count('desk')} desks and ${count('comment')} comments from "${wxr.title}" into ${shown(contentDir)}; skipped ${plan.skipped.length}; ${plan.notes.length} notes to check`,
  );
  if (!values['dry-run']) log.info('next: npm run check:content, then npm run dev to read the imported stories');
}

try {
  main();
} catch (error) {
  log.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
