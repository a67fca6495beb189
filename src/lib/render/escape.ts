// Escaping for text we place into markup ourselves (feeds, sitemaps, JSON-LD),
// and the one decoder of HTML character references.
import { decodeHTML } from 'entities';

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** The characters XML 1.0 forbids outright (controls other than tab, LF, CR); they cannot even be escaped. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** The text without the characters XML 1.0 forbids. */
export function stripXmlForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/** Text safe inside XML or HTML elements and double- or single-quoted attributes; forbidden characters are dropped. */
export function escapeXml(text: string): string {
  return stripXmlForbidden(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

/** HTML's character references ("&amp;", "&#x26;", "&eacute;") decoded, as a browser reads text; malformed ones as browsers read them too. */
export function decodeHtmlEntities(html: string): string {
  return html.includes('&') ? decodeHTML(html) : html;
}

/**
 * JSON for a <script type="application/ld+json"> block: "<", ">" and "&" become
 * \u escapes, so no string in it (e.g. "</script>") can end the block or open a
 * comment; U+2028/2029 are escaped for old JavaScript parsers.
 */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
