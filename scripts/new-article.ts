// `npm run new -- "Headline" --section world --desk news-desk [--slug SLUG]`:
// starts a story. Writes content/articles/<yyyy>/<slug>.md as a draft dated
// now in the site's time zone, with every optional field as a commented hint.
// Never overwrites: a slug already used anywhere in the archive is refused
// with a free one suggested. With no arguments it asks the questions, one a
// line (in a terminal, or piped in). Prints the new file's path on stdout.
//
// Settings: DATELINE_CONTENT_DIR, DATELINE_NOW (src/lib/build/context.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { readContext } from '../src/bridge/environment.ts';
import { toZonedIso } from '#lib/render/dates.ts';
import { isFrontmatterFailure, parseMarkdownFile } from '#lib/content/frontmatter.ts';
import {
  articleFiles,
  choiceProblem,
  freeSlug,
  newArticleText,
  readChoices,
  slugFromHeadline,
  type Choice,
} from '#lib/content/new-article.ts';
import { articleSchema } from '#lib/content/schemas.ts';
import { isSlug } from '#lib/content/slugs.ts';
import { createLogger } from './log.ts';

const log = createLogger('new');

const USAGE = `usage: npm run new -- "Headline of the story" --section SECTION --desk DESK [--slug SLUG]
       npm run new            (asks for each, one a line)`;

/** A mistake the writer can fix: printed without a stack trace. */
class UsageError extends Error {}

const { site, contentDir, nowMs } = readContext(resolve(import.meta.dirname, '..'));
const read = (path: string): string => readFileSync(path, 'utf8');

async function main(): Promise<void> {
  const { values, positionals } = arguments_();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const publishedAt = toZonedIso(nowMs, site.timeZone);
  const sections = readChoices(contentDir, 'sections', read);
  const desks = readChoices(contentDir, 'desks', read);
  const files = articleFiles(contentDir);

  const answers =
    positionals.length === 0 && Object.keys(values).length === 0
      ? await askQuestions(sections, desks, files)
      : fromArguments(positionals.join(' '), values, sections, desks, files);

  const text = newArticleText({ ...answers, publishedAt });
  // The checker's own schema has the last word: never write a file it would reject.
  const parsed = parseMarkdownFile(text);
  const checked = isFrontmatterFailure(parsed) ? undefined : articleSchema.safeParse(parsed.data);
  if (!checked?.success) throw new Error(`the new file would not pass the checker:\n${text}`);

  const path = join(contentDir, 'articles', publishedAt.slice(0, 4), `${answers.slug}.md`);
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, text, { flag: 'wx' }); // wx: fail rather than overwrite, even in a race
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${shown(path)} already exists; nothing was written`);
    throw error;
  }
  process.stdout.write(`${shown(path)}\n`);
  log.info(`wrote a draft dated ${publishedAt} (${site.timeZone}). Write the story, then run npm run check:content`);
}

function arguments_() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { section: { type: 'string' }, desk: { type: 'string' }, slug: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

interface Answers {
  title: string;
  section: string;
  desk: string;
  slug: string;
}

function fromArguments(
  headline: string,
  values: { section?: string | undefined; desk?: string | undefined; slug?: string | undefined },
  sections: Choice[],
  desks: Choice[],
  files: Map<string, string>,
): Answers {
  const problems: string[] = [];
  const title = headline.trim();
  const titleProblem = headlineProblem(title);
  if (titleProblem) problems.push(`the headline ${titleProblem}`);
  const section = values.section ?? '';
  const desk = values.desk ?? '';
  if (!values.section) problems.push(`--section is missing: use one of ${sections.map((s) => s.slug).join(', ') || '(none yet)'}`);
  else {
    const problem = choiceProblem(section, sections, 'section');
    if (problem) problems.push(`--section ${problem}`);
  }
  if (!values.desk) problems.push(`--desk is missing: use one of ${desks.map((d) => d.slug).join(', ') || '(none yet)'}`);
  else {
    const problem = choiceProblem(desk, desks, 'desk');
    if (problem) problems.push(`--desk ${problem}`);
  }
  const slug = values.slug ?? slugFromHeadline(title);
  if (!titleProblem) {
    const problem = slugProblem(slug, files, true);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new UsageError(`${problems.join('\n')}\nnothing was written.\n${USAGE}`);
  return { title, section, desk, slug };
}

async function askQuestions(sections: Choice[], desks: Choice[], files: Map<string, string>): Promise<Answers> {
  const terminal = process.stdin.isTTY === true;
  // An async iterator keeps piped lines that arrive before their question is asked.
  const rl = createInterface({ input: process.stdin, ...(terminal ? { output: process.stderr } : {}), terminal });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (question: string, check: (answer: string) => string | undefined, fallback = ''): Promise<string> => {
    for (;;) {
      process.stderr.write(question);
      const next = await lines.next();
      if (next.done) throw new UsageError(`no answer to "${question.trim()}"; nothing was written.\n${USAGE}`);
      const answer = next.value.trim() || fallback;
      const problem = check(answer);
      if (!problem) return answer;
      process.stderr.write(`  ${problem}\n`);
    }
  };
  try {
    const title = await ask('Headline: ', (a) => (headlineProblem(a, false) ? `The headline ${headlineProblem(a, false)}` : undefined));
    process.stderr.write(`Sections: ${list(sections)}\n`);
    const section = await ask('Section: ', (a) => choiceProblem(a, sections, 'section'));
    process.stderr.write(`Desks: ${list(desks)}\n`);
    const desk = await ask('Desk: ', (a) => choiceProblem(a, desks, 'desk'));
    const made = slugFromHeadline(title);
    const suggested = made === '' ? '' : freeSlug(made, new Set(files.keys()));
    const slug = await ask(`File name (slug)${suggested ? ` [${suggested}]` : ''}: `, (a) => slugProblem(a, files, false), suggested);
    return { title, section, desk, slug };
  } finally {
    rl.close();
  }
}

function headlineProblem(title: string, asArgument = true): string | undefined {
  if (title.trim() === '')
    return asArgument
      ? 'is missing: give the headline of the story, in quotes, before the options'
      : 'is missing: type the headline of the story';
  const result = articleSchema.shape.title.safeParse(title);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'is not valid');
}

/** Why `slug` cannot name the new file, with a free one to use instead. */
function slugProblem(slug: string, files: Map<string, string>, asArgument: boolean): string | undefined {
  const option = (example: string): string => (asArgument ? `--slug ${example}` : example);
  if (slug === '') return `the headline has no letters a-z or digits to make a file name from: give one, like ${option('harbour-strike')}`;
  if (!isSlug(slug))
    return `"${slug}" cannot be a file name: use lower-case letters a-z, digits and single hyphens, like ${option('harbour-strike')}`;
  const existing = files.get(slug);
  if (existing === undefined) return undefined;
  const free = freeSlug(slug, new Set(files.keys()));
  return `${shown(existing)} already has the slug "${slug}"; slugs are the stories' URLs, so each must be unique. Use another, like ${option(free)}`;
}

function list(choices: readonly Choice[]): string {
  return choices.map((c) => `${c.slug} (${c.name})`).join(', ') || '(none yet)';
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) log.error(error.message);
  else log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
