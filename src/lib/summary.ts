const MAX_SUMMARY = 280;

/** The body's first ordinary paragraph as plain text, cut at a word near 280 characters. */
export function firstParagraphText(markdown: string): string {
  const blocks = markdown.split(/\n\s*\n/);
  for (const block of blocks) {
    const text = block.trim();
    // Skip headings, lists, quotes, tables, code, raw HTML and rules: not a standfirst.
    if (text === '' || /^(#|[-*+] |\d+[.)] |>|\||```|~~~|<|---|\*\*\*)/.test(text)) continue;
    return truncate(plainText(text));
  }
  return '';
}

function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/(\*\*|__|\*|_|`|~~)/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function truncate(text: string): string {
  if (text.length <= MAX_SUMMARY) return text;
  const cut = text.slice(0, MAX_SUMMARY);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_SUMMARY / 2)).replace(/[,;:.\s]+$/, '')}…`;
}
