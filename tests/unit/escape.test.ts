import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, escapeXml, stripXmlForbidden, toScriptJson } from '#lib/render/escape.ts';

describe('escapeXml', () => {
  it('escapes all five XML special characters', () => {
    expect(escapeXml(`Tom & Jerry <b> "quoted" 'single'`)).toBe('Tom &amp; Jerry &lt;b&gt; &quot;quoted&quot; &apos;single&apos;');
  });

  it('escapes an ampersand that already looks like an entity, so the text survives as written', () => {
    expect(escapeXml('&amp; &lt;')).toBe('&amp;amp; &amp;lt;');
  });

  it('drops the control characters XML 1.0 forbids but keeps tab, line feed and carriage return', () => {
    expect(escapeXml('a\u0000b\u0001c\u0008d\u000be\u000cf\u000eg\u001fh\ufffei\uffffj')).toBe('abcdefghij');
    expect(escapeXml('tab\there\nline\rreturn')).toBe('tab\there\nline\rreturn');
  });

  it('keeps non-Latin text and emoji unchanged', () => {
    const text = '東京で港湾協定 اتفاقية الميناء Ελλάδα 🚢';
    expect(escapeXml(text)).toBe(text);
  });
});

describe('stripXmlForbidden', () => {
  it('drops only the forbidden characters and escapes nothing', () => {
    expect(stripXmlForbidden('<a>&\u0001 "x" \u0007日本\t\n')).toBe('<a>& "x" 日本\t\n');
  });
});

describe('toScriptJson', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '<!--',
    '-->',
    ']]>',
    '\u2028',
    '\u2029',
    'Tom & Jerry',
    'line\u2028separator and paragraph\u2029separator',
  ];

  it('never writes "<", ">", "&", U+2028 or U+2029 literally', () => {
    const json = toScriptJson({ headline: hostile.join(' '), list: hostile, nested: { deeper: hostile } });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
  });

  it.each(hostile)('gives back exactly %j when parsed as JSON', (text) => {
    expect(JSON.parse(toScriptJson(text))).toBe(text);
    expect(JSON.parse(toScriptJson({ headline: text, keywords: [text] }))).toEqual({ headline: text, keywords: [text] });
  });

  it('escapes the characters as \\u sequences rather than dropping them', () => {
    expect(toScriptJson('</script>&\u2028')).toBe('"\\u003c/script\\u003e\\u0026\\u2028"');
  });

  it('keeps non-Latin text as is', () => {
    expect(toScriptJson({ name: 'الأخبار 日本' })).toBe('{"name":"الأخبار 日本"}');
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes named, decimal and hex references as a browser reads text', () => {
    expect(decodeHtmlEntities('Fish &amp; chips &#x26; peas &#38; &lt;b&gt; &eacute;t&eacute; &nbsp;')).toBe(
      'Fish & chips & peas & <b> été \u00a0',
    );
  });

  it('leaves text without references as it is, and unknown names alone', () => {
    expect(decodeHtmlEntities('plain text')).toBe('plain text');
    expect(decodeHtmlEntities('a &zzz; b')).toBe('a &zzz; b');
  });
});
