import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWxr } from '#lib/import/wxr.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/wordpress/export.xml');

describe('parseWxr on the fixture export', () => {
  const wxr = parseWxr(readFileSync(FIXTURE, 'utf8'));

  it('reads the site, its authors (without emails) and categories', () => {
    expect(wxr.title).toBe('Old Harbour News');
    expect(wxr.authors).toEqual([
      { login: 'jdoe', displayName: 'Jane Doe' },
      { login: 'Mark_OBrien', displayName: 'Mark O&#8217;Brien' },
    ]);
    expect(wxr.categories.map((c) => c.nicename)).toEqual(['world', 'business-finance', 'uncategorized', 'unused']);
  });

  it('reads every item with its type, status, terms, meta and comments', () => {
    expect(wxr.items.map((i) => `${i.id}:${i.type}:${i.status}`)).toEqual([
      '10:post:publish',
      '20:post:publish',
      '30:post:draft',
      '35:post:draft',
      '40:post:future',
      '50:post:publish',
      '60:page:publish',
      '70:post:trash',
      '80:nav_menu_item:publish',
      '101:attachment:inherit',
      '102:attachment:inherit',
      '103:attachment:inherit',
    ]);
    const [post] = wxr.items;
    expect(post!.terms).toContainEqual({ domain: 'post_tag', nicename: 'ports', name: 'Ports' });
    expect(post!.meta.get('_thumbnail_id')).toBe('101');
    expect(post!.sticky).toBe(true);
    expect(post!.comments.map((c) => [c.id, c.approved, c.type, c.parent])).toEqual([
      ['11', '1', 'comment', '0'],
      ['12', '1', '', '11'],
      ['13', 'spam', 'comment', '0'],
      ['14', '0', 'comment', '0'],
      ['15', '1', 'pingback', '0'],
      ['16', '1', 'comment', '14'],
    ]);
  });

  it('reads the last edit (post_modified), and leaves it empty where the export has none', () => {
    const undated = wxr.items.find((i) => i.id === '35')!;
    expect([undated.date, undated.dateGmt, undated.modified, undated.modifiedGmt]).toEqual([
      '0000-00-00 00:00:00',
      '0000-00-00 00:00:00',
      '2019-09-02 10:30:00',
      '2019-09-02 09:30:00',
    ]);
    expect(wxr.items[0]!.modified).toBe('');
  });

  it('joins CDATA sections that WordPress split to escape "]]>"', () => {
    expect(wxr.items[1]!.content).toContain('The end ]]> of the accounts.');
  });

  it('decodes XML entities in plain text and leaves CDATA as stored', () => {
    expect(wxr.items[1]!.title).toBe('Council publishes <b>port</b> accounts');
    expect(wxr.items[0]!.title).toBe('Harbour &amp; ferry talks resume &#8211; &#8220;at last&#8221;');
  });
});

describe('parseWxr on files that are not exports', () => {
  it('says when the XML has no channel', () => {
    expect(() => parseWxr('<html><body>hi</body></html>')).toThrow('is not a WordPress export: there is no <rss><channel>');
  });

  it('says when the text is not XML', () => {
    expect(() => parseWxr('<rss><channel><item></channel>')).toThrow(/^is not readable XML/);
  });
});
