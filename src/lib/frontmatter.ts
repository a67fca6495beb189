import matter from 'gray-matter';
import yaml from 'js-yaml';

/** A Markdown file split into frontmatter data and body, with line positions. */
export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** 1-based line of each top-level frontmatter key. */
  keyLines: Map<string, number>;
}

/** Why a file's frontmatter could not be read, with the line when known. */
export interface FrontmatterFailure {
  line?: number;
  message: string;
}

// The YAML 1.2 core schema keeps timestamps as the strings the writer typed,
// so "2026-11-24T08:30:00+01:00" keeps its offset instead of becoming a Date.
const engines = {
  yaml: (source: string): object => (yaml.load(source, { schema: yaml.CORE_SCHEMA }) ?? {}) as object,
};

/** Splits and parses a Markdown file; returns a failure instead of throwing. */
export function parseMarkdownFile(withBom: string): ParsedFile | FrontmatterFailure {
  // Some Windows editors start files with a byte-order mark; it is not content.
  const source = withBom.startsWith('\uFEFF') ? withBom.slice(1) : withBom;
  if (!/^---\r?\n/.test(source)) {
    return { line: 1, message: 'has no frontmatter: start the file with a line "---", the fields, then another "---"' };
  }
  let file: matter.GrayMatterFile<string>;
  try {
    // Passing options also turns off gray-matter's cache, which would keep every file in memory.
    file = matter(source, { engines });
  } catch (error) {
    return describeYamlError(error);
  }
  if (typeof file.data !== 'object' || file.data === null || Array.isArray(file.data)) {
    return { line: 2, message: 'frontmatter must be a list of "field: value" lines' };
  }
  const matterLines = file.matter.split('\n').length;
  const keyLines = new Map<string, number>();
  // Line i of file.matter is the file's line i + 1 (it starts with the newline after "---").
  file.matter.split('\n').forEach((text, i) => {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(text)?.[1];
    if (key && !keyLines.has(key)) keyLines.set(key, i + 1);
  });
  return { data: file.data as Record<string, unknown>, body: file.content, bodyLine: matterLines + 2, keyLines };
}

/** True when parseMarkdownFile failed. */
export function isFrontmatterFailure(x: ParsedFile | FrontmatterFailure): x is FrontmatterFailure {
  return 'message' in x;
}

function describeYamlError(error: unknown): FrontmatterFailure {
  if (error instanceof yaml.YAMLException) {
    const reason = error.reason || 'the YAML could not be read';
    // mark.line is 0-based within gray-matter's frontmatter text, which begins
    // with the newline that ends the opening "---" (the file's line 1).
    const line = error.mark ? error.mark.line + 1 : undefined;
    return {
      ...(line ? { line } : {}),
      message: `frontmatter is not valid YAML (${reason}). Check indentation and put text containing ":" or "#" in double quotes`,
    };
  }
  return { message: `frontmatter could not be read: ${String(error)}` };
}
