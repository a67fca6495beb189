// `npm run check:content [-- DIR]`: validates a content folder against the
// contract with the same schemas and cross-checks as the build, without
// building. Prints one `file:line field: message` line per problem and exits 1
// if there are any. Fast enough for a git pre-commit hook (see README).
import { resolve } from 'node:path';
import { loadContent } from '#lib/content/load-content.ts';
import { ContentError } from '#lib/content/problems.ts';
import { createLogger } from './log.ts';

const log = createLogger('check');
const dir = resolve(process.argv[2] ?? (process.env['DATELINE_CONTENT_DIR'] || 'content'));
const started = performance.now();
try {
  const content = loadContent(dir, { displayRoot: process.cwd() });
  const ms = Math.round(performance.now() - started);
  log.info(`${content.articles.length} articles, ${content.sections.length} sections, ${content.desks.length} desks, ${content.comments.length} comments: no problems (${ms} ms)`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  process.stdout.write(`${error.message.replace('; nothing was built.', '.')}\n`);
  process.exitCode = 1;
}
