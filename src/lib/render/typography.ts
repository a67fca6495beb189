// Typographic quotes, apostrophes, dashes and ellipses in the site's language
// (docs/decisions/0009-typography.md). SmartyPants (the `smartypants` package)
// decides which straight mark opens and which closes; this file picks the
// characters for the language and keeps SmartyPants away from code, URLs and
// attribute values by handing it text nodes only, never markup.
import type { Element, Root, Text } from 'hast';
import { smartypants } from 'smartypants';

/** The quotation marks a language prints: outer (double) and inner (single), opening and closing. */
export interface QuoteMarks {
  open: string;
  close: string;
  openInner: string;
  closeInner: string;
}

const APOSTROPHE = '’';
const NARROW_NO_BREAK_SPACE = '\u202F';
const MARKS: Readonly<Record<string, QuoteMarks>> = {
  en: { open: '“', close: '”', openInner: '‘', closeInner: '’' },
  de: { open: '„', close: '“', openInner: '‚', closeInner: '‘' },
  // French guillemets keep a thin no-break space inside; nested quotes are English-style.
  fr: {
    open: `«${NARROW_NO_BREAK_SPACE}`,
    close: `${NARROW_NO_BREAK_SPACE}»`,
    openInner: '“',
    closeInner: '”',
  },
};

/** The quotation marks for a language tag ("en-GB", "de-AT", "fr"); English ones for any other language. */
export function quoteMarksFor(language: string): QuoteMarks {
  return MARKS[language.toLowerCase().split('-')[0]!] ?? MARKS['en']!;
}

/** Plain text (a headline, a caption) with typographic quotes, apostrophes, dashes and ellipses. */
export function smartenText(text: string, language: string): string {
  return educate([text], quoteMarksFor(language))[0]!;
}

/**
 * Smartens the text of a hast tree in place: every text node except those in
 * code, pre, kbd, samp, script and style, and link text that is itself a URL.
 * Attribute values are never touched. The text is educated as one run, so a
 * quote that opens before <em> and closes after it pairs up.
 */
export function smartenTree(tree: Root, language: string): void {
  const nodes: Text[] = [];
  const walk = (parent: Root | Element): void => {
    for (const child of parent.children) {
      if (child.type === 'text') {
        if (!(parent.type === 'element' && parent.tagName === 'a' && LOOKS_LIKE_ADDRESS.test(child.value))) nodes.push(child);
      } else if (child.type === 'element' && !VERBATIM.has(child.tagName)) {
        walk(child);
      }
    }
  };
  walk(tree);
  if (!nodes.some((node) => SMARTENABLE.test(node.value))) return;
  const smart = educate(
    nodes.map((node) => node.value),
    quoteMarksFor(language),
  );
  nodes.forEach((node, i) => (node.value = smart[i]!));
}

const VERBATIM = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style']);
const LOOKS_LIKE_ADDRESS = /^\s*(?:[a-z][a-z\d+.-]*:|www\.|\S+@\S+\.\S+\s*$)/i;
/** Only text with one of these has anything to educate: most text nodes are skipped cheaply. */
const SMARTENABLE = /["']|--|\.\.\.|\. \. \./;

// SmartyPants reads "<…>" as a tag, "&…;" as an entity and "\" as an escape.
// Text goes in with those three hidden (private-use characters), so the only
// markup SmartyPants sees is the separator between text pieces, and the only
// entities that come out are the ones it made.
const SEPARATOR = '<s>';
const HIDE: Readonly<Record<string, string>> = {
  '&': '\uE000',
  '<': '\uE001',
  '\\': '\uE002',
};
const SHOW: Readonly<Record<string, string>> = {
  '\uE000': '&',
  '\uE001': '<',
  '\uE002': '\\',
};
// q: quotes; D: "---" em dash, "--" en dash; e: ellipses. No backticks: "``" is code in Markdown.
const SMARTYPANTS_OPTIONS = 'qDe';
const MADE = /&#(82(?:11|12|16|17|20|21|30));/g;

function educate(pieces: readonly string[], marks: QuoteMarks): string[] {
  // Each piece with something to educate goes through SmartyPants on its own
  // (its cost is per piece, so the rest are not sent), as SmartyPants treats
  // the text between two tags: a lone quote mark takes its side from the last
  // character before it; any other piece is read by itself.
  const out = pieces.map((piece, i) => {
    if (!SMARTENABLE.test(piece)) return piece;
    const hidden = piece.replace(/[&<\\]/g, (c) => HIDE[c]!);
    if (piece !== '"' && piece !== "'") return smartypants(hidden, SMARTYPANTS_OPTIONS);
    const before = /\S/.test(pieces[i - 1]?.slice(-1) ?? '') ? 'x' : ' ';
    return smartypants(`${before}${SEPARATOR}${hidden}`, SMARTYPANTS_OPTIONS).split(SEPARATOR)[1]!;
  });
  let openInner = 0;
  return out.map((piece, i) =>
    piece === pieces[i]
      ? piece
      : piece
          .replace(MADE, (entity, code: string, offset: number) => {
            switch (code) {
              case '8211':
                return '–';
              case '8212':
                return '—';
              case '8230':
                return '…';
              case '8220':
                return marks.open;
              case '8221':
                return marks.close;
              case '8216':
                openInner++;
                return marks.openInner;
              default: {
                // SmartyPants writes one character for a closing single quote and an
                // apostrophe, as English prints them; other languages tell them apart.
                const before = offset > 0 ? piece[offset - 1] : out[i - 1]?.at(-1);
                const after = piece[offset + entity.length] ?? out[i + 1]?.[0];
                if (isLetter(before) && isLetter(after)) return APOSTROPHE;
                if (openInner === 0) return APOSTROPHE;
                openInner--;
                return marks.closeInner;
              }
            }
          })
          .replace(/[\uE000-\uE002]/g, (c) => SHOW[c]!),
  );
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /\p{L}/u.test(c);
}
