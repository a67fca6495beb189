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
  const sorted = [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
  const files = new Set(sorted.map((p) => p.file)).size;
  const head = `Dateline found ${count(sorted.length, 'problem')} in ${count(files, 'file')}; nothing was built.`;
  const lines = sorted.map((p) => {
    const where = p.line ? `${p.file}:${p.line}` : p.file;
    return `  ${where} ${p.field ? `${p.field}: ` : ''}${p.message}`;
  });
  return [head, ...lines].join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
