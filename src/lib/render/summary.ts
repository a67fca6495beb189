const MAX_SUMMARY = 280;

/** The body's first ordinary paragraph as plain text, cut at a word near 280 characters. */
export function firstParagraphText(markdown: string): string {
  // Block by block, as split(/\n\s*\n/) would cut them, without cutting up the whole body.
  const blankLine = /\n\s*\n/g;
  let start = 0;
  for (;;) {
    const gap = blankLine.exec(markdown);
    const text = markdown.slice(start, gap ? gap.index : undefined).trim();
    // Skip headings, lists, quotes, tables, code, raw HTML and rules: not a standfirst.
    if (text !== '' && !/^(#|[-*+] |\d+[.)] |>|\||```|~~~|<|---|\*\*\*)/.test(text)) return truncate(plainText(text));
    if (!gap) return '';
    start = blankLine.lastIndex;
  }
}

function plainText(markdown: string): string {
  return (
    markdown
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<\/?[A-Za-z][^>]*>/g, '')
      // One pass, so an escaped character ("5\*") is kept while unescaped emphasis
      // marks go; "_" counts as a mark only at a word's edge, so snake_case survives.
      .replace(
        /\\([\\`*_{}[\]()#+\-.!])|\*\*|\*|`|~~|(?<![\p{L}\p{N}])__?|__?(?![\p{L}\p{N}])/gu,
        (_mark, escaped?: string) => escaped ?? '',
      )
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function truncate(text: string): string {
  if (text.length <= MAX_SUMMARY) return text;
  const cut = text.slice(0, MAX_SUMMARY);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_SUMMARY / 2)).replace(/[,;:.\s]+$/, '')}…`;
}
