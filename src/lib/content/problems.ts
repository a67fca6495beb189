/** One thing wrong with the content, in a writer's words. */
export interface Problem {
  /** Path of the file, as the writer would open it (relative to the working folder). */
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** Frontmatter field ("quotes.1.speaker"), or undefined for the file as a whole. */
  field?: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Thrown when content breaks the contract; carries every problem found. */
export class ContentError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(formatProblems(problems));
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** Returns one `file:line field: message` line per problem, sorted by file then line. */
export function formatProblems(problems: readonly Problem[]): string {
  const sorted = sortProblems(problems);
  const files = new Set(sorted.map((p) => p.file)).size;
  const head = `Dateline found ${count(sorted.length, 'problem')} in ${count(files, 'file')}; nothing was built.`;
  return [head, ...sorted.map((p) => `  ${problemLine(p)}`)].join('\n');
}

/** Returns the warnings (content that is valid but probably not meant) in the same `file:line field: message` lines. */
export function formatWarnings(warnings: readonly Problem[]): string {
  const sorted = sortProblems(warnings);
  const head = `Dateline has ${count(sorted.length, 'warning')} (the build will still run):`;
  return [head, ...sorted.map((p) => `  ${problemLine(p)}`)].join('\n');
}

/**
 * Returns each problem as a GitHub Actions workflow command
 * (`::error file=…,line=…,title=…::message`), which the runner shows on the
 * pull request at that line; one command a line, sorted like formatProblems.
 */
export function toWorkflowCommands(problems: readonly Problem[], level: 'error' | 'warning'): string {
  return sortProblems(problems)
    .map((p) => {
      const properties = [`file=${escapeProperty(p.file)}`, ...(p.line ? [`line=${p.line}`] : []), `title=${escapeProperty(`Dateline content${p.field ? `: ${p.field}` : ''}`)}`];
      return `::${level} ${properties.join(',')}::${escapeData(`${p.field ? `${p.field}: ` : ''}${p.message}`)}`;
    })
    .join('\n');
}

function problemLine(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where} ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

// The escapes the Actions runner undoes (actions/toolkit, packages/core/src/command.ts).
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
