import { describe, expect, it } from 'vitest';
import { buildArchive } from '#lib/archive/archive.ts';
import { cutShards, distinctWords, htmlToText, joinSentences, searchRecord, SHARD_BLOCKS, shardKey } from '#lib/search/search-shards.ts';
import { HOUR, makeArticle, makeContent, PUBLISHED_MS } from './factories.ts';

/** `n` articles an hour apart, newest first (as the archive lists them). */
const stories = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    makeArticle({ slug: `story-${i + 1}`, publishedMs: PUBLISHED_MS + i * HOUR, digest: `d${i + 1}` }),
  ).reverse();

describe('cutShards', () => {
  it('cuts from the oldest story in the biggest blocks that fit, then smaller ones, leaving a small open shard', () => {
    const shards = cutShards(stories(23), [10, 4, 2]);
    expect(shards.map((s) => s.id)).toEqual(['0-10', '10-10', '20-2', '22-open']);
    expect(shards[0]!.articles.map((a) => a.slug)).toEqual(Array.from({ length: 10 }, (_, i) => `story-${i + 1}`));
    expect(shards.at(-1)!.articles.map((a) => a.slug)).toEqual(['story-23']);
  });

  it('changes only the open shard, under the same name, when a story is published between folds', () => {
    const before = cutShards(stories(21), [10, 4, 2]);
    const after = cutShards(stories(22), [10, 4, 2]);
    expect(before.map((s) => s.id)).toEqual(['0-10', '10-10', '20-open']);
    expect(after.map((s) => s.id)).toEqual(['0-10', '10-10', '20-2']);
    const next = cutShards(stories(23), [10, 4, 2]);
    expect(next.map((s) => s.id)).toEqual(['0-10', '10-10', '20-2', '22-open']);
    expect(next.slice(0, 3)).toEqual(after);
  });

  it('folds full small blocks into the next size up when they fill it, leaving the big blocks alone', () => {
    const before = cutShards(stories(23), [10, 4, 2]);
    const after = cutShards(stories(24), [10, 4, 2]);
    // 20-2 and 22-open become one block of 4; the blocks of 10 are the same shards as before.
    expect(after.map((s) => s.id)).toEqual(['0-10', '10-10', '20-4']);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
  });

  it('never overlaps in time: each shard holds stories older than the next one', () => {
    const shards = cutShards(stories(57), [16, 8, 4]);
    for (let i = 1; i < shards.length; i++) {
      expect(shards[i - 1]!.articles.at(-1)!.publishedMs).toBeLessThan(shards[i]!.articles[0]!.publishedMs);
    }
    expect(shards.flatMap((s) => s.articles)).toHaveLength(57);
  });

  it('has no shard for an empty archive', () => {
    expect(cutShards([])).toEqual([]);
  });

  it('keeps every shard to 3,000 stories, so indexing one stays under a gigabyte', () => {
    // Pagefind holds about 256 KB per story while it indexes a shard.
    expect(Math.max(...SHARD_BLOCKS)).toBeLessThanOrEqual(3_000);
  });
});

describe('distinctWords', () => {
  it('keeps each word once, lower-cased, split only at white space as Pagefind first splits', () => {
    const words = distinctWords(['Harbour accord: the HARBOUR  reopens.', 'Co-operation\nharbour'], new Set());
    expect([...words]).toEqual(['harbour', 'accord:', 'the', 'reopens.', 'co-operation']);
  });

  it('adds to the words already gathered', () => {
    expect([...distinctWords(['b a'], new Set(['a']))]).toEqual(['a', 'b']);
  });
});

