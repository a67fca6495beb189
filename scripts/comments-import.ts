// `npm run comments:import -- submissions.json [--content DIR] [--min-seconds N] [--dry-run]`
//
// Turns a form service's export of reply-form submissions (a JSON array) into
// comment files under content/comments/<article-slug>/, without the reader's
// email, and prints what it wrote and what it skipped and why. It never
// overwrites a file. The new files are the moderation queue: read them, delete
// what you reject, commit the rest (README, "Comments").
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readContext } from '../src/bridge/environment.ts';
import { planImport } from '#lib/import/comment-import.ts';
import { loadContent } from '#lib/content/load-content.ts';
import { ContentError } from '#lib/content/problems.ts';
import { createLogger } from './log.ts';

const log = createLogger('comments');
const USAGE = 'usage: npm run comments:import -- submissions.json [--content DIR] [--min-seconds 5] [--dry-run]';

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      content: { type: 'string' },
      'min-seconds': { type: 'string', default: '5' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const minSeconds = Number(values['min-seconds']);
  if (positionals.length !== 1 || !Number.isFinite(minSeconds) || minSeconds < 0) {
    log.error(USAGE);
    return 2;
  }
  const context = readContext(resolve(import.meta.dirname, '..'));
  const contentDir = values.content ? resolve(values.content) : context.contentDir;
  // Paths as the editor would type them; absolute when the content lives elsewhere.
  const shown = (abs: string): string => {
    const rel = relative(process.cwd(), abs);
    return rel === '' || rel.startsWith('..') ? abs : rel;
  };

  let submissions: unknown;
  try {
    submissions = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
  } catch (error) {
    log.error(`cannot read ${positionals[0]} as JSON: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const content = loadContent(contentDir, { displayRoot: process.cwd(), language: context.site.language });
  const existing = new Map<string, Set<string>>();
  for (const c of content.comments) existing.set(c.article, (existing.get(c.article) ?? new Set()).add(c.id));
  const plan = planImport(submissions, {
    site: context.site,
    articles: new Map(content.articles.map((a) => [a.slug, a])),
    existing,
    minSeconds,
  });

  let written = 0;
  for (const comment of plan.write) {
    const file = join(contentDir, comment.file);
    const reply = comment.inReplyTo ? `, in reply to ${comment.inReplyTo}` : '';
    if (values['dry-run']) {
      say(`would write ${shown(file)}: ${JSON.stringify(comment.author)}${reply}`);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    try {
      // "wx": fail rather than replace a file that is already there.
      writeFileSync(file, comment.text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      plan.skip.push({ number: comment.number, author: comment.author, reason: `${shown(file)} already exists; left as it was` });
      continue;
    }
    written++;
    say(`wrote ${shown(file)}: ${JSON.stringify(comment.author)}${reply}`);
  }
  for (const s of plan.skip.sort((a, b) => a.number - b.number)) {
    // Names are the reader's text: JSON quoting keeps terminal control characters inert.
    say(
      `skipped ${s.number === 0 ? 'the file' : `submission ${s.number}`}${s.author ? ` (${JSON.stringify(s.author)})` : ''}: ${s.reason}`,
    );
  }
  const count = (n: number): string => `${n} comment${n === 1 ? '' : 's'}`;
  const verb = values['dry-run'] ? 'would write' : 'wrote';
  log.info(`${verb} ${count(values['dry-run'] ? plan.write.length : written)}, skipped ${plan.skip.length}.`);
  if (written > 0) {
    // The new files must pass the same checks as the build.
    loadContent(contentDir, { displayRoot: process.cwd(), language: context.site.language });
    log.info('content checks passed. Read the new files, delete any you reject, then commit the rest.');
  }
  return 0;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  log.error(error.message.replace('; nothing was built.', '. Fix these first.'));
  process.exitCode = 1;
}
