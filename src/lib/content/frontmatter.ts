// Frontmatter as gray-matter reads it, without gray-matter: it copies each file
// into a Buffer and looks the whole text up as a cache key, which cost a
// third of `check:content`'s time on 10,000 articles. The split below follows
// gray-matter's rules exactly (tests/unit/frontmatter.test.ts compares them).
import { isUtf8 } from 'node:buffer';
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
const parseYaml = (source: string): unknown => yaml.load(source, { schema: yaml.CORE_SCHEMA }) ?? {};

/**
 * Splits a file that starts with "---" and a line break into the frontmatter
 * text (from that line break up to the next "\n---") and the body after it,
 * as gray-matter does: no closing line means it is all frontmatter.
 */
export function splitFrontmatter(source: string): { matter: string; body: string } {
  const rest = source.slice(3);
  const close = rest.indexOf('\n---');
  if (close === -1) return { matter: rest, body: '' };
  let body = rest.slice(close + 4);
  if (body.startsWith('\r')) body = body.slice(1);
  if (body.startsWith('\n')) body = body.slice(1);
  return { matter: rest.slice(0, close), body };
}

/**
 * The text of a file's bytes, or a failure naming the line of the first byte
 * that is not UTF-8: decoding it anyway would publish "caf\uFFFD" for a
 * Latin-1 "café".
 */
export function decodeUtf8(bytes: Uint8Array): string | FrontmatterFailure {
  if (isUtf8(bytes)) return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  // Rare, so slower: the first U+FFFD that the bytes did not spell out (EF BF BD) marks the bad byte.
  const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  let offset = 0;
  let from = 0;
  for (let at = lossy.indexOf('\uFFFD'); at !== -1; at = lossy.indexOf('\uFFFD', at + 1)) {
    offset += encoder.encode(lossy.slice(from, at)).length;
    from = at + 1;
    if (bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd) {
      offset += 3;
      continue;
    }
    const line = lossy.slice(0, at).split('\n').length;
    const byte = bytes[offset] ?? 0;
    const lineText = lossy.slice(lossy.lastIndexOf('\n', at) + 1, at + 1).trimStart();
    const shown = lineText.length > 40 ? `…${lineText.slice(-40)}` : lineText;
    return {
      line,
      message:
        `is not saved as UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} on this line ("${shown}") is not UTF-8 ` +
        `(often a Latin-1 or Windows-1252 letter such as "é"). Open the file, save it as UTF-8 (in most editors: Save with Encoding, UTF-8), and check the line reads right`,
    };
  }
  // isUtf8 and TextDecoder disagree only on surrogates written as bytes; say so without a line.
  return { message: 'is not saved as UTF-8: save it as UTF-8 in your editor' };
}

/** Splits and parses a Markdown file; returns a failure instead of throwing. */
export function parseMarkdownFile(withBom: string): ParsedFile | FrontmatterFailure {
  // Some Windows editors start files with a byte-order mark; it is not content.
  const source = withBom.startsWith('\uFEFF') ? withBom.slice(1) : withBom;
  if (!/^---\r?\n/.test(source)) {
    return { line: 1, message: 'has no frontmatter: start the file with a line "---", the fields, then another "---"' };
  }
  if (source.indexOf('\n---', 3) === -1) {
    return {
      line: 1,
      message:
        'frontmatter is never closed: the "---" on line 1 opens it, but no later line starts with "---". ' +
        'Add a line "---" after the last field, before the story',
    };
  }
  const { matter, body } = splitFrontmatter(source);
  let data: unknown;
  try {
    // Only comments and blank lines: no fields (gray-matter does not ask YAML).
    data = matter.replace(/^\s*#[^\n]+/gm, '').trim() === '' ? {} : parseYaml(matter);
  } catch (error) {
    return describeYamlError(error);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { line: 2, message: 'frontmatter must be a list of "field: value" lines' };
  }
  const lines = matter.split('\n');
  // Line i of the matter is the file's line i + 1 (it starts with the newline after "---").
  return { data: data as Record<string, unknown>, body, bodyLine: lines.length + 2, keyLines: keyLinesOf(lines) };
}

/** The 1-based file line of each top-level key, given the frontmatter's lines. */
function keyLinesOf(lines: readonly string[]): Map<string, number> {
  const keyLines = new Map<string, number>();
  lines.forEach((text, i) => {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(text)?.[1];
    if (key && !keyLines.has(key)) keyLines.set(key, i + 1);
  });
  return keyLines;
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