describe('searchRecord', () => {
  const accord = makeArticle({
    slug: 'accord',
    title: 'Harbour accord signed',
    dek: 'Ministers agreed.',
    publishedAt: '2026-05-20T09:00:00+02:00',
    tags: ['Ports', 'EU'],
    source: { name: 'Northwire' },
    corrections: [{ date: '2026-05-21', text: 'An earlier version misspelt Valletta.' }],
    image: { src: './quay.jpg', alt: 'The quay', caption: 'The quay at dusk', credit: 'A photographer' },
  });
  const archive = buildArchive(makeContent([accord, makeArticle({ slug: 'plain', section: 'business' })]), PUBLISHED_MS + HOUR);

  it('records the headline, standfirst and caption first, the source and corrections last, never the credit', () => {
    const record = searchRecord(accord, archive);
    expect(record.lead).toEqual(['Harbour accord signed', 'Ministers agreed.', 'The quay at dusk']);
    expect(record.tail).toEqual(['Source: Northwire', 'An earlier version misspelt Valletta.']);
    expect(JSON.stringify(record)).not.toContain('A photographer');
  });

  it('files the story by section, desk and topic names, with its date sort key in UTC', () => {
    expect(searchRecord(accord, archive)).toMatchObject({
      url: '/world/accord/',
      meta: { title: 'Harbour accord signed', date: '2026-05-20T09:00:00+02:00' },
      filters: { section: ['World'], desk: ['Desk news-desk'], tag: ['Ports', 'EU'] },
      sort: { date: '2026-05-20T07:00:00Z' },
    });
  });

  it('has no topic filter for a story without topics', () => {
    expect(
      searchRecord(
        archive.articles.find((a) => a.slug === 'plain')!,
        archive,
      ).filters,
    ).toEqual({ section: ['Business'], desk: ['Desk news-desk'] });
  });
});

describe('shardKey', () => {
  const archive = buildArchive(makeContent(stories(6)), PUBLISHED_MS + 10 * HOUR);
  const key = (articles = archive.articles) => {
    const [shard] = cutShards(articles, [100]);
    return shardKey(
      shard!,
      shard!.articles.map((a) => searchRecord(a, archive)),
      'v1',
    );
  };

  it('changes when a story in the shard changes, and not when a story in another shard does', () => {
    const articles = archive.articles; // newest first: the three newest are the second shard of blocks [3]
    const keys = (list: typeof articles) =>
      cutShards(list, [3]).map((s) =>
        shardKey(
          s,
          s.articles.map((a) => searchRecord(a, archive)),
          'v1',
        ),
      );
    const [older, newer] = keys(articles);
    const editedNewest = articles.map((a, i) => (i === 0 ? { ...a, digest: 'changed' } : a));
    expect(keys(editedNewest)).toEqual([older, expect.not.stringMatching(`^${newer}$`)]);
    const editedOldest = articles.map((a, i) => (i === articles.length - 1 ? { ...a, digest: 'changed' } : a));
    expect(keys(editedOldest)).toEqual([expect.not.stringMatching(`^${older}$`), newer]);
    // The same stories, as fresh objects, give the same key.
    expect(key(archive.articles.map((a) => ({ ...a })))).toBe(key());
  });
});

describe('joinSentences', () => {
  it('adds a full stop between pieces only where a sentence does not already end', () => {
    expect(joinSentences(['Harbour accord signed', 'Ministers agreed.', '  ', 'Why it matters?', 'He said: “yes.”', 'End'])).toBe(
      'Harbour accord signed. Ministers agreed. Why it matters? He said: “yes.” End',
    );
  });
});

describe('htmlToText', () => {
  it('keeps the words, breaks sentences between blocks and decodes character references', () => {
    expect(htmlToText('<h2>Fish &amp; chips</h2><p>cost &#x3C;€5 &#8212; “cheap”&nbsp;now.</p><p>Queues</p>')).toBe(
      'Fish & chips. cost <€5 — “cheap” now. Queues',
    );
  });

  it('joins inline elements to their words and punctuation, as they are read', () => {
    expect(htmlToText('<p>See the <a href="/x/">board\'s <em>website</em></a>. Then vote!</p>')).toBe(
      "See the board's website. Then vote!",
    );
  });

  it('keeps attribute values out, even with ">" inside quotes', () => {
    expect(htmlToText('<p><img src="https://x.example/a.jpg" alt="fish > chips" loading="lazy"> and <a href=\'#a>b\'>more</a></p>')).toBe(
      'and more',
    );
  });

  it('reads a reference beyond Unicode as a browser does, as the replacement character', () => {
    expect(htmlToText('a &#x110000; b')).toBe('a \uFFFD b');
  });
});
