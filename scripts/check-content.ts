// `npm run check:content [-- DIR] [--format github]`: validates a content
// folder against the contract (docs/content.md) with the same schemas and
// cross-checks as the build, without building. Prints one
// `file:line field: message` line per problem and exits 1 if there are any.
// When the content is valid it warns (exit 0) about stories that have just
// left draft with a publishedAt over a day old, comparing with git's last
// commit. `--format github` prints GitHub Actions workflow commands instead,
// so a pull request shows each problem at its line. Fast enough for a git
// pre-commit hook (see README).
//
// Settings: DATELINE_CONTENT_DIR, DATELINE_NOW, DATELINE_STRICT_LINKS (src/lib/build/context.ts).
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readContext } from '../src/bridge/environment.ts';
import { buildArchive } from '#lib/archive/archive.ts';
import { brokenInternalLinks } from '#lib/build/links.ts';
import { readGitBaseline } from '#lib/content/git-baseline.ts';
import { fieldLine, loadContent } from '#lib/content/load-content.ts';
import { ContentError, formatWarnings, toWorkflowCommands } from '#lib/content/problems.ts';
import { findStalePublishDates } from '#lib/content/stale-dates.ts';
import { createLogger } from './log.ts';

const USAGE = 'usage: npm run check:content [-- CONTENT_DIR] [--format text|github]';
const log = createLogger('check');

/** A mistake in how the command was run: printed without a stack trace. */
class UsageError extends Error {}

function main(): void {
  const { values, positionals } = arguments_();
  if (values.format !== 'text' && values.format !== 'github')
    throw new UsageError(`--format must be text or github, not "${values.format}"\n${USAGE}`);
  const github = values.format === 'github';
  const context = readContext(resolve(import.meta.dirname, '..'));
  const dir = positionals[0] ? resolve(positionals[0]) : context.contentDir;
  const { nowMs, site } = context;
  const started = performance.now();
  try {
    const content = loadContent(dir, { displayRoot: process.cwd(), language: site.language });
    const baseline = readGitBaseline(join(dir, 'articles'));
    const brokenLinks = brokenInternalLinks(context, buildArchive(content, nowMs), dir);
    if (brokenLinks.length > 0 && context.strictLinks) throw new ContentError(brokenLinks);
    const stale = baseline
      ? findStalePublishDates(content.articles, baseline, nowMs, site.timeZone, (a) => fieldLine(a, 'publishedAt'))
      : [];
    const warnings = [...stale, ...brokenLinks];
    const ms = Math.round(performance.now() - started);
    if (warnings.length > 0) process.stdout.write(`${github ? toWorkflowCommands(warnings, 'warning') : formatWarnings(warnings)}\n`);
    if (!baseline) log.info('not in a git repository: stories that have just left draft were not checked for an old publishedAt');
    log.info(
      `${content.articles.length} articles, ${content.sections.length} sections, ${content.desks.length} desks, ${content.comments.length} comments: no problems (${ms} ms)`,
    );
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    if (github) {
      process.stdout.write(`${toWorkflowCommands(error.problems, 'error')}\n`);
      const files = new Set(error.problems.map((p) => p.file)).size;
      log.info(`${plural(error.problems.length, 'problem')} in ${plural(files, 'file')}`);
    } else {
      process.stdout.write(`${error.message.replace('; nothing was built.', '.')}\n`);
    }
    process.exitCode = 1;
  }
}

function arguments_() {
  try {
    return parseArgs({ allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

try {
  main();
} catch (error) {
  if (error instanceof UsageError) log.error(error.message);
  else log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
