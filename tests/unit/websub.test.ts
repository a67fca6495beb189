import { describe, expect, it } from 'vitest';
import type { Upload } from '#lib/deploy/plan.ts';
import { changedFeedUrls, pingBody } from '#lib/deploy/websub.ts';

const upload = (key: string, why: Upload['why']): Upload => ({ key, why, size: 1, md5: '0', contentType: '', cacheControl: '', phase: 3 });

describe('WebSub pings', () => {
  it('names the feeds a deploy uploaded because their bytes are new or changed, as absolute URLs', () => {
    const uploads = [
      upload('world/rss.xml', 'changed'),
      upload('rss.xml', 'new'),
      upload('desk/news-desk/rss.xml', 'headers'), // same bytes, new headers: nothing new to announce
      upload('world/harbour/index.html', 'changed'),
      upload('sitemap-0.xml', 'changed'),
    ];
    expect(changedFeedUrls({ uploads }, 'https://news.example')).toEqual([
      'https://news.example/rss.xml',
      'https://news.example/world/rss.xml',
    ]);
    expect(changedFeedUrls({ uploads: [] }, 'https://news.example')).toEqual([]);
  });

  it('writes the publish ping as a form body', () => {
    expect(pingBody('https://news.example/world/rss.xml?a=1&b=2')).toBe(
      'hub.mode=publish&hub.url=https%3A%2F%2Fnews.example%2Fworld%2Frss.xml%3Fa%3D1%26b%3D2',
    );
  });
});
