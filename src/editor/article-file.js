// How the editor at /admin/ reads and writes a content file (docs/decisions/0012-editor.md).
// Decap's own frontmatter format rewrites the whole frontmatter on every save
// (its field order, its quoting, block lists for flow lists), so an edited
// headline showed as a diff of every line. This format keeps every line of a
// field the writer did not change exactly as it was, writes a changed or new
// field in `npm run new`'s style (free text in double quotes, slugs and dates
// plain, tags as a flow list) and puts a new field in the form's order.
// Plain JavaScript with no imports: the browser loads it as a module from
// /admin/, the unit tests import it (tests/unit/editor-file.test.ts). The
// YAML parser is passed in (js-yaml, served beside it as /admin/js-yaml.js).

/** Where the pre-save hook puts the file as it was opened; never written. */
export const ORIGINAL = '__datelineOriginal';

/** Form fields that steer where a new story is filed and are never written: its slug, and the year folder. */
export const FORM_ONLY = ['slug', 'yearfolder'];

/** Keys whose values are written plain when YAML reads them back as the same string: slugs and dates. */
const PLAIN = new Set(['section', 'desk', 'publishedAt', 'updatedAt', 'date']);

/** The order of the keys inside a group, as docs/content.md lists them (a unit test holds them to the schema). */
export const NESTED_ORDER = {
  image: ['src', 'alt', 'caption', 'credit'],
  source: ['name', 'url'],
  quotes: ['text', 'speaker', 'role'],
  corrections: ['date', 'text'],
  links: ['label', 'url'],
};

/**
 * Splits a file into its frontmatter (ending in a newline, or empty), the blank
 * line after the closing "---" line if there is one (`gap`), and the body.
 */
export function splitFile(text) {
  if (!text.startsWith('---\n')) return { frontmatter: null, gap: '', rest: text };
  const after = text.slice(4);
  const match = /^---[ \t]*(?:\n|$)/m.exec(after);
  if (!match) return { frontmatter: null, gap: '', rest: text };
  const tail = after.slice(match.index + match[0].length);
  const gap = tail.startsWith('\n') ? '\n' : '';
  return { frontmatter: after.slice(0, match.index), gap, rest: tail.slice(gap.length) };
}

const isBlank = (value) => value === undefined || value === null || value === '';

