// Runs the real build (scripts/build.ts, as `npm run build` does) over a
// fixture content tree, into a temporary output folder.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Copies tests/fixtures/<name> to a temp folder, adding `extra` files (path -> text). */
export function fixtureCopy(name: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `dateline-${name}-`));
  cpSync(join(ROOT, 'tests/fixtures', name), dir, { recursive: true });
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** `count` plain articles, one a day from `startDay` (2026-01-01 + n days), for pagination. */
export function fillerArticles(count: number, section: string, desk: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= count; i++) {
    const day = new Date(Date.UTC(2026, 0, 1 + i, 12)).toISOString().slice(0, 19);
    files[`articles/2026/filler-${i}.md`] =
      `---\ntitle: "Filler story ${i}"\nsection: ${section}\ndesk: ${desk}\npublishedAt: ${day}+00:00\ntags: [filler]\n---\n\nFiller body ${i}.\n`;
  }
  return files;
}

export interface BuildResult {
  status: number | null;
  output: string;
  outDir: string;
}

/** Builds `contentDir` with the build clock at `now` into `outDir` (a new temp folder by default), with `env` added to the environment. */
export function runBuild(
  contentDir: string,
  now: string,
  outDir = join(mkdtempSync(join(tmpdir(), 'dateline-out-')), 'dist'),
  env: Record<string, string> = {},
): BuildResult {
  // A comments endpoint in the caller's environment must not put reply forms into every test build.
  const { DATELINE_COMMENTS_ENDPOINT: _, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build.ts')], {
    cwd: ROOT,
    env: { ...inherited, DATELINE_CONTENT_DIR: contentDir, DATELINE_NOW: now, DATELINE_OUT_DIR: outDir, ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, outDir };
}

/** Parses a built page by its site path ("/world/x/"). */
export function page(outDir: string, path: string): HTMLElement {
  return parse(readFileSync(htmlFile(outDir, path), 'utf8'));
}

/** The file a site path is served from. */
export function htmlFile(outDir: string, path: string): string {
  return path.endsWith('/') ? join(outDir, path, 'index.html') : join(outDir, path);
}
