// `npm run bench:markdown -- --content DIR [--limit N]`: renders every article
// body in DIR with (a) Astro 7's default Rust processor, Sätteri, unsanitized;
// (b) our pipeline (src/lib/render/markdown.ts: Sätteri, parse5 for raw HTML, our
// sanitizer schema); (c) the classic unified pipeline (remark-parse, remark-gfm,
// remark-rehype, rehype-raw, rehype-sanitize with the same schema). Prints ms
// per body, so the processor choice is measured, not guessed
// (docs/decisions/0002-markdown-pipeline.md).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { markdownToHtml } from 'satteri';
import { unified } from 'unified';
import { isFrontmatterFailure, parseMarkdownFile } from '#lib/content/frontmatter.ts';
import { articleSanitizeSchema, createMarkdownRenderer } from '#lib/render/markdown.ts';
import { createLogger } from './log.ts';

const log = createLogger('bench:markdown');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const contentDir = resolve(flag('content') ?? 'content');
const limit = Number(flag('limit') ?? Infinity);

const bodies: string[] = [];
const articlesDir = join(contentDir, 'articles');
for (const year of readdirSync(articlesDir)) {
  for (const name of readdirSync(join(articlesDir, year))) {
    if (bodies.length >= limit) break;
    if (!name.endsWith('.md')) continue;
    const parsed = parseMarkdownFile(readFileSync(join(articlesDir, year, name), 'utf8'));
    if (!isFrontmatterFailure(parsed)) bodies.push(parsed.body);
  }
}

function time(label: string, render: (md: string) => string): void {
  for (const md of bodies.slice(0, 20)) render(md); // warm up JITs and native bindings
  const start = performance.now();
  let bytes = 0;
  for (const md of bodies) bytes += render(md).length;
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(44)} ${(ms / bodies.length).toFixed(3).padStart(8)} ms/body  ${(ms / 1000).toFixed(2).padStart(7)} s total  ${(bytes / 1024).toFixed(0)} KiB out`,
  );
}

log.info(`${bodies.length} bodies from ${contentDir}`);
const ours = createMarkdownRenderer({ embedHosts: [] });
const classic = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize, articleSanitizeSchema)
  .use(rehypeStringify);
time('Sätteri markdownToHtml (NOT sanitized)', (md) => markdownToHtml(md, { features: { frontmatter: false } }).html);
time('ours: Sätteri + parse5 + sanitize', (md) => ours('article', md));
time('unified: remark + rehype-raw + rehype-sanitize', (md) => String(classic.processSync(md)));