/** A value with object keys sorted, for comparing what the form gives back with what the file said. */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) if (!isBlank(value[key])) out[key] = canonical(value[key]);
    return out;
  }
  return value;
}
const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** The format for Decap's registerCustomFormat: fromFile and toFile over `yaml` (js-yaml). */
export function createFormat(yaml) {
  const load = (source) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) ?? {};
  const readsBack = (text, value) => {
    try {
      return load(`v: ${text}`).v === value;
    } catch {
      return false;
    }
  };

  function scalar(key, value) {
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    const text = String(value);
    if (PLAIN.has(key) && /^[A-Za-z0-9][A-Za-z0-9:+.-]*$/.test(text) && readsBack(text, text)) return text;
    return JSON.stringify(text);
  }

  /** A tag in a flow list: plain when it is words that YAML reads back as the same text, quoted otherwise. */
  const flowItem = (value) => {
    if (typeof value !== 'string') return String(value);
    if (/^[\p{L}\p{N}](?:[\p{L}\p{N} _-]*[\p{L}\p{N}])?$/u.test(value)) {
      try {
        const list = load(`v: [${value}]`).v;
        if (list.length === 1 && list[0] === value) return value;
      } catch {
        // quoted below
      }
    }
    return JSON.stringify(value);
  };

  const ordered = (group, value) => {
    const order = NESTED_ORDER[group] ?? [];
    const keys = [...order.filter((k) => k in value), ...Object.keys(value).filter((k) => !order.includes(k))];
    return keys.filter((k) => !isBlank(value[k]));
  };

  /** The lines of `key: value` at `indent`, in npm run new's style. */
  function lines(key, value, indent = '', group = key) {
    if (Array.isArray(value)) {
      if (value.every((item) => item === null || typeof item !== 'object')) return [`${indent}${key}: [${value.map(flowItem).join(', ')}]`];
      const out = [`${indent}${key}:`];
      for (const item of value) {
        const inner = [];
        for (const k of ordered(group, item)) inner.push(...lines(k, item[k], `${indent}    `, k));
        if (inner.length === 0) continue;
        out.push(`${indent}  - ${inner[0].slice(indent.length + 4)}`, ...inner.slice(1));
      }
      return out;
    }
    if (value && typeof value === 'object') {
      const out = [`${indent}${key}:`];
      for (const k of ordered(group, value)) out.push(...lines(k, value[k], `${indent}  `, k));
      return out;
    }
    return [`${indent}${key}: ${scalar(key, value)}`];
  }

  /** Cuts frontmatter into runs of lines: one per top-level key, and the comments and blank lines between them (key null). */
  function segments(frontmatter) {
    const out = [];
    for (const line of frontmatter.replace(/\n$/, '').split('\n')) {
      const key = /^([A-Za-z_][\w-]*)\s*:(?:\s|$)/.exec(line);
      const continues = /^[\s-]/.test(line) && line.trim() !== '' && !line.trimStart().startsWith('#');
      if (key) out.push({ key: key[1], lines: [line] });
      else if (continues && out.length > 0 && out.at(-1).key !== null) out.at(-1).lines.push(line);
      else if (out.length > 0 && out.at(-1).key === null) out.at(-1).lines.push(line);
      else out.push({ key: null, lines: [line] });
    }
    return out;
  }

  return {
    fromFile(content) {
      const { frontmatter, rest } = splitFile(content);
      const data = frontmatter === null ? {} : load(frontmatter);
      return { ...data, ...(rest.trim() ? { body: rest } : {}) };
    },

    toFile(data, sortedKeys = []) {
      const { body = '', [ORIGINAL]: original, ...fields } = data;
      for (const key of FORM_ONLY) delete fields[key];
      for (const key of Object.keys(fields)) if (isBlank(fields[key])) delete fields[key];
      const order = [...sortedKeys.filter((k) => k in fields), ...Object.keys(fields).filter((k) => !sortedKeys.includes(k))];
      const rank = (key) => (order.includes(key) ? order.indexOf(key) : order.length);
      const before = typeof original === 'string' ? splitFile(original) : null;
      const was = before && before.frontmatter !== null ? load(before.frontmatter) : {};
      const runs = before && before.frontmatter !== null ? segments(before.frontmatter) : [];
      // Fields of the old file: kept line for line when unchanged, rewritten when changed, dropped when emptied.
      const kept = [];
      for (const run of runs) {
        if (run.key === null) kept.push(run);
        else if (!(run.key in fields)) continue;
        else if (same(was[run.key], fields[run.key])) kept.push(run);
        else kept.push({ key: run.key, lines: lines(run.key, fields[run.key]) });
      }
      // New fields: before the first field that comes after them in the form, else after the last field.
      for (const key of order) {
        if (kept.some((run) => run.key === key)) continue;
        const run = { key, lines: lines(key, fields[key]) };
        const next = kept.findIndex((r) => r.key !== null && rank(r.key) > rank(key));
        if (next >= 0) kept.splice(next, 0, run);
        else {
          const last = kept.findLastIndex((r) => r.key !== null);
          kept.splice(last + 1, 0, run);
        }
      }
      const head = `---\n${kept.flatMap((run) => run.lines).join('\n')}${kept.length > 0 ? '\n' : ''}---\n`;
      // An unchanged body is written as it was, with the blank line (or none) it had after the frontmatter.
      if (before && before.rest === body) return `${head}${before.gap}${body}`;
      return body ? `${head}\n${body.endsWith('\n') ? body : `${body}\n`}` : head;
    },
  };
}

/** A slug for a file name, from the writer's slug or the headline: a-z, 0-9 and single hyphens, at most 80 characters, cut at a word. */
export function slugFrom(text) {
  const slug = String(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 80) return slug;
  const cut = slug.slice(0, 81);
  const end = cut.lastIndexOf('-');
  return (end > 0 ? cut.slice(0, end) : cut.slice(0, 80)).replace(/-+$/, '');
}
