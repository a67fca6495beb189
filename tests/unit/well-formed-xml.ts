// A strict well-formedness check for the XML we produce. fast-xml-parser's
// validator accepts control characters that XML 1.0 forbids, so those are
// checked here as well.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

/** Characters no XML 1.0 document may contain, not even as references. */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/**
 * Fails the test unless `xml` is well-formed, then returns it parsed with every
 * value kept as a string, attributes as "@name", and the elements at `lists`
 * (dotted paths such as "rss.channel.item") always arrays.
 */
export function parseWellFormedXml(xml: string, lists: readonly string[] = []): Record<string, any> {
  const result = XMLValidator.validate(xml);
  expect(result, JSON.stringify(result)).toBe(true);
  expect(xml).not.toMatch(FORBIDDEN);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    isArray: (_name, jpath) => lists.includes(String(jpath)),
  });
  return parser.parse(xml);
}
